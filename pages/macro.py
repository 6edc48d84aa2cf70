"""Macro: the ghost of stagflation (thesis section 2.3)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import claims
from analytics.lang import in_lang
from analytics.models import macro_models as models
from analytics.models.macro_models import RISK, YIELDS
from components import analysis_charts, charts, macro_charts, page_run, shell
from components.badges import coverage_text, fallback_notice, page_footer
from components.data import chrome, claims_context, load, load_proxied
from components.i18n import t
from components.page_spec import Page, Section
from components.recorded import Recording
from components.section_parts import mark_view
from components.tables import frame_table
from components.theme import ink
from data_sources import catalog
from data_sources.meta import label as served_label

FUTURES = ("zq_nov25", "zq_dec25", "zq_jan26", "dff")
EQUITY = ("ndx", "spx")
LABOUR = ("payems", "unrate")


# the verdict's table, headed in words and units (its model's columns are dy, g, b, gmb)
DURATION_HEADERS = {
    "dy": "10y yield change (bp)",
    "g": "Nasdaq-100 return (fraction)",
    "b": "S&P 500 return (fraction)",
    "gmb": "Nasdaq-100 minus S&P 500 (fraction)",
}


def _frames(view: shell.View) -> dict[str, pd.DataFrame]:
    """The page's series over the view (from the cached loaders), the labour reports over three years."""
    frames = load_proxied(
        (*FUTURES, *YIELDS, *EQUITY, *RISK),
        view.start - dt.timedelta(days=45),
        view.end,
        view.source,
        lang=view.lang,
        asof=view.asof,
    )
    frames.update(load(LABOUR, view.end - dt.timedelta(days=365 * 3), view.end, view.source, asof=view.asof))
    return frames


def _ctx(view: shell.View) -> claims.Context:
    return claims_context(view)


def _cut_odds_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    model = models.cut_odds_model(frames, _ctx(view))
    if model.empty:  # nothing to draw: say what is missing, and where it is
        start, end = shell.nearest_range(view, *models.ODDS_WINDOW)
        out.range_info("mc_no_cut", view.lang, start, end, ":material/block:", start=view.start, end=view.end)
        out.verdict(model.verdict, view.lang)
        return
    fig = macro_charts.cut_odds_figure(
        model.computed,
        model.reported,
        title=t("mc_fig_cut", view.lang),
        x_range=(pd.Timestamp(view.start), pd.Timestamp(view.end)),
        lang=view.lang,
        markets=model.markets,
    )
    out.chart(mark_view(fig, view, "cut-odds"), key="macro_cut_odds")
    if model.markets:
        out.note(t("mc_cut_markets", view.lang))
    if model.computed is None:
        (before_day, before), (_, on) = model.thesis_figures.items()
        out.note(
            t(
                "mc_cut_reported" if model.reported else "mc_cut_reported_outside",
                view.lang,
                before=f"{before:.0%}",
                on=f"{on:.0%}",
                before_date=before_day.date(),
                on_date=claims.THESIS_DATE,
            )
        )
    else:
        out.note(t("mc_cut_computed", view.lang))
    out.verdict(model.verdict, view.lang)
    if model.computed is not None:
        out.csv(model.computed.to_frame(), "december_cut_odds", "csv_cut", view.lang)


def _zero_line(fig) -> None:
    charts.hline(fig, 0, {"color": ink().ref, "width": 1})


def _rates_build(view: shell.View, out: Recording) -> None:
    model = models.rates_model(_frames(view), view.start, view.end, view.event)
    if model is None:
        out.no_data(view, YIELDS, view.lang)
        return
    labels = {k: catalog.label(k) for k in YIELDS}
    fig = charts.lines(model.yields, labels, title=t("mc_fig_yields", view.lang), y_title="%", lang=view.lang)
    out.chart(mark_view(fig, view), key="macro_yields")
    if model.curve_bp is not None:
        fig = charts.lines(
            model.curve_bp.to_frame("10y - 2y"),
            {},
            title=t("mc_fig_curve", view.lang),
            y_title=t("fig_bp", view.lang),
            fmt=".0f",
        )
        _zero_line(fig)
        fig.update_layout(height=300)
        out.chart(mark_view(fig, view), key="macro_curve")
    if model.week_bp:
        week = {labels[k]: v for k, v in model.week_bp.items()}
        out.html(frame_table(pd.DataFrame({t("mc_week_row", view.lang): week}).T, "{:+.0f}"))
    out.csv(model.yields, "treasury_yields", "csv_yields", view.lang)


def _duration_build(view: shell.View, out: Recording) -> None:
    # the rule's own lookback (its pre-event sample reaches 250 sessions back): the overview reads the same bars
    back = dt.timedelta(days=claims.RULES["duration"].lookback_days)
    frames = load_proxied(
        ("dgs10", "ndx", "spx"), view.start - back, view.end, view.source, lang=view.lang, asof=view.asof
    )
    model = models.duration_model(frames, _ctx(view))
    if model is None:
        out.no_data(view, ("dgs10", "ndx", "spx"), view.lang)
        return
    label = served_label(frames, "ndx", "Nasdaq-100")
    out.columns(2)
    scatter = analysis_charts.scatter_fit_figure(
        model.table["dy"],
        model.table["gmb"],
        model.fit,
        title=t("mc_fig_duration", view.lang, label=label, n=len(model.table)),
        x_title=t("mc_x_dy", view.lang),
        y_title=t("mc_y_gmb", view.lang, label=label),
        highlight=[],
        x_format="+.0f",
        slope_format=t("fig_slope_bp", view.lang),
    )
    out.chart(scatter, key="macro_duration", column=0)
    fig = charts.lines(
        model.spread.to_frame(t("fig_growth_broad", view.lang)),
        {},
        title=t("mc_fig_spread", view.lang, label=label),
        y_title=t("fig_pp", view.lang),
    )
    _zero_line(fig)
    out.chart(mark_view(fig, view), key="macro_growth_spread", column=1)
    out.verdict(model.verdict, view.lang)
    out.csv(model.table.rename(columns=DURATION_HEADERS), "duration", "csv_duration", view.lang)


def _paralysis_build(view: shell.View, out: Recording) -> None:
    model = models.labour_model(_frames(view), _ctx(view))
    if model is None:
        out.no_data(view, LABOUR, view.lang)
        return
    fig = macro_charts.labour_figure(model.table, model.reference, title=t("mc_fig_labour", view.lang), lang=view.lang)
    out.chart(fig, key="macro_labour")
    row = model.reading
    if row is not None:
        ur = row["unemployment_rate"]  # never "nan%": October 2025's household survey was not collected
        out.note(
            t(
                "mc_reading",
                view.lang,
                pay=f"{row['payrolls_change_k']:+,.0f}",
                ur=f"{ur:.1f}%" if pd.notna(ur) else t("mc_not_published", view.lang),
                month=f"{model.reference:%Y-%m}",
                released=f"{row['released']:%Y-%m-%d}",
                extra=in_lang(view.lang, row["note"], row["note_zh"]) or "-",
            )
        )
    out.note(t("mc_labour_note", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(model.table, "payrolls_unemployment", "csv_labour", view.lang)


def _risk_build(view: shell.View, out: Recording) -> None:
    model = models.risk_model(_frames(view), view.start, view.end, view.event)
    if model is None:
        out.no_data(view, RISK, view.lang)
        return
    labels = {k: catalog.label(k) for k in RISK}
    fig = analysis_charts.rebased_panels(
        model.rebased,
        labels,
        title=t("mc_fig_risk", view.lang),
        y_title=t("rebased_axis", view.lang),
        late=model.late,
        lang=view.lang,
    )
    out.chart(mark_view(fig, view), key="macro_risk")
    if model.week and view.event_in_range:
        out.note(t("mc_week", view.lang, moves="; ".join(f"{labels[k]} {v:+.1%}" for k, v in model.week.items())))
    out.csv(model.levels, "risk_gauges", "csv_risk", view.lang)


PAGE = Page(
    id="macro",
    title_key="page_macro",
    icon=":material/account_balance:",
    sections=(
        Section("cut-odds", "mc_h_cut", _cut_odds_build),
        Section("rates", "mc_h_rates", _rates_build),
        Section("duration", "mc_h_duration", _duration_build),
        Section("paralysis", "mc_h_paralysis", _paralysis_build),
        Section("risk", "mc_h_risk", _risk_build),
    ),
    series=("ndx", "spx", "ust10y", "ust2y", "vix", "dxy"),
)


def render(view: shell.View) -> None:
    """The page for ``view`` (the frame passes it: ``app.py``)."""
    st.title(t("mc_title", view.lang))
    st.caption(t("mc_caption", view.lang))
    shell.episode_banner(view)
    with shell.guard(view.lang):
        frames = chrome(
            (*FUTURES, *YIELDS, *EQUITY, *RISK),
            view.start - dt.timedelta(days=45),
            view.end,
            view.source,
            view.lang,
            asof=view.asof,
        )
        frames.update(
            chrome(LABOUR, view.end - dt.timedelta(days=365 * 3), view.end, view.source, view.lang, asof=view.asof)
        )
        st.caption(coverage_text(frames, (*YIELDS, *EQUITY, *RISK), view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    page_run.show_sections(PAGE, view)
    page_footer(frames, view.lang)


if __name__ == "__main__":  # a fresh server ran this file for a deep link (streamlit#9624): run the frame
    shell.page_entry()
