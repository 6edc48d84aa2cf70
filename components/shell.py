"""The frame's moving parts: URL <-> session state, the global sidebar controls, the share link.

Global state lives in ``st.session_state`` under explicit keys (``g_*`` global, ``p_*`` page
controls) and the URL is re-written from it on every run: Streamlit clears the query string on page
switches (streamlit#7982) and drops the state of widgets that a run does not draw, so the state,
not the URL and not the widgets, is the source of truth. The URL is read once, when a session starts.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics import episodes
from components import controls, theme, url_state
from components.data import cached_data_end, snapshot_problem
from components.i18n import t
from components.text import md_escape
from components.url_state import PRESET_LABELS, PRESETS
from components.view import _DECLARED, View, schema, use_pages  # noqa: F401  (the frame's names)
from data_sources import catalog
from data_sources.config import live_enabled

log = logging.getLogger(__name__)

_INIT = "_url_loaded"
timing = logging.getLogger("selloff.timing")
FRAME_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"
_NOTICES = "_url_notices"


def app_series() -> tuple[str, ...]:
    """Every page's own series: the app's one "to date" is the latest date all of them share."""
    return tuple(dict.fromkeys(k for page in _DECLARED.values() for k in page.series))


def to_date_set_by(source: str, day: dt.date) -> tuple[str, ...]:
    """The series whose last bar in the snapshot is the app's "to date" (they set it); none for live data."""
    from data_sources import snapshot

    if source == "live":
        return ()
    return tuple(k for k in app_series() if (info := snapshot.series_info(k)) and info["last"][:10] == day.isoformat())


def _query_multi() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _history_navigation() -> bool:
    """True on the rerun Streamlit makes for the browser's Back or Forward (the URL then names the view)."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def init_from_url() -> None:
    """Seed session state from the query string: once per session, and again on Back/Forward.

    Every control change pushes one history entry holding the whole view; on Back the URL must win
    over the controls' state, or the next sync would write the newer view straight back.
    """
    if st.session_state.get(_INIT) and not _history_navigation():
        return
    st.session_state["_replay_playing"] = False  # Back or Forward stops a replay at the instant it names
    values, notices = schema().parse(_query_multi())
    if values["g_source"] == "live" and not live_enabled():  # not offered here: say so, and read what is
        notices.append(t("live_off_link", values.get("g_lang", "en")))
        values["g_source"] = "auto"
    for key, value in values.items():
        st.session_state[key] = value
    if values["g_range"] == "custom":
        st.session_state["g_dates"] = (values["g_start"], values["g_end"])
    st.session_state[_NOTICES] = notices
    st.session_state[_INIT] = True
    for notice in notices:
        log.info("URL parameter refused: %s", notice)


def keep_state() -> None:
    """Stop Streamlit from discarding the state of controls that this run does not draw."""
    for param in schema().all.values():
        if param.state_key in st.session_state:
            st.session_state[param.state_key] = st.session_state[param.state_key]
    if "g_dates" in st.session_state:
        st.session_state["g_dates"] = st.session_state["g_dates"]


def _on_range_change() -> None:
    if st.session_state.get("g_range") == "custom" and not st.session_state.get("g_start"):
        start, end = st.session_state.get("_resolved", (None, None))
        if start and end:
            st.session_state.update(g_start=start, g_end=end, g_dates=(start, end))


def _on_episode_change() -> None:
    chosen = episodes.by_id(st.session_state.get("g_episode", ""))
    if chosen is not None:
        st.session_state["g_event"] = chosen.event_date


def _on_event_change() -> None:
    match = episodes.for_event(st.session_state.get("g_event"))
    st.session_state["g_episode"] = match.id if match else url_state.CUSTOM_EPISODE


def _on_dates_change() -> None:
    picked = st.session_state.get("g_dates") or ()
    if len(picked) == 2 and picked[0] <= picked[1]:
        st.session_state.update(g_start=picked[0], g_end=picked[1])


def _clamp_anchor(start: dt.date, end: dt.date, lang: str) -> None:
    """A rebase anchor outside the range is dropped (with a notice naming it), never passed to a picker."""
    anchor = st.session_state.get("p_anchor")
    if anchor is not None and not start <= anchor <= end:
        st.session_state["p_anchor"] = None
        st.session_state.setdefault(_NOTICES, []).append(
            t("notice_anchor", lang, anchor=anchor.isoformat(), start=start.isoformat(), end=end.isoformat())
        )


def sidebar_controls(page: str = "") -> View:
    """Draw the global controls in the sidebar and return the view they describe."""
    lang = st.session_state.get("g_lang", "en")
    with st.sidebar:
        st.radio(
            t("language", lang),
            url_state.LANGS,
            key="g_lang",
            horizontal=True,
            format_func={"en": "English", "zh": "中文"}.get,
        )
        lang = st.session_state["g_lang"]
        st.radio(
            t("date_range", lang),
            PRESETS,
            key="g_range",
            horizontal=True,
            format_func=lambda p: t(f"preset_{p}", lang) if p in ("event", "custom") else PRESET_LABELS[p],
            on_change=_on_range_change,
        )
        names = {e.id: e.name(lang) for e in episodes.library()}
        st.selectbox(
            t("episode", lang),
            (*names, url_state.CUSTOM_EPISODE),
            key="g_episode",
            format_func=lambda e: names.get(e, t("episode_custom", lang)),
            on_change=_on_episode_change,
        )
        st.date_input(
            t("event_date", lang),
            key="g_event",
            min_value=url_state.EARLIEST,
            max_value=url_state.latest_date(),
            format="YYYY-MM-DD",
            on_change=_on_event_change,
        )
        st.selectbox(
            t("data_source", lang),
            ("auto", "live", "snapshot") if live_enabled() else ("auto", "snapshot"),
            key="g_source",
            format_func=lambda s: t(f"src_{s}", lang),
        )
        source = st.session_state["g_source"]
        data_end = cached_data_end(source, app_series())  # one "to date" for every page
        preset = st.session_state["g_range"]
        if preset == "custom":
            st.date_input(
                t("custom_dates", lang),
                key="g_dates",
                min_value=url_state.EARLIEST,
                max_value=url_state.latest_date(),
                format="YYYY-MM-DD",
                on_change=_on_dates_change,
            )
        elif preset != "event":
            st.radio(
                t("range_anchor", lang),
                url_state.ANCHORS,
                key="g_to",
                horizontal=True,
                format_func=lambda a: t(f"anchor_{a}", lang),
            )
        start, end = resolved_range(st.session_state, data_end)
        st.session_state["_resolved"] = (start, end)
        st.caption(t("showing", lang, start=start.isoformat(), end=end.isoformat()))
        if st.session_state.get("g_asof") == url_state.NOW and source != "live":
            st.caption(t("replay_now_offline", lang, end=data_end.isoformat()))
        if preset not in ("event", "custom"):
            anchored = "latest" if st.session_state.get("g_to") == "latest" else "event"
            setters = ", ".join(catalog.label(k) for k in to_date_set_by(source, data_end))
            st.caption(t(f"anchored_{anchored}", lang, end=data_end.isoformat(), by=setters or "-"))
        controls.install()  # Enter and Tab apply a typed date; a multiselect shows every chip
    if any(p.name == "anchor" for p in schema().page_params.get(page, ())):
        _clamp_anchor(start, end, lang)
    return view_of(st.session_state, page, data_end, theme.ink().kind)


def resolved_range(state: Mapping[str, Any], data_end: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the global controls in ``state`` (the widgets' keys, or a parsed share link) open."""
    return url_state.resolve_range(
        state["g_range"],
        data_end,
        state["g_event"],
        state.get("g_start"),
        state.get("g_end"),
        state.get("g_to", "event"),
    )


def replay_instant(raw: Any, data_end: dt.date) -> pd.Timestamp | None:
    """The view's instant: none (everything), a UTC hour, or for ``now`` the last hour that has ended, no later
    than the end of the data's last day (offline, the snapshot's last instant: the sidebar says so)."""
    if raw is None:
        return None
    if raw == url_state.NOW:
        hour = pd.Timestamp.now(tz="UTC").floor("h")
        return min(hour, pd.Timestamp(data_end, tz="UTC") + pd.Timedelta(days=1))
    return pd.Timestamp(raw)


def view_of(state: Mapping[str, Any], page: str, data_end: dt.date, ink_kind: str) -> View:
    """The view the controls in ``state`` describe: the sidebar's widgets on every run, a share link in a report."""
    start, end = resolved_range(state, data_end)
    params = {p.name: state.get(p.state_key, p.default) for ps in schema().page_params.values() for p in ps}
    # a multiselect's state is a list, a parsed link's a tuple: one type, so the same view is one cache key
    params = {name: tuple(value) if isinstance(value, list) else value for name, value in params.items()}
    return View(
        state["g_range"],
        start,
        end,
        state["g_event"],
        state["g_source"],
        state.get("g_lang", "en"),
        data_end,
        params,
        theme=ink_kind,
        episode=state.get("g_episode", ""),
        page=page,
        asof=replay_instant(state.get("g_asof"), data_end),
        watch=state.get("g_asof") == url_state.NOW,
    )


def _state_values() -> dict[str, Any]:
    return {p.state_key: st.session_state.get(p.state_key, p.default) for p in schema().all.values()}


def sync_url(page: str) -> None:
    """Write the canonical query string for this page, only when it differs (no reload, no loop). While a replay
    plays, the address bar is replaced in place instead (no history entry per step; the pause writes one)."""
    from components import replay

    wanted = schema().to_query(_state_values(), page)
    if replay.playing():
        replay.replace_address(urlencode(wanted))
        return
    if _query_multi() != {k: [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)


def page_menu(box: Any, pages: Sequence[Any]) -> None:
    """The page menu: one link per page, each carrying the current view (its page's own controls included)."""
    values = _state_values()
    with box:
        for pg in pages:
            st.page_link(pg, query_params=schema().to_query(values, pg.url_path))
        st.divider()


def episode_banner(view: View) -> None:
    """Under an analysis page's title: a replay's instant (``replay.banner``), and the sell-off on screen when it
    is not the thesis's, and what that means."""
    from components import replay

    replay.banner(view)
    if view.thesis:
        return
    ep = view.sell_off
    st.info(
        t(
            "episode_banner",
            view.lang,
            name=md_escape(ep.name(view.lang)),
            description=md_escape(ep.description(view.lang)),
            link=link_to(view.page, episode=episodes.thesis().id),
        ),
        icon=":material/history:",
    )


def link_to(
    page: str, anchor: str = "", *, event_range: bool = False, episode: str = "", day: dt.date | None = None
) -> str:
    """A relative link to another page that keeps the current global controls (and that page's own).

    An ``anchor`` naming one of that page's sections opens the page on that section; ``episode`` opens that
    library episode instead of the current one; ``day`` opens the sell-off of that date (a custom episode, or the
    library's if one opens on it) over its event range.
    """
    values = _state_values()
    if day is not None:
        values.update(g_episode=url_state.CUSTOM_EPISODE, g_event=day, g_range="event", g_start=None, g_end=None)
    if event_range:  # the same view over the event's own range
        values.update(g_range="event", g_start=None, g_end=None)
    if episode:  # the same view of another episode, over its event's range
        chosen = episodes.by_id(episode)
        if chosen is not None:
            values.update(g_episode=chosen.id, g_event=chosen.event_date, g_range="event", g_start=None, g_end=None)
    declared_page = _DECLARED.get(page)
    section = declared_page.section_param if declared_page else None
    if section is not None and anchor in declared_page.section_ids:
        values[section.state_key], anchor = anchor, ""
    query = urlencode(schema().to_query(values, page))
    return href(page, query) + (f"#{anchor}" if anchor else "")


def href(page: str, query: str) -> str:
    """A page's path with its query, under the server's ``server.baseUrlPath`` (``/lens/crypto?...`` behind a
    prefix; a bare ``/crypto`` would leave it for a blank page)."""
    prefix = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}/{page}?{query}" if prefix else f"/{page}?{query}"


def range_link(page: str, start: dt.date, end: dt.date) -> str:
    """A relative link to the same view of ``page`` over a custom range (for "open a range that has the data")."""
    values = {**_state_values(), "g_range": "custom", "g_start": start, "g_end": end}
    return href(page, urlencode(schema().to_query(values, page)))


def nearest_range(view: View, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The range of the view's length nearest to it that lies inside [first, last] (a series' coverage)."""
    span = view.end - view.start
    start = min(max(view.start, first), max(first, last - span))
    return start, min(start + span, last)


def coverage(keys: Sequence[str], source: str) -> tuple[dt.date, dt.date] | None:
    """The dates all of ``keys`` have in the embedded snapshot (None live, or when they share none)."""
    if source == "live":
        return None
    from data_sources import snapshot
    from data_sources.errors import NoDataError, SnapshotCorruptError

    try:  # a damaged manifest or file offers no range: the link would open the same failure
        infos = [snapshot.series_info(k) or snapshot.series_info(k, interval="1h") for k in keys]
        for key, info in zip(keys, infos, strict=True):
            if info is not None:
                snapshot.load_frame(key, interval=info.get("interval", "1d"))  # checksum checked once per process
    except (SnapshotCorruptError, NoDataError):
        return None
    if not infos or any(i is None for i in infos):
        return None
    first = max(dt.date.fromisoformat(i["first"][:10]) for i in infos)
    last = min(dt.date.fromisoformat(i["last"][:10]) for i in infos)
    return (first, last) if first <= last else None


def no_data(view: View, keys: Sequence[str], lang: str, why: str = "") -> None:
    """In place of an empty chart: which series lack data for which dates, and a link to the nearest range that
    has them (the same length, inside what the source holds)."""

    names = ", ".join(catalog.label(k) for k in keys)
    text = t("no_data_for", lang, names=names, start=view.start, end=view.end)
    span = coverage(keys, view.source)
    if span is not None:
        start, end = nearest_range(view, *span)
        text += " " + t(
            "no_data_held",
            lang,
            first=span[0],
            last=span[1],
            link=range_link(view.page, start, end),
        )
    st.info((why + " " if why else "") + text, icon=":material/block:")


def share_links(page: str, view: View) -> tuple[str, str]:
    base = st.context.url or "http://localhost:8501/"
    base = base.split("?")[0].rstrip("/")
    values = _state_values()
    live = f"{base}?{urlencode(schema().to_query(values, page))}"
    pinned = f"{base}?{urlencode(schema().to_query(values, page, pinned=(view.start, view.end)))}"
    return live, pinned


def share_control(page: str, view: View, report: Callable[[View, str], bytes] | None = None) -> None:
    """The Share popover; its links are built and sent only while it is open (a rerun fills it)."""
    box = st.sidebar.popover(
        t("share", view.lang), icon=":material/link:", width="stretch", key="share_open", on_change="rerun"
    )
    if not box.open:
        return
    live, pinned = share_links(page, view)
    with box:
        st.caption(t("share_help", view.lang))
        st.code(live, language=None, wrap_lines=True)
        if view.preset not in ("custom", "event"):
            st.caption(t("share_pinned", view.lang))
            st.code(pinned, language=None, wrap_lines=True)
        if report is None:
            return
        st.download_button(  # written on click only: a report draws every page (~7 s)
            t("report_download", view.lang),
            data=functools.partial(report, view, pinned),
            file_name=f"sell-off-lens_{view.sell_off.id}_{view.start}_{view.end}.html",
            mime="text/html",
            icon=":material/description:",
            on_click="ignore",
            key="report_download",
        )


def show_notices(lang: str = "en") -> None:
    """URL problems found when the session started: one non-blocking line each, shown once.

    Also says, on every page, when the embedded snapshot itself is damaged (not "no data in this range").
    """
    damaged = snapshot_problem()
    if damaged:
        st.error(t("snapshot_damaged", lang, why=damaged), icon=":material/broken_image:")
    notices = st.session_state.pop(_NOTICES, [])
    for notice in notices:
        st.warning(notice, icon=":material/link_off:")


@contextmanager
def guard(lang: str) -> Iterator[None]:
    """Contain a failing section: a sentence in the page and a log line, never a traceback."""
    try:
        yield
    except Exception as exc:  # script-control exceptions (rerun, stop) are BaseException and pass
        log.exception("section failed")
        st.error(t("page_error", lang, why=type(exc).__name__), icon=":material/error:")


def page_entry() -> None:
    """The last line of every page file, run only when a fresh server runs the file itself for a deep link
    (streamlit#9624): it runs the frame (``app.py``, as Streamlit runs it), which then routes to the page's
    ``render`` with its controls and URL state in place."""
    import runpy  # the frame is a script, never imported from here

    runpy.run_path(str(FRAME_SCRIPT), run_name="__main__")
