"""Tile sparklines: real closes drawn as a tiny SVG, nothing else inside it."""

from __future__ import annotations

import re

from components import sparkline as sp


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
    assert sp.sparkline_svg([None, None], "red") == ""
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
