"""Every page in Streamlit's AppTest on the snapshot: runs clean, draws charts, keeps URL state."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pandas as pd
import pytest

from analytics import claims
from components import charts, theme
from tests.apptest_helpers import PAGE_FILES, chart_count, go_to, open_app, texts

EVENT_WINDOW = {"range": "custom", "start": "2025-10-01", "end": "2025-12-05", "source": "snapshot", "section": "all"}
NO_EVENT_WINDOW = {
    "range": "custom",
    "start": "2026-01-05",
    "end": "2026-03-06",
    "source": "snapshot",
    "section": "all",
}


@pytest.mark.parametrize("page", list(PAGE_FILES))
@pytest.mark.parametrize("query", [EVENT_WINDOW, NO_EVENT_WINDOW], ids=["event-window", "no-event-window"])
def test_page_runs_and_draws(page, query):
    at = open_app(page, query)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert chart_count(at) >= 1


def test_url_parameters_round_trip_into_widgets_and_back():
    query = {
        "range": "custom",
        "start": "2025-10-01",
        "end": "2025-12-05",
        "event": "2025-11-20",
        "source": "snapshot",
        "window": "90",
        "level": "85000",
        "chart": "line",
    }
    at = open_app("crypto", query)
    assert at.sidebar.radio(key="g_range").value == "custom"
    assert at.sidebar.selectbox(key="g_source").value == "snapshot"
    assert str(at.sidebar.date_input(key="g_event").value) == "2025-11-20"
    assert [str(d) for d in at.sidebar.date_input(key="g_dates").value] == ["2025-10-01", "2025-12-05"]
    assert at.session_state["p_window"] == 90 and at.session_state["p_level"] == 85000.0
    assert {k: at.query_params[k] for k in query} == query


def test_changing_a_control_rewrites_the_url_and_survives_page_switches():
    at = open_app("crypto", {"source": "snapshot", "window": "30"})
    at.sidebar.radio(key="g_range").set_value("3m").run()
    assert at.query_params["range"] == "3m"
    go_to(at, "macro").run()
    assert at.query_params["range"] == "3m"  # Streamlit would clear it (streamlit#7982); we re-write it
    assert "window" not in at.query_params
    go_to(at, "crypto").run()
    assert at.query_params["window"] == "30"  # the page control came back with its page
    assert at.sidebar.radio(key="g_range").value == "3m"


def test_bad_links_give_notices_and_still_render():
    at = open_app(
        "", {"range": "custom", "start": "2025-99-01", "end": "2025-12-05", "source": "<b>x</b>", "event": "not-a-date"}
    )
    warnings = [w.value for w in at.warning]
    assert any("**start**" in w for w in warnings)
    assert any("**source**" in w for w in warnings)
    assert any("**event**" in w for w in warnings)
    assert not at.exception and chart_count(at) >= 1
    assert at.sidebar.selectbox(key="g_source").value == "auto"


def test_page_file_run_directly_goes_through_the_frame():
    """What a fresh server does with /crypto before any session ran app.py (streamlit#9624)."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest_helpers import ROOT

    at = AppTest.from_file(str(ROOT / "pages" / "crypto.py"), default_timeout=90)
    at.query_params["source"] = "snapshot"
    at.run()
    assert not at.exception
    assert at.sidebar.radio(key="g_range").value == "event"  # the frame's controls are there
    assert chart_count(at) >= 1


@pytest.mark.parametrize("page", ["crypto", "global-tech", "macro"])
def test_each_section_renders_alone_from_its_link(page):
    from tests.urls import PAGES

    headers_seen = []
    for section in PAGES[page].section_ids:
        at = open_app(page, {"source": "snapshot", "section": section})
        assert not at.exception and not at.error, (section, [e.value for e in at.exception])
        headers = [h.value for h in at.header]
        assert len(headers) == 1, (section, headers)  # only the chosen section is computed and drawn
        headers_seen.append(headers[0])
        assert at.query_params["section"] == section
    assert len(set(headers_seen)) == len(PAGES[page].section_ids)
    everything = open_app(page, {"source": "snapshot", "section": "all"})
    assert [h.value for h in everything.header] == headers_seen


def test_section_bar_rewrites_the_url_and_each_page_keeps_its_section():
    at = open_app("crypto", {"source": "snapshot"})
    assert at.query_params["section"] == "btc-90k"
    at.get("button_group")[0].set_value("btc-leads").run()
    assert at.query_params["section"] == "btc-leads"
    assert [h.value for h in at.header] == ["Does crypto lead?"]
    go_to(at, "macro").run()
    assert at.query_params["section"] == "cut-odds"
    go_to(at, "crypto").run()
    assert at.query_params["section"] == "btc-leads"
    assert [h.value for h in at.header] == ["Does crypto lead?"]


def test_scoreboard_links_open_the_claims_section():
    from urllib.parse import parse_qs, urlsplit

    from analytics.claims import load_claims

    at = open_app("", {"source": "snapshot", "range": "1m", "section": "rates"})
    board = next(h.proto.body for h in at.get("html") if "<th>verdict</th>" in h.proto.body)
    claims = {c.id: c for c in load_claims()}
    assert board.count("<tr>") == len(claims) + 1  # the header, then one row per claim
    links = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)">open</a>', board)]
    assert len(links) == len(claims)
    for link in links:
        url = urlsplit(link)
        query = parse_qs(url.query)
        page = url.path.strip("/")
        assert query["section"][0] in claims and claims[query["section"][0]].page == page, link
        assert query["range"] == ["1m"] and not url.fragment  # the rest of the view travels with the link


def test_wick_section_draws_open_interest_and_funding_when_a_venue_serves_them(live_on):
    import pandas as pd

    from data_sources import service
    from data_sources.derivatives import DerivativesFetcher
    from tests import recorded
    from tests.test_adapters import _binanceusdm

    start_ms = int(pd.Timestamp("2025-11-18", tz="UTC").timestamp() * 1000)
    live_on.setitem(
        service.FETCHERS,
        "derivatives",
        lambda: DerivativesFetcher(
            ["binanceusdm"],
            factory=lambda _id: _binanceusdm(
                [recorded.binance_funding(start_ms, 15)], [recorded.binance_open_interest(start_ms, 120)]
            )[0],
        ),
    )
    service.BREAKER.reset()
    try:
        at = open_app("crypto", {"source": "auto", "section": "btc-wick"})
    finally:
        service.BREAKER.reset()
    assert not at.exception
    specs = [el.proto.spec for el in at.get("plotly_chart")]
    assert len(specs) == 2 and "open interest" in specs[1] and "funding" in specs[1]
    # served live, or from the disk cache of that live download (the verdict's funding load may come first)
    assert re.search(
        r"BTC perp OI: (cache:)?derivatives:binanceusdm", " ".join(c.value for c in at.caption).replace("\\", "")
    )


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_chart_is_drawn_in_the_house_template_with_streamlits_theme_off(page):
    """Streamlit's theme re-parses every figure in the browser on every rerun; ours travels in the figure,
    with margins fitted to its labels."""
    at = open_app(page, EVENT_WINDOW)
    drawn = at.get("plotly_chart")
    assert drawn
    for el in drawn:
        assert el.proto.theme == ""  # theme=None
        layout = json.loads(el.proto.spec)["layout"]
        house = layout["template"]["layout"]
        assert house["paper_bgcolor"] == charts.template()["layout"]["paper_bgcolor"]
        assert house["font"]["color"] == theme.DARK.text  # AppTest has no theme: dark
        assert house["yaxis"]["automargin"] is True  # labels wider than the margins still fit
        assert layout["margin"]["b"] >= charts.LABEL_MARGIN["b"]  # drawn through charts.fit_margins


def test_provenance_table_is_not_sent_until_opened():
    at = open_app("macro", {"source": "snapshot"})
    assert [e.label for e in at.expander if "rovenance" in e.label]
    assert not at.dataframe or all("publisher" not in d.value.columns for d in at.dataframe)


def test_csv_headers_name_key_label_and_unit_values_are_rounded_and_files_say_what_they_hold():
    """The README's CSV convention: headers with key, label and unit; ISO dates (a day for a daily bar, a UTC instant
    for an intraday one); whole numbers without .0, other floats to 8 significant digits; the file named for the
    dates it holds, not the view's range."""
    from components.section_parts import csv_bytes, csv_name, data_span

    wide = pd.DataFrame(
        {"btc": [-1.9999999999999574, 86000.12345678912], "days": [3.0, 4.0]},
        index=pd.to_datetime(["2025-11-20", "2025-11-21"]),
    )
    lines = csv_bytes(wide).decode().splitlines()
    assert lines == ["date,btc: BTC (USD),days", "2025-11-20,-2.0,3", "2025-11-21,86000.123,4"]
    hourly = pd.DataFrame({"close": [85000.5]}, index=pd.DatetimeIndex(["2025-11-21 07:00"], tz="UTC", name="ts"))
    assert csv_bytes(hourly).decode().splitlines() == ["ts,close", "2025-11-21T07:00Z,85000.5"]
    assert data_span(wide) == ("2025-11-20", "2025-11-21")
    assert (
        csv_name("btc_wick_bars", "crypto", *data_span(hourly))
        == "selloff-lens_crypto_btc_wick_bars_2025-11-21_2025-11-21.csv"
    )


def test_csv_bytes_keep_a_meaningful_index_and_drop_a_range_index():
    import pandas as pd

    from components.section_parts import csv_bytes

    dated = pd.DataFrame({"close": [1.5, 2.0]}, index=pd.Index(["2025-11-20", "2025-11-21"], name="day"))
    assert csv_bytes(dated).decode().splitlines() == ["day,close", "2025-11-20,1.5", "2025-11-21,2.0"]
    plain = pd.DataFrame({"ts": ["2025-11-21"], "close": [85091.0]})
    assert csv_bytes(plain).decode().splitlines() == ["ts,close", "2025-11-21,85091"]
    unnamed = pd.DataFrame({"beta": [1.25]}, index=pd.Index(["hood"]))
    assert csv_bytes(unnamed).decode().splitlines()[0] == "item,beta"  # never an empty first header


def test_csv_downloads_are_written_on_click_not_on_every_run():
    at = open_app("crypto", {"source": "snapshot"})
    buttons = at.get("download_button")
    assert buttons and all(b.proto.HasField("deferred_file_id") and not b.proto.url for b in buttons)


def test_macro_cut_odds_draws_the_reported_figures_only_where_the_view_shows_them():
    """Offline there are no futures: the thesis's reported odds are the markers, and a view without them says so."""
    shown = open_app("macro", {"source": "snapshot", "section": "cut-odds"})
    spec = json.loads(shown.get("plotly_chart")[0].proto.spec)
    markers = [tr for tr in spec["data"] if tr.get("name") == "reported, not computed"]
    assert len(markers) == 1 and sorted(markers[0]["y"]) == sorted(claims.reported_cut_odds().values())
    # placed where the verdict reads them: the NYSE close of the US sell-off session (20 Nov) and a week earlier
    from analytics.sessions import session

    close = session("XNYS", dt.date(2025, 11, 20))[1].tz_localize(None)
    assert sorted(pd.to_datetime(markers[0]["x"])) == [close - pd.Timedelta(days=7), close]
    shown_text = texts(shown).replace("\\", "")
    assert "The markers are the figures the thesis reports (65% a week before, 35% at the close)" in shown_text

    # a view with neither futures, quotes nor the reported dates draws no empty chart: it says what is missing
    hidden = open_app("macro", {"source": "snapshot", "section": "cut-odds", "range": "5d", "to": "latest"})
    assert not hidden.get("plotly_chart") and not hidden.exception
    info = " ".join(str(i.value) for i in hidden.info)
    assert "No December cut odds" in info and "2025-11-16 to 2025-12-07" in info and "range=custom" in info


def test_crypto_level_chart_marks_no_break_in_a_range_that_starts_below_the_level():
    at = open_app("crypto", {"source": "snapshot", "range": "custom", "start": "2026-02-10", "end": "2026-04-30"})
    names = [tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
    assert "first close below" not in names and "first traded below (daily low)" not in names
    assert "already below $90,000 at the start of this range" in texts(at).replace("\\", "")
    crossed = open_app("crypto", {"source": "snapshot"})
    names = [tr.get("name") for tr in json.loads(crossed.get("plotly_chart")[0].proto.spec)["data"]]
    # hourly perpetual bars are in the snapshot now: the chart marks the break the verdict times, to the hour
    spec = json.loads(crossed.get("plotly_chart")[0].proto.spec)
    marker = next(tr for tr in spec["data"] if tr.get("name") == "first hourly break below, as judged (UTC)")
    from analytics import claims
    from analytics.sessions import asian_session
    from data_sources import get_many

    hourly = get_many(["btc"], dt.date(2025, 11, 1), dt.date(2025, 11, 23), "1h", "snapshot")["btc"]
    timed = claims.level_break_hour(hourly, 90_000.0, asian_session(dt.date(2025, 11, 21))[1])
    assert "first close below" in names and str(marker["x"][0]).startswith(f"{timed:%Y-%m-%dT%H:%M}")
    assert not at.exception and not crossed.exception


def test_a_section_without_data_names_the_series_and_dates_and_offers_no_range_a_series_never_has(snapshot_without):
    # the COVID crash: HOOD (listed July 2021) and COIN (April 2021) did not trade; MSTR is taken out of this copy,
    # so no range has all three and no link is offered
    snapshot_without("mstr")
    at = open_app("crypto", {"source": "snapshot", "section": "retail-beta", "event": "2020-03-12"})
    info = " ".join(str(i.value) for i in at.info)
    assert not at.exception and "No data for HOOD, COIN, MSTR from 2020-01-30 to 2020-03-26" in info, info
    assert "range=custom" not in info


def test_the_nearest_range_with_data_lies_inside_what_every_series_holds():
    from components.shell import View, coverage, nearest_range

    span = coverage(("hood", "coin", "mstr"), "snapshot")
    assert span == (dt.date(2021, 7, 29), dt.date(2026, 8, 21))  # HOOD's listing day; the last common day
    day = dt.date(2020, 3, 12)
    view = View("custom", dt.date(2020, 1, 30), dt.date(2020, 3, 26), day, "snapshot", "en", day, {})
    start, end = nearest_range(view, *span)
    assert (start, end) == (dt.date(2021, 7, 29), dt.date(2021, 7, 29) + (view.end - view.start))
    assert coverage(("hood",), "live") is None


@pytest.mark.parametrize("page", ["", "crypto", "global-tech", "macro"])
def test_a_page_sends_at_most_0_3_mb_of_figures_at_its_longest_range(page):
    """Twenty years of daily bars (the longest range a link may ask for) are thinned for display (see
    components/thinning.py): the page's figures stay small however long the range."""
    query = {"source": "snapshot", "range": "custom", "start": "2006-09-01", "end": "2026-08-22"}
    at = open_app(page, {**query, **({"section": "all"} if page else {})})
    sizes = [len(el.proto.spec) for el in at.get("plotly_chart")]
    assert not at.exception and not at.error and sizes
    assert sum(sizes) <= 300_000, sizes


def test_a_verdict_line_names_the_deciding_part_after_a_space_in_english():
    """'Mixed (timing does not hold)', never 'Mixed(timing ...': the escaping helper collapses leading spaces."""
    for lang, sep in (("en", "**] \\("), ("zh", "**]（")):
        at = open_app("crypto", {"source": "snapshot", "lang": lang})
        lines = [m.value for m in at.markdown if "**]" in m.value and ":material/" in m.value]
        assert lines, lang
        assert all(sep in line for line in lines), (lang, lines)


@pytest.mark.parametrize("page", ["crypto", "global-tech", "macro"])
def test_each_sections_verdict_is_the_scoreboards(page):
    """One computation: a section's verdict line and the scoreboard's row for its claim agree, deciding part too."""
    from components.i18n import t
    from components.url_state import resolve_range
    from pages.overview import BoardKey, _scoreboard_rows

    event = claims.THESIS_DATE
    start, end = resolve_range("event", event, event)
    _, lookback = claims.data_needs()
    board = {
        claim.id: result
        for claim, result, _ in _scoreboard_rows(BoardKey(start, end, event, "snapshot", 90_000.0, 60, lookback, True))
    }
    at = open_app(page, {"source": "snapshot", "section": "all"})
    lines = [m.value for m in at.markdown if ":material/" in m.value and "**]" in m.value]
    on_page = [c for c in claims.load_claims() if c.page == page]
    assert len(lines) == len(on_page)
    for claim, line in zip(on_page, lines, strict=True):
        result = board[claim.id]
        assert f"**{t(f'verdict_{result.verdict}', 'en')}**" in line, (claim.id, result.verdict, line)
        if result.decided_by:
            assert md_escaped(result.decided_text("en")) in line, (claim.id, result.decided_by, line)


def md_escaped(text: str) -> str:
    from components.text import md_escape

    return md_escape(text, 120)
