"""Static HTML tables built from outside text: every cell inert, links only inside the app."""

from __future__ import annotations

from components.tables import html_table, link, pill


def test_cells_and_headers_are_escaped():
    html = html_table(["<b>market</b>"], [["<img src=x onerror=alert(1)>"], ["A & B"]])
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "A &amp; B" in html
    assert html.count("<tr>") == 3  # the header and one row each


def test_links_stay_inside_the_app():
    assert link("open", "/crypto?range=1m&section=btc-90k") == (
        '<a href="/crypto?range=1m&amp;section=btc-90k">open</a>'
    )
    for outside in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)", "crypto"):
        assert "<a" not in link("open", outside), outside


def test_pills_escape_their_text_and_numeric_columns_align_right():
    html = html_table(["verdict", "return"], [[pill("<Supported>", "good"), "+1.0%"]], numeric=(1,))
    assert '<span class="sl-pill sl-good">&lt;Supported&gt;</span>' in html
    assert '<th class="sl-num">return</th>' in html and '<td class="sl-num">+1.0%</td>' in html


def test_frame_table_formats_per_column_shows_missing_values_and_keeps_the_index():
    import pandas as pd

    from components.tables import frame_table

    frame = pd.DataFrame(
        {"event session": ["2025-11-21", None], "return": [-0.0882, None], "days": [37, 12]},
        index=pd.Index(["SK Hynix", "<Micron>"]),
    )
    html = frame_table(frame, {"return": "{:+.1%}", "days": "{:.0f}"})
    assert '<th></th><th>event session</th><th class="sl-num">return</th><th class="sl-num">days</th>' in html
    assert '<td>SK Hynix</td><td>2025-11-21</td><td class="sl-num">-8.8%</td><td class="sl-num">37</td>' in html
    assert '<td>&lt;Micron&gt;</td><td>n/a</td><td class="sl-num">n/a</td><td class="sl-num">12</td>' in html
    assert frame_table(frame[["return"]], "{:+.0f}").count('<td class="sl-num">') == 2  # one format for every column


def test_tiles_verdicts_and_tables_share_one_tone_vocabulary():
    """A tile's move badge, a verdict pill and a verdict line colour the same tone the same way."""
    from analytics.claims import NOT_SUPPORTED, NOT_TESTABLE, SUPPORTED
    from components import section_parts, tables, tiles

    assert tables.TONE_CSS in tables.STYLE and tables.TONE_CSS in tiles.STYLE
    assert len({tables.TONE_COLOR[tone] for tone in ("good", "mixed", "bad", "none")}) == 4
    for tone, color in tables.TONE_COLOR.items():
        assert f".sl-{tone} {{ color: {color};" in tables.TONE_CSS
    assert "#" not in tables.STYLE.split(".sl-table {")[1].split("}")[0]  # text inherits the theme's colour
    assert tables.tone_class("<script>") == "sl-none"
    assert 'class="sl-pill sl-good"' in section_parts.verdict_pill(SUPPORTED)
    assert 'class="sl-pill sl-bad"' in section_parts.verdict_pill(NOT_SUPPORTED)
    assert 'class="sl-pill sl-none"' in section_parts.verdict_pill(NOT_TESTABLE)
    assert [tiles.move_tone(m, inverse) for m, inverse in ((0.1, False), (0.1, True), (-0.1, True), (0.0, False))] == [
        "good",
        "bad",
        "good",
        "none",
    ]


def test_frame_table_headers_rename_for_display_only():
    import pandas as pd

    from components.tables import frame_table

    frame = pd.DataFrame({"beta to BTC": [1.234]}, index=["HOOD"])
    html = frame_table(frame, {"beta to BTC": "{:.2f}"}, headers={"beta to BTC": "对 BTC 的 <beta>"})
    assert "对 BTC 的 &lt;beta&gt;" in html and "beta to BTC" not in html and ">1.23</td>" in html
    assert list(frame.columns) == ["beta to BTC"]


def test_a_rounded_zero_never_carries_a_sign():
    import pandas as pd

    from components.tables import frame_table

    html = frame_table(pd.DataFrame({"bp": [-0.3, 0.2, -1.6]}, index=["2y", "10y", "3m"]), "{:+.0f}")
    assert ">-0<" not in html and ">+0<" not in html and ">0<" in html and ">-2<" in html


def test_coverage_line_names_full_partial_and_missing_series_over_the_range():
    import datetime as dt

    from components.badges import coverage_text
    from data_sources.schema import empty_frame
    from tests.frames import bars

    def served(key, label, start, n):
        frame = bars([(1, 1, 1, 1, 1)] * n, start=start)
        frame.attrs.update(key=key, label=label, as_of=f"2025-12-0{n % 9 + 1}T00:00:00")
        return frame

    missing = empty_frame()
    missing.attrs.update(key="dxy", label="DXY")
    frames = {
        "spx": served("spx", "S&P 500", "2025-11-01", 30),  # the whole range
        "sk_hynix": served("sk_hynix", "SK Hynix", "2025-11-12", 19),  # starts 11 days in
        "vix": served("vix", "VIX", "2025-10-01", 10),  # ends before the range
        "dxy": missing,
    }
    text = coverage_text(frames, ("spx", "sk_hynix", "vix", "dxy"), dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    assert "S&P 500" in text and "SK Hynix from 2025\\-11\\-12" in text
    assert "VIX" in text.split("none")[-1] and "DXY" in text.split("none")[-1]
    assert "2025\\-11\\-12" not in text.split("SK Hynix")[0]  # S&P 500 is whole: no date beside it


def test_a_wide_table_shows_its_rows_as_cards_on_a_phone_and_a_narrow_one_stays_a_table():
    import re

    from components.tables import CARDS_FROM

    def carded(html: str) -> bool:
        return re.search(r'<table class="[^"]*\bsl-cards', html) is not None

    wide = html_table([f"c{i}" for i in range(CARDS_FROM)], [[str(i) for i in range(CARDS_FROM)]])
    narrow = html_table([f"c{i}" for i in range(CARDS_FROM - 1)], [[str(i) for i in range(CARDS_FROM - 1)]])
    assert carded(wide) and all(f'data-label="c{i}"' in wide for i in range(CARDS_FROM))
    assert not carded(narrow) and 'data-label="' not in narrow
    assert not carded(html_table(["a"] * CARDS_FROM, [["x"] * CARDS_FROM], cards=False))  # asked not to
