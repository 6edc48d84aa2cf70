"""Overview: the sell-off at a glance, and the thesis scoreboard."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import claims, episodes, scan
from analytics.asof import sell_off_close
from analytics.episodes import contagion_clock, event_study
from analytics.events import Event, events_between, load_events
from analytics.overview import tile
from analytics.returns import REBASE_LOOKBACK, closes, rebase_on, window
from analytics.stats import p_text
from components import charts, episode_charts, page_run, replay, shell, url_state
from components.badges import coverage_text, error_text, fallback_notice, page_footer
from components.data import chrome, load, load_intraday, load_proxied
from components.i18n import t
from components.page_spec import Page, Section
from components.recorded import Recording
from components.section_parts import verdict_label, verdict_pill
from components.tables import html_table, link
from components.text import fmt_level, md_escape
from components.tiles import tiles_html
from components.url_state import episodes_param, keys_param, number_param
from data_sources import catalog
from data_sources.meta import label as served_label
from data_sources.meta import meta

FOUND_TOP = 15  # sell-offs found in the data shown on the overview (the command line prints any number)
TILES = ("btc", "ndx", "spx", "nvda", "sk_hynix", "nikkei", "ust10y", "vix")  # the default set (``tiles=``)
TILE_CHOICES = (
    *("btc", "eth", "ndx", "spx", "nvda", "sox", "sk_hynix", "samsung", "tsm", "softbank"),
    *("nikkei", "kospi", "hsi", "hood", "coin", "mstr", "ust10y", "dxy", "gold", "vix"),
)
TILES_MAX = 12
CONTAGION = ("btc", "nikkei", "kospi", "sk_hynix", "nvda", "ndx", "spx", "vix")
MARKET = {"America/New_York": "new_york", "Asia/Tokyo": "tokyo", "Asia/Seoul": "seoul"}


def _market(key: str, lang: str = "en") -> str:
    s = catalog.get(key)
    code = "utc_day" if s.asset_class == "crypto" else MARKET.get(s.tz)
    return t(f"market_{code}", lang) if code else s.tz


FRAME_LOOKBACK = dt.timedelta(days=30)  # tiles need the session before the range start


def _frames(view_key: tuple) -> dict[str, pd.DataFrame]:
    start, end, _, source, lang, _, _, asof, tiles = view_key
    return load_proxied(
        tuple(dict.fromkeys((*tiles, *CONTAGION))), start - FRAME_LOOKBACK, end, source, lang=lang, asof=asof
    )


def _key(view: shell.View) -> tuple:
    """What the tiles and the contagion chart depend on (their sections are recorded per view, so not cached here)."""
    return (
        *(view.start, view.end, view.event, view.source, view.lang, view.theme, view.sell_off.anchor, view.asof),
        _tiles_of(view),
    )


def _tiles_of(view: shell.View) -> tuple[str, ...]:
    """The tiles the reader chose (``tiles=``), in the order chosen; the default set when none."""
    return tuple(view.param("tiles") or TILES)


def _tile_models(view_key: tuple) -> list[dict]:
    """Each tile's figures and words for one view."""
    start, end, _, _, lang, _, anchor, asof, tiles = view_key
    frames = _frames(view_key)
    out = []
    for key in tiles:
        label = served_label(frames, key, catalog.label(key))
        in_bp = catalog.get(key).unit == "%"
        info = tile(window(frames[key], start, end), anchor, meta(frames[key]).catalog_key or key, in_bp=in_bp)
        if info is None:
            out.append({"label": label, "help": error_text(frames[key], lang)})
            continue
        fmt = (lambda v: f"{v:+.0f} bp") if in_bp else (lambda v: f"{v:+.1%}")
        delta = fmt(info.event_move) if info.event_move is not None else None
        pending = None if asof is None else sell_off_close(meta(frames[key]).catalog_key or key, anchor)
        caption = (
            t("ov_tile_event", lang, market=_market(key, lang), date=info.event_session.date(), move=delta)
            if info.event_session is not None
            else t("ov_tile_pending", lang, when=f"{pending:%Y-%m-%d %H:%M}")
            if pending is not None and pending > asof
            else t("ov_tile_no_event", lang)
        )
        if info.prev_session is not None:
            caption += " · " + t("ov_tile_prev", lang, date=info.prev_session.date(), move=fmt(info.prev_move))
        range_txt = (
            t(
                "ov_tile_range",
                lang,
                start=info.first_session.date(),
                end=info.range_end.date(),
                move=fmt(info.range_move),
            )
            if info.range_move is not None
            else ""
        )
        caption = t("ov_tile_value", lang, date=info.last_session.date()) + " · " + caption
        out.append(
            {
                "label": label,
                "value": fmt_level(info.last, catalog.get(meta(frames[key]).catalog_key or key).unit),
                "delta": delta,
                "event_move": info.event_move,
                "spark": list(info.spark),
                "range_move": info.range_move,
                "inverse": key == "vix",
                "red_up": lang == "zh",  # the Chinese convention: the colour says the direction
                "caption": f"{caption} · {range_txt}",
                "help": f"{caption}; {range_txt}. Value: the close of the sell-off session shown.",
            }
        )
    return out


def _tile_controls(view: shell.View) -> None:
    param = PAGE.param("tiles")
    with st.expander(t("ov_tiles_pick", view.lang), icon=":material/tune:"):
        st.multiselect(
            t("ov_tiles_pick", view.lang),
            param.options,
            key=param.state_key,
            max_selections=TILES_MAX,
            format_func=catalog.label,
            label_visibility="collapsed",
        )


def _tiles(view: shell.View, out: Recording) -> None:
    models = _tile_models(_key(view))
    out.html(tiles_html(models, [t("ov_spark_alt", view.lang, label=m["label"]) for m in models]))


def _contagion_model(view_key: tuple) -> tuple[go.Figure | None, pd.DataFrame | None]:
    """The contagion chart and its closes for one view."""
    start, end, event, _, lang, _, _, asof, _ = view_key
    frames = _frames(view_key)
    ranged = {k: window(frames[k], start, end) for k in CONTAGION}
    wide = closes(ranged)
    if wide.empty:
        return None, None
    labels = {k: served_label(frames, k, catalog.label(k)) for k in CONTAGION}
    reb, late = rebase_on(closes({k: window(frames[k], start - REBASE_LOOKBACK, end) for k in CONTAGION}), start)
    fig = charts.rebased_lines(
        reb,
        labels,
        wide,
        title=t("ov_contagion_chart", lang, start=start),
        y_title=t("rebased_axis", lang),
        highlight=("btc",),
        late=late,
        lang=lang,
    )
    if start <= event <= end:
        charts.add_event_line(fig, event, lang)
    charts.add_event_markers(fig, events_between(start, end, asof=asof), lang)
    # the file holds the lines drawn (rebased, each on its own last close on or before the start) and the closes
    drawn = reb.reindex(wide.index).rename(columns=lambda k: f"{k} rebased (100 = last close on or before {start})")
    return fig, drawn.join(wide)


def _contagion(view: shell.View, out: Recording) -> None:
    fig, wide = _contagion_model(_key(view))
    if fig is None:
        out.no_data(view, CONTAGION, view.lang)
        return
    out.chart(fig, "overview_contagion")
    out.csv(wide, "contagion_rebased_and_closes", "csv_contagion", view.lang)


def _loaders(source: str, lang: str, asof: pd.Timestamp | None = None) -> episodes.Loaders:
    """The app's cached loaders, as the episode models take them (daily with stand-ins, in the reader's language),
    known at ``asof``."""
    return episodes.Loaders(
        daily=lambda keys, a, b: load_proxied(keys, a, b, source, lang=lang, asof=asof),
        hourly=lambda keys, a, b: load(keys, a, b, source, "1h", asof=asof),
    )


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _clock_model(
    episode_id: str,
    event: dt.date,
    drawdown: float,
    source: str,
    lang: str,
    ink_kind: str,
    asof: pd.Timestamp | None = None,
) -> dict | None:
    """The contagion clock of one episode at one drawdown: figure (plain data), table rows, CSV frame, notes."""
    ep = episodes.by_id(episode_id) or episodes.custom(event)
    model = contagion_clock.clock_model(_loaders(source, lang, asof), ep, drawdown / 100)
    clock, daily, hourly = model.clock, model.daily, model.hourly
    if not clock.breaks:
        return None
    # short row names (a phone has ~100 px for the plot): "BTCUSDT perp" says what it is; the note names the venue
    labels = {
        k: (
            meta(hourly[k]).label.replace("perpetual (Binance)", "perp")
            if k in hourly
            else served_label(daily, k, catalog.label(k))
        )
        or catalog.label(k)
        for k in episodes.CLOCK_MARKETS
    }
    tz = {k: catalog.get(k).tz for k in episodes.CLOCK_MARKETS}
    fig = episode_charts.clock_figure(
        clock,
        labels,
        tz,
        lang=lang,
        title=t(
            "clk_chart",
            lang,
            name=ep.name(lang),
            start=f"{clock.start:%Y-%m-%d %H:%M}",
            end=f"{clock.end:%Y-%m-%d %H:%M}",
        ),
    )
    rows = [
        [
            str(i + 1),
            labels[b.key],
            f"{b.at:%Y-%m-%d %H:%M}",
            f"{b.at.tz_convert(tz[b.key]):%Y-%m-%d %H:%M} {tz[b.key]}",
            f"{b.move:+.1%}",
            t("clk_broke" if b.crossed else "clk_worst", lang),
            ""
            if b.before is None
            else f"{b.before:+.1%}" + (f" ({t('clk_already', lang)})" if b.already_falling else ""),
            t("clk_hourly" if b.resolution == "hourly" else "clk_daily", lang),
        ]
        for i, b in enumerate(clock.breaks)
    ]
    table = clock.table()
    table["broke_utc"] = table["broke_utc"].dt.tz_localize(None)
    table["pre_close_utc"] = table["pre_close_utc"].dt.tz_localize(None)
    return {
        "spec": charts.freeze(fig),
        "rows": rows,
        "csv": table.set_index("key"),
        "note": t(
            "clk_note",
            lang,
            start=f"{clock.start:%Y-%m-%d %H:%M}",
            anchor=f"{clock.anchor:%Y-%m-%d %H:%M}",
            pct=f"{drawdown / 100:.1%}",
        ),
        "absent": ", ".join(labels[k] for k in clock.absent),
    }


WATCH_EVERY_S = 300  # watch mode refreshes its panel every 5 minutes (said on screen)


@st.cache_data(ttl=WATCH_EVERY_S, show_spinner=False, max_entries=8)
def _watch_rows(source: str, lang: str, now: pd.Timestamp, drawdown: float) -> tuple[list[list[str]], str]:
    """Watch mode's table: each clock market's break (or its worst close) in the 72 hours to ``now``, as known
    then; and the window in words."""
    ep = episodes.watching(now)
    model = contagion_clock.clock_model(_loaders(source, lang, now), ep, drawdown / 100)
    rows = [
        [
            catalog.label(b.key),
            t("clk_broke" if b.crossed else "clk_worst", lang),
            f"{b.at:%Y-%m-%d %H:%M} UTC",
            f"{b.move:+.1%}",
        ]
        for b in sorted(model.clock.breaks, key=lambda b: (not b.crossed, b.at))
    ]
    return rows, t("watch_window", lang, anchor=f"{ep.anchor:%Y-%m-%d %H:%M}", end=f"{model.clock.end:%Y-%m-%d %H:%M}")


def _watch(view: shell.View) -> None:
    """Watch mode (``asof=now``): the markets that broke their drawdown line in the last 72 hours, refreshed in
    place every ``WATCH_EVERY_S`` seconds (a fragment: the rest of the page does not rerun)."""

    @st.fragment(run_every=WATCH_EVERY_S)
    def panel() -> None:
        now = shell.replay_instant(url_state.NOW, view.data_end)
        rows, window = _watch_rows(view.source, view.lang, now, float(view.param("drawdown")))
        st.markdown(t("watch_head", view.lang, every=WATCH_EVERY_S // 60, at=f"{now:%Y-%m-%d %H:%M}"))
        st.caption(window)
        if rows:
            columns = [t(c, view.lang) for c in ("col_market", "col_what", "col_broke_utc", "col_move")]
            st.html(html_table(columns, rows, numeric=(3,), compact=True))
        else:
            st.info(t("clk_none", view.lang), icon=":material/schedule:")

    panel()


def _clock_controls(view: shell.View) -> None:
    drawdown = PAGE.param("drawdown")
    lo, hi = drawdown.bounds
    st.number_input(
        t("clk_drawdown", view.lang), min_value=lo, max_value=hi, step=0.5, key=drawdown.state_key, format="%.1f"
    )


def _clock(view: shell.View, out: Recording) -> None:
    model = _clock_model(
        view.sell_off.id, view.event, float(view.param("drawdown")), view.source, view.lang, view.theme, view.asof
    )
    if model is None:
        out.info(t("clk_none", view.lang), icon=":material/schedule:")
        return
    out.chart(charts.thaw(model["spec"]), "overview_clock")
    columns = [
        t(c, view.lang)
        for c in (
            "col_rank",
            "col_market",
            "col_broke_utc",
            "col_local",
            "col_move",
            "col_what",
            "clk_before",
            "col_resolution",
        )
    ]
    out.html(html_table(columns, model["rows"], numeric=(4, 6), compact=True, sortable=True))
    out.caption(model["note"])
    if model["absent"]:
        out.caption(t("clk_absent", view.lang, names=model["absent"]))
    out.csv(model["csv"], "contagion_clock", "csv_clock", view.lang)


def _library_study(
    markets: tuple[str, ...], source: str, lang: str, asof: pd.Timestamp | None = None
) -> tuple[event_study.EpisodeStudy, ...]:
    """The event study of every library episode, computed once for the comparison and the ranking (each reads its
    episodes from it; on a first visit both used to run it, ~1.7 s each). As of an instant, an episode whose bars
    had all closed by then is the same as with hindsight: it is read from that cache, so a replay step recomputes
    only the episodes still unfolding (measured: the study 1.3 s a step before, see ``bench/results.md``)."""
    return tuple(
        one
        for ep in episodes.library()
        for one in _episode_study(ep.id, markets, source, lang, None if _settled(ep, asof) else asof)
    )


def _settled(ep: episodes.Episode, asof: pd.Timestamp | None) -> bool:
    """Every bar an episode's study and clock read had closed by ``asof`` (a day's margin for the last session)."""
    last = max(event_study.study_dates(ep)[1], contagion_clock.clock_dates(ep)[1])
    return asof is None or asof >= pd.Timestamp(last, tz="UTC") + pd.Timedelta(days=2)


@st.cache_data(ttl=600, show_spinner=False, max_entries=128)
def _episode_study(
    episode_id: str, markets: tuple[str, ...], source: str, lang: str, asof: pd.Timestamp | None
) -> tuple[event_study.EpisodeStudy, ...]:
    ep = episodes.by_id(episode_id)
    return event_study.study_model(_loaders(source, lang, asof), [ep], markets) if ep is not None else ()


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _study_model(
    compare: tuple[str, ...],
    markets: tuple[str, ...],
    current: str,
    source: str,
    lang: str,
    ink_kind: str,
    asof: pd.Timestamp | None = None,
) -> dict | None:
    """Past sell-offs side by side: aligned paths, the comparison table and who broke first, for one choice."""
    library = episodes.library()
    chosen = [e for e in library if e.id in compare]
    keys = tuple(dict.fromkeys((*markets, event_study.REFERENCE, event_study.REFERENCE_FOR_REFERENCE)))
    paths: dict[tuple[str, str], pd.Series] = {}
    rows, table, stand_ins, labels = [], [], [], {k: catalog.label(k) for k in keys}
    served: dict[tuple[str, str], str] = {}
    for one in (one for one in _library_study(markets, source, lang, asof) if one.episode.id in compare):
        ep, frames, led = one.episode, one.frames, one.first
        for k in markets:
            info = meta(frames[k])
            if info.is_stand_in:
                stand_ins.append(f"{ep.name(lang)}: {info.label}")
                served[(ep.id, k)] = info.label
        paths.update(one.paths)
        led_frame = one.clock.served(led.key) if led else None
        led_label = (meta(led_frame).label or catalog.label(led.key)) if led_frame is not None else ""
        led_text = f"{led_label} {led.at:%Y-%m-%d %H:%M} UTC" if led else "-"
        for r in one.rows:
            rows.append(
                [
                    ep.name(lang),  # on every row: the table sorts by any column
                    served_label(frames, r.key, labels[r.key]),
                    f"{r.depth:+.1%}",
                    t("trough_censored", lang, n=r.trough_day) if r.trough_censored else str(r.trough_day),
                    str(r.half_day) if r.half_day is not None else t("not_by_day", lang, n=r.days_after),
                    _corr(r.corr_before),
                    _corr(r.corr_during),
                    "-" if r.corr_change_p is None else p_text(r.corr_change_p).removeprefix("= "),
                    led_text,
                ]
            )
            table.append(
                {
                    "episode": ep.id,
                    "market": r.key,
                    "depth": r.depth,
                    "trough_day": r.trough_day,
                    "trough_censored": r.trough_censored,
                    "half_recovery_day": r.half_day,
                    "corr_partner": r.partner,
                    "corr_before": r.corr_before.r if r.corr_before else None,
                    "n_before": r.corr_before.n if r.corr_before else None,
                    "corr_during": r.corr_during.r if r.corr_during else None,
                    "n_during": r.corr_during.n if r.corr_during else None,
                    "p_change": r.corr_change_p,
                    "first_to_break": led.key if led else None,
                }
            )
    if not paths:
        return None
    fig = episode_charts.study_figure(
        paths, markets, chosen, library, labels, current=current, title=t("study_chart", lang), lang=lang, served=served
    )
    compared = [one for one in _library_study(markets, source, lang, asof) if one.episode.id in compare]
    return {
        "spec": charts.freeze(fig),
        "rows": rows,
        "csv": pd.DataFrame(table).set_index(["episode", "market"]),
        "stand_ins": "; ".join(dict.fromkeys(stand_ins)),
        "summary": _study_summary(compared, current, markets, labels, lang),
    }


def _study_summary(
    compared: list[event_study.EpisodeStudy],
    current: str,
    markets: tuple[str, ...],
    labels: dict[str, str],
    lang: str,
) -> str:
    """One line summing the study up: where the open episode's fall ranks, per market, among the episodes compared
    (the same depth as the table's; "" when the open episode is not among them)."""
    if not any(one.episode.id == current for one in compared):
        return ""
    depths = [s for s in event_study.standings(compared, current, markets) if s.measure == "depth" and s.rank]
    if not depths:
        return ""

    def phrase(s: event_study.Standing) -> str:
        if s.n > 1 and s.rank == 1:
            return t("study_sum_deepest", lang, market=labels[s.market], n=s.n)
        if s.n > 1 and s.rank == s.n and not s.tied:
            return t("study_sum_shallowest", lang, market=labels[s.market], n=s.n)
        return t("study_sum_rank", lang, market=labels[s.market], rank=_ordinal(s.rank, lang), n=s.n)

    sep = "；" if lang == "zh" else "; "
    return t("study_summary", lang, after=event_study.STUDY_AFTER, items=sep.join(phrase(s) for s in depths))


def _corr(test: object) -> str:
    return "-" if test is None else f"{test.r:+.2f} ({test.n})"


def _study_controls(view: shell.View) -> None:
    names = {e.id: e.short(view.lang) for e in episodes.library()}
    compare, study = PAGE.param("compare"), PAGE.param("study")
    c1, c2 = st.columns([3, 2])
    c1.multiselect(
        t("study_pick_episodes", view.lang),
        compare.options,
        key=compare.state_key,
        format_func=lambda e: names.get(e, e),
        wrap=True,  # in a column Streamlit keeps chips on one scrolled row: chips 4-10 were out of sight
    )
    c2.multiselect(
        t("study_pick_markets", view.lang),
        study.options,
        key=study.state_key,
        max_selections=STUDY_MAX,
        format_func=catalog.label,
        wrap=True,
    )


def _study(view: shell.View, out: Recording) -> None:
    compare, markets = tuple(view.param("compare") or ()), tuple(view.param("study") or ())
    model = (
        _study_model(compare, markets, view.sell_off.id, view.source, view.lang, view.theme, view.asof)
        if compare and markets
        else None
    )
    if model is None:
        out.info(t("study_empty", view.lang), icon=":material/stacked_line_chart:")
        return
    out.chart(charts.thaw(model["spec"]), "overview_study")
    columns = [
        t(c, view.lang)
        for c in (
            "col_episode",
            "col_market",
            "col_depth",
            "col_trough",
            "col_half",
            "col_corr_before",
            "col_corr_during",
            "col_corr_p",
            "col_first",
        )
    ]
    out.html(html_table(columns, model["rows"], numeric=(2, 3, 4, 5, 6, 7), compact=False, sortable=True))
    out.caption(
        t(
            "study_note",
            view.lang,
            after=event_study.STUDY_AFTER,
            before=event_study.CORR_BEFORE,
            partner=catalog.label(event_study.REFERENCE),
        )
    )
    if model["summary"]:  # the study summed up in one line, above its note
        out.note(model["summary"])
    if model["stand_ins"]:
        out.caption(t("study_stand_in", view.lang, items=model["stand_ins"]))
    out.csv(model["csv"], "episode_study", "csv_study", view.lang)


def _ordinal(n: int, lang: str) -> str:
    if lang == "zh":
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _standing_model(
    markets: tuple[str, ...],
    current: str,
    event: dt.date,
    source: str,
    lang: str,
    ink_kind: str,
    asof: pd.Timestamp | None = None,
):
    """Where the open episode stands among all library episodes: the strip figure, one sentence per market, the
    table of ranks. The library is always ranked whole (the comparison's own choice of episodes does not narrow it)."""
    library = list(episodes.library())
    here = episodes.by_id(current) or episodes.custom(event)
    chosen = library if any(e.id == here.id for e in library) else [*library, here]
    studies = _library_study(markets, source, lang, asof)
    if chosen is not library:  # a custom episode is studied on its own and ranked against the library
        studies = (*studies, *event_study.study_model(_loaders(source, lang, asof), [here], markets))
    found = event_study.standings(studies, here.id, markets)
    if not found:
        return None
    names = {e.id: e.name(lang) for e in chosen}
    labels = {k: catalog.label(k) for k in markets}
    depths = [s for s in found if s.measure == "depth"]
    fig = episode_charts.standing_figure(depths, labels, names, here.id, title=t("stand_chart", lang), lang=lang)

    def tie(s: event_study.Standing) -> str:
        return t("stand_tied", lang, k=s.tied) if s.tied else ""

    lines = [
        t(
            "stand_depth",
            lang,
            market=labels[s.market],
            value=f"{s.value:+.1%}",
            rank=_ordinal(s.rank, lang),
            n=s.n,
            median=f"{s.median:+.1%}",
            low=f"{s.low:+.1%}",
            high=f"{s.high:+.1%}",
            tie=tie(s),
        )
        for s in depths
    ]
    for s in found:
        if s.measure == "breadth" and s.rank is not None:
            lines.append(
                t(
                    "stand_breadth",
                    lang,
                    value=int(s.value),
                    m=len(markets),
                    dd=f"{contagion_clock.DEFAULT_DRAWDOWN:.0%}",
                    rank=_ordinal(s.rank, lang),
                    n=s.n,
                    median=f"{s.median:g}",
                    tie=tie(s),
                )
            )

    def shown(measure: str, v: float | None) -> str:
        if measure == "depth":
            return f"{v:+.1%}"
        if v is None:
            return t("stand_not_back", lang, n=event_study.STUDY_AFTER)
        return f"{v:g}"

    rows, table = [], []
    for s in found:
        market = labels.get(s.market, "") if s.market else "-"
        rank = f"{s.rank} / {s.n}" if s.rank is not None else "-"
        rng = f"{shown(s.measure, s.low)} .. {shown(s.measure, s.high)}" if s.low is not None else "-"
        median = shown(s.measure, s.median) if s.median is not None else "-"
        rows.append([market, t(f"stand_m_{s.measure}", lang), shown(s.measure, s.value), rank + tie(s), median, rng])
        table.append(
            {
                "market": s.market or "",
                "measure": s.measure,
                "value": s.value,
                "rank": s.rank,
                "of": s.n,
                "tied_with": s.tied,
                "median": s.median,
                "low": s.low,
                "high": s.high,
            }
        )
    return {
        "spec": charts.freeze(fig),
        "lines": lines,
        "rows": rows,
        "csv": pd.DataFrame(table).set_index(["market", "measure"]),
    }


def _standing(view: shell.View, out: Recording) -> None:
    markets = tuple(view.param("study") or ())
    model = (
        _standing_model(markets, view.sell_off.id, view.event, view.source, view.lang, view.theme, view.asof)
        if markets
        else None
    )
    if model is None:
        out.info(t("study_empty", view.lang), icon=":material/stacked_line_chart:")
        return
    out.chart(charts.thaw(model["spec"]), "overview_standing")
    for line in model["lines"]:
        out.note(line)
    columns = [
        t(c, view.lang)
        for c in (
            "col_market",
            "stand_col_measure",
            "stand_col_value",
            "stand_col_rank",
            "stand_col_median",
            "stand_col_range",
        )
    ]
    out.html(html_table(columns, model["rows"], numeric=(2, 3, 4, 5), compact=False, sortable=True))
    out.caption(t("stand_note", view.lang))
    out.csv(model["csv"], "episode_standing", "csv_standing", view.lang)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=8)
def _found_model(source: str, last: dt.date) -> list[dict]:
    """The scan's ranking over the data the source serves (see ``analytics.scan``), as plain rows."""
    found = event_study.found_in_data(lambda keys, a, b: load(keys, a, b, source), last)
    return scan.records(found[:FOUND_TOP], {k: catalog.label(k) for k in scan.SCAN_MARKETS})


def _found(view: shell.View, out: Recording) -> None:
    rows = _found_model(view.source, dt.date.today())  # all the source holds, as the command line scans
    if not rows:
        out.info(t("found_none", view.lang), icon=":material/search:")
        return
    names = {e.id: e.name(view.lang) for e in episodes.library()}
    table = []
    for r in rows:
        day = dt.date.fromisoformat(r["date"])
        in_library = r["library"]
        table.append(
            [
                str(r["rank"]),
                link(r["date"], shell.link_to("", day=day)),
                str(r["breadth"]),
                f"{r['depth_z']:.1f}",
                f"{r['depth_return']:+.1%}",
                ", ".join(r["markets"]),
                link(names[in_library], shell.link_to("", episode=in_library)) if in_library else "-",
            ]
        )
    columns = [
        t(c, view.lang)
        for c in ("found_rank", "found_date", "found_breadth", "found_z", "found_ret", "found_markets", "found_lib")
    ]
    out.html(html_table(columns, table, numeric=(0, 2, 3, 4), compact=False, sortable=True))
    out.caption(
        t(
            "found_rule",
            view.lang,
            k=f"{scan.K:g}",
            window=scan.WINDOW,
            hours=scan.MERGE_HOURS,
            breadth=scan.MIN_BREADTH,
            n=len(scan.SCAN_MARKETS),
            markets=", ".join(catalog.label(k) for k in scan.SCAN_MARKETS),
        )
    )
    out.csv(pd.DataFrame(rows).set_index("rank"), "sell_offs_found", "csv_found", view.lang)


def _episode_events() -> list[Event]:
    """The library's episodes as dated events (the timeline of any episode but the thesis's)."""
    return [
        Event(
            e.id,
            e.event_date,
            f"{e.anchor:%H:%M}",
            "UTC",
            False,
            e.name_en,
            e.name_zh,
            e.sources[0] if e.sources else "",
            (),
        )
        for e in episodes.library()
    ]


@st.cache_data(show_spinner=False, max_entries=16)
def _timeline_spec(lang: str, event: dt.date, ink_kind: str, thesis: bool) -> dict:
    events = sorted(load_events() if thesis else _episode_events(), key=lambda e: e.date)
    title = t("ov_timeline_chart", lang, first=events[0].date, last=events[-1].date) if events else ""
    return charts.freeze(charts.timeline_figure(events, lang, title=title, highlight=event))


def _timeline(view: shell.View, out: Recording) -> None:
    out.chart(charts.thaw(_timeline_spec(view.lang, view.event, view.theme, view.thesis)), "overview_timeline")
    shown = load_events() if view.thesis else _episode_events()
    links = " · ".join(f"[{e.date:%d %b %Y}]({e.url})" for e in shown if e.url.startswith("https://"))
    if links:  # said to be sources: a row of bare dates read as more dates, not as links to what happened
        out.caption(t("ov_timeline_sources", view.lang, links=links))


class BoardKey(NamedTuple):
    """What the scoreboard and its evolution depend on: the arguments of their cached functions (``board_key``)."""

    start: dt.date
    end: dt.date
    event: dt.date
    source: str
    level: float
    window: int
    lookback: int
    thesis: bool = True
    asof: pd.Timestamp | None = None


def board_key(view: shell.View, lookback: int) -> BoardKey:
    """The view's ``BoardKey``."""
    level, window = float(view.param("level")), int(view.param("window"))
    return BoardKey(view.start, view.end, view.event, view.source, level, window, lookback, view.thesis, view.asof)


def _board_inputs(key: BoardKey) -> tuple[dict[str, pd.DataFrame], claims.Context]:
    """The claims' frames and context for one view, as ``data.claims_context`` builds it (from its values here, so
    the results can be cached on them)."""
    needs, _ = claims.data_needs()
    frames = load_proxied(needs, key.start - dt.timedelta(days=key.lookback), key.end, key.source, asof=key.asof)
    ctx = claims.context_for(
        key.start,
        key.end,
        key.event,
        thesis_episode=key.thesis,
        intraday=load_intraday(key.event, key.source, key.asof),
        asof=key.asof,
        level=key.level,
        window=key.window,
    )
    return frames, ctx


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _scoreboard_rows(key: BoardKey) -> list[tuple[claims.Claim, claims.Result, claims.Rule | None]]:
    """Every claim measured for one view, in both languages: cached, since a rerun for another control (the
    language included) changes none of it."""
    frames, ctx = _board_inputs(key)
    return [row for row in claims.scoreboard(frames, ctx) if not row[1].other_episode]  # another sell-off: generic


def score_summary(counted: Counter, lang: str) -> str:
    """One line: how many claims got each verdict, in the key's order ("12 claims: 6 supported, 2 mixed, ...")."""
    parts = [
        f"{counted[v]} {verdict_label(v, lang).lower() if lang == 'en' else verdict_label(v, lang)}"
        for v in claims.VERDICTS
        if counted.get(v)
    ]
    return t("ov_score_summary", lang, n=sum(counted.values()), parts=("，" if lang == "zh" else ", ").join(parts))


def _warm_scoreboard(view: shell.View) -> None:
    _scoreboard_rows(board_key(view, claims.data_needs()[1]))


def _scoreboard(view: shell.View) -> None:
    _, lookback = claims.data_needs()
    lang = view.lang
    if not view.event_in_range:
        st.warning(
            t(
                "ov_out_of_view",
                lang,
                start=view.start,
                end=view.end,
                event=view.event,
                link=shell.link_to("", event_range=True),
            ),
            icon=":material/event_busy:",
        )
    board = _scoreboard_rows(board_key(view, lookback))
    counted = Counter(result.verdict for _, result, _ in board)
    rows = [
        [
            claim.section,
            claim.text(lang),
            result.figure_text(lang),
            verdict_pill(result.verdict, lang, result.decided_text(lang)),
            link(t("open_section", lang), shell.link_to(claim.page, claim.id)),
            result.text(lang),
            rule.text(lang) if rule else "",
        ]
        for claim, result, rule in board
    ]
    columns = [
        t(c, view.lang)
        for c in ("col_section", "col_claim", "col_measured", "col_verdict", "col_link", "col_detail", "col_rule")
    ]
    st.markdown(score_summary(counted, lang))  # one line sums the board up
    st.caption(t("ov_score_note", view.lang))  # the key to the verdict words, read before the table
    st.html(html_table(columns, rows, sortable=True, cards=True), unsafe_allow_javascript=True)
    if st.toggle(t("ov_evolution", lang), key="ov_evolution", help=t("ov_evolution_help", lang)):
        _evolution(view, lookback)


@st.cache_data(ttl=600, show_spinner=False, max_entries=16)
def _evolution_rows(key: BoardKey) -> list[claims.Knowable]:
    """``claims.evolution`` for one view, from the same inputs as ``_scoreboard_rows``."""
    frames, ctx = _board_inputs(key)
    return [k for k in claims.evolution(frames, ctx) if not k.now.other_episode]


def _parts_then(k: claims.Knowable, asof: pd.Timestamp | None, lang: str) -> str:
    """Each part with the hour (UTC) its data came in and what it said then; a claim none of whose parts is in by
    the view's instant names the hour it will be."""
    if not k.parts:
        return t("ov_evolution_in_at", lang, when=f"{k.since:%d %b %H:%M}") if k.since is not None else "-"
    said = []
    for p in k.parts:
        outcome = p.outcome if p.outcome is not None else claims.PENDING
        word = t(f"part_outcome_{outcome}", lang)
        said.append(f"{p.since:%d %b %H:%M} {p.name.zh if lang == 'zh' else p.name.en}: {word}")
    return "; ".join(said)


def _evolution(view: shell.View, lookback: int) -> None:
    """When each claim became knowable and what it said then, beside what it says at the view's instant."""
    lang = view.lang
    found = _evolution_rows(board_key(view, lookback))
    rows = [
        [
            k.claim.text(lang),
            _parts_then(k, view.asof, lang),
            f"{k.since:%Y-%m-%d %H:%M} UTC" if k.since is not None else t("ov_evolution_before", lang),
            verdict_pill(k.then.verdict, lang, k.then.figure_text(lang)) if k.then is not None else "-",
            verdict_pill(k.now.verdict, lang, "" if k.now.verdict == claims.NOT_YET_KNOWN else k.now.figure_text(lang)),
        ]
        for k in found
    ]
    when = f"{view.asof:%Y-%m-%d %H:%M} UTC" if view.asof is not None else t("ov_evolution_hindsight", lang)
    columns = [
        t("col_claim", lang),
        t("ov_evolution_markets", lang),
        t("ov_evolution_since", lang),
        t("ov_evolution_then", lang),
        when,
    ]
    st.html(html_table(columns, rows, sortable=True, cards=True), unsafe_allow_javascript=True)
    st.caption(t("ov_evolution_note", lang))


STUDY_CHOICES = ("ndx", "spx", "nikkei", "kospi", "btc", "eth", "nvda", "sk_hynix")
STUDY_MAX = 4

# The overview stacks its sections (no section bar); the scoreboard is drawn live: its links carry the reader's
# whole view.
PAGE = Page(
    id="",
    title_key="page_overview",
    icon=":material/dashboard:",
    params=(
        number_param("drawdown", "p_drawdown", 0.5, 20, contagion_clock.DEFAULT_DRAWDOWN * 100, "drawdown"),
        episodes_param("compare", "p_compare", "episodes compared"),
        keys_param("study", "p_study", STUDY_CHOICES, event_study.STUDY_MARKETS, "markets compared", max_n=STUDY_MAX),
        keys_param("tiles", "p_tiles", TILE_CHOICES, TILES, "tiles shown", max_n=TILES_MAX),
    ),
    sections=(
        Section("tiles", "ov_tiles", _tiles, controls=_tile_controls, reads=("tiles",)),
        Section("contagion", "ov_contagion", _contagion),
        Section("clock", "clk_h", _clock, controls=_clock_controls, reads=("drawdown",)),
        Section("study", "study_h", _study, controls=_study_controls, reads=("compare", "study")),
        Section("standing", "stand_h", _standing, reads=("study",)),
        # its links keep every control of the page: re-recorded when any changes (the scan itself is cached apart)
        Section("found", "found_h", _found, reads=("drawdown", "compare", "study")),
        Section("timeline", "ov_timeline", _timeline),
        Section("scoreboard", "ov_scoreboard", draw=_scoreboard, warm=_warm_scoreboard),
    ),
    series=("btc", "ndx", "spx", "nvda", "nikkei", "ust10y", "vix"),
    bar=False,
)


def render(view: shell.View) -> None:
    """The page for ``view`` (the frame passes it: ``app.py``)."""
    episode = view.sell_off
    if view.thesis:
        st.title(t("ov_title", view.lang))
        st.caption(t("ov_subtitle", view.lang))
    else:
        st.title(t("ov_title_episode", view.lang, name=md_escape(episode.name(view.lang))))
        if episode.description(view.lang):
            st.caption(md_escape(episode.description(view.lang), 600))
        sources = " · ".join(f"[{urlsplit(u).netloc}]({u})" for u in episode.sources if u.startswith("https://"))
        st.caption(t("ov_episode_note", view.lang, sources=sources or "-"))
    replay.banner(view)
    if view.watch:
        _watch(view)
    else:
        replay.player(view)
    st.info(t("ov_howto", view.lang), icon=":material/menu_book:")
    frames: dict[str, pd.DataFrame] = {}
    with shell.guard(view.lang):
        tiles = _tiles_of(view)
        frames = chrome(
            tuple(dict.fromkeys((*tiles, *CONTAGION))), view.start - FRAME_LOOKBACK, view.end, view.source, view.lang
        )
        st.caption(coverage_text(frames, tiles, view.start, view.end, view.lang))
        fallback_notice(frames, view.lang)
    page_run.show_sections(PAGE, view)
    page_footer(frames, view.lang)


if __name__ == "__main__":  # a fresh server ran this file for a deep link (streamlit#9624): run the frame
    shell.page_entry()
