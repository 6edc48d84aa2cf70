"""Prices to returns, rebased paths and drawdowns: the arithmetic every page shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd


def closes(frames: Mapping[str, pd.DataFrame], field: str = "close") -> pd.DataFrame:
    """Wide table of one field: index = session date (naive), one column per key, NaN where closed.

    Dates are each market's own session dates, so a Tokyo and a New York bar of the same calendar day
    share a row, and a holiday in one market leaves a gap in that column only.
    """
    cols = {}
    for key, frame in frames.items():
        if frame is None or frame.empty:
            continue
        idx = pd.DatetimeIndex(frame["ts"]).tz_convert("UTC").tz_localize(None).normalize()
        series = pd.Series(frame[field].to_numpy(), index=idx, name=key)
        cols[key] = series[~series.index.duplicated(keep="last")]
    if not cols:
        return pd.DataFrame()
    return pd.DataFrame(cols).sort_index()


REBASE_LOOKBACK = dt.timedelta(days=10)  # enough sessions before an anchor to find each market's last close


def rebase_on(wide: pd.DataFrame, anchor: dt.date, base: float = 100.0) -> tuple[pd.DataFrame, dict[str, pd.Timestamp]]:
    """Every column rebased on the same date: its last value on or before ``anchor``.

    ``wide`` should reach back before ``anchor`` (a few sessions of lookback), so a market closed on the
    anchor day is rebased on its previous close, not on a later day. A column with no value on or before the
    anchor starts later: it is rebased on its first value and returned in the second item (column -> first
    date) so the chart can say so. Rows before the earliest reference date are dropped.
    """
    ts = pd.Timestamp(anchor)
    out, late, refs = {}, {}, []
    for col in wide.columns:
        series = wide[col].dropna()
        upto = series[series.index <= ts]
        if not upto.empty:
            ref_day, ref = upto.index[-1], upto.iloc[-1]
        elif not series.empty:
            ref_day, ref = series.index[0], series.iloc[0]
            late[col] = ref_day
        else:
            continue
        refs.append(ref_day)
        out[col] = wide[col] / ref * base
    table = pd.DataFrame(out, index=wide.index)
    if refs:
        table = table[table.index >= min(refs)]
    return table.dropna(how="all"), late


# A data gap, not a closure: no exchange here closes for more than about nine calendar days (Lunar New Year in
# Shanghai, Taipei, Seoul), so two bars further apart than this have missing data between them (SoftBank's
# 2024-12-24..2025-08-01 in the snapshot). No return, statistic or line bridges such a gap.
MAX_GAP = pd.Timedelta(days=14)


def gap_after(index: pd.Index) -> np.ndarray:
    """For each position of a sorted date index: whether the data gap rule separates it from the position before."""
    stamps = pd.DatetimeIndex(index)
    if len(stamps) < 2:
        return np.zeros(len(stamps), dtype=bool)
    steps = np.diff(stamps.as_unit("ns").asi8)  # asi8 counts in the index's own unit: compare in ns
    return np.concatenate([[False], steps > MAX_GAP.value])


def simple_returns(series: pd.Series) -> pd.Series:
    """Session-to-session returns over the series' own trading days (a holiday is not a day); never across a data
    gap (``MAX_GAP``): the return that would bridge it is left out."""
    clean = series.dropna()
    rets = clean.pct_change()
    return rets[~gap_after(clean.index)].dropna()


def frame_returns(wide: pd.DataFrame) -> pd.DataFrame:
    """Row-to-row returns of a frame whose rows all hold values (paired closes), none across a data gap."""
    rets = wide.pct_change()
    return rets[~gap_after(wide.index)].dropna()


def change_on(series: pd.Series, day: dt.date) -> tuple[float, pd.Timestamp, pd.Timestamp] | None:
    """Return of the session on ``day`` vs the previous session: (return, session, previous)."""
    clean = series.dropna()
    ts = pd.Timestamp(day)
    if ts not in clean.index:
        return None
    pos = clean.index.get_loc(ts)
    if pos == 0:
        return None
    prev = clean.index[pos - 1]
    return float(clean.iloc[pos] / clean.iloc[pos - 1] - 1), ts, prev


def total_change(series: pd.Series) -> float | None:
    clean = series.dropna()
    if len(clean) < 2:
        return None
    return float(clean.iloc[-1] / clean.iloc[0] - 1)


def drawdown_from_high(series: pd.Series, on: pd.Timestamp | None = None) -> float | None:
    """The value ``on`` a day (default: the last) vs the highest value up to that day (<= 0)."""
    clean = series.dropna()
    if on is not None:
        clean = clean[clean.index <= on]
    if clean.empty:
        return None
    return float(clean.iloc[-1] / clean.max() - 1)


def window(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Rows of a tidy (sorted) frame from ``start`` to ``end`` inclusive, by binary search (pages call this a lot)."""
    if frame.empty:
        return frame
    bounds = np.array([np.datetime64(start, "ns"), np.datetime64(end + dt.timedelta(days=1), "ns")])
    i, j = np.searchsorted(frame["ts"].dt.tz_convert(None).to_numpy().astype("datetime64[ns]"), bounds)
    return frame.iloc[i:j].reset_index(drop=True)


def close_series(frame: pd.DataFrame) -> pd.Series:
    return closes({"x": frame})["x"] if not frame.empty else pd.Series(dtype=float)
