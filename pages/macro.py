"""Macro: the ghost of stagflation (thesis section 2.3)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import claims
from analytics import macro as mc
from analytics.crypto import ols
from analytics.events import events_between, load_events
from analytics.returns import closes, rebase
from components import analysis_charts as ac
from components import charts, shell
from components.badges import provenance_expander, source_badge
from components.data import load, load_proxied
from components.sections import csv_download, note, verdict_line
from data_sources import catalog

FUTURES = ("zq_dec25", "zq_jan26", "dff", "fedfunds")
YIELDS = ("ust3m", "ust2y", "dgs10")
EQUITY = ("ndx", "spx")
RISK = ("vix", "dxy", "gold")
LABOUR = ("payems", "unrate")


def _ranged(frame: pd.DataFrame, view: shell.View) -> pd.Series:
    return claims.close_series(claims.window(frame, view.start, view.end))


def _mark(fig, view: shell.View, claim: str | None = None):
    if view.event_in_range:
        charts.add_event_line(fig, view.event)
    return charts.add_event_markers(fig, events_between(view.start, view.end, claim), view.lang)


def _cut_odds_section(view: shell.View, frames: dict[str, pd.DataFrame], ctx: claims.Context) -> None:
    st.header("December cut odds", anchor="cut-odds")
    meeting = next((e.date for e in load_events() if e.id == "fomc-dec"), None)
    computed = None
    if not frames["zq_dec25"].empty and meeting is not None and (not frames["dff"].empty or not frames["fedfunds"].empty):
        table = claims.cut_odds_table(frames, meeting)
        computed = table["cut_probability"]
        computed = computed[(computed.index >= pd.Timestamp(view.start)) & (computed.index <= pd.Timestamp(view.end))]
    ev = pd.Timestamp(view.event)
    reported = {}
    if view.event == dt.date(2025, 11, 21):  # the thesis's figures refer to its own date only
        reported = {ev - pd.Timedelta(days=7): claims.REPORTED_CUT_ODDS["week_before"], ev: claims.REPORTED_CUT_ODDS["event"]}
    fig = ac.cut_odds_figure(computed, reported, title="Market-implied probability of a 25 bp cut at the 10 Dec 2025 FOMC")
    st.plotly_chart(_mark(fig, view, "cut-odds"), key="macro_cut_odds")
    if computed is None:
        note("Fed funds futures (ZQ) are not in this source, so the odds cannot be computed here: the two markers are the "
             "figures the thesis reports (65% a week before, 35% on the day), reported, not computed. With live Yahoo "
             "data the line is computed by the CME FedWatch method (analytics/fedwatch.py).")
    else:
        note("Computed with the CME FedWatch method: implied average rate = 100 - price, split around the meeting day; "
             "pre-meeting rate from the effective fed funds rate.")
    verdict_line(claims.evaluate("cut-odds", frames, ctx), view.lang)
    if computed is not None:
        csv_download(computed.to_frame(), "december_cut_odds", "csv_cut", view.lang)


def _rates_section(view: shell.View, frames: dict[str, pd.DataFrame]) -> None:
    st.header("Rates", anchor="rates")
    wide = closes({k: claims.window(frames[k], view.start, view.end) for k in YIELDS})
    if wide.empty:
        st.info("No Treasury yields from this source in the selected range (the snapshot holds FRED yields to April 2026).")
        return
    labels = {k: catalog.label(k) for k in YIELDS}
    st.plotly_chart(_mark(charts.lines(wide, labels, title="Treasury yields (%)", y_title="%"), view), key="macro_yields")
    if {"dgs10", "ust2y"} <= set(wide):
        curve = mc.spread(wide["dgs10"], wide["ust2y"]) * 100
        fig = charts.lines(curve.to_frame("10y - 2y"), {}, title="Curve: 10-year minus 2-year (bp)", y_title="bp", fmt=".0f")
        fig.add_hline(y=0, line={"color": "rgba(255,255,255,0.35)", "width": 1})
        fig.update_layout(height=300)
        st.plotly_chart(_mark(fig, view), key="macro_curve")
    ev = pd.Timestamp(view.event)
    changes = {labels[k]: mc.bp_change(wide[k], ev - pd.Timedelta(days=7), ev) for k in wide.columns}
    shown = {k: v for k, v in changes.items() if v is not None}
    if shown:
        st.dataframe(pd.DataFrame({"change over the week to the event (bp)": shown}).T.style.format("{:+.0f}"),
                     width="stretch")
        note("Week to the event: " + "; ".join(f"{k} {v:+.0f} bp" for k, v in shown.items()) + ".")
    csv_download(wide, "treasury_yields", "csv_yields", view.lang)


def _duration_section(view: shell.View, frames: dict[str, pd.DataFrame], ctx: claims.Context) -> None:
    st.header("The duration hit", anchor="duration")
    y10, ndx, spx = _ranged(frames["dgs10"], view), _ranged(frames["ndx"], view), _ranged(frames["spx"], view)
    if y10.empty or ndx.empty or spx.empty:
        st.info("The 10-year yield or the indices have no data in this range.")
        return
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    dy = mc.daily_change_bp(y10)
    g = ndx.pct_change()
    both = pd.DataFrame({"dy": dy, "g": g}).dropna()
    fit = ols(both["dy"], both["g"])
    c1, c2 = st.columns(2)
    c1.plotly_chart(ac.scatter_fit_figure(both["dy"], both["g"], fit, title=f"10-year yield change vs {label}",
                                          x_title="10-year yield, daily change (bp)", y_title=f"{label} return",
                                          highlight=[pd.Timestamp(view.event)], x_format="+.0f"), key="macro_duration")
    spread = mc.cumulative_spread(ndx, spx)
    fig = charts.lines(spread.to_frame("growth - broad"), {}, title=f"{label} minus S&P 500, cumulative (pp)",
                       y_title="percentage points")
    fig.add_hline(y=0, line={"color": "rgba(255,255,255,0.35)", "width": 1})
    c2.plotly_chart(_mark(fig, view), key="macro_growth_spread")
    verdict_line(claims.evaluate("duration", frames, ctx), view.lang)
    csv_download(both.assign(growth_minus_broad_pp=spread), "duration", "csv_duration", view.lang)


def _paralysis_section(view: shell.View, frames: dict[str, pd.DataFrame], ctx: claims.Context) -> None:
    st.header("Policy paralysis", anchor="paralysis")
    if frames["payems"].empty or frames["unrate"].empty:
        st.info("Payrolls or unemployment are not in this source.")
        return
    until = pd.Timestamp(view.end)
    table = mc.labour_table(claims.close_series(frames["payems"]), claims.close_series(frames["unrate"]), 24, until)
    ref = mc.latest_release_before(pd.Timestamp(view.event))
    st.plotly_chart(ac.labour_figure(table, ref, title="Nonfarm payrolls and unemployment, last 24 reference months"),
                    key="macro_labour")
    if ref is not None and ref in table.index:
        row = table.loc[ref]
        note(f"Reading: payrolls {row['payrolls_change_k']:+,.0f}k while unemployment {row['unemployment_rate']:.1f}% "
             f"({ref:%B %Y} data, released {row['released']:%d %b %Y}; {row['note'] or 'no note'}).")
    note("Bars are by reference month; hover shows when each was released. A gap is a month with no published figure "
         "(October 2025's household survey was never collected).")
    verdict_line(claims.evaluate("paralysis", frames, ctx), view.lang)
    csv_download(table, "payrolls_unemployment", "csv_labour", view.lang)


def _risk_section(view: shell.View, frames: dict[str, pd.DataFrame]) -> None:
    st.header("Risk gauges", anchor="risk")
    wide = closes({k: claims.window(frames[k], view.start, view.end) for k in RISK})
    if wide.empty:
        st.info("No risk gauges from this source in this range (the snapshot holds them from 2025-09-08 to 2026-03-06).")
        return
    labels = {k: catalog.label(k) for k in RISK}
    st.plotly_chart(_mark(charts.rebased_lines(rebase(wide), labels, wide, title="VIX, dollar index and gold, rebased"),
                          view), key="macro_risk")
    ev = pd.Timestamp(view.event)
    moves = {labels[k]: mc.value_on_or_before(wide[k], ev) for k in wide.columns}
    week = {labels[k]: mc.value_on_or_before(wide[k], ev - pd.Timedelta(days=7)) for k in wide.columns}
    parts = [f"{k} {moves[k][1] / week[k][1] - 1:+.1%}" for k in moves if moves[k] and week[k]]
    if parts and view.event_in_range:
        note("Week to the event: " + "; ".join(parts) + ".")
    csv_download(wide, "risk_gauges", "csv_risk", view.lang)


def render() -> None:
    view = shell.current_view()
    st.title("Macro: the ghost of stagflation")
    st.caption("Thesis section 2.3: fading cut odds, higher discount rates, and a labour market that paralyses the Fed.")
    with shell.guard(view.lang):
        frames = load_proxied((*FUTURES, *YIELDS, *EQUITY, *RISK), view.start - dt.timedelta(days=45), view.end,
                              view.source)
        frames.update(load(LABOUR, view.end - dt.timedelta(days=365 * 3), view.end, view.source))
    ctx = claims.Context(view.start, view.end, view.event)
    for section in (
        lambda: _cut_odds_section(view, frames, ctx),
        lambda: _rates_section(view, frames),
        lambda: _duration_section(view, frames, ctx),
        lambda: _paralysis_section(view, frames, ctx),
        lambda: _risk_section(view, frames),
    ):
        with shell.guard(view.lang):
            section()
    st.divider()
    source_badge(frames, view.lang)
    provenance_expander(frames, view.lang)


shell.page_entry(render)
