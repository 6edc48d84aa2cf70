"""Bitcoin as the canary: level breaks, the liquidation wick, correlation and lead-lag with US tech.

All inputs are tidy frames (``ts`` UTC) or wide tables from ``analytics.returns.closes``; nothing here
knows where the data came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

US_TZ = "America/New_York"


# ---------------------------------------------------------------- the level


@dataclass(frozen=True)
class LevelBreak:
    """When a series first went below a level inside the window.

    ``crossed`` is False when it was already below at the window's first bar (so "first below" is
    just the start of the window, not a break).
    """

    ts: pd.Timestamp
    value: float
    crossed: bool


def first_below(frame: pd.DataFrame, level: float, field: str = "close") -> LevelBreak | None:
    """First bar whose ``field`` is below ``level`` (use ``low`` for "first traded below")."""
    values = frame[field].to_numpy(dtype=float)
    below = np.flatnonzero(values < level)
    if below.size == 0:
        return None
    i = int(below[0])
    if i > 0:
        return LevelBreak(frame["ts"].iloc[i], float(values[i]), True)
    # Already below at the start: report the first crossing later on, if it ever went back above.
    above = np.flatnonzero(values >= level)
    if above.size:
        later = below[below > above[0]]
        if later.size:
            j = int(later[0])
            return LevelBreak(frame["ts"].iloc[j], float(values[j]), True)
    return LevelBreak(frame["ts"].iloc[0], float(values[0]), False)


@dataclass(frozen=True)
class LowestSince:
    day: pd.Timestamp
    close: float
    since: pd.Timestamp | None  # last earlier close at or below this one; None = lowest in all history
    months: float | None


def lowest_close_since(history: pd.DataFrame, day: pd.Timestamp) -> LowestSince | None:
    """'Lowest close since <date>': the last earlier session that closed at or below ``day``'s close."""
    rows = history[history["ts"] <= day]
    if rows.empty:
        return None
    last = rows.iloc[-1]
    earlier = rows.iloc[:-1]
    lower = earlier[earlier["close"] <= last["close"]]
    if lower.empty:
        return LowestSince(last["ts"], float(last["close"]), None, None)
    since = lower["ts"].iloc[-1]
    months = (last["ts"] - since).days / 30.4375
    return LowestSince(last["ts"], float(last["close"]), since, months)


# ---------------------------------------------------------------- the wick


@dataclass(frozen=True)
class Wick:
    ts: pd.Timestamp
    low: float
    body_low: float
    size: float  # body_low - low, in price units
    size_pct: float  # as a fraction of body_low


def lower_wick(bar: pd.Series) -> Wick:
    body_low = min(bar["open"], bar["close"])
    size = body_low - bar["low"]
    return Wick(bar["ts"], float(bar["low"]), float(body_low), float(size), float(size / body_low))


def largest_wick(frame: pd.DataFrame) -> Wick | None:
    ohlc = frame.dropna(subset=["open", "low", "close"])
    if ohlc.empty:
        return None
    sizes = np.minimum(ohlc["open"], ohlc["close"]) - ohlc["low"]
    return lower_wick(ohlc.loc[sizes.idxmax()])


@dataclass(frozen=True)
class Drop:
    ts: pd.Timestamp
    change: float  # bar return, negative
    volume_ratio: float | None  # bar volume / median volume of the frame


def largest_drop(frame: pd.DataFrame) -> Drop | None:
    """The bar with the worst close-to-close return, and how its volume compares with the median."""
    closes = frame["close"].to_numpy(dtype=float)
    if len(closes) < 2:
        return None
    rets = closes[1:] / closes[:-1] - 1
    i = int(np.argmin(rets)) + 1
    vol = frame["volume"]
    median = float(vol.median()) if vol.notna().any() else float("nan")
    ratio = float(vol.iloc[i] / median) if median and not np.isnan(median) and not np.isnan(vol.iloc[i]) else None
    return Drop(frame["ts"].iloc[i], float(rets[i - 1]), ratio)


def trading_sessions(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """Asia (00:00-08:00 UTC), Europe (08:00 UTC to the US open) and US (09:30-16:00 New York) per day."""
    out = []
    for day in pd.date_range(start.normalize(), end.normalize(), freq="D", tz="UTC"):
        us_open = pd.Timestamp(day.date().isoformat() + " 09:30", tz=US_TZ).tz_convert("UTC")
        us_close = pd.Timestamp(day.date().isoformat() + " 16:00", tz=US_TZ).tz_convert("UTC")
        out += [("Asia", day, day + pd.Timedelta(hours=8)), ("Europe", day + pd.Timedelta(hours=8), us_open)]
        if day.weekday() < 5:
            out.append(("US", us_open, us_close))
    return [(name, max(s, start), min(e, end)) for name, s, e in out if e > start and s < end]


# ---------------------------------------------------------------- co-movement


def us_day_returns(btc: pd.Series, us: pd.Series, us_key: str = "ndx") -> pd.DataFrame:
    """Returns of both over the same US trading-day intervals, paired in time by ``analytics.timeline``.

    ``btc`` and ``us`` are closes indexed by session date. Each US session is paired with the BTC UTC day it
    overlaps (New York's session lies inside it), so BTC's return for a US day ``t`` runs from its close on the
    previous paired day to its close on ``t``: a weekend's crypto move lands on Monday instead of being dropped or
    paired with a stale equity close. Columns ``btc``, ``us``; index: the US session date."""
    from analytics import timeline

    pairs = timeline.market_pairs(us, us_key, btc, "btc", "overlap")
    return pairs[["b", "a"]].rename(columns={"b": "btc", "a": "us"}).astype(float)


def rolling_corr(returns: pd.DataFrame, window: int, x: str = "btc", y: str = "us") -> pd.Series:
    return returns[x].rolling(window, min_periods=window).corr(returns[y]).dropna()


def event_sessions(index: pd.DatetimeIndex, event: dt.date) -> list[pd.Timestamp]:
    """The session on the event date (if any) and the one before it: the thesis's date may be Beijing time."""
    idx = index.sort_values()
    ev = pd.Timestamp(event)
    on_or_before = idx[idx <= ev]
    if on_or_before.empty:
        return []
    last = on_or_before[-1]
    pos = idx.get_loc(last)
    sessions = [idx[pos - 1]] if pos > 0 else []
    return [*sessions, last]
