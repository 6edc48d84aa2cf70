"""Tile sparklines as tiny inline SVG images.

``st.metric``'s own sparkline is a Vega-Lite chart, re-embedded on every rerun: eight of them cost ~120 ms of
browser time per range change (headless Chromium), more than the rest of the overview's tiles together. An
``<img>`` of a few hundred bytes costs next to nothing to redraw. The SVG holds only numbers and a colour
from this module, never outside text; ``components.tiles`` sends it base64-encoded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

WIDTH, HEIGHT, PAD = 240, 44, 2.0
BUCKETS = WIDTH // 2  # more points than this cannot be told apart at this width


def _floats(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _decimate(values: list[float]) -> list[tuple[int, float]]:
    """(index, value) pairs to draw: all of them for short series; else each bucket's low and high, in order.

    Keeping every bucket's extremes keeps the line's true range (a crash day stays visible), and every point
    drawn is a real close at its real position.
    """
    points = list(enumerate(values))
    if len(points) <= 2 * BUCKETS:
        return points
    out: list[tuple[int, float]] = []
    size = len(points) / BUCKETS
    for b in range(BUCKETS):
        chunk = [p for p in points[int(b * size) : int((b + 1) * size)] if math.isfinite(p[1])]
        if not chunk:
            continue
        low, high = min(chunk, key=lambda p: p[1]), max(chunk, key=lambda p: p[1])
        out.extend(sorted({low, high}))
    return out


def sparkline_svg(values: Sequence[float | None], color: str) -> str:
    """A line through ``values`` on a fixed canvas, lowest at the bottom; a gap (NaN, None) breaks the line."""
    values = _floats(values)
    finite = [v for v in values if math.isfinite(v)]
    if len(finite) < 2:
        return ""
    lo, hi = min(finite), max(finite)
    last = max(len(values) - 1, 1)
    path, pen_up = [], True
    for i, v in _decimate(values):
        if not math.isfinite(v):
            pen_up = True
            continue
        x = i / last * WIDTH
        y = PAD + (hi - v) / (hi - lo) * (HEIGHT - 2 * PAD) if hi != lo else HEIGHT / 2
        path.append(f"{'M' if pen_up else 'L'}{x:.1f} {y:.1f}")
        pen_up = False
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none"><path d="{" ".join(path)}" fill="none" '
        f'stroke="{color}" stroke-width="1.6" stroke-linejoin="round"/></svg>'
    )
