"""Shared figure builders: pure functions from frames to ``go.Figure`` (no Streamlit, unit-tested).

Daily bars are drawn at their session date (the tidy schema's 00:00 UTC label, shown without a time
zone) so that markets in different zones line up by calendar day.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.events import Event, load_events, number
from components import theme
from components.i18n import t
from data_sources import catalog

# Mid-tone colours that read on both the light and the dark theme (the event's amber is left out: see theme.Ink).
PALETTE = [
    "#4C9AFF",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#9E7BFF",
    "#CC79A7",
    "#56B4E9",
    "#A1887F",
    "#0072B2",
    "#E57373",
    "#66BB6A",
    "#B07AA1",
]
FONT = '"Source Sans", "Source Sans Pro", sans-serif'  # the page's own font


@functools.cache
def _template(kind: str) -> dict:
    """The house look in one theme's ink. Pages draw with Streamlit's theme off: under that theme the browser
    re-stringifies, recolours and re-parses every figure on every rerun, and each figure carries Streamlit's
    full template. Together that cost ~50 ms a range change (measured in headless Chromium)."""
    ink = theme.INKS[kind]
    axis = {
        "automargin": True,
        "gridcolor": ink.grid,
        "zerolinecolor": ink.zero,
        "linecolor": ink.border,
        "tickcolor": ink.border,
        "title": {"font": {"color": ink.muted}, "standoff": 8},
    }
    return {
        "layout": {
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "colorway": PALETTE,
            "font": {"family": FONT, "color": ink.text, "size": 12},
            "title": {"font": {"color": ink.text}},
            "xaxis": axis,
            "yaxis": axis,
            "legend": {"bgcolor": "rgba(0,0,0,0)", "font": {"color": ink.text}},
            "hoverlabel": {
                "bgcolor": ink.panel,
                "bordercolor": ink.border,
                "font": {"family": FONT, "color": ink.text},
            },
            "annotationdefaults": {"font": {"color": ink.text}},
            # a vertical toolbar on the right edge: on a phone Plotly shows it on every touch, and across the top
            # it covered panel titles, legends and the event label
            "modebar": {"orientation": "v", "bgcolor": "rgba(0,0,0,0)", "color": ink.muted, "activecolor": ink.text},
        },
    }


def template() -> dict:
    """The house template in the ink of the run being drawn."""
    return _template(theme.ink().kind)


def color_for(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


# One colour per series in every chart and view, from the Okabe-Ito colour-blind-safe set (its yellow left out:
# that is the event line's), plus a violet for the eighth line of the Magnificent 7 chart, and the benchmark
# ink ("strong": the Nasdaq-100) and a neutral grey, which are white and light grey on dark, near-black and
# grey on light.
SERIES_COLORS = {
    "ndx": "strong",
    "spx": "neutral",
    "btc": "#E69F00",
    "eth": "#56B4E9",
    "vix": "#9E7BFF",
    "dxy": "#56B4E9",
    "gold": "#E69F00",
    "nikkei": "#CC79A7",
    "kospi": "#56B4E9",
    "sk_hynix": "#D55E00",
    "samsung": "#009E73",
    "nvda": "#009E73",
    "msft": "#56B4E9",
    "aapl": "neutral",
    "amzn": "#E69F00",
    "googl": "#CC79A7",
    "meta": "#D55E00",
    "tsla": "#9E7BFF",
    "mu": "#CC79A7",
    "tsm": "#56B4E9",
    "softbank": "#D55E00",
    "sox": "#E69F00",
    "qqq": "neutral",
    "hood": "#009E73",
    "coin": "#56B4E9",
    "mstr": "#E69F00",
    "ust3m": "#56B4E9",
    "ust2y": "#E69F00",
    "dgs10": "#009E73",
    "hsi": "#009E73",
    "twii": "#E69F00",
}


def series_color(key: object, i: int) -> str:
    """The series' own colour wherever it is drawn; the palette by position for anything else."""
    color = SERIES_COLORS.get(str(key), color_for(i))
    return getattr(theme.ink(), color) if color in ("strong", "neutral") else color


DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def line_styles(keys: Sequence[object]) -> list[tuple[str, str]]:
    """(colour, dash) per line of one chart: each series keeps its own colour, and a series whose colour an
    earlier line of the chart already uses is dashed (SK Hynix beside META, Samsung beside NVDA)."""
    used: dict[str, int] = {}
    out = []
    for i, key in enumerate(keys):
        color = series_color(key, i)
        out.append((color, DASHES[used.get(color, 0) % len(DASHES)]))
        used[color] = used.get(color, 0) + 1
    return out


# Currencies quoted in whole units (no minor unit traded): a price in a hover shows none
WHOLE_UNITS = ("KRW", "JPY")


def price_format(key: object) -> str:
    """The d3 format of a series' price in a hover: whole won and yen as quoted (521,000), else two decimals."""
    spec = catalog.CATALOG.get(str(key))
    return ",.0f" if spec is not None and spec.unit in WHOLE_UNITS else ",.2f"


def session_x(frame: pd.DataFrame) -> pd.DatetimeIndex:
    """The x of daily bars: the session date without time zone."""
    return pd.DatetimeIndex(frame["ts"]).tz_convert("UTC").tz_localize(None)


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def base_figure(title: str, y_title: str = "", height: int = 420, **layout: object) -> go.Figure:
    """An empty figure with the house layout (``layout`` entries override it, merged key by key).

    The layout is given at construction and the figure skips Plotly's validation (``_validate=False``):
    building it property by property cost ~20 ms a chart, most of a page's run time. The builders'
    unit tests and the browser tests check what the figures hold instead.
    """
    house = {
        "template": template(),
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 48, "b": 10},
        "hovermode": "x unified",
        # Below the plot: the top edge belongs to the event label and the event markers.
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.16, "xanchor": "left", "x": 0},
        "xaxis": {"showgrid": True, "gridcolor": theme.ink().grid},
        "yaxis": {"title": {"text": y_title}, "showgrid": True, "gridcolor": theme.ink().grid, "zeroline": False},
    }
    return go.Figure(layout=_merge(house, layout), _validate=False)


def house_figure() -> go.Figure:
    """An empty figure in the house template, unvalidated: where ``make_subplots`` and other builders start.

    Setting the template afterwards through ``update_layout`` makes Plotly validate it, ~70 ms a figure.
    """
    return go.Figure(layout={"template": template()}, _validate=False)


# Margins that already hold what usually sits in them: y tick labels and title on the left, the last x tick
# label's overhang on the right, x tick labels below, plus a legend placed below the plot. When a margin is too
# small for its labels, Plotly's automargin grows it and then draws the whole figure a second time: that was
# ~40% of each chart's redraw on a range change (headless Chromium). automargin still grows these for wider
# labels, so nothing is clipped; it just no longer has to for the usual ones.
LABEL_MARGIN = {"l": 72, "r": 48, "b": 64}
LEGEND_BELOW_MARGIN = 92


NO_LEGEND_TYPES = frozenset({"heatmap"})  # traces Plotly leaves out of the legend by default


def _legend_shown(fig: go.Figure) -> bool:
    """Plotly's own default: a legend when some trace shows in it and the legend-capable traces number two or
    more, counting those hidden from it and an explicit ``showlegend=True`` twice (as plotly.js does)."""
    if fig.layout.showlegend is not None:
        return bool(fig.layout.showlegend)
    capable = [tr for tr in fig.data if tr.visible is not False and tr.type not in NO_LEGEND_TYPES]
    if not any(tr.showlegend is not False for tr in capable):
        return False
    return len(capable) + sum(tr.showlegend is True for tr in capable) > 1


# Chinese date ticks and hover headers (Plotly's own are English month names), one format per tick spacing.
DAY_MS = 86_400_000
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
ZH_DATE_TICKS = (
    {"dtickrange": [None, DAY_MS], "value": "%H:%M<br>%-m月%-d日"},
    {"dtickrange": [DAY_MS, "M1"], "value": "%-m月%-d日"},
    {"dtickrange": ["M1", "M12"], "value": "%Y年%-m月"},
    {"dtickrange": ["M12", None], "value": "%Y年"},
)


def _is_dates(values: object) -> bool:
    if values is None:
        return False
    arr = np.asarray(values)
    if arr.size == 0:
        return False
    if np.issubdtype(arr.dtype, np.datetime64):
        return True
    first = arr.flat[0]
    if isinstance(first, str):  # daily points sent short ('2025-11-21', see thinning)
        return bool(ISO_DAY.match(first))
    return isinstance(first, dt.date | pd.Timestamp | np.datetime64)


def localise_dates(fig: go.Figure, lang: str) -> go.Figure:
    """Date axes in the reader's language: Chinese tick labels and hover dates for ``zh`` (a time when the
    axis holds intraday points); English keeps Plotly's own."""
    if lang != "zh":
        return fig
    intraday: dict[str, bool] = {}
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if not _is_dates(x):
            continue
        axis = "xaxis" + (trace.xaxis or "x")[1:]
        stamps = pd.DatetimeIndex(pd.to_datetime(np.asarray(x).ravel()))
        intraday[axis] = intraday.get(axis, False) or bool((stamps != stamps.normalize()).any())
    for axis, hours in intraday.items():
        fig.layout[axis].update(
            tickformatstops=list(ZH_DATE_TICKS), hoverformat="%Y年%-m月%-d日 %H:%M" if hours else "%Y年%-m月%-d日"
        )
    return fig


def fit_margins(fig: go.Figure) -> go.Figure:
    """Raise the figure's margins (never lower them) to fit its labels and legend up front; see LABEL_MARGIN."""
    margin = fig.layout.margin
    if fig.layout.yaxis.visible is not False:
        margin.l = max(margin.l or 0, LABEL_MARGIN["l"])
    margin.r = max(margin.r or 0, LABEL_MARGIN["r"])
    legend_y = fig.layout.legend.y
    below = _legend_shown(fig) and legend_y is not None and legend_y < 0
    margin.b = max(
        margin.b or 0, LEGEND_BELOW_MARGIN + LEGEND_ROW * (_legend_rows(fig) - 1) if below else LABEL_MARGIN["b"]
    )
    return fig


# measured: +27 px a row; a legend row is 816 px wide on a 1440 px desktop beside the 340 px sidebar (900 beside
# Streamlit's default 256 px one)
LEGEND_ROW, LEGEND_WIDTH_PX, LEGEND_CHAR_PX, LEGEND_ITEM_PX = 28, 816, 6.6, 46


def _legend_rows(fig: go.Figure) -> int:
    """Rows a horizontal legend takes on a desktop-wide chart, from its entries' lengths (long "starts later"
    names wrap it to a second row)."""
    names = [
        str(tr.name or "")
        for tr in fig.data
        if tr.visible is not False and tr.showlegend is not False and tr.type not in NO_LEGEND_TYPES and tr.name
    ]
    rows, used = 1, 0.0
    for name in names:
        width = LEGEND_ITEM_PX + LEGEND_CHAR_PX * len(name)
        if used and used + width > LEGEND_WIDTH_PX:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def freeze(fig: go.Figure) -> dict:
    """A figure as plain data, for ``st.cache_data`` (unpickling a ``go.Figure`` re-validates it: ~20 ms)."""
    return fig.to_plotly_json()


def thaw(spec: dict) -> go.Figure:
    """The figure back from ``freeze``, without re-validation (~1 ms)."""
    return go.Figure(data=spec["data"], layout=spec["layout"], _validate=False)


def vline(fig: go.Figure, x: object, line: dict, yref: str = "paper", name: str | None = None) -> go.Figure:
    """A vertical line across the plot, as a plain shape (Plotly's own helper costs ~10 ms a call)."""
    fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, xref="x", yref=yref, line=line, name=name)
    return fig


def hline(
    fig: go.Figure, y: float, line: dict, label: str = "", label_pos: str = "top left", color: str | None = None
) -> go.Figure:
    """A horizontal line across the plot, optionally labelled at its left or right end."""
    fig.add_shape(type="line", x0=0, x1=1, y0=y, y1=y, xref="paper", yref="y", line=line)
    if label:
        vert, side = label_pos.split()
        fig.add_annotation(
            x=0 if side == "left" else 1,
            y=y,
            xref="paper",
            yref="y",
            text=label,
            showarrow=False,
            xanchor=side,
            yanchor="bottom" if vert == "top" else "top",
            font={"size": 11, "color": color or line.get("color")},
        )
    return fig


def vrect(fig: go.Figure, x0: object, x1: object, color: str, label: str = "", yref: str = "paper") -> go.Figure:
    fig.add_shape(
        type="rect", x0=x0, x1=x1, y0=0, y1=1, xref="x", yref=yref, fillcolor=color, line={"width": 0}, layer="below"
    )
    if label:
        fig.add_annotation(
            x=x0,
            y=1,
            xref="x",
            yref="paper",
            text=label,
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 11},
        )
    return fig


def add_event_line(
    fig: go.Figure, event: dt.date | pd.Timestamp, lang: str = "en", row: int | None = None, label: str = ""
) -> go.Figure:
    """A dashed vertical line at the event (a date, or an instant such as an episode's anchor), labelled at the top
    in ``lang`` ("Event" unless ``label`` says otherwise)."""
    x = pd.Timestamp(event)
    x = x.tz_convert("UTC").tz_localize(None) if x.tzinfo else x
    vline(fig, x, {"color": theme.ink().event, "width": 1.2, "dash": "dash"}, yref="y domain" if row == 1 else "paper")
    if not row or row == 1:
        fig.add_annotation(
            x=x,
            y=1,
            xref="x",
            yref="paper",
            text=label or t("event_marker", lang),
            showarrow=False,
            yanchor="bottom",
            font={"size": 11, "color": theme.ink().event},
            bgcolor="rgba(0,0,0,0)",
        )
    return fig


NOW_LINE = "asof"  # the replay's line, by name
DAYS_CHART = pd.Timedelta(days=20)  # a chart spanning this or more ends at a day's end in a replay (a day <= 5%)


def date_span(fig: go.Figure) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last x of a figure's traces when its x axis holds dates (None for a category or number axis)."""
    stamps = []
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        if isinstance(xs, dict):  # a typed array (numbers): not a date axis
            return None
        if xs is None or len(xs) == 0:
            continue
        first = xs[0]
        if first is None:  # a legend-only key (the wick chart's sessions): no place on the axis
            continue
        if not isinstance(first, (dt.date, np.datetime64, pd.Timestamp)):
            return None
        stamps += [pd.Timestamp(xs[0]), pd.Timestamp(xs[-1])]
    if not stamps:
        return None
    stamps = [x.tz_convert("UTC").tz_localize(None) if x.tzinfo else x for x in stamps]
    return min(stamps), max(stamps)


def _lines_only(fig: go.Figure) -> bool:
    """Every trace a line (or text): Plotly's autorange would start the axis at the first date exactly (markers and
    bars are padded), so an axis fixed from there looks the same."""

    def mode(tr: go.Scatter) -> str:
        return tr.mode or ("lines" if len(tr.x) > 20 else "lines+markers")  # Plotly's default

    return all(tr.type == "scatter" and mode(tr) in ("lines", "text") for tr in fig.data if tr.x is not None)


def mark_instant(fig: go.Figure, instant: pd.Timestamp, lang: str = "en") -> go.Figure:
    """A replay's instant as a solid line labelled "as of HH:MM UTC" at the foot of the plot (nothing to its right
    was known then), on a chart over dates that reaches it: inside the x range the figure fixes (the clock's 72
    hours), else from its first date to a week after its last; any other chart is left as it was.

    Line and label are named ``NOW_LINE``: the replay's in-place chart draws them over the plot and moves them
    alone when nothing else changed (``inplace_chart``). A chart of days whose bars end before the instant ends
    its axis at the next UTC midnight, not at the line: the axis holds still for a day of steps (the line walks),
    where it grew by an hour each step and every step redrew the chart."""
    span = date_span(fig)
    if span is None:
        return fig
    x = pd.Timestamp(instant).tz_convert("UTC").tz_localize(None)
    fixed = fig.layout.xaxis.range
    lo, hi = (pd.Timestamp(fixed[0]), pd.Timestamp(fixed[1])) if fixed else (span[0], span[1] + pd.Timedelta(days=7))
    if not lo <= x <= hi:
        return fig
    if not fixed and x > span[1] and span[1] - span[0] >= DAYS_CHART and _lines_only(fig):
        # both ends given: Plotly.js 4.1 drew a half-open range ([null, end]) over the year 2000 (seen in a browser)
        fig.update_xaxes(range=[span[0], x.floor("D") + pd.Timedelta(days=1)])
    vline(fig, x, {"color": theme.ink().text, "width": 1.5}, name=NOW_LINE)
    fig.add_annotation(
        name=NOW_LINE,
        x=x,
        y=0,
        xref="x",
        yref="paper",
        text=t("now_marker", lang, time=f"{x:%d %b %H:%M} UTC"),
        showarrow=False,
        yanchor="bottom",
        xanchor="right",
        font={"size": 11, "color": theme.ink().text},
        bgcolor="rgba(0,0,0,0)",
    )
    return fig


def add_event_markers(fig: go.Figure, events: Sequence[Event], lang: str = "en") -> go.Figure:
    """Thin dotted lines for dated events, each with its number at the top of the plot (its number on every chart, its
    title in the hover and in the key under the chart: ``event_key``); numbers, not titles, since events a day
    apart sit a few pixels apart."""
    if not events:
        return fig
    for ev in events:
        vline(fig, pd.Timestamp(ev.date), {"color": theme.ink().event_soft, "width": 1, "dash": "dot"})
    numbers = [number(e) for e in events]
    fig.add_trace(
        go.Scatter(
            x=[pd.Timestamp(e.date) for e in events],
            y=[1.0] * len(events),
            yaxis="y9",
            mode="text",  # the number is the marker: events a day apart stay legible (a triangle hid its neighbour's)
            text=[f"<b>{n}</b>" for n in numbers],
            textposition="middle center",
            textfont={"size": 12, "color": theme.ink().event},
            hovertext=[f"{n} · {e.title(lang)}<br>{e.when}" for n, e in zip(numbers, events, strict=True)],
            hoverinfo="text",
            name="events",
            showlegend=False,
            meta={"events": [e.id for e in events]},
        )
    )
    fig.update_layout(yaxis9={"overlaying": "y", "range": [0, 1.02], "visible": False, "fixedrange": True})
    return fig


def event_key(fig: go.Figure, lang: str = "en") -> str:
    """The key to a chart's numbered event markers ("" when it has none): each number, date and title."""
    marked = next(
        (tr.meta["events"] for tr in fig.data if isinstance(tr.meta, dict) and "events" in tr.meta and tr.x), ()
    )
    if not marked:
        return ""
    by_id = {e.id: e for e in load_events()}
    items = [f"{number(by_id[i])} · {by_id[i].date.isoformat()}: {by_id[i].title(lang)}" for i in marked]
    return t("event_key", lang, items="; ".join(items))


def own_date_suffix(wide: pd.DataFrame, lang: str = "en") -> str:
    """Each line's own date in its hover row, when the lines do not share their dates (markets on different
    calendars): the unified hover takes every line's nearest point, so under "Sun Nov 23" the Nasdaq-100 row is
    Friday's close and must say so."""
    dates = [wide[c].dropna().index for c in wide.columns]
    if all(d.equals(dates[0]) for d in dates[1:]):
        return ""
    return " · %{x|%-m月%-d日}" if lang == "zh" else " · %{x|%a %b %-d}"


def rebased_lines(
    rebased: pd.DataFrame,
    labels: Mapping[str, str],
    prices: pd.DataFrame | None = None,
    *,
    title: str,
    y_title: str = "Rebased (start = 100)",
    highlight: Sequence[str] = (),
    late: Mapping[str, pd.Timestamp] | None = None,
    lang: str = "en",
) -> go.Figure:
    """One line per column of a rebased table; hover shows the level, the price and the % change.

    ``late`` names columns with no value on the common rebase date: their legend says when they start (they
    are rebased on that first value), never passing them off as rebased on the same date as the others.
    """
    fig = base_figure(title, y_title)
    late = late or {}
    own_date = own_date_suffix(rebased, lang)
    styles = line_styles(rebased.columns)
    for i, col in enumerate(rebased.columns):
        series = rebased[col].dropna()
        if series.empty:
            continue
        color, dash = styles[i]
        if col in late:
            labels = {
                **labels,
                col: t("fig_starts_later", lang, label=labels.get(col, col), date=f"{late[col]:%Y-%m-%d}"),
            }
        custom = None
        template = f"{labels.get(col, col)}: %{{y:.1f}} (%{{customdata[0]:+.1%}})" + own_date
        if prices is not None and col in prices:
            px = prices[col].reindex(series.index)
            custom = pd.DataFrame({"chg": series / 100 - 1, "px": px}).to_numpy()
            template += f" · price %{{customdata[1]:{price_format(col)}}}"
        else:
            custom = pd.DataFrame({"chg": series / 100 - 1}).to_numpy()
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                name=labels.get(col, col),
                mode="lines",
                line={"width": 2.6 if col in highlight else 1.6, "color": color, "dash": dash},
                customdata=custom,
                hovertemplate=template + "<extra></extra>",
            )
        )
    hline(fig, 100, {"color": theme.ink().ref, "width": 1})
    return fig


def lines(
    wide: pd.DataFrame, labels: Mapping[str, str], *, title: str, y_title: str = "", fmt: str = ".2f", lang: str = "en"
) -> go.Figure:
    fig = base_figure(title, y_title)
    own_date = own_date_suffix(wide, lang)
    for (col, series), (color, dash) in zip(wide.items(), line_styles(wide.columns), strict=True):
        series = series.dropna()
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                name=labels.get(col, col),
                mode="lines",
                line={"width": 1.8, "color": color, "dash": dash},
                hovertemplate=f"{labels.get(col, col)}: %{{y:{fmt}}}{own_date}<extra></extra>",
            )
        )
    return fig


TIMELINE_WRAP = {"en": 30, "zh": 16}  # characters a label line: on a 390 px phone a longer line ran off the chart


def _wrap(text: str, lang: str) -> str:
    """A timeline label on lines short enough for a phone (Plotly text does not wrap by itself)."""
    return "<br>".join(textwrap.wrap(text, TIMELINE_WRAP.get(lang, 30), break_long_words=True)) or text


def _tick_day(day: pd.Timestamp, lang: str, with_year: bool = False) -> str:
    """A date on an axis: "1 Dec" (with " 2025" on the first or a January tick); "12月1日" in Chinese."""
    if lang == "zh":
        return (f"{day.year}年" if with_year else "") + f"{day.month}月{day.day}日"
    return f"{day.day} {day:%b}" + (f" {day:%Y}" if with_year else "")


def timeline_figure(
    events: Sequence[Event], lang: str = "en", *, title: str, highlight: dt.date | None = None
) -> go.Figure:
    """Dated events on one axis, one row each, labelled; the event date highlighted."""
    fig = base_figure(title, "", height=max(220, 60 * len(events) + 80))  # room for a label of three lines
    ys = list(range(len(events)))[::-1]
    colors = [theme.ink().event if highlight and e.date == highlight else theme.ink().accent for e in events]
    fig.add_trace(
        go.Scatter(
            x=[pd.Timestamp(e.date) for e in events],
            y=ys,
            mode="markers+text",
            text=[_wrap(("≈ " if e.approx else "") + e.title(lang), lang) for e in events],
            textposition="middle right",
            marker={"size": 12, "color": colors, "symbol": ["diamond-open" if e.approx else "diamond" for e in events]},
            hovertext=[f"{e.title(lang)}<br>{e.when}" for e in events],
            hoverinfo="text",
            showlegend=False,
            cliponaxis=False,
        )
    )
    if events:
        first, last = pd.Timestamp(events[0].date), pd.Timestamp(events[-1].date)
        span = max((last - first).days, 7)
        # room on the right for the labels, but ticks only where the events are: an axis running on to dates no
        # event reaches read as if the timeline did
        ticks = pd.date_range(first.normalize(), last, freq="MS" if span > 90 else "W-MON")
        ticks = ticks if len(ticks) >= 2 else pd.DatetimeIndex([first, last])
        fig.update_xaxes(
            range=[first - pd.Timedelta(days=2), last + pd.Timedelta(days=span * 1.6)],
            tickvals=list(ticks),
            ticktext=[_tick_day(x, lang, with_year=i == 0 or x.month == 1) for i, x in enumerate(ticks)],
        )
    fig.update_yaxes(visible=False, range=[-0.7, len(events) - 0.3])
    fig.update_layout(hovermode="closest")
    return fig
