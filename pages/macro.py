"""Macro: the ghost of stagflation (thesis section 2.3)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import claims
from analytics import macro as mc
from analytics.crypto import ols
from analytics.events import load_events
from analytics.lang import in_lang
from analytics.returns import REBASE_LOOKBACK, closes, rebase_on
from components import analysis_charts as ac
from components import charts, recorded, shell
from components.badges import coverage_text, fallback_notice, page_footer
from components.data import chrome, load, load_intraday, load_proxied
from components.i18n import t
from components.recorded import Recording
from components.sections import mark_view
from components.tables import frame_table
from components.theme import ink
from data_sources import catalog

FUTURES = ("zq_nov25", "zq_dec25", "zq_jan26", "dff")
YIELDS = ("ust3m", "ust2y", "dgs10")
EQUITY = ("ndx", "spx")
RISK = ("vix", "dxy", "gold")
LABOUR = ("payems", "unrate")


def _ranged(frame: pd.DataFrame, view: shell.View) -> pd.Series:
    return claims.close_series(claims.window(frame, view.start, view.end))


def _cut_odds_build(view: shell.View, out: Recording) -> None:
    frames, ctx = _frames(view), _ctx(view)
    meeting = next((e.date for e in load_events() if e.id == "fomc-dec"), None)
    computed = None
    if (
        not frames["zq_dec25"].empty
        and meeting is not None
        and (not frames["dff"].empty or not frames["zq_nov25"].empty)
    ):
        table = claims.cut_odds_table(frames, meeting)
        computed = table["cut_probability"]
        computed = computed[(computed.index >= pd.Timestamp(view.start)) & (computed.index <= pd.Timestamp(view.end))]
    # The thesis's figures refer to its own date only, and are drawn only where the view shows them.
    thesis = claims.reported_cut_odds()
    reported = {
        day: p for day, p in thesis.items() if view.event == claims.THESIS_DATE and view.start <= day.date() <= view.end
    }
    markets = (
        {}
        if computed is not None
        else {
            market: claims.close_series(claims.window(ctx.intraday[key], view.start, view.end)).rename(market)
            for key, market in claims.ODDS_KEYS
            if key in ctx.intraday and not ctx.intraday[key].empty
        }
    )
    markets = {m: s for m, s in markets.items() if not s.empty}
    if computed is None and not markets and not reported:  # nothing to draw: say what is missing, and where it is
        start, end = shell.nearest_range(view, dt.date(2025, 11, 16), dt.date(2025, 12, 7))
        out.range_info("mc_no_cut", view.lang, start, end, ":material/block:", start=view.start, end=view.end)
        out.verdict(claims.evaluate("cut-odds", frames, ctx), view.lang)
        return
    fig = ac.cut_odds_figure(
        computed,
        reported,
        title=t("mc_fig_cut", view.lang),
        x_range=(pd.Timestamp(view.start), pd.Timestamp(view.end)),
        lang=view.lang,
        markets=markets,
    )
    out.chart(mark_view(fig, view, "cut-odds"), key="macro_cut_odds")
    if markets:
        out.note(t("mc_cut_markets", view.lang))
    if computed is None:
        (before_day, before), (_, on) = thesis.items()
        out.note(
            t(
                "mc_cut_reported" if reported else "mc_cut_reported_outside",
                view.lang,
                before=f"{before:.0%}",
                on=f"{on:.0%}",
                before_date=before_day.date(),
                on_date=claims.THESIS_DATE,
            )
        )
    else:
        out.note(t("mc_cut_computed", view.lang))
    out.verdict(claims.evaluate("cut-odds", frames, ctx), view.lang)
    if computed is not None:
        out.csv(computed.to_frame(), "december_cut_odds", "csv_cut", view.lang)


def _cut_odds_section(view: shell.View) -> None:
    st.header(t("mc_h_cut", view.lang), anchor="cut-odds")
    recorded.draw("macro", "cut-odds", view)


def _rates_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    wide = closes({k: claims.window(frames[k], view.start, view.end) for k in YIELDS})
    if wide.empty:
        out.no_data(view, YIELDS, view.lang)
        return
    labels = {k: catalog.label(k) for k in YIELDS}
    out.chart(
        mark_view(charts.lines(wide, labels, title=t("mc_fig_yields", view.lang), y_title="%", lang=view.lang), view),
        key="macro_yields",
    )
    if {"dgs10", "ust2y"} <= set(wide):
        curve = mc.spread(wide["dgs10"], wide["ust2y"]) * 100
        fig = charts.lines(
            curve.to_frame("10y - 2y"),
            {},
            title=t("mc_fig_curve", view.lang),
            y_title=t("fig_bp", view.lang),
            fmt=".0f",
        )
        charts.hline(fig, 0, {"color": ink().ref, "width": 1})
        fig.update_layout(height=300)
        out.chart(mark_view(fig, view), key="macro_curve")
    ev = pd.Timestamp(view.event)
    changes = {labels[k]: mc.bp_change(wide[k], ev - pd.Timedelta(days=7), ev) for k in wide.columns}
    shown = {k: v for k, v in changes.items() if v is not None}
    if shown:
        out.html(frame_table(pd.DataFrame({t("mc_week_row", view.lang): shown}).T, "{:+.0f}"))
    out.csv(wide, "treasury_yields", "csv_yields", view.lang)


def _rates_section(view: shell.View) -> None:
    st.header(t("mc_h_rates", view.lang), anchor="rates")
    recorded.draw("macro", "rates", view)


def _duration_build(view: shell.View, out: Recording) -> None:
    frames, ctx = _frames(view), _ctx(view)
    y10, ndx, spx = _ranged(frames["dgs10"], view), _ranged(frames["ndx"], view), _ranged(frames["spx"], view)
    if y10.empty or ndx.empty or spx.empty:
        out.no_data(view, ("dgs10", "ndx", "spx"), view.lang)
        return
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    both = mc.duration_table(y10, ndx, spx)  # the verdict's own table: common dates, then differences
    fit = ols(both["dy"], both["gmb"])
    out.columns(2)
    out.chart(
        ac.scatter_fit_figure(
            both["dy"],
            both["gmb"],
            fit,
            title=t("mc_fig_duration", view.lang, label=label),
            x_title=t("mc_x_dy", view.lang),
            y_title=t("mc_y_gmb", view.lang, label=label),
            highlight=[pd.Timestamp(view.event)],
            x_format="+.0f",
            slope_format=t("fig_slope_bp", view.lang),
        ),
        key="macro_duration",
        column=0,
    )
    spread = mc.cumulative_spread(ndx, spx)
    fig = charts.lines(
        spread.to_frame(t("fig_growth_broad", view.lang)),
        {},
        title=t("mc_fig_spread", view.lang, label=label),
        y_title=t("fig_pp", view.lang),
    )
    charts.hline(fig, 0, {"color": ink().ref, "width": 1})
    out.chart(mark_view(fig, view), key="macro_growth_spread", column=1)
    out.verdict(claims.evaluate("duration", frames, ctx), view.lang)
    out.csv(both.assign(growth_minus_broad_pp=spread), "duration", "csv_duration", view.lang)


def _duration_section(view: shell.View) -> None:
    st.header(t("mc_h_duration", view.lang), anchor="duration")
    recorded.draw("macro", "duration", view)


def _paralysis_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    ctx = _ctx(view)
    if frames["payems"].empty or frames["unrate"].empty:
        out.no_data(view, LABOUR, view.lang)
        return
    until = pd.Timestamp(view.end)
    table = mc.labour_table(claims.close_series(frames["payems"]), claims.close_series(frames["unrate"]), 24, until)
    ref = mc.latest_release_before(pd.Timestamp(view.event))
    out.chart(ac.labour_figure(table, ref, title=t("mc_fig_labour", view.lang), lang=view.lang), key="macro_labour")
    if ref is not None and ref in table.index:
        row = table.loc[ref]
        extra = in_lang(view.lang, row["note"], row["note_zh"]) or "-"
        ur = row["unemployment_rate"]  # never "nan%": October 2025's household survey was not collected
        out.note(
            t(
                "mc_reading",
                view.lang,
                pay=f"{row['payrolls_change_k']:+,.0f}",
                ur=f"{ur:.1f}%" if pd.notna(ur) else t("mc_not_published", view.lang),
                month=f"{ref:%Y-%m}",
                released=f"{row['released']:%Y-%m-%d}",
                extra=extra,
            )
        )
    out.note(t("mc_labour_note", view.lang))
    out.verdict(claims.evaluate("paralysis", frames, ctx), view.lang)
    out.csv(table, "payrolls_unemployment", "csv_labour", view.lang)


def _paralysis_section(view: shell.View) -> None:
    st.header(t("mc_h_paralysis", view.lang), anchor="paralysis")
    recorded.draw("macro", "paralysis", view)


def _risk_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    wide = closes({k: claims.window(frames[k], view.start, view.end) for k in RISK})
    if wide.empty:
        out.no_data(view, RISK, view.lang)
        return
    labels = {k: catalog.label(k) for k in RISK}
    reb, late = rebase_on(
        closes({k: claims.window(frames[k], view.start - REBASE_LOOKBACK, view.end) for k in RISK}), view.start
    )
    out.chart(
        mark_view(
            ac.rebased_panels(
                reb,
                labels,
                title=t("mc_fig_risk", view.lang),
                y_title=t("rebased_axis", view.lang),
                late=late,
                lang=view.lang,
            ),
            view,
        ),
        key="macro_risk",
    )
    ev = pd.Timestamp(view.event)
    moves = {labels[k]: mc.value_on_or_before(wide[k], ev) for k in wide.columns}
    week = {labels[k]: mc.value_on_or_before(wide[k], ev - pd.Timedelta(days=7)) for k in wide.columns}
    parts = [f"{k} {moves[k][1] / week[k][1] - 1:+.1%}" for k in moves if moves[k] and week[k]]
    if parts and view.event_in_range:
        out.note(t("mc_week", view.lang, moves="; ".join(parts)))
    out.csv(wide, "risk_gauges", "csv_risk", view.lang)


def _risk_section(view: shell.View) -> None:
    st.header(t("mc_h_risk", view.lang), anchor="risk")
    recorded.draw("macro", "risk", view)


def _frames(view: shell.View) -> dict[str, pd.DataFrame]:
    """The page's series over the view (from the cached loaders), the labour reports over three years."""
    frames = load_proxied(
        (*FUTURES, *YIELDS, *EQUITY, *RISK), view.start - dt.timedelta(days=45), view.end, view.source, lang=view.lang
    )
    frames.update(load(LABOUR, view.end - dt.timedelta(days=365 * 3), view.end, view.source))
    return frames


def _ctx(view: shell.View) -> claims.Context:
    return claims.Context(
        view.start, view.end, view.event, intraday=load_intraday(view.event, view.source), thesis_episode=view.thesis
    )


recorded.register(
    "macro",
    {
        "cut-odds": _cut_odds_build,
        "rates": _rates_build,
        "duration": _duration_build,
        "paralysis": _paralysis_build,
        "risk": _risk_build,
    },
)


def render() -> None:
    view = shell.current_view()
    st.title(t("mc_title", view.lang))
    st.caption(t("mc_caption", view.lang))
    shell.episode_banner(view)
    with shell.guard(view.lang):
        frames = chrome(
            (*FUTURES, *YIELDS, *EQUITY, *RISK), view.start - dt.timedelta(days=45), view.end, view.source, view.lang
        )
        frames.update(chrome(LABOUR, view.end - dt.timedelta(days=365 * 3), view.end, view.source, view.lang))
        st.caption(coverage_text(frames, (*YIELDS, *EQUITY, *RISK), view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    sections = {
        "cut-odds": ("mc_h_cut", lambda: _cut_odds_section(view)),
        "rates": ("mc_h_rates", lambda: _rates_section(view)),
        "duration": ("mc_h_duration", lambda: _duration_section(view)),
        "paralysis": ("mc_h_paralysis", lambda: _paralysis_section(view)),
        "risk": ("mc_h_risk", lambda: _risk_section(view)),
    }
    shell.show_sections("macro", sections, view.lang)
    page_footer(frames, view.lang)


shell.page_entry(render)
