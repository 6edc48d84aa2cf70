"""Tile sparklines: real closes drawn as a tiny SVG, nothing else inside it."""

from __future__ import annotations

import base64
import re

from components import sparkline as sp
from tests.apptest_helpers import open_app


def _path_points(svg: str) -> list[tuple[str, float, float]]:
    d = re.search(r' d="([^"]*)"', svg).group(1)
    return [(cmd, float(x), float(y)) for cmd, x, y in re.findall(r"([ML])([\d.]+) ([\d.]+)", d)]


def test_the_line_spans_the_canvas_with_the_low_at_the_bottom():
    points = _path_points(sp.sparkline_svg([10, 12, 8, 11], "#26A69A"))
    assert [p[0] for p in points] == ["M", "L", "L", "L"]
    assert points[0][1] == 0 and points[-1][1] == sp.WIDTH
    ys = [p[2] for p in points]
    assert max(ys) == ys[2] == sp.HEIGHT - sp.PAD  # 8, the lowest close
    assert min(ys) == ys[1] == sp.PAD  # 12, the highest


def test_a_gap_breaks_the_line_and_is_not_bridged():
    cmds = [p[0] for p in _path_points(sp.sparkline_svg([1, 2, None, 3, float("nan"), 4, 5], "red"))]
    assert cmds == ["M", "L", "M", "M", "L"]


def test_nothing_to_draw_gives_no_image():
    assert sp.sparkline_svg([], "red") == "" and sp.sparkline_svg([3.0], "red") == ""
    assert sp.sparkline_markdown([None, None], "red", "x") == ""
    flat = _path_points(sp.sparkline_svg([5, 5, 5], "red"))
    assert {p[2] for p in flat} == {sp.HEIGHT / 2}


def test_long_series_keep_each_buckets_extremes():
    values = [100.0] * 5000
    values[2500], values[4000] = 20.0, 180.0  # one crash day and one spike among 5000 closes
    points = _path_points(sp.sparkline_svg(values, "red"))
    assert len(points) <= 2 * sp.BUCKETS
    ys = [p[2] for p in points]
    assert max(ys) == sp.HEIGHT - sp.PAD and min(ys) == sp.PAD  # both extremes survive decimation
    assert [p[1] for p in points] == sorted(p[1] for p in points)  # in time order


def test_markdown_image_carries_only_the_svg():
    md = sp.sparkline_markdown([1, 2, 3], "#EF5350", "BTC over the selected range")
    alt, payload = re.fullmatch(r"!\[(.*)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", md).groups()
    assert alt == "BTC over the selected range"
    svg = base64.b64decode(payload).decode()
    assert svg.startswith("<svg") and 'stroke="#EF5350"' in svg and "BTC" not in svg


def test_overview_tiles_draw_svg_sparklines_not_vega_charts():
    at = open_app("", {"source": "snapshot"})
    assert not at.exception
    metrics = at.get("metric")
    assert len(metrics) == 8
    assert all(not m.proto.chart_data for m in metrics)  # no Vega sparkline to re-embed on every rerun
    sparks = [c.value for c in at.caption if "data:image/svg+xml;base64," in c.value]
    assert len(sparks) == sum(m.proto.body != "n/a" for m in metrics) > 0
