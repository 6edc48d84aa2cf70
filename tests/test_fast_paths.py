"""Each computation made faster for a replay step gives what its plain definition gives, on real data.

A replay step recomputes the scoreboard as of a new hour; two of its costs were vectorised or looked up
(``bench/results.md``, *Replay steps*). Each is checked here against the plain version it replaced, written out as
the definition, on the snapshot's own series and on the edge cases (holidays, DST, missing bars, empty input).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analytics import sessions, timeline
from analytics.claims import btc_pre_open_table
from data_sources import catalog, get_many


def _intervals_from_the_calendar(days: pd.Index, tz: str, close_time: str) -> pd.DataFrame:
    """The definition: each date's session from the calendar over exactly the years asked (no lookup table)."""
    return timeline._computed(timeline._naive_days(days), tz, close_time)


@pytest.mark.parametrize("key", ["ndx", "nikkei", "kospi", "hsi", "asml", "ust10y", "btc"])
def test_session_intervals_looked_up_equal_those_computed_from_the_calendar(key):
    series = catalog.get(key)
    rng = np.random.default_rng(7)
    # every day of 2024-2026 (weekends and holidays included: a bar a calendar has no session for), a random subset,
    # unsorted and with repeats, and dates around the DST switches
    every = pd.date_range("2024-01-01", "2026-12-31", freq="D")
    picks = [
        every,
        pd.DatetimeIndex(rng.choice(every, 300)),
        pd.DatetimeIndex(["2025-03-07", "2025-03-10", "2025-10-31", "2025-11-03", "2025-11-28", "2025-11-27"]),
        pd.DatetimeIndex(["2025-11-21 14:30"], tz="UTC"),  # a stamped date: its UTC day
    ]
    for days in picks:
        got = timeline.intervals(days, series.tz, series.close_time)
        if series.close_time == "24:00":  # a crypto day needs no calendar: the UTC day itself
            assert (got["close"] - got["open"] == pd.Timedelta(days=1)).all()
            continue
        want = _intervals_from_the_calendar(days, series.tz, series.close_time)
        pd.testing.assert_frame_equal(got, want, check_freq=False)


def test_intervals_looked_up_are_not_shared_with_the_caller():
    """A caller adds columns to its table (``bars``); the table kept for the next caller must not change."""
    series = catalog.get("ndx")
    days = pd.DatetimeIndex(["2025-11-20", "2025-11-21"])
    first = timeline.intervals(days, series.tz, series.close_time)
    first["value"] = [1.0, 2.0]
    first.loc[first.index[0], "close"] = pd.Timestamp("2000-01-01", tz="UTC")
    again = timeline.intervals(days, series.tz, series.close_time)
    assert "value" not in again and again["close"].iloc[0] != pd.Timestamp("2000-01-01", tz="UTC")


def _pre_open_by_loop(hourly: pd.DataFrame, us_daily: pd.DataFrame) -> pd.DataFrame:
    """The definition, session by session: BTC from the previous NYSE close to this open, the index open to close."""
    bars = hourly.set_index("ts")["open"]
    days = sessions.sessions_between("XNYS", hourly["ts"].iloc[0], hourly["ts"].iloc[-1])
    us = us_daily.assign(day=us_daily["ts"].dt.tz_localize(None)).set_index("day")
    rows = {}
    prev_close = None
    for day, when in days.iterrows():
        if prev_close is not None and day in us.index:
            a, b = bars.get(prev_close.floor("h")), bars.get(when["open"].floor("h"))
            o, c = us.at[day, "open"], us.at[day, "close"]
            if a is not None and b is not None and not any(math.isnan(v) for v in (a, b, o, c)) and o > 0:
                rows[day] = (b / a - 1, c / o - 1)
        prev_close = when["close"]
    return pd.DataFrame.from_dict(rows, orient="index", columns=["btc_pre_open", "us_session"]).sort_index()


def _check(hourly: pd.DataFrame, us: pd.DataFrame) -> int:
    got, want = btc_pre_open_table(hourly, us), _pre_open_by_loop(hourly, us)
    assert list(got.index) == list(want.index)
    np.testing.assert_allclose(got.to_numpy(dtype=float), want.to_numpy(dtype=float), rtol=0, atol=0)
    return len(got)


def test_the_pre_open_table_equals_its_session_by_session_definition_on_the_snapshot():
    hourly = get_many(["btc"], "2024-06-01", "2025-11-28", source="snapshot", interval="1h")["btc"]
    us = get_many(["ndx"], "2024-06-01", "2025-11-28", source="snapshot")["ndx"]
    assert not hourly.empty and not us.empty
    n = _check(hourly, us)
    assert n > 300  # a year and a half of US sessions, every one with its window
    rng = np.random.default_rng(3)
    # hours missing (a window whose end or start has no bar drops out), an index session missing, a zero open
    holed = hourly.drop(index=rng.choice(hourly.index, len(hourly) // 20, replace=False))
    thinned = us.drop(index=us.index[5::17]).copy()
    thinned.loc[thinned.index[40], "open"] = 0.0
    assert 0 < _check(holed, thinned) < n
