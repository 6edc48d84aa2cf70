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

from analytics import episodes
from analytics.episodes import contagion_clock, event_study  # noqa: E402
from analytics.events import load_events  # noqa: E402
from components.url_state import PRESET_LABELS, PRESETS, resolve_range  # noqa: E402
from data_sources import catalog, get_many  # noqa: E402
from data_sources.meta import meta  # noqa: E402

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


def head(title: str, frames: dict[str, pd.DataFrame]) -> None:
    st.title(title)
    st.caption("What the thesis says, tested against the data.")
    st.caption("Data as of " + ", ".join(f"{catalog.label(k)} {meta(f).as_of[:10]}" for k, f in frames.items()))


def footer(frames: dict[str, pd.DataFrame]) -> None:
    """The page's end as an ordinary app writes it: sources, and the provenance table (sent on every run)."""
    st.divider()
    st.caption(" · ".join(f"{meta(f).label}: {meta(f).source}" for f in frames.values()))
    with st.expander("Provenance"):
        rows = [{"series": meta(f).label, **seg} for f in frames.values() for seg in meta(f).provenance]
        st.dataframe(pd.DataFrame(rows), hide_index=True)


def verdict(text: str) -> None:
    st.markdown(f":orange[**Mixed**] · {text}")


def csv(frame: pd.DataFrame, name: str) -> None:
    st.download_button("Download CSV", frame.to_csv().encode(), file_name=f"{name}.csv", mime="text/csv")


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
    frames = load(tuple(dict.fromkeys((*TILES, *CONTAGION))), start - dt.timedelta(days=30), end)
    head("Overview", frames)
    st.info("How to read this page: tiles, contagion, the clock, past sell-offs, the timeline, the scoreboard.")
    st.subheader("Markets")
    for col, key in zip(st.columns(4) * 2, TILES, strict=False):
        closes = frames[key]["close"]
        col.metric(catalog.label(key), f"{closes.iloc[-1]:,.2f}", f"{closes.iloc[-1] / closes.iloc[-2] - 1:+.1%}")
    st.subheader("Contagion")
    st.plotly_chart(event_line(rebased(frames, CONTAGION, start, end), event))
    csv(pd.concat({k: f.set_index("ts")["close"] for k, f in frames.items()}, axis=1), "contagion")
    st.subheader("Contagion clock")
    st.number_input("Drawdown (%)", value=2.0, step=0.5)
    ep = episodes.by_id(st.session_state["episode"]) or episodes.thesis()
    first, last = contagion_clock.clock_dates(ep)
    daily = load(episodes.CLOCK_MARKETS, first, last)
    hourly = load(contagion_clock.HOURLY, first, last, "1h")
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
    st.dataframe(pd.DataFrame({"market": list(episodes.CLOCK_MARKETS)}), hide_index=True)
    st.caption("Each market's first hour 2% below its close before the episode.")
    csv(pd.DataFrame({"market": list(episodes.CLOCK_MARKETS)}), "clock")
    st.subheader("Past sell-offs")
    c1, c2 = st.columns([3, 2])
    c1.multiselect("Episodes", [e.id for e in episodes.library()], default=[e.id for e in episodes.library()])
    c2.multiselect("Markets", event_study.STUDY_MARKETS, default=event_study.STUDY_MARKETS)
    study = go.Figure()
    for e in episodes.library():
        first, last = event_study.study_dates(e)
        frames_e = load(event_study.STUDY_MARKETS, first, last)
        for key in event_study.STUDY_MARKETS:
            frame = frames_e[key]
            after = frame[frame["ts"].dt.date >= e.event_date].head(21)
            if after.empty:
                continue
            study.add_scatter(y=after["close"] / after["close"].iloc[0] - 1, name=f"{e.name('en')}: {key}")
    st.plotly_chart(study)
    st.dataframe(pd.DataFrame({"episode": [e.id for e in episodes.library()]}), hide_index=True)
    st.caption("Depth, trough day, half-recovery day and correlation with the Nasdaq-100, before and during.")
    csv(pd.DataFrame({"episode": [e.id for e in episodes.library()]}), "study")
    st.subheader("Timeline")
    events = load_events()
    st.plotly_chart(
        go.Figure(
            go.Scatter(
                x=[e.date for e in events], y=[1] * len(events), mode="markers+text", text=[e.title_en for e in events]
            )
        )
    )
    st.caption(" · ".join(f"[{e.date}]({e.url})" for e in events if e.url.startswith("https://")))
    st.subheader("Scoreboard")
    st.dataframe(pd.DataFrame({"claim": [e.title_en for e in events]}), hide_index=True)
    st.caption("Verdicts from the data, each with the part that decided it.")
    footer(frames)


def crypto() -> None:
    start, end, event = st.session_state["_view"]
    frames = load(("btc", "ndx", "hood", "coin", "mstr"), start - dt.timedelta(days=730), end)
    head("Crypto", frames)
    st.segmented_control(
        "Section", ("BTC level", "Wick", "Correlation", "Retail", "Lead", "Whales"), default="BTC level"
    )
    st.header("BTC and the $90,000 level")
    c1, c2 = st.columns(2)
    c1.number_input("Level", value=90000.0, step=1000.0)
    c2.radio("Chart", ("candles", "line"), horizontal=True)
    btc = frames["btc"][(frames["btc"]["ts"].dt.date >= start) & (frames["btc"]["ts"].dt.date <= end)]
    fig = go.Figure(go.Candlestick(x=btc["ts"], open=btc["open"], high=btc["high"], low=btc["low"], close=btc["close"]))
    fig.add_hline(y=90000, line_dash="dot")
    below = btc[btc["close"] < 90000].head(1)
    fig.add_scatter(x=below["ts"], y=below["close"], mode="markers", name="first close below")
    fig.add_scatter(x=below["ts"], y=below["low"], mode="markers", name="first traded below")
    st.markdown("**BTC daily, with the first close below the level**")
    st.plotly_chart(event_line(fig, event))
    st.caption("The lowest close in the range, and since when it is the lowest.")
    verdict("The level broke, but not in the Asian session the thesis names.")
    csv(btc, "btc_daily")
    footer(frames)


def global_tech() -> None:
    start, end, event = st.session_state["_view"]
    frames = load(MAG7, start - dt.timedelta(days=10), end)
    head("Global tech", frames)
    st.segmented_control("Section", ("Mag 7", "SoftBank", "HBM", "Asia", "Heatmap"), default="Mag 7")
    st.header("The Magnificent 7")
    c1, c2 = st.columns([3, 1])
    c1.multiselect("Assets", MAG7, default=MAG7, format_func=catalog.label)
    c2.date_input("Rebase on", value=None, min_value=start, max_value=end)
    st.markdown("**Rebased to 100 at the range's start**")
    st.plotly_chart(event_line(rebased(frames, MAG7, start, end), event))
    st.caption("Best and worst over the range, and how many fell.")
    csv(pd.concat({k: f.set_index("ts")["close"] for k, f in frames.items()}, axis=1), "mag7")
    footer(frames)


def macro() -> None:
    start, end, event = st.session_state["_view"]
    frames = load(ODDS, start, end, "1h")
    head("Macro", frames)
    st.segmented_control("Section", ("Cut odds", "Rates", "Duration", "Paralysis", "Risk"), default="Cut odds")
    st.header("December cut odds")
    st.markdown("**Odds of a December cut: prediction markets, not CME FedWatch**")
    fig = go.Figure()
    for key in ODDS:
        frame = frames[key].set_index("ts")["close"].resample("1D").last().dropna()
        fig.add_scatter(x=frame.index, y=frame, name=catalog.label(key), mode="lines+markers")
    fig.add_scatter(x=[pd.Timestamp("2025-11-14"), pd.Timestamp("2025-11-21")], y=[0.67, 0.33], mode="markers+text")
    fig.add_scatter(x=[pd.Timestamp(event)] * 2, y=[0, 1], mode="lines", name="event")
    st.plotly_chart(fig)
    st.caption("Prediction-market odds (Polymarket, Kalshi), labelled as such.")
    st.caption("The thesis's figures, drawn where the range holds them.")
    verdict("The drop holds; the week-earlier figure cannot be tested from these markets.")
    footer(frames)


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
