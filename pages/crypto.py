"""Crypto: Bitcoin as the canary in the coal mine (thesis section 2.1)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics import claims
from analytics import crypto as cx
from analytics.returns import closes, simple_returns
from components import analysis_charts as ac
from components import charts, shell
from components.badges import coverage_text, error_text, fallback_notice, page_footer, source_badge
from components.data import chrome, load, load_proxied
from components.i18n import t
from components.sections import chart, csv_download, mark_view, note, verdict_line
from components.tables import frame_table
from data_sources import catalog

RETAIL = ("hood", "coin", "mstr")
DERIVATIVES = ("btc_oi", "btc_funding")
THESIS_RETAIL = {"hood": -0.10, "coin": -0.07}  # the thesis's reported falls, drawn as references
ONCHAIN_KEYS = ("GLASSNODE_API_KEY", "CRYPTOQUANT_API_KEY")


def _onchain_configured() -> bool:
    try:
        secrets = {k for k in ONCHAIN_KEYS if k in st.secrets}
    except Exception:  # no secrets.toml at all
        secrets = set()
    return bool(secrets or any(os.environ.get(k) for k in ONCHAIN_KEYS))


def _claim_ctx(view: shell.View, hourly: pd.DataFrame | None) -> claims.Context:
    return claims.Context(
        view.start,
        view.end,
        view.event,
        thesis_episode=view.thesis,
        level=float(view.param("level")),
        window=int(view.param("window")),
        hourly=hourly,
        extras={"onchain_configured": _onchain_configured()},
    )


LOOKBACK = dt.timedelta(days=730)  # the lowest close "since when" looks back this far


def _frames(view: shell.View) -> dict[str, pd.DataFrame]:
    return load_proxied(("btc", "ndx", *RETAIL), view.start - LOOKBACK, view.end, view.source, lang=view.lang)


def _hourly(view: shell.View) -> dict[str, pd.DataFrame]:
    """Hourly BTC from a year before the event (the timing rules' baseline) to two days after it."""
    before, after = claims.INTRADAY_NEEDS["btc"]
    return load(
        ("btc",),
        view.event - dt.timedelta(days=before),
        view.event + dt.timedelta(days=after),
        view.source,
        interval="1h",
    )


def hourly_bars(hourly: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
    """BTC's hourly bars, or None where the source has none (the sections' one test for it)."""
    return None if hourly["btc"].empty else hourly["btc"]


def near_event(hourly: pd.DataFrame | None, view: shell.View) -> pd.DataFrame | None:
    """The hours the event charts draw: three days before the event to two after."""
    if hourly is None:
        return None
    near = claims.window(hourly, view.event - dt.timedelta(days=3), view.event + dt.timedelta(days=1))
    return None if near.empty else near


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _level_model(view: shell.View) -> dict | None:
    """The level chart (as plain figure data), notes, verdict and bars for one view.

    Cached because a range change flips between views a reader has seen. None when the range has no BTC bars.
    """
    btc_long = _frames(view)["btc"]
    hourly_all = hourly_bars(_hourly(view))
    hourly = near_event(hourly_all, view)
    level = float(view.param("level"))
    btc = claims.window(btc_long, view.start, view.end)
    if btc.empty:
        return None
    close_break = cx.first_below(btc, level, "close")
    if hourly is not None and not view.thesis:  # no verdict on another sell-off: the first hour below, as such
        trade_break, trade_label = cx.first_below(hourly, level, "low"), t("cr_first_hour", view.lang)
    elif hourly is not None:
        # the break the verdict times: the last hourly close above the level, then a bar below, before the end of
        # the event's Asian session (not merely the first hour below in the range)
        from analytics.sessions import asian_session

        asia = asian_session(view.event)
        brk = claims.level_break_hour(hourly_all, level, asia[1]) if asia and view.event_in_range else None
        row = hourly_all[hourly_all["ts"] == brk] if brk is not None else None
        trade_break = (
            cx.LevelBreak(brk, float(row["low"].iloc[0]), True)
            if row is not None and not row.empty
            else cx.first_below(hourly, level, "low")
        )
        trade_label = t("cr_break_hour", view.lang)
    else:
        trade_break, trade_label = cx.first_below(btc, level, "low"), t("cr_first_traded", view.lang)
    notes = []
    if close_break is not None and not close_break.crossed:  # below from the first bar: no break to mark
        notes.append(t("cr_below_at_start", view.lang, level=f"{level:,.0f}"))
    close_break, trade_break = (b if b is not None and b.crossed else None for b in (close_break, trade_break))
    fig = ac.level_break_figure(
        btc,
        level,
        close_break,
        trade_break,
        title=t("cr_fig_level", view.lang, label=btc_long.attrs.get("label", "BTC")),
        style=view.param("chart"),
        trade_label=trade_label,
        close_label=t("cr_first_close", view.lang),
        lang=view.lang,
    )
    mark_view(fig, view, "btc-90k")
    low = btc.loc[btc["close"].idxmin()]
    since = cx.lowest_close_since(btc_long, low["ts"])
    if since is not None and since.since is not None:
        notes.append(
            t(
                "cr_lowest",
                view.lang,
                close=f"{low['close']:,.0f}",
                day=low["ts"].date(),
                since=since.since.date(),
                months=f"{since.months:.1f}",
            )
        )
    if hourly is None:
        notes.append(t("cr_no_hourly", view.lang))
    verdict = claims.evaluate("btc-90k", {"btc": btc_long}, _claim_ctx(view, hourly_all))
    return {"spec": charts.freeze(fig), "notes": notes, "verdict": verdict, "bars": btc.drop(columns=["symbol"])}


def _level_section(view: shell.View) -> None:
    st.header(t("cr_h_level", view.lang), anchor="btc-90k")
    c1, c2 = st.columns([1, 1])
    c1.number_input(
        t("cr_level", view.lang), min_value=1000.0, max_value=1_000_000.0, step=1000.0, key="p_level", format="%.0f"
    )
    c2.radio(
        t("cr_chart", view.lang),
        ("candles", "line"),
        key="p_chart",
        horizontal=True,
        format_func=lambda style: t(f"cr_style_{style}", view.lang),
    )
    model = _level_model(view)
    if model is None:
        shell.no_data(view, ("btc",), view.lang)
        return
    chart(charts.thaw(model["spec"]), key="crypto_level")
    for text in model["notes"]:
        note(text)
    verdict_line(model["verdict"], view.lang)
    csv_download(model["bars"], "btc_daily", "csv_level", view.lang)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _wick_model(view: shell.View) -> dict | None:
    """The wick section for one view (page controls stripped: it reads none): the hourly (or daily) bars around
    the event, the verdict's own cascade and needle drawn, the verdict. None when the source has no bars there."""
    btc_long, hourly_all = _frames(view)["btc"], hourly_bars(_hourly(view))
    hourly = near_event(hourly_all, view)
    ctx = _claim_ctx(view, hourly_all)
    is_hourly = hourly is not None and not hourly.empty
    if is_hourly:
        frame = hourly
        sessions = cx.trading_sessions(frame["ts"].iloc[0], frame["ts"].iloc[-1] + pd.Timedelta(hours=1))
    else:
        frame = claims.window(btc_long, view.event - dt.timedelta(days=14), view.event + dt.timedelta(days=7))
        sessions = []
    if frame.empty:
        return None
    title = (
        t("cr_fig_wick_hourly", view.lang, label=frame.attrs.get("label", "BTC"))
        if is_hourly
        else t("cr_fig_wick_daily", view.lang)
    )
    drop, wick = cx.largest_drop(frame), cx.largest_wick(frame)
    if is_hourly and ctx.hourly is not None:  # the verdict's own cascade and needle, not a second measure
        try:
            inp = claims.btc_wick_inputs(ctx.hourly, view.event, ctx.intraday.get("btc_funding"))
            drop, wick = cx.Drop(inp.cascade_end, inp.drop, inp.volume_ratio), inp.needle
        except claims.NotTestable:
            pass
    fig = ac.wick_figure(frame, title=title, hourly=is_hourly, sessions=sessions, drop=drop, wick=wick, lang=view.lang)
    if not is_hourly:
        charts.add_event_line(fig, view.event, view.lang, row=1)
    return {
        "spec": charts.freeze(fig),
        "hourly": is_hourly,
        "csv": frame.drop(columns=["symbol"]),
        "verdict": claims.evaluate("btc-wick", {"btc": btc_long}, ctx),
    }


def _wick_section(view: shell.View) -> None:
    st.header(t("cr_h_wick", view.lang), anchor="btc-wick")
    model = _wick_model(replace(view, params={}))
    if model is None:
        shell.no_data(view, ("btc",), view.lang)
        return
    if not model["hourly"]:
        note(t("cr_wick_daily", view.lang))
    chart(charts.thaw(model["spec"]), key="crypto_wick")
    _derivatives(view)
    verdict_line(model["verdict"], view.lang)
    csv_download(model["csv"], "btc_wick_bars", "csv_wick", view.lang)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _derivatives_model(event: dt.date, source: str, lang: str, ink_kind: str) -> dict:
    """Open interest and funding around the event: the figure (where a source has either) and what is missing."""
    frames = load(DERIVATIVES, event - dt.timedelta(days=3), event + dt.timedelta(days=2), source, interval="1h")
    present = {k: f for k, f in frames.items() if not f.empty}
    spec = None
    if present:
        fig = ac.derivatives_figure(
            present.get("btc_oi"), present.get("btc_funding"), title=t("cr_fig_derivs", lang), lang=lang
        )
        spec = charts.freeze(fig)
    missing = [
        t("cr_deriv_missing", lang, name=catalog.label(k), why=error_text(frames[k], lang))
        for k in DERIVATIVES
        if k not in present
    ]
    return {"spec": spec, "missing": missing, "present": present}


def _derivatives(view: shell.View) -> None:
    """Open interest and funding beneath the wick, where a source has them; otherwise say so."""
    model = _derivatives_model(view.event, view.source, view.lang, view.theme)
    if model["spec"] is None:
        note(t("cr_no_oi", view.lang))
        return
    chart(charts.thaw(model["spec"]), key="crypto_derivatives")
    for text in model["missing"]:
        note(text)
    source_badge(model["present"], view.lang)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _corr_model(view: shell.View) -> dict | None:
    """The correlation section for one view and window (the only page control it reads): the verdict's own rolling
    lines, the range's scatter and the verdict. None when BTC or the index has no data."""
    frames = _frames(view)
    ndx = frames["ndx"]
    if frames["btc"].empty or ndx.empty:
        return None
    label = ndx.attrs.get("label", "Nasdaq-100")
    rets = cx.us_day_returns(claims.close_series(frames["btc"]), claims.close_series(ndx))
    corrs = claims.corr_windows(frames)  # the verdict's own lines: about calendar 2025, whatever the range
    year = (pd.Timestamp("2025-01-01"), pd.Timestamp("2026-01-01"))
    in_2025 = {w: c[(c.index >= year[0]) & (c.index < year[1])] for w, c in corrs.items()}
    spec = short = None
    if any(not c.empty for c in corrs.values()):
        fig = ac.rolling_corr_figure(
            corrs,
            int(view.param("window")),
            0.8,
            lang=view.lang,
            peak_of=in_2025,
            title=t("cr_fig_corr_2025", view.lang, label=label),
        )
        ac.add_band(fig, year[0], pd.Timestamp("2025-12-31"), t("cr_year_2025", view.lang))
        if view.event_in_range:
            charts.add_event_line(fig, view.event, view.lang)
        spec = charts.freeze(fig)
    else:  # fewer common days than the shortest window: no line to draw (never an empty chart)
        both = claims.close_series(frames["btc"]).index.intersection(claims.close_series(ndx).index)
        short = t(
            "cr_corr_short",
            view.lang,
            n=len(both),
            window=min(corrs) if corrs else 30,
            first=both.min().date() if len(both) else view.start,
        )
    in_range = rets[(rets.index >= pd.Timestamp(view.start)) & (rets.index <= pd.Timestamp(view.end))]
    scatter = ac.scatter_fit_figure(
        in_range["us"],
        in_range["btc"],
        cx.ols(in_range["us"], in_range["btc"]),
        title=t("cr_fig_scatter", view.lang),
        x_title=t("fig_asset_return", view.lang, label=label),
        y_title=t("fig_asset_return", view.lang, label="BTC"),
        highlight=cx.event_sessions(in_range.index, view.event),
    )
    ctx = claims.Context(view.start, view.end, view.event, thesis_episode=view.thesis, window=int(view.param("window")))
    return {
        "label": label,
        "proxy": bool(ndx.attrs.get("proxy_for")),
        "spec": spec,
        "short": short,
        "scatter": charts.freeze(scatter),
        "verdict": claims.evaluate("btc-ndx-corr", frames, ctx),
        "csv": pd.DataFrame({f"corr_{w}d": c for w, c in corrs.items()}),
    }


def _corr_section(view: shell.View) -> None:
    st.header(t("cr_h_corr", view.lang), anchor="btc-ndx-corr")
    st.radio(t("cr_window", view.lang), (30, 60, 90), key="p_window", horizontal=True)
    model = _corr_model(replace(view, params={"window": view.param("window")}))
    if model is None:
        shell.no_data(view, ("btc", "ndx"), view.lang)
        return
    if model["proxy"]:
        note(t("cr_proxy", view.lang, label=model["label"]))
    if model["spec"] is not None:
        chart(charts.thaw(model["spec"]), key="crypto_corr")
    else:
        st.info(model["short"], icon=":material/timeline:")
    chart(charts.thaw(model["scatter"]), key="crypto_scatter")
    note(t("cr_weekend", view.lang))
    verdict_line(model["verdict"], view.lang)
    csv_download(model["csv"], "btc_ndx_rolling_corr", "csv_corr", view.lang)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _retail_model(view: shell.View) -> dict:
    """The retail-beta section for one view (it reads no page control): the event sessions' moves, betas to BTC,
    the figure and the verdict. ``missing`` names what it lacks when there is nothing to draw."""
    frames = _frames(view)
    wide = closes({k: claims.window(frames[k], view.start, view.end) for k in ("btc", "ndx", *RETAIL)})
    if "ndx" not in wide or not set(RETAIL) & set(wide):
        return {"missing": [k for k in ("ndx", *RETAIL) if k not in wide]}
    sessions = cx.event_sessions(wide["ndx"].dropna().index, view.event)
    rows = {}
    for key in RETAIL:
        if key not in wide:
            continue
        rets = simple_returns(wide[key])
        row = {f"{d.date()}": rets.get(d) for d in sessions}
        fit = cx.ols(*cx.us_day_returns(wide["btc"], wide[key]).pipe(lambda r: (r["btc"], r["us"])))
        row["beta to BTC"] = fit.beta if fit else None
        rows[catalog.label(key)] = row
    table = pd.DataFrame(rows).T
    session_cols = [c for c in table.columns if c != "beta to BTC"]
    spec = None
    if session_cols:
        spec = charts.freeze(
            ac.grouped_bars_figure(
                table[session_cols].astype(float),
                title=t("cr_fig_retail", view.lang),
                y_title=t("fig_return", view.lang),
                lang=view.lang,
                reference={catalog.label(k): v for k, v in THESIS_RETAIL.items()},
            )
        )
    ctx = claims.Context(view.start, view.end, view.event, thesis_episode=view.thesis)
    return {
        "missing": None,
        "table": table,
        "session_cols": session_cols,
        "spec": spec,
        "verdict": claims.evaluate("retail-beta", frames, ctx),
    }


def _retail_section(view: shell.View) -> None:
    st.header(t("cr_h_retail", view.lang), anchor="retail-beta")
    model = _retail_model(replace(view, params={}))
    if model["missing"] is not None:
        shell.no_data(view, model["missing"], view.lang)
        return
    if model["spec"] is not None:
        chart(charts.thaw(model["spec"]), key="crypto_retail")
    else:
        st.info(t("cr_no_event", view.lang))
    table, session_cols = model["table"], model["session_cols"]
    st.html(
        frame_table(
            table,
            {**dict.fromkeys(session_cols, "{:+.2%}"), "beta to BTC": "{:.2f}"},
            headers={"beta to BTC": t("col_beta_btc", view.lang)},
        )
    )
    note(t("cr_retail_note", view.lang))
    verdict_line(model["verdict"], view.lang)
    csv_download(table, "retail_beta", "csv_retail", view.lang)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _lead_model(view: shell.View) -> dict:
    """The btc-leads section for one view (its page controls stripped: it reads none of them): the verdict, the
    rule's own sample as a figure, its note and CSV, computed once and shared by the chart and the verdict."""
    frames, hourly = _frames(view), hourly_bars(_hourly(view))
    ctx = claims.Context(view.start, view.end, view.event, thesis_episode=view.thesis, hourly=hourly)
    verdict = claims.evaluate("btc-leads", frames, ctx)
    try:
        lead = claims.btc_leads_inputs(frames, ctx)
    except claims.NotTestable:
        return {"verdict": verdict, "spec": None}
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    sample = pd.concat([lead.base, lead.row.to_frame().T])
    x, y = sample["btc_pre_open"].astype(float), sample["us_session"].astype(float)
    fit = cx.ols(lead.base["btc_pre_open"], lead.base["us_session"])
    fig = ac.scatter_fit_figure(
        x,
        y,
        fit,
        title=t("cr_fig_lead_rule", view.lang, n=len(lead.base)),
        x_title=t("cr_x_overnight", view.lang),
        y_title=t("cr_y_session", view.lang, label=label),
        highlight=[lead.session],
    )
    instrument = hourly.attrs.get("label", "BTC") if hourly is not None else "BTC"
    text = t("cr_lead_rule_note", view.lang, stat=lead.test.text() if lead.test else "n/a", instrument=instrument)
    return {"verdict": verdict, "spec": charts.freeze(fig), "note": text, "csv": sample.rename_axis("session")}


def _lead_section(view: shell.View) -> None:
    """The rule's own sample drawn: pre-open BTC vs the index's session over the 250 sessions before the sell-off
    session, that session starred, with the test the verdict quotes."""
    st.header(t("cr_h_lead", view.lang), anchor="btc-leads")
    model = _lead_model(replace(view, params={}))
    if model["spec"] is None:
        shell.no_data(view, ("btc", "ndx"), view.lang, why=model["verdict"].text(view.lang))
        verdict_line(model["verdict"], view.lang)
        return
    chart(charts.thaw(model["spec"]), key="crypto_lead_scatter")
    note(model["note"])
    verdict_line(model["verdict"], view.lang)
    csv_download(model["csv"], "btc_pre_open_vs_index_session", "csv_lead", view.lang)


def _onchain_section(view: shell.View, ctx: claims.Context) -> None:
    st.header(t("cr_h_onchain", view.lang), anchor="whales")
    note(t("cr_onchain_note", view.lang))
    verdict_line(claims.evaluate("whales", {}, ctx), view.lang)


def render() -> None:
    view = shell.current_view()
    st.title(t("cr_title", view.lang))
    st.caption(t("cr_caption", view.lang))
    shell.episode_banner(view)
    with shell.guard(view.lang):
        frames = chrome(("btc", "ndx", *RETAIL), view.start - LOOKBACK, view.end, view.source, view.lang)
        before, after = claims.INTRADAY_NEEDS["btc"]
        hourly_frames = chrome(
            ("btc",),
            view.event - dt.timedelta(days=before),
            view.event + dt.timedelta(days=after),
            view.source,
            view.lang,
            interval="1h",
        )
        ctx = _claim_ctx(view, None)  # the on-chain claim reads no bars
        btc_long = frames["btc"]
        st.caption(coverage_text(frames, ("btc", "ndx", *RETAIL), view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    if btc_long.empty:
        st.warning(t("cr_no_btc_src", view.lang))
        source_badge(frames, view.lang)
        return
    sections = {
        "btc-90k": ("cr_h_level", lambda: _level_section(view)),
        "btc-wick": ("cr_h_wick", lambda: _wick_section(view)),
        "btc-ndx-corr": ("cr_h_corr", lambda: _corr_section(view)),
        "retail-beta": ("cr_h_retail", lambda: _retail_section(view)),
        "btc-leads": ("cr_h_lead", lambda: _lead_section(view)),
        "whales": ("cr_h_onchain", lambda: _onchain_section(view, ctx)),
    }
    shell.show_sections("crypto", sections, view.lang)
    page_footer(frames, view.lang, extra={"btc_hourly": hourly_frames["btc"]})  # labelled as the perpetual it is


shell.page_entry(render)
