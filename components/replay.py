"""The replay player: a view as of one UTC hour, stepped by hand or played.

The instant lives in the view (``View.asof``, the URL's ``asof=``); every load cuts to it (``analytics.asof``).
A step by hand writes the URL like any control (one history entry, so Back steps back). While playing, the
frame does not write the URL each second (``shell.sync_url`` skips it); the address bar is replaced in place
instead, and the pause writes one entry.
"""

from __future__ import annotations

import json
import time

import pandas as pd
import streamlit as st

from analytics.asof import format_instant, next_mark
from components.i18n import t
from components.view import View

STATE = "g_asof"
PLAYING = "_replay_playing"
LAST_STEP = "_replay_last_step"
PLAY_EVERY_S = 1.5  # one hour of the replay per tick while playing
REPLAY_BEFORE = pd.Timedelta(hours=24)  # a replay starts a day before the anchor...
REPLAY_AFTER = pd.Timedelta(hours=72)  # ...and plays until three days after it (the clock's span)
MARKS = ("ndx", "nikkei", "kospi", "btc")  # whose session opens and closes the jump buttons stop at


def playing() -> bool:
    return bool(st.session_state.get(PLAYING))


def _set(instant: pd.Timestamp | None) -> None:
    st.session_state[STATE] = instant
    st.session_state[LAST_STEP] = time.monotonic()


def _step(hours: int) -> None:
    now = st.session_state.get(STATE)
    if isinstance(now, pd.Timestamp):
        _set(now + pd.Timedelta(hours=hours))


def _jump(forward: bool) -> None:
    now = st.session_state.get(STATE)
    if isinstance(now, pd.Timestamp):
        found = next_mark(now, MARKS, forward)
        if found is not None:
            _set(found)


def _start(anchor: pd.Timestamp) -> None:
    _set((anchor - REPLAY_BEFORE).floor("h"))


def _leave() -> None:
    st.session_state[PLAYING] = False
    _set(None)


def _toggle() -> None:
    st.session_state[PLAYING] = not playing()
    st.session_state[LAST_STEP] = time.monotonic()


def end_of_replay(view: View) -> pd.Timestamp:
    """Where play stops: three days after the anchor, or the end of the data's last day if sooner."""
    anchor = view.sell_off.anchor
    return min(anchor + REPLAY_AFTER, pd.Timestamp(view.data_end, tz="UTC") + pd.Timedelta(days=1))


def next_step(view: View) -> View | None:
    """The view one hour on, where a step forward or the next tick of play goes (None outside a replay, in watch
    mode, or at the end of the replay)."""
    from dataclasses import replace

    if view.asof is None or view.watch:
        return None
    ahead = view.asof + pd.Timedelta(hours=1)
    return replace(view, asof=ahead) if ahead <= end_of_replay(view) else None


def local_times(instant: pd.Timestamp, lang: str) -> str:
    """The instant in UTC, Tokyo and New York, as a trader reads it."""
    tokyo, new_york = instant.tz_convert("Asia/Tokyo"), instant.tz_convert("America/New_York")

    def local(at: pd.Timestamp) -> str:
        day = t(f"weekday_{at.weekday()}", lang)
        return f"{day} {at:%H:%M}"

    return t("replay_local", lang, utc=f"{instant:%Y-%m-%d %H:%M}", tokyo=local(tokyo), ny=local(new_york))


def player(view: View) -> None:
    """The replay controls under a page's title (overview and crypto)."""
    lang = view.lang
    anchor = view.sell_off.anchor
    if view.asof is None:
        st.button(
            t("replay_start", lang),
            icon=":material/history:",
            on_click=_start,
            args=(anchor,),
            key="replay_start",
            help=t("replay_start_help", lang),
        )
        return
    row = st.container(horizontal=True, wrap=True)  # one row that wraps on a phone (columns stacked six deep)
    row.button("−1 h", key="replay_back", on_click=_step, args=(-1,), help=t("replay_back_help", lang))
    row.button("+1 h", key="replay_fwd", on_click=_step, args=(1,), help=t("replay_fwd_help", lang))
    row.button(
        t("replay_prev", lang), key="replay_prev", on_click=_jump, args=(False,), help=t("replay_jump_help", lang)
    )
    row.button(
        t("replay_next", lang), key="replay_next", on_click=_jump, args=(True,), help=t("replay_jump_help", lang)
    )
    row.button(
        t("replay_pause" if playing() else "replay_play", lang),
        key="replay_play",
        icon=":material/pause:" if playing() else ":material/play_arrow:",
        on_click=_toggle,
        help=t("replay_play_help", lang, s=PLAY_EVERY_S),
    )
    row.button(t("replay_leave", lang), key="replay_leave", on_click=_leave, icon=":material/close:")
    if playing():
        _tick(end_of_replay(view))


def banner(view: View) -> None:
    """On every page in a replay: the instant, in three time zones, and what it means."""
    if view.asof is None:
        return
    st.info(
        t("replay_banner", view.lang, when=local_times(view.asof, view.lang), instant=format_instant(view.asof)),
        icon=":material/history:",
    )


@st.fragment(run_every=PLAY_EVERY_S)
def _tick(stop: pd.Timestamp) -> None:
    """While playing: one hour per tick, the whole page redrawn in place (charts keep their element); pauses at
    the end of the replay. A tick during the page's own run does nothing (the step that caused it is recent)."""
    if not playing():
        return
    if time.monotonic() - st.session_state.get(LAST_STEP, 0.0) < PLAY_EVERY_S * 0.9:
        return
    now = st.session_state.get(STATE)
    if not isinstance(now, pd.Timestamp) or now >= stop:
        st.session_state[PLAYING] = False
    else:
        _set(now + pd.Timedelta(hours=1))
    st.rerun(scope="app")


def address_script(url_query: str) -> str:
    """A script replacing the address bar's query with ``url_query`` (a JSON string literal with ``<`` escaped,
    so no input can close the script element)."""
    literal = json.dumps("?" + url_query).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        "<script>window.parent.history.replaceState(window.parent.history.state, '', "
        f"window.parent.location.pathname + {literal});</script>"
    )


def replace_address(url_query: str) -> None:
    """While playing: the address bar shows the current instant without adding a history entry per step."""
    st.html(address_script(url_query), unsafe_allow_javascript=True)
