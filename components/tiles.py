"""The overview's headline tiles as one HTML block.

Eight bordered containers, each holding an ``st.metric`` and a caption, were 24 elements that the browser
re-rendered on every range change (~50 ms of the overview's redraw in headless Chromium). One ``st.html``
block is one element. Every piece of text is HTML-escaped here; the only markup is this module's own, and
the sparkline is an ``<img>`` of an SVG that holds nothing but numbers and a colour.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape
from typing import Any

from components.sparkline import HEIGHT, sparkline_svg
from components.tables import RULE, TONE_COLOR, TONE_CSS, tone_class

STYLE = f"""<style>
.sl-tiles {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }}
.sl-tile {{ border: 1px solid {RULE}; border-radius: 0.5rem; padding: 0.75rem 1rem; color: inherit; }}
.sl-label {{ font-size: 0.875rem; }}
.sl-value {{ font-size: 2.25rem; line-height: 1.25; font-variant-numeric: tabular-nums; }}
.sl-delta {{ display: inline-block; font-size: 0.8rem; padding: 0 0.5rem; border-radius: 1rem; }}
{TONE_CSS}
.sl-spark {{ display: block; width: 100%; height: {HEIGHT}px; margin: 0.5rem 0 0.25rem; }}
.sl-caption {{ font-size: 0.8rem; opacity: 0.72; line-height: 1.5; }}
</style>"""


def move_tone(move: float | None, inverse: bool, red_up: bool = False) -> str:
    """A rise is good news (green), except for an ``inverse`` series (a falling VIX reads as good news). With
    ``red_up`` (the Chinese convention, ``lang=zh``) the colour says the direction instead: a rise red, a fall
    green, whatever the series."""
    if not move:
        return "none"
    if red_up:
        return "bad" if move > 0 else "good"
    return "good" if (move > 0) != inverse else "bad"


def spark_color(range_move: float | None, inverse: bool, red_up: bool = False) -> str:
    """The line's colour follows its move over the range, in the tones of the event badge."""
    return TONE_COLOR[move_tone(range_move, inverse, red_up)]


def _delta(text: str | None, move: float | None, inverse: bool, red_up: bool = False) -> str:
    if not text or move is None:
        return ""
    arrow = "↑" if move > 0 else "↓" if move < 0 else ""
    return f'<span class="sl-delta {tone_class(move_tone(move, inverse, red_up))}">{arrow} {escape(text)}</span>'


def _spark(values: Sequence[float | None], color: str, alt: str) -> str:
    svg = sparkline_svg(values, color)
    if not svg:
        return ""
    data = base64.b64encode(svg.encode()).decode()
    return f'<img class="sl-spark" alt="{escape(alt)}" src="data:image/svg+xml;base64,{data}">'


def tile_html(model: dict[str, Any], spark_alt: str) -> str:
    """One tile: label, last value, the event-session move as a coloured badge, the range's sparkline, the sessions.

    ``model`` is what the overview computes per series (label, value, delta, event_move, spark, range_move,
    inverse, caption, help); a model without ``value`` is a series with no data in range, shown as n/a.
    """
    label, help_text = escape(model["label"]), escape(model.get("help") or "")
    if "value" not in model:
        return (
            f'<div class="sl-tile" role="listitem" title="{help_text}"><div class="sl-label">{label}</div>'
            f'<div class="sl-value">n/a</div><div class="sl-caption">{help_text}</div></div>'
        )
    red_up = bool(model.get("red_up"))
    spark = _spark(model["spark"], spark_color(model["range_move"], model["inverse"], red_up), spark_alt)
    return (
        f'<div class="sl-tile" role="listitem" title="{help_text}"><div class="sl-label">{label}</div>'
        f'<div class="sl-value">{escape(model["value"])}</div>'
        f"{_delta(model['delta'], model.get('event_move'), model['inverse'], red_up)}{spark}"
        f'<div class="sl-caption">{escape(model["caption"])}</div></div>'
    )


def tiles_html(models: Sequence[dict[str, Any]], spark_alts: Sequence[str]) -> str:
    """Every tile in one responsive grid (four across on a wide screen, fewer on a narrow one)."""
    cards = "".join(tile_html(m, alt) for m, alt in zip(models, spark_alts, strict=True))
    return f'{STYLE}<div class="sl-tiles" role="list">{cards}</div>'
