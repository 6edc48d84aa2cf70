"""Overview: the sell-off at a glance, and the thesis scoreboard."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import claims
from analytics.events import events_between, load_events
from analytics.overview import break_order, tile
from analytics.returns import REBASE_LOOKBACK, closes, rebase_on
from components import charts, shell
from components.badges import coverage_text, error_text, fallback_notice, page_footer
from components.data import load_intraday, load_proxied
from components.i18n import t
from components.sections import chart, csv_download, verdict_pill
from components.tables import html_table, link
from components.text import fmt_level
from components.theme import ink
from components.tiles import tiles_html
from data_sources import catalog

TILES = ("btc", "ndx", "spx", "nvda", "sk_hynix", "nikkei", "ust10y", "vix")
CONTAGION = ("btc", "nikkei", "kospi", "sk_hynix", "nvda", "ndx", "spx", "vix")
MARKET = {"America/New_York": "new_york", "Asia/Tokyo": "tokyo", "Asia/Seoul": "seoul"}


def _market(key: str, lang: str = "en") -> str:
    s = catalog.get(key)
    code = "utc_day" if s.asset_class == "crypto" else MARKET.get(s.tz)
    return t(f"market_{code}", lang) if code else s.tz


FRAME_LOOKBACK = dt.timedelta(days=30)  # tiles need the session before the range start


def _frames(view_key: tuple) -> dict[str, pd.DataFrame]:
    start, end, _, source, *_ = view_key
    return load_proxied(tuple(dict.fromkeys((*TILES, *CONTAGION))), start - FRAME_LOOKBACK, end, source,
                        lang=view_key[4])


def _key(view: shell.View) -> tuple:
    """What the overview's numbers depend on: the cached models below are keyed by it."""
    return view.start, view.end, view.event, view.source, view.lang, view.theme


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _tile_models(view_key: tuple) -> list[dict]:
    """Each tile's figures and words for one view (cached: a rerun for another control changes none of it)."""
    start, end, event, _, lang, _ = view_key
    frames = _frames(view_key)
    out = []
    for key in TILES:
        label = frames[key].attrs.get("label", catalog.label(key))
        in_bp = catalog.get(key).unit == "%"
        info = tile(claims.window(frames[key], start, end), event, in_bp=in_bp)
        if info is None:
            out.append({"label": label, "help": error_text(frames[key], lang)})
            continue
        fmt = (lambda v: f"{v:+.0f} bp") if in_bp else (lambda v: f"{v:+.1%}")
        delta = fmt(info.event_move) if info.event_move is not None else None
        caption = (t("ov_tile_event", lang, market=_market(key, lang), date=info.event_session.date(), move=delta)
                   if info.event_session is not None else t("ov_tile_no_event", lang))
        if info.prev_session is not None:
            caption += " · " + t("ov_tile_prev", lang, date=info.prev_session.date(), move=fmt(info.prev_move))
        range_txt = (t("ov_tile_range", lang, start=info.first_session.date(), end=info.last_session.date(),
                       move=fmt(info.range_move)) if info.range_move is not None else "")
        caption = t("ov_tile_value", lang, date=info.last_session.date()) + " · " + caption
        out.append({"label": label, "value": fmt_level(info.last, catalog.get(frames[key].attrs.get("served_key", key)).unit), "delta": delta,
                    "event_move": info.event_move,
                    "spark": list(info.spark), "range_move": info.range_move, "inverse": key == "vix", "caption": f"{caption} · {range_txt}",
                    "help": f"{caption}; {range_txt}. Value: last close in range."})
    return out


def _tiles(view: shell.View) -> None:
    st.subheader(t("ov_tiles", view.lang))
    models = _tile_models(_key(view))
    st.html(tiles_html(models, [t("ov_spark_alt", view.lang, label=m["label"]) for m in models]))


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _contagion_model(view_key: tuple) -> tuple[dict | None, list[list[str]] | None, pd.DataFrame | None]:
    """The contagion chart (as plain data) and the break-order table's rows for one view."""
    start, end, event, _, lang, _ = view_key
    frames = _frames(view_key)
    ranged = {k: claims.window(frames[k], start, end) for k in CONTAGION}
    wide = closes(ranged)
    if wide.empty:
        return None, None, None
    labels = {k: frames[k].attrs.get("label", catalog.label(k)) for k in CONTAGION}
    reb, late = rebase_on(closes({k: claims.window(frames[k], start - REBASE_LOOKBACK, end) for k in CONTAGION}),
                          start)
    fig = charts.rebased_lines(reb, labels, wide, title=t("ov_contagion_chart", lang, start=start),
                               y_title=t("rebased_axis", lang), highlight=("btc",), late=late, lang=lang)
    close_times = {k: (catalog.get(k).close_time, catalog.get(k).tz) for k in CONTAGION}
    order = (break_order({k: ranged[k] for k in wide.columns}, event, close_times, inverse=("vix",))
             if start <= event <= end else None)
    table = None
    if order is not None and not order.empty:
        for rank, row in order.iterrows():
            fig.add_annotation(x=row["session"], y=reb.loc[row["session"], row["key"]], text=f"{rank + 1}",
                               showarrow=False, yshift=12, font={"size": 11, "color": ink().event},
                               bgcolor=ink().label_bg,
                               hovertext=f"{labels[row['key']]}: {row['return']:+.1%}, closed {row['close_local']}")
        charts.add_event_line(fig, event, lang)
        table = [[labels[k], local, f"{utc:%Y-%m-%d %H:%M}", f"{ret:+.1%}"]
                 for k, local, utc, ret in zip(order["key"], order["close_local"], order["close_utc"], order["return"])]
    charts.add_event_markers(fig, events_between(start, end), lang)
    return charts.freeze(fig), table, wide


def _contagion(view: shell.View) -> None:
    st.subheader(t("ov_contagion", view.lang))
    spec, table, wide = _contagion_model(_key(view))
    if spec is None:
        shell.no_data(view, CONTAGION, view.lang)
        return
    chart(charts.thaw(spec), key="overview_contagion")
    if table is not None:
        st.caption(t("ov_order", view.lang))
        columns = [t(c, view.lang) for c in ("col_market", "col_session", "col_close_utc", "col_return")]
        st.html(html_table(columns, table, numeric=(3,), compact=True))
    csv_download(wide, "contagion_closes", "csv_contagion", view.lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _timeline_spec(lang: str, event: dt.date, ink_kind: str) -> dict:
    events = sorted(load_events(), key=lambda e: e.date)
    title = t("ov_timeline_chart", lang, first=events[0].date, last=events[-1].date) if events else ""
    return charts.freeze(charts.timeline_figure(events, lang, title=title, highlight=event))


def _timeline(view: shell.View) -> None:
    st.subheader(t("ov_timeline", view.lang))
    chart(charts.thaw(_timeline_spec(view.lang, view.event, view.theme)), key="overview_timeline")
    links = " · ".join(f"[{e.date:%d %b}]({e.url})" for e in load_events() if e.url.startswith("https://"))
    st.caption(links)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _scoreboard_rows(start: dt.date, end: dt.date, event: dt.date, source: str, level: float, window: int,
                     lookback: int) -> list[tuple[claims.Claim, claims.Result, claims.Rule | None]]:
    """Every claim measured for one view, in both languages: cached, since a rerun for another control (the
    language included) changes none of it."""
    needs, _ = claims.data_needs()
    frames = load_proxied(needs, start - dt.timedelta(days=lookback), end, source)
    ctx = claims.context_with_intraday(claims.Context(start, end, event, level=level, window=window),
                                       load_intraday(event, source))
    return claims.scoreboard(frames, ctx)


def _scoreboard(view: shell.View, lookback: int) -> None:
    st.subheader(t("ov_scoreboard", view.lang), anchor="scoreboard")
    lang = view.lang
    if not view.event_in_range:
        st.warning(t("ov_out_of_view", lang, start=view.start, end=view.end, event=view.event,
                     link=shell.link_to("", event_range=True)), icon=":material/event_busy:")
    rows = [[claim.section, claim.text(lang), result.figure_text(lang), verdict_pill(result.verdict, lang, result.decided_text(lang)),
             link(t("open_section", lang), shell.link_to(claim.page, claim.id)), result.text(lang),
             rule.text(lang) if rule else ""]
            for claim, result, rule in _scoreboard_rows(view.start, view.end, view.event, view.source,
                                                        float(view.param("level")), int(view.param("window")),
                                                        lookback)]
    columns = [t(c, view.lang) for c in ("col_section", "col_claim", "col_measured", "col_verdict", "col_link",
                                          "col_detail", "col_rule")]
    st.html(html_table(columns, rows))
    st.caption(t("ov_score_note", view.lang))


def render() -> None:
    view = shell.current_view()
    st.title(t("ov_title", view.lang))
    st.caption(t("ov_subtitle", view.lang))
    st.info(t("ov_howto", view.lang), icon=":material/menu_book:")
    _, lookback = claims.data_needs()
    frames: dict[str, pd.DataFrame] = {}
    with shell.guard(view.lang):
        frames = _frames(_key(view))
        st.caption(coverage_text(frames, TILES, view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    for section in (lambda: _tiles(view), lambda: _contagion(view), lambda: _timeline(view),
                    lambda: _scoreboard(view, lookback)):
        with shell.guard(view.lang):
            section()
    page_footer(frames, view.lang)


shell.page_entry(render)
