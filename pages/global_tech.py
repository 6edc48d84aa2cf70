"""Global tech: smart money leaving? (thesis section 2.2)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import streamlit as st

from analytics import claims
from analytics.models import global_tech_models as models
from analytics.models.global_tech_models import ASIA, HBM, US
from components import analysis_charts, charts, page_run, shell
from components.badges import coverage_text, fallback_notice, page_footer
from components.data import chrome, claims_context, load_proxied
from components.i18n import t
from components.page_spec import Page, Section
from components.recorded import Recording
from components.section_parts import mark_view
from components.tables import frame_table
from components.url_state import date_param, keys_param
from data_sources import catalog
from data_sources.meta import label as served_label

MAG7 = catalog.keys(tag="mag7")
# The picker's markets in named sets (one click replaces the choice with a set), in this order in its list.
ASSET_SETS = {
    "mag7": tuple(MAG7),
    "us_indices": ("ndx", "nasdaq", "spx", "sox", "qqq"),
    "chips": ("nvda", "mu", "tsm", "amat", "asml", "intc", "qcom", "sk_hynix", "samsung"),
    "asia": ("softbank", "sk_hynix", "samsung", "nikkei", "kospi", "hsi", "twii"),
    "crypto_linked": ("coin", "hood", "mstr"),
}
TECH_ASSETS = tuple(dict.fromkeys(k for keys in ASSET_SETS.values() for k in keys))
ASSETS_MAX = 12  # lines a reader can still tell apart
HEATMAP = (*MAG7, "ndx", "sox", "tsm", "mu", "softbank", "sk_hynix", "samsung", "nikkei", "kospi", "hsi", "twii")
FRAME_LOOKBACK = dt.timedelta(days=30)
# what the page's chrome and fixed sections read (the picker's section loads only the markets chosen)
KEYS = tuple(dict.fromkeys((*MAG7, "ndx", "qqq", "sox", *HBM, *ASIA, *US, *HEATMAP)))


def _labels(keys, frames) -> dict[str, str]:
    return {k: served_label(frames, k, catalog.label(k)) for k in keys}


def _frames(view: shell.View, start: dt.date | None = None, keys: tuple[str, ...] = KEYS) -> dict[str, pd.DataFrame]:
    return load_proxied(
        keys, (start or view.start) - FRAME_LOOKBACK, view.end, view.source, lang=view.lang, asof=view.asof
    )


def _lines_figure(lines: models.Rebased, labels: dict[str, str], title: str, lang: str, highlight=()):
    return charts.rebased_lines(
        lines.rebased,
        labels,
        lines.closes,
        highlight=highlight,
        title=title,
        y_title=t("rebased_axis", lang),
        late=lines.late,
        lang=lang,
    )


def _apply_set() -> None:
    """A quick set replaces the markets chosen (the pill itself does not stay selected)."""
    chosen = st.session_state.get(SET_PICK)
    if chosen in ASSET_SETS:
        st.session_state[PAGE.param("assets").state_key] = list(ASSET_SETS[chosen])
    st.session_state[SET_PICK] = None


SET_PICK = "gt_set_pick"


def _mag7_controls(view: shell.View) -> None:
    assets = PAGE.param("assets")
    st.pills(
        t("gt_sets", view.lang),
        tuple(ASSET_SETS),
        key=SET_PICK,
        format_func=lambda k: t(f"gt_set_{k}", view.lang),
        on_change=_apply_set,
    )
    c1, c2 = st.columns([3, 1])
    c1.multiselect(
        t("gt_assets", view.lang),
        assets.options,
        key=assets.state_key,
        max_selections=ASSETS_MAX,
        format_func=catalog.label,
        wrap=True,
    )
    c2.date_input(
        t("gt_anchor", view.lang),
        key=PAGE.param("anchor").state_key,
        min_value=view.start,
        max_value=view.end,
        format="YYYY-MM-DD",
    )


def _mag7_build(view: shell.View, out: Recording) -> None:
    if not view.param("assets"):
        out.info(t("gt_choose", view.lang))
        return
    frames = _frames(view, keys=tuple(view.param("assets")))
    model = models.mag7_model(frames, view.param("assets"), view.start, view.end, view.param("anchor"))
    if model is None:
        out.info(t("gt_no_assets", view.lang))
        return
    labels = _labels(view.param("assets"), frames)
    title = t("gt_fig_mag7", view.lang, anchor=model.anchor or t("gt_range_start", view.lang))
    out.chart(mark_view(_lines_figure(model.lines, labels, title, view.lang, ("ndx",)), view), "tech_mag7")
    if model.moves:
        best, worst = max(model.moves, key=model.moves.get), min(model.moves, key=model.moves.get)
        out.note(
            t(
                "gt_mag7_note",
                view.lang,
                best=labels[best],
                best_move=f"{model.moves[best]:+.1%}",
                worst=labels[worst],
                worst_move=f"{model.moves[worst]:+.1%}",
                falling=sum(v < 0 for v in model.moves.values()),
                n=len(model.moves),
            )
        )
    out.csv(model.lines.closes, "mag7_closes", "csv_mag7", view.lang)


def _softbank_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    model = models.softbank_model(frames, claims_context(view))
    if model is None:
        out.no_data(view, ("softbank", "nvda"), view.lang)
        return
    fig = _lines_figure(model.lines, _labels(("softbank", "nvda"), frames), t("gt_fig_softbank", view.lang), view.lang)
    if model.sale_band is not None:
        analysis_charts.add_band(fig, *model.sale_band, t("gt_sale_band", view.lang))
    out.chart(mark_view(fig, view, "softbank-exit"), key="tech_softbank")
    ratio = analysis_charts.relative_figure(
        model.ratio, title=t("gt_fig_ratio", view.lang), y_title=t("fig_relative", view.lang)
    )
    out.chart(mark_view(ratio, view), key="tech_softbank_ratio")
    out.note(t("gt_softbank_note", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(model.lines.closes.assign(relative=model.ratio), "softbank_vs_nvda", "csv_softbank", view.lang)


def _hbm_build(view: shell.View, out: Recording) -> None:
    # the rule's own lookback (a 250-session pre-event beta): the overview and the CLI read the same bars
    frames = _frames(view, view.start - dt.timedelta(days=claims.RULES["hbm-cycle"].lookback_days))
    model = models.hbm_model(frames, claims_context(view))
    if model is None:
        out.no_data(view, HBM, view.lang)
        return
    labels = _labels(model.lines.closes.columns, frames)
    fig = _lines_figure(model.lines, labels, t("gt_fig_hbm", view.lang), view.lang, ("sk_hynix",))
    out.chart(mark_view(fig, view, "hbm-cycle"), key="tech_hbm")
    if model.missing:
        out.note(t("gt_missing", view.lang, names=", ".join(catalog.label(k) for k in model.missing)))
    session, move, vs_high = models.HbmModel.COLUMNS
    table = model.table.rename(index=labels)
    out.html(
        frame_table(
            table,
            dict.fromkeys([move, vs_high], "{:+.1%}"),
            headers={
                session: t("col_event_session", view.lang),
                move: t("col_return_session", view.lang),
                vs_high: t("col_vs_high", view.lang),
            },
        )
    )
    out.note(t("gt_hbm_note", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(table, "hbm_event_session", "csv_hbm", view.lang)


def _asia_build(view: shell.View, out: Recording) -> None:
    """Same-date scatters over the range, the verdict's own lead-lag profile (250 sessions before the US sell-off
    session, with p-values), the pairs' table and the verdict."""
    frames = _frames(view)
    long = _frames(view, view.start - dt.timedelta(days=claims.RULES["asia-leads"].lookback_days))
    model = models.asia_model(frames, long, claims_context(view))
    if model is None:
        out.no_data(view, (*ASIA, "ndx"), view.lang)
        return
    labels = _labels((*ASIA, *US), frames)
    out.columns(2)
    for i, same in enumerate(model.scatters[:2]):
        a, u = labels[same.asia], labels[same.us]
        fig = analysis_charts.scatter_fit_figure(
            same.pairs["lead"],
            same.pairs["follow"],
            same.fit,
            title=t("gt_fig_same_day", view.lang, a=a, u=u),
            x_title=t("fig_asset_return", view.lang, label=a),
            y_title=t("fig_asset_return", view.lang, label=u),
            highlight=same.before(model.lag_day),  # the pair the verdict reads: Asia, then the US sell-off session
        )
        out.chart(fig, f"tech_asia_{same.asia}_{same.us}", column=i)
    if model.profiles:
        lag_names = {
            -1: t("gt_lag_us_first", view.lang),
            0: t("gt_lag_same", view.lang),
            1: t("gt_lag_asia_next", view.lang),
        }
        fig = analysis_charts.lag_profile_figure(
            model.profiles,
            labels,
            lag_names,
            title=t("gt_fig_lags_rule", view.lang, day=model.lag_day.date()),
            y_title=t("fig_correlation", view.lang),
        )
        out.chart(fig, "tech_asia_lags")
    stats = model.stats.copy()
    stats.index = [f"{labels[a]} vs {labels[u]}" for a, u in model.stats.index]
    out.html(
        frame_table(
            stats,
            dict(zip(models.AsiaModel.STATS, ("{:.2f}", "{:.0%}", "{:.0f}"), strict=True)),
            headers={c: t(f"col_{c.replace('-', '_').replace(' ', '_')}", view.lang) for c in models.AsiaModel.STATS},
        )
    )
    out.note(t("gt_asia_note", view.lang))
    out.verdict(model.verdict, view.lang)
    out.csv(model.returns, "asia_us_daily_returns", "csv_asia", view.lang)


def _holidays(matrix: pd.DataFrame, keys_by_label: dict[str, str]) -> np.ndarray:
    """True where a cell is empty because its market was closed that weekday (the exchange calendar says so)."""
    from analytics.sessions import EXCHANGES, is_holiday

    out = np.zeros(matrix.shape, dtype=bool)
    for i, label in enumerate(matrix.index):
        exchange = EXCHANGES.get(catalog.get(keys_by_label.get(label, "")).tz) if label in keys_by_label else None
        if exchange is None:
            continue
        for j, day in enumerate(matrix.columns):
            out[i, j] = pd.isna(matrix.iat[i, j]) and is_holiday(exchange, day)
    return out


def _heatmap_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view)
    labels = _labels(HEATMAP, frames)
    model = models.heatmap_model(frames, HEATMAP, labels, view.start, view.end, view.event)
    if model is None:
        out.no_data(view, HEATMAP, view.lang)
        return
    matrix, period, event = model.matrix, model.period, model.event_column
    closed = _holidays(matrix, {v: k for k, v in labels.items()}) if period == "D" else None
    out.chart(
        analysis_charts.heatmap_figure(
            matrix,
            event,
            title=t(f"gt_fig_heatmap_{period}", view.lang),
            date_format="%Y-%m" if period == "M" else "%Y-%m-%d",
            lang=view.lang,
            closed=closed,
        ),
        key="tech_heatmap",
    )
    out.note(t("gt_heatmap_legend", view.lang))
    if event is not None and event in matrix.columns:
        day = matrix[event].dropna()
        if not day.empty:
            when = (
                view.event
                if period == "D"
                else t(f"gt_period_{period}", view.lang, day=event.strftime("%Y-%m" if period == "M" else "%Y-%m-%d"))
            )
            out.note(
                t(
                    "gt_heatmap_note",
                    view.lang,
                    day=when,
                    fell=int((day < 0).sum()),
                    n=len(day),
                    worst=day.idxmin(),
                    worst_move=f"{day.min():+.1%}",
                    best=day.idxmax(),
                    best_move=f"{day.max():+.1%}",
                )
            )
    out.csv(matrix.T, "tech_daily_returns", "csv_heatmap", view.lang)


PAGE = Page(
    id="global-tech",
    title_key="page_global_tech",
    icon=":material/memory:",
    params=(
        keys_param("assets", "p_assets", TECH_ASSETS, (*MAG7, "ndx"), "assets", max_n=ASSETS_MAX),
        date_param("anchor", "p_anchor", None, "rebase date"),
    ),
    sections=(
        Section("mag7", "gt_h_mag7", _mag7_build, reads=("assets", "anchor"), controls=_mag7_controls),
        Section("softbank-exit", "gt_h_softbank", _softbank_build),
        Section("hbm-cycle", "gt_h_hbm", _hbm_build),
        Section("asia-leads", "gt_h_asia", _asia_build),
        Section("heatmap", "gt_h_heatmap", _heatmap_build),
    ),
    series=(*MAG7, "ndx", "sox", "nikkei", "kospi"),
)


def render(view: shell.View) -> None:
    """The page for ``view`` (the frame passes it: ``app.py``)."""
    st.title(t("gt_title", view.lang))
    st.caption(t("gt_caption", view.lang))
    shell.episode_banner(view)
    with shell.guard(view.lang):
        frames = chrome(KEYS, view.start - FRAME_LOOKBACK, view.end, view.source, view.lang, asof=view.asof)
        st.caption(coverage_text(frames, HEATMAP, view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    page_run.show_sections(PAGE, view)
    page_footer(frames, view.lang)


if __name__ == "__main__":  # a fresh server ran this file for a deep link (streamlit#9624): run the frame
    shell.page_entry()
