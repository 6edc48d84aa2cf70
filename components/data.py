"""Streamlit's memory cache on top of the data layer's disk cache, so a rerun does not reload data."""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import streamlit as st

import data_sources
from data_sources import DataSourceError

log = logging.getLogger(__name__)
TTL_S = 600


@st.cache_data(ttl=TTL_S, show_spinner=False, max_entries=512)
def _load(keys: tuple[str, ...], start: dt.date, end: dt.date, interval: str, source: str) -> dict[str, pd.DataFrame]:
    return data_sources.get_many(keys, start, end, interval=interval, source=source)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def cached_data_end(source: str) -> dt.date:
    try:
        return data_sources.data_end(source)
    except DataSourceError as exc:
        log.warning("data end unknown (%s); using today", exc)
        return dt.date.today()


def load(keys: list[str] | tuple[str, ...], start: dt.date, end: dt.date, source: str,
         interval: str = "1d") -> dict[str, pd.DataFrame]:
    """Frames by key (empty frames carry ``attrs['error']``); copies, so callers may mutate them."""
    frames = _load(tuple(keys), start, end, interval, source)
    out = {}
    for key, frame in frames.items():
        copy = frame.copy()
        copy.attrs = dict(frame.attrs)
        out[key] = copy
    return out
