"""A section drawn from a cached recording: the model runs once per view, the page replays what it drew.

A section's computation (its model, its figures, its verdict) is one pure function of the view. Run under
``st.cache_data`` it records what it would draw (``Recording``); the page replays the recording on every rerun,
so a rerun that changes nothing this section reads costs a replay, not the computation. The chart and the verdict
beside it come from the same recorded run.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts
from components.tables import scripted
from components.text import md_escape

log = logging.getLogger(__name__)
_WARMING: set[tuple[str, str]] = set()  # views being computed ahead, so one view is never warmed twice at once
_WARMING_LOCK = threading.Lock()
PREFETCH_AFTER_S = 0.5  # how long the computation ahead waits after the run that started it


class Recording:
    """What a section draws, as plain data (figures prepared and frozen), in order, in the reader's ``lang``."""

    def __init__(self, lang: str = "en", asof: pd.Timestamp | None = None) -> None:
        self.ops: list[tuple[Any, ...]] = []
        self.lang = lang
        self.asof = asof  # a replay's instant: every chart over dates that reach it draws it

    def columns(self, n: int) -> None:
        """Side-by-side columns for the charts that follow with ``column=`` (drawn by the replay)."""
        self.ops.append(("columns", n))

    def chart(self, fig: go.Figure, key: str, column: int | None = None) -> None:
        """A chart, prepared once here (thinned, margins fitted, dates localised, title lifted out)."""
        from components.section_parts import prepare

        if self.asof is not None:  # a replay: every chart over dates that reaches the instant marks it (one place)
            charts.mark_instant(fig, self.asof, self.lang)
        ready, title = prepare(fig, self.lang)
        self.ops.append(("chart", charts.freeze(ready), key, column, title, charts.event_key(ready, self.lang)))

    def range_info(self, key: str, lang: str, link_start: object, link_end: object, icon: str, **fmt: object) -> None:
        """A notice whose link opens this page over ``link_start``-``link_end`` (built at replay, from the current
        view: a link recorded once would carry stale controls)."""
        self.ops.append(("range_info", key, lang, link_start, link_end, icon, fmt))

    def note(self, text: str) -> None:
        self.ops.append(("note", text))

    def caption(self, markdown: str) -> None:
        """A caption written by the app (links included; reader input never reaches it: use ``note`` for that)."""
        self.ops.append(("caption", markdown))

    def info(self, text: str, icon: str | None = None) -> None:
        self.ops.append(("info", text, icon))

    def html(self, html: str) -> None:
        self.ops.append(("html", html))

    def verdict(self, result: object, lang: str) -> None:
        self.ops.append(("verdict", result, lang))

    def csv(self, frame: pd.DataFrame | None, name: str, key: str, lang: str) -> None:
        self.ops.append(("csv", frame, name, key, lang))

    def badge(self, frames: dict[str, pd.DataFrame], lang: str) -> None:
        """Which source served each series (their dates and metadata kept, not their bars)."""
        from data_sources.meta import with_meta_of

        self.ops.append(("badge", {k: with_meta_of(f[["ts"]].copy(), f) for k, f in frames.items()}, lang))

    def no_data(self, view: object, keys: Any, lang: str, why: str = "") -> None:
        self.ops.append(("no_data", tuple(keys), lang, why))


def replay(ops: list[tuple[Any, ...]], view: Any) -> None:
    """Draw a recording (``view`` is the current ``shell.View``: links in a no-data notice point from it)."""
    from components import section_parts, shell
    from components.i18n import t

    cols: list[Any] = []
    for op in ops:
        kind, args = op[0], op[1:]
        if kind == "columns":
            cols = list(st.columns(args[0]))
        elif kind == "chart":
            where = cols[args[2]] if args[2] is not None and cols else st
            replaying = getattr(view, "asof", None) is not None
            section_parts.send(charts.thaw(args[0]), args[3], key=args[1], where=where, replaying=replaying)
            if args[4]:  # the key to its numbered event markers
                where.caption(md_escape(args[4], 2000))
        elif kind == "range_info":
            key, lang, start, end, icon, fmt = args
            link = shell.range_link(view.page, start, end)
            st.info(t(key, lang, link=link, **fmt), icon=icon)
        elif kind == "note":
            section_parts.note(args[0])
        elif kind == "caption":
            st.caption(args[0])
        elif kind == "info":
            st.info(args[0], icon=args[1])
        elif kind == "html":
            st.html(args[0], unsafe_allow_javascript=scripted(args[0]))
        elif kind == "verdict":
            section_parts.verdict_line(*args, page=view.page)
        elif kind == "csv":
            section_parts.csv_download(*args, view=view)
        elif kind == "badge":
            from components.badges import source_badge

            source_badge(*args)
        elif kind == "no_data":
            shell.no_data(view, args[0], args[1], why=args[2])


Build = Callable[[Any, Recording], None]
_BUILDS: dict[tuple[str, str], Build] = {}


def register(page: str, builds: Mapping[str, Build]) -> None:
    """A page's recorded sections: section id -> the function that computes and records it for a view."""
    for section, build in builds.items():
        _BUILDS[(page, section)] = build


@st.cache_data(ttl=600, show_spinner=False, max_entries=128)
def _record(page: str, section: str, key: tuple, _view: Any) -> list[tuple[Any, ...]]:
    """Recorded once per ``key`` (``_view``, the view it stands for, is not hashed: hashing the dataclass on every
    rerun cost more than the replay)."""
    out = Recording(_view.lang, getattr(_view, "asof", None))
    _BUILDS[(page, section)](_view, out)
    return out.ops


def cache_key(section: Any, view: Any) -> Any:
    """The view a section is recorded for: only the page controls it ``reads`` kept (another control's change then
    reuses the recording)."""
    return replace(view, params={name: view.param(name) for name in section.reads})


def _flat(view: Any) -> tuple:
    """The recorded view as a tuple of plain values, every field of it (what the cache hashes)."""
    return tuple(
        tuple(sorted(value.items())) if isinstance(value, dict) else value
        for value in (getattr(view, f.name) for f in fields(view))
    )


def draw(page: str, section: Any, view: Any) -> None:
    """Draw a declared section (``page_spec.Section``): recorded once per ``cache_key``, replayed on every rerun."""
    key = cache_key(section, view)
    replay(_record(page, section.id, _flat(key), key), view)


def prefetch(page: str, sections: Any, view: Any) -> threading.Thread | None:
    """Compute, in a background thread, what ``draw`` would need for ``view`` (a replay's next hour): each
    recorded section's recording, and each live section's cached model (``Section.warm``). The step to that hour
    then replays from the cache, as a revisited hour does (``bench/replay.py``). Streamlit's cache computes a key
    once (a per-key lock), so a step taken while a section is being computed waits for it instead of computing it
    again. The thread starts ``PREFETCH_AFTER_S`` after the run, so the run's last messages reach the browser
    before it takes the GIL (a step after reading the hour: 450 -> 347 ms on the overview). It is not stopped by the
    reader's next run: stopping it after its current section made a step taken at once slower (1072 vs 669 ms) and
    a range change no faster (``bench/results.md``).

    The thread runs in a copy of the run's context, so its figures are drawn in the reader's ink (theme, and the
    Chinese red-up convention) as the run's are.

    Best effort: the thread logs a failure and stops; the step itself then computes and shows any error in its
    section as usual. Returns the thread (None when this view is already being computed ahead)."""
    token = (page, repr(_flat(view)))  # params may hold lists: the repr is the identity
    with _WARMING_LOCK:
        if token in _WARMING:
            return None
        _WARMING.add(token)

    def warm() -> None:
        time.sleep(PREFETCH_AFTER_S)  # the run's last messages reach the browser first (the thread holds the GIL)
        try:
            for section in sections:
                if section.build is not None:
                    key = cache_key(section, view)
                    _record(page, section.id, _flat(key), key)
                elif section.warm is not None:
                    section.warm(view)
        except Exception:  # noqa: BLE001 - a warm-up never fails the page; the step recomputes and reports it
            log.warning("prefetch of %s as of %s failed", page or "overview", view.asof, exc_info=True)
        finally:
            with _WARMING_LOCK:
                _WARMING.discard(token)

    # in a copy of the run's context: figures read their ink (the reader's theme, and a rise in red in Chinese) from
    # a context variable, which a new thread would otherwise see at its default (dark, a rise in green)
    thread = threading.Thread(target=contextvars.copy_context().run, args=(warm,), name="replay-prefetch", daemon=True)
    thread.start()
    return thread
