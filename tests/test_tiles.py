"""Overview tiles as one HTML block: every word escaped, colours by direction, sparkline only numbers."""

from __future__ import annotations

import base64
import re

from components import tiles
from components.tables import TONE_COLOR
from tests.apptest_helpers import open_app


def _model(**over):
    base = {
        "label": "BTC",
        "value": "$85,091.00",
        "delta": "-1.8%",
        "event_move": -0.018,
        "spark": [3, 2, 1],
        "range_move": -0.21,
        "inverse": False,
        "caption": "24h UTC session 2025-11-21: -1.8%",
        "help": "24h UTC session; range -21%",
    }
    return {**base, **over}


def test_a_tile_shows_value_delta_sparkline_and_sessions_with_everything_escaped():
    html = tiles.tile_html(
        _model(label="<b>BTC</b>", caption="a & b <script>", help='x" onmouseover="y'), 'BTC "over" the range'
    )
    assert "<b>" not in html and "<script>" not in html and 'onmouseover="y' not in html
    assert "&lt;b&gt;BTC&lt;/b&gt;" in html and "a &amp; b &lt;script&gt;" in html
    assert '<span class="sl-delta sl-bad">↓ -1.8%</span>' in html
    alt, payload = re.search(r'alt="([^"]*)" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html).groups()
    assert alt == "BTC &quot;over&quot; the range"
    svg = base64.b64decode(payload).decode()
    assert svg.startswith("<svg") and f'stroke="{TONE_COLOR["bad"]}"' in svg and "BTC" not in svg


def test_inverse_series_read_a_fall_as_good_news_in_badge_and_line():
    html = tiles.tile_html(_model(label="VIX", delta="-11.3%", event_move=-0.113, range_move=-0.2, inverse=True), "")
    assert 'class="sl-delta sl-good">↓ -11.3%' in html  # down arrow, good-news colour
    assert (
        tiles.spark_color(-0.2, inverse=True) == TONE_COLOR["good"]
        and tiles.spark_color(0.2, inverse=False) == TONE_COLOR["good"]
    )
    assert (
        tiles.spark_color(None, inverse=False) == TONE_COLOR["none"]
        and tiles.spark_color(0.0, inverse=True) == TONE_COLOR["none"]
    )


def test_a_series_without_data_shows_na_and_says_why():
    html = tiles.tile_html({"label": "NDX", "help": "NDX is not available offline"}, "")
    assert '<div class="sl-value">n/a</div>' in html and "NDX is not available offline" in html
    assert "<img" not in html and "sl-delta" not in html


def test_overview_sends_its_tiles_as_one_block_with_svg_sparklines():
    at = open_app("", {"source": "snapshot"})
    assert not at.exception
    assert not at.get("metric")  # no Vega sparkline to re-embed on every rerun, no 24 elements to redraw
    block = next(h.proto.body for h in at.get("html") if 'class="sl-tiles"' in h.proto.body)
    values = re.findall(r'<div class="sl-value">([^<]*)</div>', block)
    assert len(values) == 8
    assert block.count('class="sl-spark"') == sum(v != "n/a" for v in values) > 0


def test_the_reader_chooses_the_tiles_and_the_link_keeps_them():
    """``tiles=`` (#32): the thesis's own story (KOSPI, HOOD, COIN) on the overview's tiles, in the order asked,
    kept by the share link; an unknown key gets a notice and the default set."""
    from components import url_state
    from components.view import schema

    at = open_app("", {"source": "snapshot", "tiles": "kospi,hood,coin"})
    assert not at.exception
    block = next(h.proto.body for h in at.get("html") if 'class="sl-tiles"' in h.proto.body)
    assert re.findall(r'<div class="sl-label">([^<]*)</div>', block) == ["KOSPI", "HOOD", "COIN"]
    values, notices = schema().parse({"tiles": "kospi,hood,coin"})
    assert not notices and url_state.to_query(values, "", schema())["tiles"] == "kospi,hood,coin"
    bad = open_app("", {"source": "snapshot", "tiles": "kospi,nosuch"})
    shown = " ".join(str(w.value) for w in bad.warning)
    assert "tiles" in shown and not bad.exception
    block = next(h.proto.body for h in bad.get("html") if 'class="sl-tiles"' in h.proto.body)
    assert len(re.findall(r'<div class="sl-value">', block)) == 8  # the default set
