"""Streamlit's memory cache on top of the data layer's disk cache, so a rerun does not reload data."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

import data_sources
from analytics import claims
from analytics.asof import known_frames
from components.i18n import t
from data_sources import DataSourceError
from data_sources.meta import meta, relabelled, with_meta_of

if TYPE_CHECKING:
    from components.view import View

log = logging.getLogger(__name__)
TTL_S = 600


# Bounded by entries from a measurement (see the README): a daily load of a page's series over a view is
# 80-250 KB in memory, an hourly one (a year of BTC bars for the timing rules) about 1 MB. So 128 daily and 16
# hourly entries hold at most ~50 MB, however many distinct views visitors ask for.
DAILY_ENTRIES, HOURLY_ENTRIES = 128, 16


def _get_many(
    keys: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    interval: str,
    source: str,
    proxies: bool,
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """The series, cut to what was known at ``asof`` (``analytics.asof``: the one rule every page reads through)."""
    frames = data_sources.get_many(keys, start, end, interval=interval, source=source, proxies=proxies)
    return known_frames(frames, asof, interval)


@st.cache_data(ttl=TTL_S, show_spinner=False, max_entries=DAILY_ENTRIES)
def _load(
    keys: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    interval: str,
    source: str,
    generation: int,
    proxies: bool = False,
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """``generation`` changes when a background live fetch lands, so a fallback is not kept for the whole TTL."""
    return _get_many(keys, start, end, interval, source, proxies, asof)


@st.cache_data(ttl=TTL_S, show_spinner=False, max_entries=HOURLY_ENTRIES)
def _load_hourly(
    keys: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    interval: str,
    source: str,
    generation: int,
    proxies: bool = False,
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    return _get_many(keys, start, end, interval, source, proxies, asof)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def cached_data_end(source: str, keys: tuple[str, ...]) -> dt.date:
    try:
        return data_sources.data_end(source, keys)
    except DataSourceError as exc:
        log.warning("data end unknown (%s); using today", exc)
        return dt.date.today()


def load(
    keys: list[str] | tuple[str, ...],
    start: dt.date,
    end: dt.date,
    source: str,
    interval: str = "1d",
    *,
    proxies: bool = False,
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """Frames by key (an empty frame's ``meta`` says why); with ``proxies``, stand-ins where a series has none;
    with ``asof``, only the rows known at that instant.

    Callers may mutate them: ``st.cache_data`` hands every call its own unpickled copy, ``attrs`` included.
    """
    loader = _load if interval == "1d" else _load_hourly
    generation = data_sources.generation() if source != "snapshot" else 0
    return loader(tuple(keys), start, end, interval, source, generation, proxies, asof)


def load_proxied(
    keys: list[str] | tuple[str, ...],
    start: dt.date,
    end: dt.date,
    source: str,
    interval: str = "1d",
    lang: str = "en",
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """Like ``load``, but a series with no data is replaced by its catalog stand-in (chosen in the data layer:
    ``get_many(proxies=True)``), its label worded in ``lang``."""
    from data_sources import catalog

    frames = load(keys, start, end, source, interval, proxies=True, asof=asof)
    if lang != "en":
        for key, frame in frames.items():
            info = meta(frame)
            if info.is_stand_in:
                label = t("stands_in_label", lang, proxy=catalog.label(info.served_key), series=catalog.label(key))
                frames[key] = relabelled(frame, label)
    return frames


def snapshot_problem() -> str | None:
    """Why the embedded snapshot cannot be read (missing, no manifest, unreadable), or None."""
    from data_sources import snapshot

    return snapshot.problem()


def load_intraday(event: dt.date, source: str, asof: pd.Timestamp | None = None) -> dict[str, pd.DataFrame]:
    """The intraday series the claim rules read (hourly BTC, prediction-market odds), each over its own window
    around the event (``claims.INTRADAY_NEEDS``), known at ``asof``; series a source lacks are left out."""
    from analytics.claims import INTRADAY_NEEDS

    out = {}
    for key, (before, after) in INTRADAY_NEEDS.items():
        frame = load(
            (key,), event - dt.timedelta(days=before), event + dt.timedelta(days=after), source, "1h", asof=asof
        )[key]
        if not frame.empty:
            out[key] = frame
    return out


@st.cache_data(ttl=TTL_S, show_spinner=False, max_entries=DAILY_ENTRIES)
def load_skeletons(
    keys: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    source: str,
    lang: str = "en",
    generation: int = 0,
    interval: str = "1d",
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """``load_proxied``'s frames reduced to what a page's chrome reads (their dates and ``attrs``: coverage line,
    fallback notice, source badges, provenance). A rerun then unpickles a column of dates, not every bar."""
    frames = load_proxied(keys, start, end, source, interval, lang=lang, asof=asof)
    out = {}
    for key, frame in frames.items():
        out[key] = with_meta_of(frame[["ts"]].copy(), frame)
    return out


def chrome(
    keys: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    source: str,
    lang: str = "en",
    interval: str = "1d",
    asof: pd.Timestamp | None = None,
) -> dict[str, pd.DataFrame]:
    """The page's series as the chrome needs them (see ``load_skeletons``), fresh when a background fetch lands."""
    generation = data_sources.generation() if source != "snapshot" else 0
    return load_skeletons(tuple(keys), start, end, source, lang, generation, interval, asof)


def claims_context(view: View) -> claims.Context:
    """The claims' context of a view (``claims.context_for``), its intraday series loaded as known at its instant:
    the one way a page's section builds it; the overview's cached scoreboard and the CLI call ``context_for``
    with the same arguments."""
    return claims.context_for(
        view.start,
        view.end,
        view.event,
        thesis_episode=view.thesis,
        intraday=load_intraday(view.event, view.source, view.asof),
        asof=view.asof,
        level=float(view.param("level")),
        window=int(view.param("window")),
    )
