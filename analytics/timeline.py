"""Bars as UTC intervals, and the one place two markets are paired in time.

Every daily bar is the interval ``[open, close)`` of its session in UTC, from the exchange calendar
(``analytics.sessions``); a crypto day is the UTC day ``[d 00:00, d+1 00:00)``. Every cross-market pairing in the
app asks one of three questions of these intervals, never of calendar dates or row positions:

- **overlapping**: the bar of B sharing the most hours with A's bar (none when they share none);
- **preceding**: the last bar of B that closed at or before A's bar opened (B could be known when A opened);
- **following**: the first bar of B that opened at or after A's bar closed.

Returns of two markets are computed over paired closes, one to one (``paired_returns``): BTC's UTC day *d* meets
New York's session *d* (they overlap 6.5 hours; a weekend's crypto move lands on Monday), Tokyo's session *d*
follows New York's *d - 1* (no overlap: the last US session that closed before Tokyo opened), across holidays and
DST alike.
"""

from __future__ import annotations

import functools
import logging

import numpy as np
import pandas as pd

from analytics import sessions
from analytics.returns import gap_after

log = logging.getLogger(__name__)


def _naive_days(index: pd.Index) -> pd.DatetimeIndex:
    days = pd.DatetimeIndex(index)
    days = days.tz_convert("UTC").tz_localize(None) if days.tz is not None else days
    return days.normalize()


def intervals(days: pd.Index, tz: str, close_time: str) -> pd.DataFrame:
    """``open``/``close`` (UTC) of the session of each date in ``days`` (index: the naive session date).

    A crypto day (``close_time`` "24:00") is the UTC day. An exchange's session comes from its calendar; a bar on a
    date the calendar has no session for (or a market without a calendar) closes at the catalog's local close time
    and is given the calendar's median session length that year, else 6.5 hours.

    Each date's interval depends on that date (and its year's median session) alone, so the table is computed once
    per market and span of years for every calendar day and looked up (``_every_day``): a replay step cuts ~40
    frames, and computing each from the calendar cost ~6 ms (``bench/results.md``)."""
    days = _naive_days(days)
    if close_time == "24:00":
        opens = days.tz_localize("UTC")
        return pd.DataFrame({"open": opens, "close": opens + pd.Timedelta(days=1)}, index=days)
    if not len(days) or days.hasnans:
        return _computed(days, tz, close_time)
    table = _every_day(tz, close_time, int(days.min().year), int(days.max().year))
    return table.reindex(days)


@functools.lru_cache(maxsize=64)
def _every_day(tz: str, close_time: str, first: int, last: int) -> pd.DataFrame:
    """``_computed`` for every day of the years ``first``-``last`` (64 spans kept at most, ~10 KB a year each)."""
    return _computed(pd.date_range(f"{first}-01-01", f"{last}-12-31", freq="D"), tz, close_time)


def _computed(days: pd.DatetimeIndex, tz: str, close_time: str) -> pd.DataFrame:
    """``intervals`` of naive session dates, from the calendar."""
    hours, minutes = (int(x) for x in close_time.split(":"))
    local = (days + pd.Timedelta(hours=hours, minutes=minutes)).tz_localize(
        tz, ambiguous="NaT", nonexistent="shift_forward"
    )
    close = pd.Series(local.tz_convert("UTC"), index=days)
    length = pd.Series(pd.Timedelta(hours=6, minutes=30), index=days)
    exchange = sessions.EXCHANGES.get(tz)
    if exchange is not None and len(days):
        table = sessions.schedule(exchange, days.min().year, days.max().year)
        if not table.empty:
            known = table.reindex(days)
            spans = table["close"] - table["open"]
            typical = spans.groupby(table.index.year).median()
            length = pd.Series(days.year.map(typical), index=days).fillna(pd.Timedelta(hours=6, minutes=30))
            close = known["close"].where(known["close"].notna(), close)
            opened = known["open"].where(known["open"].notna(), close - length)
            return pd.DataFrame({"open": opened, "close": close}, index=days)
    return pd.DataFrame({"open": close - length, "close": close}, index=days)


def market_intervals(days: pd.Index, key: str) -> pd.DataFrame:
    """``intervals`` for a catalog market (its time zone and close time)."""
    from data_sources import catalog

    series = catalog.get(key)
    return intervals(days, series.tz, series.close_time)


def bars(closes: pd.Series, key: str) -> pd.DataFrame:
    """A market's daily closes (indexed by session date) as intervals: ``open``, ``close`` (UTC), ``value``;
    sorted by close, one row per session."""
    clean = closes.dropna()
    clean = clean[~_naive_days(clean.index).duplicated(keep="last")]
    table = market_intervals(clean.index, key)
    table["value"] = clean.to_numpy(dtype=float)
    table = table.dropna(subset=["close"])
    return table.sort_values("close")


def first_close_after(table: pd.DataFrame, instant: pd.Timestamp) -> int | None:
    """The position in a ``bars`` table of the first bar to close after ``instant``: the market's sell-off session
    when ``instant`` is an episode's anchor (None when no bar closes after it)."""
    at = int(np.searchsorted(_ns(table["close"]), pd.Timestamp(instant).as_unit("ns").value, side="right"))
    return at if at < len(table) else None


def _ns(values: pd.Series | pd.Index) -> np.ndarray:
    stamps = pd.DatetimeIndex(values)
    stamps = stamps.tz_convert("UTC") if stamps.tz is not None else stamps.tz_localize("UTC")
    return stamps.as_unit("ns").asi8


def preceding(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """For each bar of ``a``: the position in ``b`` of the last bar that closed at or before it opened (-1: none)."""
    return np.searchsorted(_ns(b["close"]), _ns(a["open"]), side="right") - 1


def following(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """For each bar of ``a``: the position in ``b`` of the first bar that opened at or after it closed (-1: none).
    ``b`` sorted by close is sorted by open too (sessions of one market do not overlap)."""
    opens = _ns(b["open"])
    at = np.searchsorted(opens, _ns(a["close"]), side="left")
    return np.where(at < len(opens), at, -1)


def _best_overlap(starts: np.ndarray, ends: np.ndarray, b_starts: np.ndarray, b_ends: np.ndarray):
    """For each interval [starts, ends): the b interval sharing the most time (first on a tie) and that time (ns)."""
    first = np.searchsorted(b_ends, starts, side="right")  # the first b ending after the interval starts
    stop = np.searchsorted(b_starts, ends, side="left")  # the first b starting at or after it ends
    best = np.full(len(starts), -1)
    shared = np.zeros(len(starts), dtype=np.int64)
    for i in range(len(starts)):
        for j in range(first[i], stop[i]):
            time = min(ends[i], b_ends[j]) - max(starts[i], b_starts[j])
            if time > shared[i]:
                best[i], shared[i] = j, time
    return best, shared


def overlapping(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """For each bar of ``a``: the position in ``b`` of the bar sharing the most hours with it (-1: none shares any)."""
    best, _ = _best_overlap(_ns(a["open"]), _ns(a["close"]), _ns(b["open"]), _ns(b["close"]))
    return best


def pair_positions(a: pd.DataFrame, b: pd.DataFrame, how: str) -> np.ndarray:
    """For each bar of ``a``, the position in ``b`` that ``how`` ("overlap", "preceding", "following") pairs it
    with (-1: none)."""
    return {"overlap": overlapping, "preceding": preceding, "following": following}[how](a, b)


def default_pairing(a: pd.DataFrame, b: pd.DataFrame) -> str:
    """How two markets' bars are paired by default: by overlap where their sessions share hours (BTC and New York,
    Tokyo and Seoul), else by precedence (Tokyo's session after New York's that closed before it opened)."""
    return "overlap" if (overlapping(a, b) >= 0).any() else "preceding"


def paired_closes(a: pd.DataFrame, b: pd.DataFrame, how: str | None = None, lag: int = 0) -> pd.DataFrame:
    """Closes of two markets' bars paired in time, one to one: each bar of ``a`` with the bar of ``b`` that ``how``
    names (default ``default_pairing``), moved ``lag`` of ``b``'s sessions on; where several bars of ``a`` meet one
    bar of ``b`` (a holiday in ``b``), the one nearest it in time keeps it (most shared hours for an overlap), so no
    move is counted twice.

    ``a`` and ``b`` are ``bars`` tables. Columns: ``a``, ``b`` (closes), ``a_open``, ``a_close``, ``b_open``,
    ``b_close`` (UTC), ``b_day`` (b's session date); index: a's session date."""
    how = how or default_pairing(a, b)
    empty = pd.DataFrame(columns=["a", "b", "a_open", "a_close", "b_open", "b_close", "b_day"])
    if a.empty or b.empty:
        return empty
    pos = pair_positions(a, b, how)
    pos = np.where(pos >= 0, pos + lag, -1)
    keep = (pos >= 0) & (pos < len(b))
    if not keep.any():
        return empty
    j = pos[keep]
    frame = pd.DataFrame(
        {
            "a": a["value"].to_numpy()[keep],
            "b": b["value"].to_numpy()[j],
            "a_open": a["open"].to_numpy()[keep],
            "a_close": a["close"].to_numpy()[keep],
            "b_open": b["open"].to_numpy()[j],
            "b_close": b["close"].to_numpy()[j],
            "b_day": b.index.to_numpy()[j],
        },
        index=a.index[keep],
    )
    a_open, a_close = _ns(frame["a_open"]), _ns(frame["a_close"])
    b_open, b_close = _ns(frame["b_open"]), _ns(frame["b_close"])
    if how == "overlap":  # nearest = most shared time
        distance = -(np.minimum(a_close, b_close) - np.maximum(a_open, b_open))
    elif how == "preceding":
        distance = a_open - b_close
    else:
        distance = b_open - a_close
    frame["_b"], frame["_d"], frame["_t"] = j, distance, a_close
    frame = frame.sort_values(["_b", "_d", "_t"]).drop_duplicates("_b", keep="first").sort_values("_t")
    return frame.drop(columns=["_b", "_d", "_t"])


def paired_returns(a: pd.DataFrame, b: pd.DataFrame, how: str | None = None, lag: int = 0) -> pd.DataFrame:
    """Returns of two markets over their paired closes (``paired_closes``): each row's returns span from the pair
    before to this one, so a weekend's crypto move lands on Monday's US session, and no return bridges a data gap
    (``returns.MAX_GAP``, on either market's dates). Columns ``a``, ``b`` (returns), ``a_open``, ``a_close``,
    ``b_close`` (UTC), ``known`` (the later of the two closes: when the pair could first be seen); index: a's
    session date; ``b_day`` is b's session date."""
    pairs = paired_closes(a, b, how, lag)
    if len(pairs) < 2:
        return pd.DataFrame(columns=["a", "b", "a_open", "a_close", "b_close", "b_day", "known"])
    rets = pairs[["a", "b"]].astype(float).pct_change()
    gap = gap_after(pairs.index) | gap_after(pd.DatetimeIndex(pairs["b_close"]).tz_localize(None))
    out = rets.assign(a_open=pairs["a_open"], a_close=pairs["a_close"], b_close=pairs["b_close"], b_day=pairs["b_day"])[
        ~gap
    ].iloc[1:]
    out["known"] = out[["a_close", "b_close"]].max(axis=1)
    return out.dropna(subset=["a", "b"])


def market_pairs(a: pd.Series, a_key: str, b: pd.Series, b_key: str, how: str | None = None, lag: int = 0):
    """``paired_returns`` of two catalog markets' daily closes (indexed by session date)."""
    return paired_returns(bars(a, a_key), bars(b, b_key), how, lag)
