"""Exchange sessions in UTC from a maintained trading calendar (``exchange_calendars``).

Timing claims ("before the US open", "in the Asian session") are tested on these instants, never on
calendar dates: holidays and early closes (27 Nov 2025 closed, 28 Nov 2025 closing at 13:00 New York)
come from the calendar, not from a hand-written table.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
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
FIRST_YEAR = 1990  # the earliest year a link may ask for (url_state's date rule)


def last_year() -> int:
    """The latest year a link or the data can reach: next year (a view of late December looks into January)."""
    return dt.date.today().year + 1


def _stored(exchange: str, year: int) -> Path:
    """Where one built year is kept between processes: building a year of XKRX takes ~1.1 s, reading it ~5 ms."""
    from importlib.metadata import version  # not the package itself: importing it costs ~0.4 s

    root = Path(os.environ.get("SELLOFF_CACHE_DIR") or Path(__file__).resolve().parent.parent / ".cache" / "series")
    return root.parent / "calendars" / f"{exchange}-{version('exchange_calendars')}-{year}.parquet"


_EMPTY = pd.DataFrame({"open": pd.Series(dtype="datetime64[ns, UTC]"), "close": pd.Series(dtype="datetime64[ns, UTC]")})


@lru_cache(maxsize=512)
def year_schedule(exchange: str, year: int) -> pd.DataFrame | None:
    """``open``/``close`` (UTC) per session date of one exchange in one year; None where the calendar cannot say
    (XTKS before 1997, XSHG outside its recorded holidays, any year outside 1990..next year).

    Built lazily, one year at a time, then read from disk: a view of 2020 never pays for 1990-2027.
    """
    if not FIRST_YEAR <= year <= last_year():
        return None
    with _build_lock(exchange, year):  # one build per year, however many sessions ask for it at once
        return _read_or_build(exchange, year)


_LOCKS: dict[tuple[str, int], threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _build_lock(exchange: str, year: int) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault((exchange, year), threading.Lock())


def _read_or_build(exchange: str, year: int) -> pd.DataFrame | None:
    path = _stored(exchange, year)
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        pass
    import exchange_calendars as xc  # only to build a year not stored yet

    try:
        cal = xc.get_calendar(exchange, start=f"{year}-01-01", end=f"{year}-12-31")
    except ValueError as exc:  # outside the calendar's bounds: unknown, not closed
        log.info("calendar %s has no %d (%s)", exchange, year, str(exc)[:120])
        return None
    table = cal.schedule[["open", "close"]].copy()
    table.index = pd.DatetimeIndex(table.index).tz_localize(None) if table.index.tz else pd.DatetimeIndex(table.index)
    try:  # a read-only or full disk only costs the next process the build again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        table.to_parquet(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("calendar %s %d not stored (%s)", exchange, year, exc)
    return table


def covers(exchange: str, day: dt.date | pd.Timestamp) -> bool:
    """Whether the calendar knows ``day``'s year (so a missing session there is a real closure)."""
    return year_schedule(exchange, pd.Timestamp(day).year) is not None


@lru_cache(maxsize=64)
def schedule(exchange: str, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """``open``/``close`` (UTC) per session date over whole years (default: the years around today), the years a
    calendar cannot give left out."""
    this = dt.date.today().year
    first, last = (this - 1 if first is None else first), (last_year() if last is None else last)
    parts = [t for y in range(first, last + 1) if (t := year_schedule(exchange, y)) is not None]
    parts = [t for t in parts if not t.empty]
    return pd.concat(parts) if parts else _EMPTY.copy()


def _years(*days: dt.date | pd.Timestamp) -> tuple[int, int]:
    years = [pd.Timestamp(d).year for d in days]
    return max(min(years), FIRST_YEAR), min(max(years), last_year())


WARM_FROM = 2020  # the first year of the snapshot's histories: the scan and the library reach back to it


def warm() -> None:
    """Build (or read) every schedule the pages use, newest years first, e.g. in a background thread at start: on a
    fresh machine the years 2020-2027 of XKRX alone take ~8 s to build, then ~5 ms each to read."""
    for year in range(last_year(), WARM_FROM - 1, -1):
        for exchange in ("XNYS", "XTKS", "XKRX", "XHKG", "XSHG", "XTAI"):
            year_schedule(exchange, year)


def session(exchange: str, day: dt.date | pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(open, close) in UTC of ``day``'s session, or None when the exchange is closed that day (or the calendar
    does not know the year: ``covers`` tells the two apart)."""
    key = pd.Timestamp(day).tz_localize(None) if pd.Timestamp(day).tzinfo else pd.Timestamp(day)
    table = year_schedule(exchange, key.year)
    if table is None or key.normalize() not in table.index:
        return None
    row = table.loc[key.normalize()]
    return row["open"], row["close"]


def sessions_between(exchange: str, start: dt.date | pd.Timestamp, end: dt.date | pd.Timestamp) -> pd.DataFrame:
    s, e = (pd.Timestamp(x).tz_localize(None) if pd.Timestamp(x).tzinfo else pd.Timestamp(x) for x in (start, end))
    table = schedule(exchange, *_years(s, e))
    return table[(table.index >= s.normalize()) & (table.index <= e.normalize())]


def is_holiday(exchange: str, day: dt.date | pd.Timestamp) -> bool:
    """A weekday on which the exchange is closed (a real holiday: not a weekend, a missing bar, or a year the
    calendar does not know)."""
    ts = pd.Timestamp(day)
    return ts.weekday() < 5 and covers(exchange, ts) and session(exchange, ts) is None


@lru_cache(maxsize=64)
def _closes(exchange: str, first: int, last: int) -> np.ndarray:
    """The exchange's session closes over whole years as sorted UTC ``datetime64`` values, for binary search."""
    table = schedule(exchange, first, last)
    return table["close"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")


def last_close_before(exchange: str, instant: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(session date, close) of the last session of ``exchange`` that closed at or before ``instant`` (searched in
    that year and the one before: an instant of 2 January finds the last close of December)."""
    ts = pd.Timestamp(instant)
    naive = ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts
    first, last = _years(naive - pd.Timedelta(days=366), naive)
    i = int(np.searchsorted(_closes(exchange, first, last), naive.to_datetime64(), side="right")) - 1
    if i < 0:
        return None
    table = schedule(exchange, first, last)
    return table.index[i], table["close"].iloc[i]


def asian_session(day: dt.date | pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The Asian trading session of a date: Tokyo's open to Hong Kong's close (UTC), where either trades."""
    spans = [s for s in (session("XTKS", day), session("XHKG", day), session("XSHG", day)) if s]
    if not spans:
        return None
    return min(o for o, _ in spans), max(c for _, c in spans)
