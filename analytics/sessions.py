"""Exchange sessions in UTC from a maintained trading calendar (``exchange_calendars``).

Timing claims ("before the US open", "in the Asian session") are tested on these instants, never on
calendar dates: holidays and early closes (27 Nov 2025 closed, 28 Nov 2025 closing at 13:00 New York)
come from the calendar, not from a hand-written table.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

# Catalog time zones -> the exchange whose sessions a daily bar of that market is.
EXCHANGES = {
    "America/New_York": "XNYS",
    "Asia/Tokyo": "XTKS",
    "Asia/Seoul": "XKRX",
    "Asia/Hong_Kong": "XHKG",
    "Asia/Shanghai": "XSHG",
    "Asia/Taipei": "XTAI",
}
FIRST, LAST = "2021-01-01", "2026-12-31"  # XSHG holidays are recorded to 2026


def _stored(exchange: str) -> Path:
    """Where a built schedule is kept between processes: building XKRX's takes ~2 s, reading it ~5 ms."""
    from importlib.metadata import version  # not the package itself: importing it costs ~0.4 s

    root = Path(os.environ.get("SELLOFF_CACHE_DIR") or Path(__file__).resolve().parent.parent / ".cache" / "series")
    return root.parent / "calendars" / f"{exchange}-{version('exchange_calendars')}-{FIRST}-{LAST}.parquet"


@lru_cache(maxsize=8)
def schedule(exchange: str) -> pd.DataFrame:
    """``open``/``close`` (UTC) per session date of one exchange, 2021-2026 (built once, then read from disk)."""
    path = _stored(exchange)
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        pass
    import exchange_calendars as xc  # only to build a schedule not stored yet

    cal = xc.get_calendar(exchange, start=FIRST, end=LAST)
    table = cal.schedule[["open", "close"]].copy()
    table.index = pd.DatetimeIndex(table.index).tz_localize(None) if table.index.tz else pd.DatetimeIndex(table.index)
    try:  # a read-only or full disk only costs the next process the build again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        table.to_parquet(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("calendar %s not stored (%s)", exchange, exc)
    return table


def warm() -> None:
    """Build (or read) every schedule the rules use, e.g. in a background thread when the server starts."""
    for exchange in ("XNYS", "XTKS", "XKRX", "XHKG", "XSHG"):
        schedule(exchange)
        _closes(exchange)


def session(exchange: str, day: dt.date | pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(open, close) in UTC of ``day``'s session, or None when the exchange is closed that day."""
    table = schedule(exchange)
    key = pd.Timestamp(day).tz_localize(None) if pd.Timestamp(day).tzinfo else pd.Timestamp(day)
    if key.normalize() not in table.index:
        return None
    row = table.loc[key.normalize()]
    return row["open"], row["close"]


def sessions_between(exchange: str, start: dt.date | pd.Timestamp, end: dt.date | pd.Timestamp) -> pd.DataFrame:
    table = schedule(exchange)
    s, e = (pd.Timestamp(x).tz_localize(None) if pd.Timestamp(x).tzinfo else pd.Timestamp(x) for x in (start, end))
    return table[(table.index >= s.normalize()) & (table.index <= e.normalize())]


def is_holiday(exchange: str, day: dt.date | pd.Timestamp) -> bool:
    """A weekday on which the exchange is closed (a real holiday, not a weekend or a missing bar)."""
    ts = pd.Timestamp(day)
    return ts.weekday() < 5 and session(exchange, ts) is None


@lru_cache(maxsize=8)
def _closes(exchange: str) -> np.ndarray:
    """The exchange's session closes as sorted UTC ``datetime64`` values, for binary search."""
    return schedule(exchange)["close"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")


def last_close_before(exchange: str, instant: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(session date, close) of the last session of ``exchange`` that closed at or before ``instant``."""
    ts = pd.Timestamp(instant)
    key = (ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts).to_datetime64()
    i = int(np.searchsorted(_closes(exchange), key, side="right")) - 1
    if i < 0:
        return None
    table = schedule(exchange)
    return table.index[i], table["close"].iloc[i]


def asian_session(day: dt.date | pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The Asian trading session of a date: Tokyo's open to Hong Kong's close (UTC), where either trades."""
    spans = [s for s in (session("XTKS", day), session("XHKG", day), session("XSHG", day)) if s]
    if not spans:
        return None
    return min(o for o, _ in spans), max(c for _, c in spans)
