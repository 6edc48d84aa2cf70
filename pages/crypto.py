"""Crypto: Bitcoin as the canary in the coal mine (thesis section 2.1)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import claims
from analytics.models import crypto_models as models
from analytics.models.crypto_models import RETAIL
from components import analysis_charts, charts, crypto_charts, page_run, replay, shell
from components.badges import coverage_text, error_text, fallback_notice, page_footer, source_badge
from components.data import chrome, claims_context, load, load_proxied
from components.i18n import t
from components.page_spec import Page, Section
from components.recorded import Recording
from components.section_parts import mark_view
from components.tables import frame_table
from components.url_state import choice_param, int_choice_param, number_param
from data_sources import catalog
from data_sources.meta import meta

DERIVATIVES = ("btc_oi", "btc_funding", "btc_liq_long", "btc_liq_short")
THESIS_RETAIL = {"hood": -0.10, "coin": -0.07}  # the thesis's reported falls, drawn as references
# the bars before the range the claims read (the longest of their lookbacks, as the overview and the CLI load them,
# so a section's verdict and the scoreboard's read the same bars; "lowest close since" looks back within it)
LOOKBACK = dt.timedelta(days=claims.data_needs()[1])


def _claim_ctx(view: shell.View) -> claims.Context:
    """The claims' context as the scoreboard builds it: the view's range, event and controls, and every intraday
    series the rules read (hourly BTC from a year before the event, funding, the odds), so a section's verdict and
    the scoreboard's are one computation."""
    return claims_context(view)


def _bars_csv(bars: pd.DataFrame) -> pd.DataFrame:
    """BTC bars as a file: each bar by the UTC instant it opened, prices headed with what they are and their unit
    (the served series' own label: the perpetual where it stands in), volume as the venue served it."""
    label = meta(bars).label or catalog.label("btc")
    table = bars.drop(columns=["symbol"], errors="ignore").set_index("ts").rename_axis("bar open (UTC)")
    return table.rename(columns={c: f"{c}: {label} (USD)" for c in ("open", "high", "low", "close")})


def _frames(view: shell.View) -> dict[str, pd.DataFrame]:
    return load_proxied(
        ("btc", "ndx", *RETAIL), view.start - LOOKBACK, view.end, view.source, lang=view.lang, asof=view.asof
    )


def _level_controls(view: shell.View) -> None:
    level, style = PAGE.param("level"), PAGE.param("chart")
    c1, c2 = st.columns([1, 1])
    c1.number_input(
        t("cr_level", view.lang),
        min_value=level.bounds[0],
        max_value=level.bounds[1],
        step=1000.0,
        key=level.state_key,
        format="%.0f",
    )
    c2.radio(
        t("cr_chart", view.lang),
        style.options,
        key=style.state_key,
        horizontal=True,
        format_func=lambda option: t(f"cr_style_{option}", view.lang),
    )


TRADE_LABEL = {"break_hour": "cr_break_hour", "first_hour": "cr_first_hour", "first_traded": "cr_first_traded"}


def _level_build(view: shell.View, out: Recording) -> None:
    btc_long = _frames(view)["btc"]
    model = models.level_model(btc_long, _claim_ctx(view))
    if model is None:
        out.no_data(view, ("btc",), view.lang)
        return
    fig = crypto_charts.level_break_figure(
        model.bars,
        float(view.param("level")),
        model.close_break,
        model.trade_break,
        title=t("cr_fig_level", view.lang, label=meta(btc_long).label or "BTC"),
        style=view.param("chart"),
        trade_label=t(TRADE_LABEL[model.trade_kind], view.lang),
        close_label=t("cr_first_close", view.lang),
        lang=view.lang,
    )
    out.chart(mark_view(fig, view, "btc-90k"), "crypto_level")
    if model.below_at_start:  # below from the first bar: no break to mark
        out.note(t("cr_below_at_start", view.lang, level=f"{float(view.param('level')):,.0f}"))
    if model.lowest is not None:
        out.note(
            t(
                "cr_lowest",
                view.lang,
                close=f"{model.lowest.close:,.0f}",
                day=model.lowest.day.date(),
                since=model.lowest.since.date(),
                months=f"{model.lowest.months:.1f}",
            )
        )
    if not model.hourly:
        out.note(t("cr_no_hourly", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(_bars_csv(model.bars), "btc_daily", "csv_level", view.lang)


def _wick_build(view: shell.View, out: Recording) -> None:
    btc_long, ctx = _frames(view)["btc"], _claim_ctx(view)
    hourly = ctx.hourly
    model = models.wick_model(btc_long, ctx)
    if model is None:
        out.no_data(view, ("btc",), view.lang)
        return
    if model.hourly:
        title = t("cr_fig_wick_hourly", view.lang, label=meta(hourly).label or "BTC")
    else:
        out.note(t("cr_wick_daily", view.lang))
        title = t("cr_fig_wick_daily", view.lang)
    fig = crypto_charts.wick_figure(
        model.bars,
        title=title,
        hourly=model.hourly,
        sessions=list(model.sessions),
        drop=model.drop,
        wick=model.wick,
        lang=view.lang,
    )
    if not model.hourly:
        charts.add_event_line(fig, view.event, view.lang, row=1)
    out.chart(fig, "crypto_wick")
    _derivatives(view, out)
    out.verdict(model.verdict, view.lang)
    out.csv(_bars_csv(model.bars), "btc_wick_bars", "csv_wick", view.lang)


def _derivative_parts(present: dict[str, pd.DataFrame], lang: str) -> str:
    """What the derivatives chart holds, named from the series it has (no "open interest" in a title without it)."""
    parts = [
        t(code, lang)
        for code, keys in (
            ("cr_deriv_oi", ("btc_oi",)),
            ("cr_deriv_funding", ("btc_funding",)),
            ("cr_deriv_liq", ("btc_liq_long", "btc_liq_short")),
        )
        if any(k in present for k in keys)
    ]
    joined = (
        "、".join(parts) if lang == "zh" else ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    )
    return joined


def _derivatives(view: shell.View, out: Recording) -> None:
    """Open interest and funding beneath the wick, where a source has them; otherwise say so."""
    frames = load(
        DERIVATIVES,
        view.event - dt.timedelta(days=3),
        view.event + dt.timedelta(days=2),
        view.source,
        "1h",
        asof=view.asof,
    )
    present = {k: f for k, f in frames.items() if not f.empty}
    if not present:
        out.note(t("cr_no_oi", view.lang))
        return
    out.chart(
        crypto_charts.derivatives_figure(
            present.get("btc_oi"),
            present.get("btc_funding"),
            title=t("cr_fig_derivs", view.lang, parts=_derivative_parts(present, view.lang)),
            lang=view.lang,
            liquidations=(present.get("btc_liq_long"), present.get("btc_liq_short")),
        ),
        "crypto_derivatives",
    )
    for key in DERIVATIVES:
        if key not in present:
            out.note(t("cr_deriv_missing", view.lang, name=catalog.label(key), why=error_text(frames[key], view.lang)))
    out.badge(present, view.lang)


def _corr_controls(view: shell.View) -> None:
    window = PAGE.param("window")
    st.radio(t("cr_window", view.lang), window.options, key=window.state_key, horizontal=True)


def _corr_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    model = models.corr_model(frames, _claim_ctx(view))
    if model is None:
        out.no_data(view, ("btc", "ndx"), view.lang)
        return
    index = meta(frames["ndx"])
    label = index.label or "Nasdaq-100"
    if index.is_stand_in:
        out.note(t("cr_proxy", view.lang, label=label))
    if model.drawn:
        fig = crypto_charts.rolling_corr_figure(
            model.corrs,
            int(view.param("window")),
            0.8,
            lang=view.lang,
            peak_of=model.in_2025,
            title=t("cr_fig_corr_2025", view.lang, label=label),
        )
        analysis_charts.add_band(fig, claims.YEAR_2025[0], pd.Timestamp("2025-12-31"), t("cr_year_2025", view.lang))
        if view.event_in_range:
            charts.add_event_line(fig, view.event, view.lang)
        out.chart(fig, "crypto_corr")
    else:  # fewer common days than the shortest window: no line to draw (never an empty chart)
        short = t(
            "cr_corr_short",
            view.lang,
            n=model.common_days,
            window=min(model.corrs) if model.corrs else min(claims.CORR_WINDOWS),
            first=model.first_common or view.start,
        )
        out.info(short, icon=":material/timeline:")
    scatter = analysis_charts.scatter_fit_figure(
        model.pairs["us"],
        model.pairs["btc"],
        model.fit,
        title=t("cr_fig_scatter", view.lang),
        x_title=t("fig_asset_return", view.lang, label=label),
        y_title=t("fig_asset_return", view.lang, label="BTC"),
        highlight=model.event_sessions,
    )
    out.chart(scatter, "crypto_scatter")
    out.note(t("cr_weekend", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(
        pd.DataFrame({f"corr_{w}d": c for w, c in model.corrs.items()}), "btc_ndx_rolling_corr", "csv_corr", view.lang
    )


def _retail_build(view: shell.View, out: Recording) -> None:
    model = models.retail_model(_frames(view), _claim_ctx(view))
    if model.missing:
        out.no_data(view, model.missing, view.lang)
        return
    table = model.table.rename(index=catalog.label)
    cols = list(model.session_cols)
    if cols:
        out.chart(
            analysis_charts.grouped_bars_figure(
                table[cols].astype(float),
                title=t("cr_fig_retail", view.lang),
                y_title=t("fig_return", view.lang),
                lang=view.lang,
                reference={catalog.label(k): v for k, v in THESIS_RETAIL.items()} if view.thesis else {},
            ),
            "crypto_retail",
        )
    else:
        out.info(t("cr_no_event", view.lang))
    beta, n = models.RetailModel.BETA, models.RetailModel.N
    out.html(
        frame_table(
            table,
            {**dict.fromkeys(cols, "{:+.2%}"), beta: "{:.2f}", n: "{:.0f}"},
            headers={beta: t("col_beta_btc", view.lang), n: "n"},
        )
    )
    out.note(t("cr_retail_note", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(table, "retail_beta", "csv_retail", view.lang)


def _lead_build(view: shell.View, out: Recording) -> None:
    """The rule's own sample drawn: pre-open BTC vs the index's session over the 250 sessions before the sell-off
    session, that session starred, with the test the verdict quotes."""
    frames, ctx = _frames(view), _claim_ctx(view)
    hourly = ctx.hourly
    model = models.lead_model(frames, ctx)
    if model.sample is None:
        out.no_data(view, ("btc", "ndx"), view.lang, why=model.verdict.text(view.lang))
        out.verdict(model.verdict, view.lang)
        return
    label = meta(frames["ndx"]).label or "Nasdaq-100"
    fig = analysis_charts.scatter_fit_figure(
        model.sample["btc_pre_open"],
        model.sample["us_session"],
        model.fit,
        title=t("cr_fig_lead_rule", view.lang, n=model.n_base),
        x_title=t("cr_x_overnight", view.lang),
        y_title=t("cr_y_session", view.lang, label=label),
        highlight=[model.session],
    )
    out.chart(fig, "crypto_lead_scatter")
    instrument = (meta(hourly).label if hourly is not None else "") or "BTC"
    out.note(t("cr_lead_rule_note", view.lang, stat=model.stat, instrument=instrument))
    out.verdict(model.verdict, view.lang)
    out.csv(model.sample.rename_axis("session"), "btc_pre_open_vs_index_session", "csv_lead", view.lang)


def _onchain_build(view: shell.View, out: Recording) -> None:
    out.note(t("cr_onchain_note", view.lang))
    out.verdict(claims.evaluate("whales", {}, _claim_ctx(view)), view.lang)


PAGE = Page(
    id="crypto",
    title_key="page_crypto",
    icon=":material/currency_bitcoin:",
    params=(
        number_param("level", "p_level", 1000, 1_000_000, 90_000.0, "BTC level"),
        choice_param("chart", "p_chart", ("candles", "line"), "candles", "chart style"),
        int_choice_param("window", "p_window", claims.CORR_WINDOWS, 60, "correlation window"),
    ),
    sections=(
        Section("btc-90k", "cr_h_level", _level_build, reads=("level", "chart"), controls=_level_controls),
        Section("btc-wick", "cr_h_wick", _wick_build),
        Section("btc-ndx-corr", "cr_h_corr", _corr_build, reads=("window",), controls=_corr_controls),
        Section("retail-beta", "cr_h_retail", _retail_build),
        Section("btc-leads", "cr_h_lead", _lead_build),
        Section("whales", "cr_h_onchain", _onchain_build),
    ),
    series=("btc", "ndx", *RETAIL),
)


def render(view: shell.View) -> None:
    """The page for ``view`` (the frame passes it: ``app.py``)."""
    st.title(t("cr_title", view.lang))
    st.caption(t("cr_caption", view.lang))
    shell.episode_banner(view)
    replay.player(view)
    with shell.guard(view.lang):
        frames = chrome(
            ("btc", "ndx", *RETAIL), view.start - LOOKBACK, view.end, view.source, view.lang, asof=view.asof
        )
        before, after = claims.INTRADAY_NEEDS["btc"]
        hourly_frames = chrome(
            ("btc",),
            view.event - dt.timedelta(days=before),
            view.event + dt.timedelta(days=after),
            view.source,
            view.lang,
            interval="1h",
            asof=view.asof,
        )
        btc_long = frames["btc"]
        st.caption(coverage_text(frames, ("btc", "ndx", *RETAIL), view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    if btc_long.empty:
        st.warning(t("cr_no_btc_src", view.lang))
        source_badge(frames, view.lang)
        return
    page_run.show_sections(PAGE, view)
    page_footer(frames, view.lang, extra={"btc_hourly": hourly_frames["btc"]})  # labelled as the perpetual it is


if __name__ == "__main__":  # a fresh server ran this file for a deep link (streamlit#9624): run the frame
    shell.page_entry()
