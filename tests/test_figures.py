"""Figure builders are pure: frames in, figures out, with the expected traces, shapes and annotations."""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import crypto_measures, stats
from analytics.events import load_events
from components import analysis_charts, charts, crypto_charts, macro_charts, theme
from tests.frames import bars


def _shapes(fig):
    return fig.layout.shapes or ()


def test_rebased_lines_and_event_marks():
    wide = pd.DataFrame(
        {"a": [100.0, 110.0, 99.0], "b": [50.0, 45.0, 40.0]},
        index=pd.to_datetime(["2025-11-19", "2025-11-20", "2025-11-21"]),
    )
    fig = charts.rebased_lines(wide / wide.iloc[0] * 100, {"a": "Alpha", "b": "Beta"}, wide, title="t")
    assert [t.name for t in fig.data] == ["Alpha", "Beta"]
    assert "price" in fig.data[0].hovertemplate
    charts.add_event_line(fig, dt.date(2025, 11, 21), "en")
    charts.add_event_markers(fig, [e for e in load_events() if e.date.year == 2025], "en")
    assert any(s.line.dash == "dash" for s in _shapes(fig))
    assert any(a.text == "Event" for a in fig.layout.annotations)
    events_trace = [t for t in fig.data if t.name == "events"][0]
    assert any("NVIDIA" in h for h in events_trace.hovertext)


def test_each_event_marker_shows_its_own_number_on_every_chart_and_the_key_names_each():
    """Markers other than the event line are labelled: each event is numbered by its place in the library (the
    same number on every chart), and the key under a chart gives each number's date and title."""
    library = load_events()
    for chosen in (library[1::2], library[2:5]):
        fig = charts.add_event_markers(go.Figure(), list(chosen), "zh")
        marks = [t for t in fig.data if t.name == "events"][0]
        numbers = [library.index(e) + 1 for e in chosen]
        assert [str(n) in text for n, text in zip(numbers, marks.text, strict=True)] == [True] * len(chosen)
        key = charts.event_key(fig, "zh")
        for n, e in zip(numbers, chosen, strict=True):
            assert f"{n} · {e.date.isoformat()}: {e.title('zh')}" in key
    assert charts.event_key(go.Figure(), "en") == ""


def test_a_replay_marks_only_the_events_that_had_happened_by_its_instant():
    from analytics.events import events_between

    library = load_events()
    start, end = library[0].date, library[-1].date
    for e in library:
        before = events_between(start, end, asof=e.known_from - pd.Timedelta(hours=1))
        at = events_between(start, end, asof=e.known_from)
        assert e not in before and e in at
    nvda = next(e for e in library if e.time and not e.approx)  # a published time: known from that minute
    local = pd.Timestamp(f"{nvda.date} {nvda.time}").tz_localize(nvda.tz)
    assert nvda.known_from == local.tz_convert("UTC")
    undated = next(e for e in library if not e.time)  # a day only: known from the end of its local day
    assert undated.known_from == (pd.Timestamp(undated.date).tz_localize(undated.tz) + pd.Timedelta(days=1))


def test_lines_sharing_a_colour_in_one_chart_are_told_apart_by_dash():
    from pages.global_tech import ASSET_SETS, ASSETS_MAX, TECH_ASSETS

    styles = charts.line_styles(TECH_ASSETS)
    assert len(set(styles)) == len(TECH_ASSETS)  # no two lines of the picker's whole list look alike
    for keys in (*ASSET_SETS.values(), TECH_ASSETS[:ASSETS_MAX], TECH_ASSETS[-ASSETS_MAX:]):
        assert [c for c, _ in charts.line_styles(keys)] == [charts.series_color(k, i) for i, k in enumerate(keys)]
    days = pd.to_datetime(["2025-11-20", "2025-11-21"])
    wide = pd.DataFrame({"meta": [1.0, 2.0], "sk_hynix": [3.0, 4.0]}, index=days)
    fig = charts.rebased_lines(wide, {}, wide, title="t")
    assert fig.data[0].line.color == fig.data[1].line.color and fig.data[0].line.dash != fig.data[1].line.dash


def test_won_and_yen_prices_show_whole_units_in_hovers():
    """Korean and Japanese prices are quoted in whole units: '521,000', not '521,000.00' (dollars keep cents)."""
    wide = pd.DataFrame(
        {"sk_hynix": [571000.0, 521000.0], "softbank": [4450.0, 4100.0], "nvda": [186.6, 180.64]},
        index=pd.to_datetime(["2025-11-20", "2025-11-21"]),
    )
    fig = charts.rebased_lines(wide / wide.iloc[0] * 100, {}, wide, title="t")
    template = {t.name: t.hovertemplate for t in fig.data}
    assert "customdata[1]:,.0f" in template["sk_hynix"] and "customdata[1]:,.0f" in template["softbank"]
    assert "customdata[1]:,.2f" in template["nvda"]
    assert [row[1] for row in fig.data[0].customdata] == list(wide["sk_hynix"])  # the price as in the bars


def test_level_break_figure_marks_both_breaks():
    f = bars([(95, 96, 91, 92, 1), (92, 93, 89, 91, 1), (91, 92, 85, 88, 1)])
    fig = crypto_charts.level_break_figure(
        f,
        90,
        crypto_measures.first_below(f, 90, "close"),
        crypto_measures.first_below(f, 90, "low"),
        title="t",
        style="candles",
        trade_label="first traded below (daily low)",
    )
    assert fig.data[0].type == "candlestick"
    names = [t.name for t in fig.data]
    assert "first close below" in names and "first traded below (daily low)" in names
    assert any(s.y0 == 90 for s in _shapes(fig))
    line = crypto_charts.level_break_figure(f, 90, None, None, title="t", style="line", trade_label="x")
    assert line.data[0].type == "scatter"


def test_wick_figure_has_volume_and_sessions_when_hourly():
    hours = pd.date_range("2025-11-21 00:00", periods=30, freq="h", tz="UTC")
    f = bars([(100, 101, 99 - (i == 5) * 8, 100 - i * 0.1, 10 + i) for i in range(30)], start=hours[0], freq="h")
    sessions = crypto_measures.trading_sessions(f["ts"].iloc[0], f["ts"].iloc[-1])
    fig = crypto_charts.wick_figure(
        f,
        title="t",
        hourly=True,
        sessions=sessions,
        drop=crypto_measures.largest_drop(f),
        wick=crypto_measures.largest_wick(f),
    )
    assert [t.type for t in fig.data][:2] == ["candlestick", "bar"]
    assert len([s for s in _shapes(fig) if s.type == "rect"]) == len(sessions)
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "cascade" in texts and "lower wick" in texts


def test_rolling_corr_figure_marks_max_and_threshold():
    s = pd.Series([0.2, 0.5, 0.7, 0.6], index=pd.date_range("2025-11-01", periods=4))
    fig = crypto_charts.rolling_corr_figure({30: s, 60: s * 0.9}, 30, 0.8, title="t")
    assert any(s_.y0 == 0.8 for s_ in _shapes(fig))
    marked = [t for t in fig.data if t.mode == "markers+text"][0]
    assert marked.text[0] == "max 0.70"


def test_scatter_and_bars():
    x = pd.Series([0.01, -0.02, 0.03], index=pd.to_datetime(["2025-11-19", "2025-11-20", "2025-11-21"]))
    fit = stats.ols(x, x * 2)
    fig = analysis_charts.scatter_fit_figure(
        x, x * 2, fit, title="t", x_title="x", y_title="y", highlight=[pd.Timestamp("2025-11-20")]
    )
    assert "beta 2.00" in fig.layout.annotations[0].text
    per_bp = analysis_charts.scatter_fit_figure(
        x, x * 2, fit, title="t", x_title="x", y_title="y", slope_format="slope {:+.3%} per bp"
    )
    assert per_bp.layout.annotations[0].text.startswith("slope +200.000% per bp ·")
    assert [t for t in fig.data if t.name == "event"][0].text == ("20 Nov",)
    table = pd.DataFrame({"d1": [-0.1, -0.07]}, index=["HOOD", "COIN"])
    bars_fig = analysis_charts.grouped_bars_figure(table, title="t", reference={"HOOD": -0.1})
    assert bars_fig.data[0].text == ("-10.0%", "-7.0%") and bars_fig.data[-1].name == "thesis figure"


def test_derivatives_figure_rows_follow_what_the_source_had():
    from components.crypto_charts import derivatives_figure

    ts = pd.date_range("2025-11-21", periods=4, freq="8h", tz="UTC")
    oi = pd.DataFrame({"ts": ts, "close": [8.1e9, 7.9e9, 7.2e9, 7.4e9]})
    funding = pd.DataFrame({"ts": ts, "close": [0.0001, -0.00002, -0.00005, 0.00001]})
    both = derivatives_figure(oi, funding, title="t")
    assert [tr.type for tr in both.data] == ["scatter", "bar"]
    assert list(both.data[0].y) == pytest.approx([8.1, 7.9, 7.2, 7.4])  # USD bn
    assert list(both.data[1].y) == pytest.approx([0.01, -0.002, -0.005, 0.001])  # percent per interval
    assert both.data[1].marker.color[1] != both.data[1].marker.color[0]  # negative funding coloured apart
    only_funding = derivatives_figure(None, funding, title="t")
    assert [tr.type for tr in only_funding.data] == ["bar"]


def test_cut_odds_axis_spans_the_view_even_with_only_reported_markers():
    ev = pd.Timestamp("2025-11-21")
    reported = {ev - pd.Timedelta(days=7): 0.65, ev: 0.35}
    fig = macro_charts.cut_odds_figure(
        None, reported, title="t", x_range=(pd.Timestamp("2025-10-10"), pd.Timestamp("2025-12-05"))
    )
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert lo == pd.Timestamp("2025-10-10") and hi == pd.Timestamp("2025-12-06")  # the end day is drawn whole
    assert list(fig.data[0].y) == [0.65, 0.35]
    assert list(fig.data[0].textposition) == ["middle left", "middle left"]  # right half: labelled inward
    assert macro_charts.cut_odds_figure(None, reported, title="t").layout.xaxis.range is None


def test_figures_carry_the_house_template():
    assert charts.base_figure("t").layout.template.layout.paper_bgcolor == charts.template()["layout"]["paper_bgcolor"]
    table = pd.DataFrame(
        {"payrolls_change_k": [119.0], "unemployment_rate": [4.4], "released": [pd.Timestamp("2025-11-20")]},
        index=[pd.Timestamp("2025-09-01")],
    )
    labour = macro_charts.labour_figure(table, pd.Timestamp("2025-09-01"), title="t")  # a make_subplots builder
    assert labour.layout.template.layout.font.color == theme.DARK.text


def _fitted(*traces: go.BaseTraceType, **layout: object) -> go.Layout:
    fig = charts.base_figure("t")
    fig.add_traces(list(traces))
    fig.update_layout(**layout)
    return charts.fit_margins(fig).layout


def test_fit_margins_leave_room_for_labels_and_a_legend_below():
    one = _fitted(go.Scatter(x=[1, 2], y=[1, 2]))
    assert (one.margin.l, one.margin.r, one.margin.b) == (
        charts.LABEL_MARGIN["l"],
        charts.LABEL_MARGIN["r"],
        charts.LABEL_MARGIN["b"],
    )
    two = _fitted(go.Scatter(x=[1], y=[1]), go.Scatter(x=[1], y=[2]))
    assert two.margin.b == charts.LEGEND_BELOW_MARGIN


def test_fit_margins_count_traces_the_way_plotly_shows_a_legend():
    # A trace hidden from the legend still counts towards Plotly's "two or more" (the event markers do this).
    assert (
        _fitted(go.Scatter(x=[1], y=[1]), go.Scatter(x=[1], y=[1], showlegend=False)).margin.b
        == charts.LEGEND_BELOW_MARGIN
    )
    hidden = _fitted(go.Scatter(x=[1], y=[1], showlegend=False), go.Scatter(x=[1], y=[1], showlegend=False))
    assert hidden.margin.b == charts.LABEL_MARGIN["b"]
    assert _fitted(go.Scatter(x=[1], y=[1], showlegend=True)).margin.b == charts.LEGEND_BELOW_MARGIN
    off = _fitted(go.Scatter(x=[1], y=[1]), go.Scatter(x=[1], y=[2]), showlegend=False)
    assert off.margin.b == charts.LABEL_MARGIN["b"]
    above = _fitted(go.Scatter(x=[1], y=[1]), go.Scatter(x=[1], y=[2]), legend={"y": 1.02})
    assert above.margin.b == charts.LABEL_MARGIN["b"]


def test_fit_margins_never_lower_a_margin_and_skip_a_hidden_axis():
    wide = _fitted(go.Scatter(x=[1], y=[1]), margin={"l": 150, "r": 100, "b": 120})
    assert (wide.margin.l, wide.margin.r, wide.margin.b) == (150, 100, 120)
    timeline = charts.fit_margins(charts.timeline_figure(load_events()[:3], title="t")).layout
    assert timeline.margin.l == 10  # no y labels to make room for


def test_heatmap_tells_a_holiday_from_missing_data():
    import numpy as np

    from components.analysis_charts import heatmap_figure

    days = pd.to_datetime(["2025-11-21", "2025-11-24"])
    matrix = pd.DataFrame({days[0]: [0.01, np.nan], days[1]: [np.nan, -0.02]}, index=["Nikkei", "NVDA"])
    closed = np.array([[False, False], [False, False]])
    closed[0, 1] = True  # Tokyo's Labour Thanksgiving holiday (observed) on 24 Nov 2025
    fig = heatmap_figure(matrix, None, title="t", closed=closed)
    text = fig.data[-1].text
    assert text[0][1] == "closed" and text[1][0] == "no data" and text[0][0] == "+1.0%"
    missing = fig.data[0].z  # the dark layer marks only the missing cell
    assert np.isfinite(missing[1][0]) and not np.isfinite(missing[0][1])


def test_heatmap_holidays_come_from_the_exchange_calendar():
    import numpy as np

    from analytics.sessions import is_holiday

    assert is_holiday("XTKS", pd.Timestamp("2025-11-24")) and not is_holiday("XTKS", pd.Timestamp("2025-11-21"))
    assert not is_holiday("XNYS", pd.Timestamp("2025-11-22"))  # a Saturday is a weekend, not a holiday
    assert np.bool_(is_holiday("XKRX", pd.Timestamp("2025-10-06")))  # Chuseok


def test_each_series_keeps_one_colour_and_none_takes_the_event_lines():
    from components.charts import SERIES_COLORS, rebased_lines

    wide = pd.DataFrame(
        {"vix": [100.0, 120.0], "ndx": [100.0, 98.0]}, index=pd.to_datetime(["2025-11-20", "2025-11-21"])
    )
    one = rebased_lines(wide, {"vix": "VIX", "ndx": "NDX"}, title="t")
    other = rebased_lines(wide[["ndx", "vix"]], {"vix": "VIX", "ndx": "NDX"}, title="t")  # another order, another view
    color = {tr.name: tr.line.color for tr in one.data if tr.name}
    assert color == {tr.name: tr.line.color for tr in other.data if tr.name}
    for ink in (theme.DARK, theme.LIGHT):
        assert ink.event not in SERIES_COLORS.values() and color["VIX"] != ink.event
    mag7 = [SERIES_COLORS[k] for k in ("nvda", "msft", "aapl", "amzn", "googl", "meta", "tsla", "ndx")]
    assert len(set(mag7)) == len(mag7)  # the Magnificent 7 chart's eight lines are eight colours


def _colours(obj: object) -> set[str]:
    """Every colour string a figure's JSON holds."""
    found: set[str] = set()
    if isinstance(obj, dict):
        for value in obj.values():
            found |= _colours(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            found |= _colours(value)
    elif isinstance(obj, str) and (obj.startswith("#") or obj.startswith("rgba(")):
        found.add(obj)
    return found


def _themed_figures() -> list:
    """A figure from each family of builder: lines with labels and markers, candles, heatmap, subplots."""
    idx = pd.to_datetime(["2025-11-19", "2025-11-20", "2025-11-21"])
    wide = pd.DataFrame({"ndx": [100.0, 98.0, 96.0], "spx": [100.0, 99.0, 97.0]}, index=idx)
    reb = charts.rebased_lines(wide, {"ndx": "NDX", "spx": "S&P"}, title="t")
    charts.add_event_line(reb, dt.date(2025, 11, 21))
    heat = analysis_charts.heatmap_figure(
        pd.DataFrame([[0.01, np.nan]], index=["NDX"], columns=idx[:2]), idx[0], title="t"
    )
    table = pd.DataFrame(
        {"payrolls_change_k": [119.0], "unemployment_rate": [4.4], "released": [pd.Timestamp("2025-11-20")]},
        index=[pd.Timestamp("2025-09-01")],
    )
    return [reb, heat, macro_charts.labour_figure(table, pd.Timestamp("2025-09-01"), title="t")]


def test_figures_are_drawn_in_the_readers_theme_with_no_ink_of_the_other():
    light_only = set(astuple(theme.LIGHT)[1:]) - set(astuple(theme.DARK)[1:]) - set(charts.PALETTE)
    dark_only = set(astuple(theme.DARK)[1:]) - set(astuple(theme.LIGHT)[1:]) - set(charts.PALETTE)  # palette: both
    try:
        for kind, own, other in (("light", light_only, dark_only), ("dark", dark_only, light_only)):
            assert theme.use(kind).kind == kind
            used = set().union(*(_colours(fig.to_plotly_json()) for fig in _themed_figures()))
            assert used & own, kind  # the theme's own ink is there ...
            assert not used & other, (kind, used & other)  # ... and none of the other theme's
    finally:
        theme.use(None)
    assert theme.ink() is theme.DARK  # no theme known (tests, scripts): dark


def test_risk_gauges_get_a_panel_and_a_scale_each():
    from components.analysis_charts import rebased_panels

    reb = pd.DataFrame(
        {"vix": [100.0, 150.0], "dxy": [100.0, 100.5]}, index=pd.to_datetime(["2025-11-20", "2025-11-21"])
    )
    fig = rebased_panels(reb, {"vix": "VIX", "dxy": "DXY"}, title="t", y_title="rebased")
    assert [tr.yaxis for tr in fig.data] == ["y", "y2"]  # DXY's 0.5% is not drawn flat on VIX's 50% scale
    assert fig.layout.yaxis.title.text == "VIX" and fig.layout.yaxis2.title.text == "DXY"


def test_date_axes_read_in_chinese_and_numeric_axes_are_left_alone():
    days = pd.to_datetime(["2025-11-20", "2025-11-21"])
    hours = pd.date_range("2025-11-21 00:00", periods=3, freq="h")
    fig = make_subplots_two()
    fig.add_trace(go.Scatter(x=days, y=[1, 2]), row=1, col=1)
    fig.add_trace(go.Scatter(x=hours, y=[1, 2, 3]), row=2, col=1)
    fig.add_trace(go.Scatter(x=[0.1, 0.2], y=[1, 2], xaxis="x3"))
    fig.update_layout(xaxis3={"domain": [0, 1]})
    en = charts.localise_dates(go.Figure(fig), "en")
    assert en.layout.xaxis.tickformatstops == () and en.layout.xaxis.hoverformat is None
    zh = charts.localise_dates(fig, "zh")
    assert [s.value for s in zh.layout.xaxis.tickformatstops] == [s["value"] for s in charts.ZH_DATE_TICKS]
    assert zh.layout.xaxis.hoverformat == "%Y年%-m月%-d日"  # daily bars: no time of day
    assert zh.layout.xaxis2.hoverformat == "%Y年%-m月%-d日 %H:%M"  # hourly bars keep their hour
    assert zh.layout.xaxis3.tickformatstops == () and zh.layout.xaxis3.hoverformat is None  # not dates


def make_subplots_two() -> go.Figure:
    from plotly.subplots import make_subplots

    return make_subplots(rows=2, cols=1)


def test_heatmap_labels_at_most_a_dozen_dates_each_under_its_own_column():
    days = pd.bdate_range("2025-10-01", periods=40)
    matrix = pd.DataFrame(np.full((2, 40), 0.01), index=["NDX", "SOX"], columns=days)
    fig = analysis_charts.heatmap_figure(matrix, None, title="t")
    vals, text = list(fig.layout.xaxis.tickvals), list(fig.layout.xaxis.ticktext)
    assert 8 <= len(vals) <= analysis_charts.HEATMAP_LABELS and vals == text  # the label is the column it sits under
    assert vals[0] == "2025-10-01" and set(vals) <= set(fig.data[-1].x)
    event = analysis_charts.heatmap_figure(matrix, days[22], title="t")
    assert days[22].strftime("%Y-%m-%d") in event.layout.xaxis.tickvals  # the event's column is always labelled
    assert len(event.layout.xaxis.tickvals) <= analysis_charts.HEATMAP_LABELS
    few = analysis_charts.heatmap_figure(matrix.iloc[:, :5], None, title="t")
    assert list(few.layout.xaxis.tickvals) == list(few.data[-1].x)  # five columns: every one labelled


def test_a_line_on_another_calendar_says_its_own_date_in_the_hover():
    """Under a unified hover at Sunday, a stock's row is Friday's close: its row must carry Friday's date."""
    btc = pd.Series([100.0, 101.0, 99.0], index=pd.to_datetime(["2025-11-21", "2025-11-22", "2025-11-23"]))
    ndx = pd.Series([100.0], index=pd.to_datetime(["2025-11-21"]))
    mixed = pd.DataFrame({"btc": btc, "ndx": ndx})
    fig = charts.rebased_lines(mixed, {"btc": "BTC", "ndx": "NDX"}, title="t")
    assert all(tr.hovertemplate.count("%{x|%a %b %-d}") == 1 for tr in fig.data if tr.name)
    zh = charts.rebased_lines(mixed, {"btc": "BTC", "ndx": "NDX"}, title="t", lang="zh")
    assert all("%{x|%-m月%-d日}" in tr.hovertemplate for tr in zh.data if tr.name)
    same = charts.rebased_lines(mixed[["btc"]].assign(eth=btc), {}, title="t")  # one calendar: the header says it
    assert not any("%{x|" in tr.hovertemplate for tr in same.data if tr.name)


def test_timeline_labels_wrap_to_lines_a_phone_can_show():
    events = load_events()
    for lang in ("en", "zh"):
        fig = charts.timeline_figure(events, lang, title="t")
        lines = [line for label in fig.data[0].text for line in label.split("<br>")]
        assert max(len(line) for line in lines) <= charts.TIMELINE_WRAP[lang]
        joined = ["".join(label.split("<br>")).replace(" ", "") for label in fig.data[0].text]
        assert joined == [(("≈ " if e.approx else "") + e.title(lang)).replace(" ", "") for e in events]


def test_short_daily_dates_still_read_in_chinese():
    from components import thinning

    days = pd.date_range("2020-01-01", periods=400, freq="D")
    fig = thinning.thin(go.Figure(go.Scatter(x=days, y=np.arange(400.0), mode="lines")))
    assert isinstance(fig.data[0].x[0], str)
    assert charts.localise_dates(fig, "zh").layout.xaxis.hoverformat == "%Y年%-m月%-d日"


def test_lag_profile_figure_draws_each_lags_correlation_with_its_p_and_n():
    from analytics.stats import CorrTest
    from components.analysis_charts import lag_profile_figure

    profiles = {
        "nikkei": {-1: CorrTest(r=0.12, n=250, p=0.04), 0: CorrTest(r=0.41, n=250, p=0.0001), 1: None},
        "kospi": {
            -1: CorrTest(r=-0.05, n=248, p=0.4),
            0: CorrTest(r=0.33, n=248, p=0.001),
            1: CorrTest(r=0.02, n=248, p=0.8),
        },
    }
    names = {-1: "US first", 0: "Asia first", 1: "Asia next"}
    fig = lag_profile_figure(profiles, {"nikkei": "Nikkei 225", "kospi": "KOSPI"}, names, title="t", y_title="r")
    nikkei, kospi = fig.data
    assert list(nikkei.x) == ["US first", "Asia first"] and list(nikkei.y) == [0.12, 0.41]  # no bar where no test
    assert list(kospi.x) == ["US first", "Asia first", "Asia next"] and kospi.name == "KOSPI"
    assert nikkei.text[1] == "+0.41 (p < 0.001, n 250)" and kospi.text[0] == "-0.05 (p = 0.400, n 248)"
    assert tuple(fig.layout.yaxis.range) == (-1, 1) and fig.layout.barmode == "group"


def test_the_replays_in_place_chart_sends_the_figure_as_drawn_and_serves_plotly_under_the_base_path(
    tmp_path, monkeypatch
):
    import json

    from components import inplace_chart

    fig = charts.base_figure("t", "y")
    fig.add_scatter(x=[1, 2, 3], y=[3.0, 1.0, 2.0], name="BTC")
    spec = json.loads(inplace_chart.spec_json(fig))
    assert spec["data"][0]["y"] == [3.0, 1.0, 2.0] and spec["data"][0]["name"] == "BTC"
    assert spec["layout"]["title"]["text"] == "t" and spec["layout"]["template"]["layout"]  # the house template
    assert spec["config"] == {"displaylogo": False, "responsive": True}
    monkeypatch.setattr(inplace_chart, "STATIC_DIR", tmp_path / "static")
    monkeypatch.setenv("SELLOFF_CHART", "")
    inplace_chart.served.cache_clear()
    assert inplace_chart.enabled(replaying=True) and not inplace_chart.enabled(replaying=False)
    placed = tmp_path / "static" / inplace_chart.STATIC_NAME
    assert placed.read_bytes() == inplace_chart.PLOTLY_JS.read_bytes()  # Plotly.js as the plotly package ships it
    monkeypatch.setenv("SELLOFF_CHART", "plotly")
    assert not inplace_chart.enabled(replaying=True)
    monkeypatch.setattr(inplace_chart.st, "get_option", lambda name: "lens" if name == "server.baseUrlPath" else None)
    assert inplace_chart.script_path() == "/lens/app/static/plotly.min.js"
    monkeypatch.setattr(inplace_chart.st, "get_option", lambda name: "")
    assert inplace_chart.script_path() == "/app/static/plotly.min.js"
    inplace_chart.served.cache_clear()
    monkeypatch.setattr(inplace_chart, "STATIC_DIR", Path("/proc/no-such-folder"))  # cannot be written
    monkeypatch.setenv("SELLOFF_CHART", "")
    assert not inplace_chart.enabled(replaying=True)  # the replay keeps st.plotly_chart
    inplace_chart.served.cache_clear()


def test_liquidations_are_drawn_as_positive_amounts_over_their_4_hour_intervals():

    ts = pd.date_range("2025-10-10 16:00", periods=3, freq="4h", tz="UTC")
    longs = pd.DataFrame({"ts": ts, "close": [30e6, 235.6e6, 9e6]})
    shorts = pd.DataFrame({"ts": ts, "close": [2e6, 108e6, 4e6]})
    fig = crypto_charts.derivatives_figure(None, None, title="t", liquidations=(longs, shorts))
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert [tr.name for tr in bars] == ["long liquidations", "short liquidations"]
    assert list(bars[0].y) == [30.0, 235.6, 9.0] and min(bars[1].y) > 0  # the axis reads the amounts as they are
    # each bar starts at its interval's open and the pair fills the 4 hours: [open, open + 4 h)
    assert bars[0].offset == 0 and bars[1].offset == bars[0].width == bars[1].width == crypto_charts.LIQ_BAR_MS / 2


def test_closes_only_bars_are_drawn_as_a_line_never_as_candles():
    """KOSPI and TWII have spans of closes only in the snapshot: a candle there would invent open, high and low."""
    from components import thinning

    days = pd.date_range("2025-01-01", periods=10, freq="D", tz="UTC")
    close = np.linspace(100.0, 90.0, 10)
    frame = pd.DataFrame({"ts": days, "open": close + 1, "high": close + 2, "low": close - 2, "close": close})
    frame.loc[5:, ["open", "high", "low"]] = np.nan  # the last five days: closes only
    fig = crypto_charts.level_break_figure(frame, 95.0, None, None, title="t", style="candles", trade_label="x")
    candles = [tr for tr in fig.data if tr.type == "candlestick"]
    lines = [tr for tr in fig.data if tr.type == "scatter" and tr.y is not None and len(tr.y) == 5]
    assert len(candles) == 1 and len(candles[0].x) == 5 and not np.isnan(np.asarray(candles[0].open, float)).any()
    assert lines and list(lines[0].y) == list(close[5:])
    # aggregated candles (long ranges) are built from full bars only: a closes-only day whose close lies outside the
    # full days' range would otherwise give a candle with its close below its own low
    n = thinning.MAX_CANDLES + 100  # enough bars to be aggregated
    long = pd.bdate_range("2023-01-02", periods=n)
    o = np.linspace(100, 140, n)
    only_close = np.arange(n) % 5 == 4  # every Friday closes-only, 10 below
    trace = go.Candlestick(
        x=long,
        open=np.where(only_close, np.nan, o),
        high=np.where(only_close, np.nan, o + 1),
        low=np.where(only_close, np.nan, o - 1),
        close=np.where(only_close, o - 10, o),
    )
    fig = go.Figure(trace)
    thinning.thin(fig)
    agg = fig.data[0]
    assert agg.meta == {"aggregated": "weekly"}
    low, high = np.asarray(agg.low, float), np.asarray(agg.high, float)
    for side in (agg.open, agg.close):
        assert ((low <= np.asarray(side, float)) & (np.asarray(side, float) <= high)).all()


def test_a_replay_draws_its_instant_on_date_axes_only():
    """The recording adds the "as of" line to a chart over dates that reach the instant, once: within the x range a
    figure fixes (the clock's 72 hours), else up to a week after its last date. A chart over numbers (the event
    study's days, sent as a typed array), dates long before it, or a fixed range that ends before it gets none."""
    import numpy as np
    import pandas as pd
    import plotly.graph_objects as go

    from components import charts
    from components.recorded import Recording

    at = pd.Timestamp("2025-11-21T01:00Z")
    days = pd.date_range("2025-11-01", "2025-11-25")
    dated = go.Figure(go.Scatter(x=days, y=np.arange(len(days))))
    numbers = charts.thaw(charts.freeze(go.Figure(go.Scatter(x=np.arange(30), y=np.arange(30.0)))))
    old = go.Figure(go.Scatter(x=pd.date_range("2020-01-01", "2020-02-01"), y=np.arange(32)))
    window = go.Figure(go.Scatter(x=pd.date_range("2025-11-19", periods=20, freq="h"), y=np.arange(20)))
    window.update_xaxes(range=[pd.Timestamp("2025-11-19"), pd.Timestamp("2025-11-22")])
    shut = go.Figure(go.Scatter(x=pd.date_range("2025-11-19", periods=20, freq="h"), y=np.arange(20)))
    shut.update_xaxes(range=[pd.Timestamp("2025-11-19"), pd.Timestamp("2025-11-20")])
    out = Recording("en", at)
    for i, fig in enumerate((dated, numbers, old, window, shut)):
        out.chart(fig, f"k{i}")
    drawn = [charts.thaw(op[1]) for op in out.ops]
    names = [[sh.name for sh in fig.layout.shapes if sh.name == charts.NOW_LINE] for fig in drawn]
    assert names == [[charts.NOW_LINE], [], [], [charts.NOW_LINE], []]


def test_a_replay_ends_a_chart_of_days_at_the_instants_day_end_so_a_step_moves_only_the_line():
    """Daily lines that end before the instant: the axis runs from their first date to the next UTC midnight after
    it, the same for every hour of that day (the in-place chart then moves the line alone); line and label carry
    the one name. Lines within the instant, a short chart, or bars keep Plotly's autorange."""
    import numpy as np
    import pandas as pd
    import plotly.graph_objects as go

    from components import charts

    days = pd.date_range("2025-10-10", "2025-11-20")
    ranges = []
    for hour in ("2025-11-21T01:00Z", "2025-11-21T23:00Z", "2025-11-22T00:00Z"):
        fig = charts.mark_instant(go.Figure(go.Scatter(x=days, y=np.arange(len(days)))), pd.Timestamp(hour))
        ranges.append(tuple(pd.Timestamp(x) for x in fig.layout.xaxis.range))
        assert [s.name for s in fig.layout.shapes] == [charts.NOW_LINE]
        assert [a.name for a in fig.layout.annotations] == [charts.NOW_LINE]
    first, day_end = pd.Timestamp("2025-10-10"), pd.Timestamp("2025-11-22")
    assert ranges == [(first, day_end), (first, day_end), (first, day_end + pd.Timedelta(days=1))]
    at = pd.Timestamp("2025-11-21T01:00Z")
    longer, fewer = pd.date_range("2025-10-10", "2025-11-25"), pd.date_range("2025-11-10", "2025-11-20")
    within = charts.mark_instant(go.Figure(go.Scatter(x=longer, y=np.arange(len(longer)))), at)
    short = charts.mark_instant(go.Figure(go.Scatter(x=fewer, y=np.arange(len(fewer)))), at)
    bars = charts.mark_instant(go.Figure(go.Bar(x=days, y=np.arange(len(days)))), at)
    for fig in (within, short, bars):
        assert fig.layout.xaxis.range is None and [s.name for s in fig.layout.shapes] == [charts.NOW_LINE]


def test_the_timeline_ticks_only_dates_its_events_span_and_the_derivatives_title_names_what_it_holds():
    """Room is left right of the last event for its label, but no tick runs on past it (an axis to February read as
    events to February); the derivatives chart is titled from the series it has."""
    import pandas as pd

    from analytics.events import load_events
    from components import charts
    from pages.crypto import _derivative_parts

    events = sorted(load_events(), key=lambda e: e.date)
    for lang in ("en", "zh"):
        fig = charts.timeline_figure(events, lang, title="t")
        ticks = [pd.Timestamp(x) for x in fig.layout.xaxis.tickvals]
        assert ticks and pd.Timestamp(events[0].date) - pd.Timedelta(days=7) <= ticks[0]
        assert ticks[-1] <= pd.Timestamp(events[-1].date)
        assert len(fig.layout.xaxis.ticktext) == len(ticks)
    assert "open interest" not in _derivative_parts({"btc_funding": None, "btc_liq_long": None}, "en")
    assert _derivative_parts({"btc_oi": None, "btc_funding": None}, "en") == "open interest and funding"
