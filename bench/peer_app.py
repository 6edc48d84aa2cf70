"""The same-chrome peer: the dashboard's pages written the ordinary Streamlit way, the benchmark's anchor.

The same sidebar (language, date range presets, episode, event date, source, the Share popover) and a four-page
navigation with the app's page names; one ``st.cache_data`` loader reading the same embedded snapshot; each page's
default view drawn with as many Plotly charts as the app's, of the same kind and detail (traces and points), each
built with ``plotly`` on every run and sent with a plain ``st.plotly_chart``. No section caching, no recorded
figures, no thinning, no fitted margins: what a competent first version of the dashboard would be.
Run: ``streamlit run bench/peer_app.py``. The numbers drawn are the snapshot's real closes; this app is a yardstick,
not a view anyone reads.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import episodes  # noqa: E402
from analytics.events import load_events  # noqa: E402
from components.url_state import PRESET_LABELS, PRESETS, resolve_range  # noqa: E402
from data_sources import catalog, get_many  # noqa: E402

SNAPSHOT_END = dt.date(2026, 7, 13)
CONTAGION = ("btc", "nikkei", "kospi", "sk_hynix", "nvda", "ndx", "spx", "vix")
TILES = ("btc", "ndx", "spx", "nvda", "sk_hynix", "nikkei", "ust10y", "vix")
MAG7 = (*catalog.keys(tag="mag7"), "ndx")
ODDS = ("cut_odds_kalshi", "cut_odds_poly")


@st.cache_data(ttl=600, show_spinner=False)
def load(keys: tuple[str, ...], start: dt.date, end: dt.date, interval: str = "1d") -> dict[str, pd.DataFrame]:
    return get_many(keys, start, end, interval=interval, source="snapshot", proxies=True)


def sidebar() -> tuple[dt.date, dt.date, dt.date]:
    with st.sidebar:
        st.radio("Language", ("en", "zh"), horizontal=True, key="lang")
        preset = st.radio("Date range", PRESETS, horizontal=True, key="range", format_func=PRESET_LABELS.get, index=6)
        names = {e.id: e.name("en") for e in episodes.library()}
        st.selectbox("Sell-off", tuple(names), key="episode", format_func=names.get, index=len(names) - 1)
        event = st.date_input("Event date", value=episodes.thesis().event_date, key="event")
        st.selectbox("Data source", ("auto", "live", "snapshot"), key="source", index=2)
        start, end = resolve_range(preset, SNAPSHOT_END, event)
        st.caption(f"Showing {start} to {end}")
        with st.popover("Share", width="stretch"):
            st.code(f"?range={preset}&event={event}", language=None)
    return start, end, event


def rebased(frames: dict[str, pd.DataFrame], keys, start: dt.date, end: dt.date) -> go.Figure:
    fig = go.Figure()
    for key in keys:
        frame = frames[key]
        frame = frame[(frame["ts"].dt.date >= start) & (frame["ts"].dt.date <= end)]
        if frame.empty:
            continue
        fig.add_scatter(x=frame["ts"], y=100 * frame["close"] / frame["close"].iloc[0], name=catalog.label(key))
    return fig


def event_line(fig: go.Figure, event: dt.date) -> go.Figure:
    fig.add_vline(x=pd.Timestamp(event).timestamp() * 1000, line_dash="dash", annotation_text="event")
    return fig


def overview() -> None:
    start, end, event = st.session_state["_view"]
    st.title("Overview")
    frames = load(tuple(dict.fromkeys((*TILES, *CONTAGION))), start - dt.timedelta(days=30), end)
    for col, key in zip(st.columns(4) * 2, TILES, strict=False):
        closes = frames[key]["close"]
        col.metric(catalog.label(key), f"{closes.iloc[-1]:,.2f}", f"{closes.iloc[-1] / closes.iloc[-2] - 1:+.1%}")
    st.subheader("Contagion")
    st.plotly_chart(event_line(rebased(frames, CONTAGION, start, end), event))
    st.subheader("Contagion clock")
    ep = episodes.by_id(st.session_state["episode"]) or episodes.thesis()
    first, last = episodes.clock_dates(ep)
    daily = load(episodes.CLOCK_MARKETS, first, last)
    hourly = load(episodes.HOURLY, first, last, "1h")
    clock = go.Figure()
    for key in episodes.CLOCK_MARKETS:
        frame = hourly[key] if key in hourly and not hourly[key].empty else daily[key]
        if frame.empty:
            continue
        move = frame["close"] / frame["close"].iloc[0] - 1
        clock.add_scatter(x=frame["ts"], y=move, name=catalog.label(key), mode="lines")
        worst = move.idxmin()
        clock.add_scatter(x=[frame["ts"][worst]], y=[move[worst]], mode="markers", showlegend=False)
    st.plotly_chart(clock)
    st.subheader("Past sell-offs")
    study = go.Figure()
    for e in episodes.library():
        first, last = episodes.study_dates(e)
        frames_e = load(episodes.STUDY_MARKETS, first, last)
        for key in episodes.STUDY_MARKETS:
            frame = frames_e[key]
            after = frame[frame["ts"].dt.date >= e.event_date].head(21)
            if after.empty:
                continue
            study.add_scatter(y=after["close"] / after["close"].iloc[0] - 1, name=f"{e.name('en')}: {key}")
    st.plotly_chart(study)
    st.subheader("Timeline")
    events = load_events()
    st.plotly_chart(
        go.Figure(
            go.Scatter(
                x=[e.date for e in events], y=[1] * len(events), mode="markers+text", text=[e.title_en for e in events]
            )
        )
    )
    st.subheader("Scoreboard")
    st.dataframe(pd.DataFrame({"claim": [e.title_en for e in events]}), hide_index=True)


def crypto() -> None:
    start, end, event = st.session_state["_view"]
    st.title("Crypto")
    st.segmented_control(
        "Section", ("BTC level", "Wick", "Correlation", "Retail", "Lead", "Whales"), default="BTC level"
    )
    st.number_input("Level", value=90000.0, step=1000.0)
    btc = load(("btc",), start, end)["btc"]
    fig = go.Figure(go.Candlestick(x=btc["ts"], open=btc["open"], high=btc["high"], low=btc["low"], close=btc["close"]))
    fig.add_hline(y=90000, line_dash="dot")
    below = btc[btc["close"] < 90000].head(1)
    fig.add_scatter(x=below["ts"], y=below["close"], mode="markers", name="first close below")
    fig.add_scatter(x=below["ts"], y=below["low"], mode="markers", name="first traded below")
    st.plotly_chart(event_line(fig, event))


def global_tech() -> None:
    start, end, event = st.session_state["_view"]
    st.title("Global tech")
    st.segmented_control("Section", ("Mag 7", "SoftBank", "HBM", "Asia", "Heatmap"), default="Mag 7")
    st.multiselect("Assets", MAG7, default=MAG7, format_func=catalog.label)
    frames = load(MAG7, start - dt.timedelta(days=10), end)
    st.plotly_chart(event_line(rebased(frames, MAG7, start, end), event))


def macro() -> None:
    start, end, event = st.session_state["_view"]
    st.title("Macro")
    st.segmented_control("Section", ("Cut odds", "Rates", "Duration", "Paralysis", "Risk"), default="Cut odds")
    frames = load(ODDS, start, end, "1h")
    fig = go.Figure()
    for key in ODDS:
        frame = frames[key].set_index("ts")["close"].resample("1D").last().dropna()
        fig.add_scatter(x=frame.index, y=frame, name=catalog.label(key), mode="lines+markers")
    fig.add_scatter(x=[pd.Timestamp("2025-11-14"), pd.Timestamp("2025-11-21")], y=[0.67, 0.33], mode="markers+text")
    fig.add_scatter(x=[pd.Timestamp(event)] * 2, y=[0, 1], mode="lines", name="event")
    st.plotly_chart(fig)


st.set_page_config(page_title="peer", layout="wide")
pg = st.navigation(
    [
        st.Page(overview, title="Overview", url_path="overview", default=True),
        st.Page(crypto, title="Crypto", url_path="crypto"),
        st.Page(global_tech, title="Global tech", url_path="global-tech"),
        st.Page(macro, title="Macro", url_path="macro"),
    ]
)
st.session_state["_view"] = sidebar()
pg.run()
