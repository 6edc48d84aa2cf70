"""Global tech: smart money leaving? (thesis section 2.2)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import claims
from analytics import markets as mk
from analytics.crypto import ols
from analytics.returns import REBASE_LOOKBACK, closes, drawdown_from_high, rebase_on, total_change
from components import analysis_charts as ac
from components import charts, recorded, shell
from components.badges import coverage_text, fallback_notice, page_footer
from components.data import chrome, load_proxied
from components.i18n import t
from components.recorded import Recording
from components.sections import chart, csv_download, mark_view, note, verdict_line
from components.tables import frame_table
from components.url_state import TECH_ASSETS
from data_sources import catalog

HBM = ("sk_hynix", "samsung", "mu", "tsm", "nvda")
ASIA = ("nikkei", "kospi")
US = ("spx", "ndx")
HEATMAP = (
    *catalog.keys(tag="mag7"),
    "ndx",
    "sox",
    "tsm",
    "mu",
    "softbank",
    "sk_hynix",
    "samsung",
    "nikkei",
    "kospi",
    "hsi",
    "twii",
)
SALE_MONTH = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))  # SoftBank's sale, per its 11 Nov 2025 results


def _labels(keys, frames) -> dict[str, str]:
    return {k: frames[k].attrs.get("label", catalog.label(k)) if k in frames else catalog.label(k) for k in keys}


def _in_range(frame: pd.DataFrame, view: shell.View) -> pd.DataFrame:
    return claims.window(frame, view.start, view.end)


FRAME_LOOKBACK = dt.timedelta(days=30)
KEYS = tuple(dict.fromkeys((*TECH_ASSETS, *HBM, *ASIA, *US, *HEATMAP)))


def _frames(start: dt.date, end: dt.date, source: str, lang: str) -> dict[str, pd.DataFrame]:
    return load_proxied(KEYS, start - FRAME_LOOKBACK, end, source, lang=lang)


def _rebased(
    frames: dict[str, pd.DataFrame], keys, view: shell.View, anchor: dt.date
) -> tuple[pd.DataFrame, dict[str, pd.Timestamp]]:
    """The keys rebased on one common date (each one's last close on or before ``anchor``), cut to the range."""
    reb, late = rebase_on(
        closes({k: claims.window(frames[k], view.start - REBASE_LOOKBACK, view.end) for k in keys}), anchor
    )
    return reb, late


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _mag7_model(view: shell.View) -> dict | None:
    """The rebased chart (as plain figure data), its note and its closes for one view.

    Cached because a range change flips between views a reader has seen; a rerun for another control
    reuses it too. None when no chosen asset has data in the range.
    """
    frames = _frames(view.start, view.end, view.source, view.lang)
    keys = [k for k in view.param("assets") if k in frames]
    wide = closes({k: _in_range(frames[k], view) for k in keys})
    if wide.empty:
        return None
    anchor = view.param("anchor")
    anchor = anchor if anchor and view.start <= anchor <= view.end else None
    labels = _labels(keys, frames)
    reb, late = _rebased(frames, keys, view, anchor or view.start)
    fig = charts.rebased_lines(
        reb,
        labels,
        wide,
        highlight=("ndx",),
        y_title=t("rebased_axis", view.lang),
        late=late,
        lang=view.lang,
        title=t("gt_fig_mag7", view.lang, anchor=anchor or t("gt_range_start", view.lang)),
    )
    moves = {
        labels[c]: total_change(wide[c][wide.index >= pd.Timestamp(anchor)] if anchor else wide[c])
        for c in wide.columns
    }
    moves = {k: v for k, v in moves.items() if v is not None}
    text = None
    if moves:
        best, worst = max(moves, key=moves.get), min(moves, key=moves.get)
        text = t(
            "gt_mag7_note",
            view.lang,
            best=best,
            best_move=f"{moves[best]:+.1%}",
            worst=worst,
            worst_move=f"{moves[worst]:+.1%}",
            falling=sum(v < 0 for v in moves.values()),
            n=len(moves),
        )
    return {"spec": charts.freeze(mark_view(fig, view)), "note": text, "closes": wide}


def _mag7_section(view: shell.View) -> None:
    st.header(t("gt_h_mag7", view.lang), anchor="mag7")
    c1, c2 = st.columns([3, 1])
    c1.multiselect(t("gt_assets", view.lang), TECH_ASSETS, key="p_assets", format_func=catalog.label)
    c2.date_input(
        t("gt_anchor", view.lang), key="p_anchor", min_value=view.start, max_value=view.end, format="YYYY-MM-DD"
    )
    if not view.param("assets"):
        st.info(t("gt_choose", view.lang))
        return
    model = _mag7_model(view)
    if model is None:
        st.info(t("gt_no_assets", view.lang))
        return
    chart(charts.thaw(model["spec"]), key="tech_mag7")
    if model["note"]:
        note(model["note"])
    csv_download(model["closes"], "mag7_closes", "csv_mag7", view.lang)


def _softbank_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view.start, view.end, view.source, view.lang)
    ctx = claims.Context(view.start, view.end, view.event, thesis_episode=view.thesis)
    wide = closes({k: _in_range(frames[k], view) for k in ("softbank", "nvda")})
    if wide.shape[1] < 2:
        out.no_data(view, ("softbank", "nvda"), view.lang)
        return
    labels = _labels(("softbank", "nvda"), frames)
    reb, late = _rebased(frames, ("softbank", "nvda"), view, view.start)
    fig = charts.rebased_lines(
        reb,
        labels,
        wide,
        title=t("gt_fig_softbank", view.lang),
        y_title=t("rebased_axis", view.lang),
        late=late,
        lang=view.lang,
    )
    s, e = pd.Timestamp(max(SALE_MONTH[0], view.start)), pd.Timestamp(min(SALE_MONTH[1], view.end))
    if s <= e:
        ac.add_band(fig, s, e, t("gt_sale_band", view.lang))
    out.chart(mark_view(fig, view, "softbank-exit"), key="tech_softbank")
    ratio = mk.relative(wide["softbank"], wide["nvda"])
    out.chart(
        mark_view(
            ac.relative_figure(ratio, title=t("gt_fig_ratio", view.lang), y_title=t("fig_relative", view.lang)), view
        ),
        key="tech_softbank_ratio",
    )
    out.note(t("gt_softbank_note", view.lang))
    out.verdict(claims.evaluate("softbank-exit", frames, ctx), view.lang)
    out.csv(wide.assign(relative=ratio), "softbank_vs_nvda", "csv_softbank", view.lang)


def _softbank_section(view: shell.View) -> None:
    st.header(t("gt_h_softbank", view.lang), anchor="softbank-exit")
    recorded.draw("global-tech", "softbank", view)


def _hbm_build(view: shell.View, out: Recording) -> None:
    frames = _frames(view.start, view.end, view.source, view.lang)
    ctx = claims.Context(view.start, view.end, view.event, thesis_episode=view.thesis)
    keys = [k for k in HBM if not frames[k].empty]
    missing = [catalog.label(k) for k in HBM if frames[k].empty]
    wide = closes({k: _in_range(frames[k], view) for k in keys})
    if wide.empty:
        out.no_data(view, HBM, view.lang)
        return
    labels = _labels(keys, frames)
    reb, late = _rebased(frames, keys, view, view.start)
    fig = charts.rebased_lines(
        reb,
        labels,
        wide,
        highlight=("sk_hynix",),
        title=t("gt_fig_hbm", view.lang),
        y_title=t("rebased_axis", view.lang),
        late=late,
        lang=view.lang,
    )
    out.chart(mark_view(fig, view, "hbm-cycle"), key="tech_hbm")
    if missing:
        out.note(t("gt_missing", view.lang, names=", ".join(missing)))
    rows = {}
    for k in wide.columns:
        day = mk.session_on_or_before(wide[k], pd.Timestamp(view.event))
        rets = wide[k].dropna().pct_change()
        rows[labels[k]] = {
            "event session": day.date().isoformat() if day is not None else None,
            "return that session": rets.get(day) if day is not None else None,
            "that close vs range high so far": drawdown_from_high(wide[k], day) if day is not None else None,
        }
    table = pd.DataFrame(rows).T
    out.html(
        frame_table(
            table,
            dict.fromkeys(["return that session", "that close vs range high so far"], "{:+.1%}"),
            headers={
                "event session": t("col_event_session", view.lang),
                "return that session": t("col_return_session", view.lang),
                "that close vs range high so far": t("col_vs_high", view.lang),
            },
        )
    )
    out.note(t("gt_hbm_note", view.lang))
    out.verdict(claims.evaluate("hbm-cycle", frames, ctx), view.lang)
    out.csv(table, "hbm_event_session", "csv_hbm", view.lang)


def _hbm_section(view: shell.View) -> None:
    st.header(t("gt_h_hbm", view.lang), anchor="hbm-cycle")
    recorded.draw("global-tech", "hbm", view)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _asia_model(view: shell.View) -> dict | None:
    """The Asia-vs-US figures (as plain data), tables and verdict for one view.

    Cached because it is the heaviest section to compute (~100-250 ms on this machine), and a reader returns
    to views they have seen. None when the range lacks both Asian indices or any US one.
    """
    frames = _frames(view.start, view.end, view.source, view.lang)
    wide = closes({k: _in_range(frames[k], view) for k in (*ASIA, *US) if not frames[k].empty})
    if not set(ASIA) <= set(wide) or not set(US) & set(wide):
        return None
    rets = mk.returns_by_date(wide)
    labels = _labels((*ASIA, *US), frames)
    pairs = [(a, u) for a in ASIA for u in US if u in rets]
    stats = {}
    for a, u in pairs:
        same = mk.same_day(rets[a], rets[u])
        hr = mk.hit_rate(same)
        stats[f"{labels[a]} vs {labels[u]}"] = {
            "same-day corr": same["lead"].corr(same["follow"]),
            "sign hit-rate": hr,
            "days": len(same),
        }
    ev = [pd.Timestamp(view.event)]
    scatters = []
    for a, u in [p for p in pairs if p[1] == "spx"] or pairs[:2]:
        same = mk.same_day(rets[a], rets[u])
        fit = ols(same["lead"], same["follow"])
        fig = ac.scatter_fit_figure(
            same["lead"],
            same["follow"],
            fit,
            title=t("gt_fig_same_day", view.lang, a=labels[a], u=labels[u]),
            x_title=t("fig_asset_return", view.lang, label=labels[a]),
            y_title=t("fig_asset_return", view.lang, label=labels[u]),
            highlight=ev,
        )
        scatters.append((f"tech_asia_{a}_{u}", charts.freeze(fig)))
    # The lead-lag chart is the verdict's own profile: 250 sessions before the US sell-off session, with p-values.
    long = _frames(
        view.start - dt.timedelta(days=claims.RULES["asia-leads"].lookback_days), view.end, view.source, view.lang
    )
    ctx = claims.Context(view.start, view.end, view.event, thesis_episode=view.thesis)
    verdict = claims.evaluate("asia-leads", long, ctx)
    lags = None
    try:
        day, profiles = claims.asia_profiles(long, ctx)
    except claims.NotTestable:
        profiles = {}
    names = {-1: t("gt_lag_us_first", view.lang), 0: t("gt_lag_same", view.lang), 1: t("gt_lag_asia_next", view.lang)}
    if profiles:
        fig = charts.base_figure(
            t("gt_fig_lags_rule", view.lang, day=day.date()), t("fig_correlation", view.lang), height=340
        )
        for i, (key, profile) in enumerate(profiles.items()):
            ks = [k for k in (-1, 0, 1) if profile.get(k) is not None]
            tests = [profile[k] for k in ks]
            fig.add_trace(
                go.Bar(
                    x=[names[k] for k in ks],
                    y=[c.r for c in tests],
                    name=labels[key],
                    text=[f"{c.r:+.2f} (p {c.p:.3f}, n {c.n})" for c in tests],
                    textposition="outside",
                    marker_color=charts.series_color(key, i),
                    hovertemplate="%{text}<extra>" + labels[key] + "</extra>",
                )
            )
        fig.update_layout(barmode="group", hovermode="closest")
        fig.update_yaxes(range=[-1, 1])
        lags = charts.freeze(fig)
    return {"scatters": scatters, "lags": lags, "stats": pd.DataFrame(stats).T, "verdict": verdict, "returns": rets}


def _asia_section(view: shell.View) -> None:
    st.header(t("gt_h_asia", view.lang), anchor="asia-leads")
    model = _asia_model(view)
    if model is None:
        shell.no_data(view, (*ASIA, "ndx"), view.lang)
        return
    for col, (key, spec) in zip(st.columns(2), model["scatters"], strict=False):
        chart(charts.thaw(spec), key=key, where=col)
    if model["lags"] is not None:
        chart(charts.thaw(model["lags"]), key="tech_asia_lags")
    st.html(
        frame_table(
            model["stats"],
            {"same-day corr": "{:.2f}", "sign hit-rate": "{:.0%}", "days": "{:.0f}"},
            headers={
                c: t(f"col_{c.replace('-', '_').replace(' ', '_')}", view.lang)
                for c in ("same-day corr", "sign hit-rate", "days")
            },
        )
    )
    note(t("gt_asia_note", view.lang))
    verdict_line(model["verdict"], view.lang)
    csv_download(model["returns"], "asia_us_daily_returns", "csv_asia", view.lang)


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
    frames = _frames(view.start, view.end, view.source, view.lang)
    keys = [k for k in HEATMAP if not frames[k].empty]
    wide = closes({k: _in_range(frames[k], view) for k in keys})
    if wide.empty:
        out.no_data(view, HEATMAP, view.lang)
        return
    period = mk.heatmap_period(view.start, view.end)
    matrix = mk.heatmap_matrix(wide, _labels(keys, frames), period)
    event = mk.period_end(pd.Timestamp(view.event), period) if view.event_in_range else None
    closed = _holidays(matrix, {v: k for k, v in _labels(keys, frames).items()}) if period == "D" else None
    out.chart(
        ac.heatmap_figure(
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


def _heatmap_section(view: shell.View) -> None:
    st.header(t("gt_h_heatmap", view.lang), anchor="heatmap")
    recorded.draw("global-tech", "heatmap", view)


recorded.register("global-tech", {"softbank": _softbank_build, "hbm": _hbm_build, "heatmap": _heatmap_build})


def render() -> None:
    view = shell.current_view()
    st.title(t("gt_title", view.lang))
    st.caption(t("gt_caption", view.lang))
    shell.episode_banner(view)
    with shell.guard(view.lang):
        frames = chrome(KEYS, view.start - FRAME_LOOKBACK, view.end, view.source, view.lang)
        st.caption(coverage_text(frames, HEATMAP, view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    sections = {
        "mag7": ("gt_h_mag7", lambda: _mag7_section(view)),
        "softbank-exit": ("gt_h_softbank", lambda: _softbank_section(view)),
        "hbm-cycle": ("gt_h_hbm", lambda: _hbm_section(view)),
        "asia-leads": ("gt_h_asia", lambda: _asia_section(view)),
        "heatmap": ("gt_h_heatmap", lambda: _heatmap_section(view)),
    }
    shell.show_sections("global-tech", sections, view.lang)
    page_footer(frames, view.lang)


shell.page_entry(render)
