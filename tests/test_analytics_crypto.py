"""Crypto analytics on small hand-computed cases, and the claim rules on data that supports or refutes them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import claims, crypto_measures, stats
from analytics.returns import change_on, closes, drawdown_from_high, simple_returns
from tests.frames import bars


def test_first_below_close_and_low():
    f = bars([(95, 96, 91, 92, 1), (92, 93, 89, 91, 1), (91, 92, 85, 88, 1), (88, 89, 80, 87, 1)])
    trade = crypto_measures.first_below(f, 90, "low")
    close = crypto_measures.first_below(f, 90, "close")
    assert trade.ts.date() == dt.date(2025, 11, 18) and trade.crossed and trade.value == 89
    assert close.ts.date() == dt.date(2025, 11, 19) and close.value == 88
    assert crypto_measures.first_below(f, 50, "low") is None


def test_first_below_when_window_starts_below():
    f = bars([(85, 86, 84, 85, 1), (85, 95, 85, 93, 1), (93, 94, 88, 89, 1)])
    brk = crypto_measures.first_below(f, 90, "close")
    assert brk.crossed and brk.ts.date() == dt.date(2025, 11, 19)  # the crossing after going back above
    g = bars([(85, 86, 84, 85, 1), (85, 86, 84, 84, 1)])
    assert crypto_measures.first_below(g, 90, "close").crossed is False


def test_lowest_close_since():
    f = bars(
        [(0, 0, 0, 80, 0), (0, 0, 0, 100, 0), (0, 0, 0, 95, 0), (0, 0, 0, 90, 0), (0, 0, 0, 85, 0)],
        start="2025-01-01",
        freq="MS",
    )
    got = crypto_measures.lowest_close_since(f, f["ts"].iloc[-1])
    assert got.since.date() == dt.date(2025, 1, 1) and got.months == pytest.approx(4.0, abs=0.1)
    top = crypto_measures.lowest_close_since(f, f["ts"].iloc[0])
    assert top.since is None


def test_wick_and_largest_drop():
    f = bars([(100, 101, 99, 100, 10), (100, 100, 90, 95, 30), (95, 96, 80, 94, 20)])
    w = crypto_measures.largest_wick(f)
    assert w.ts.date() == dt.date(2025, 11, 19) and w.size == 14 and w.size_pct == pytest.approx(14 / 94)
    d = crypto_measures.largest_drop(f)
    assert d.ts.date() == dt.date(2025, 11, 18) and d.change == pytest.approx(-0.05)
    assert d.volume_ratio == pytest.approx(30 / 20)


def test_rolling_corr_alignment_across_weekends():
    # BTC trades Fri, Sat, Sun, Mon; the index only Fri and Mon: Monday's BTC return spans the weekend.
    days = pd.to_datetime(["2025-11-14", "2025-11-15", "2025-11-16", "2025-11-17", "2025-11-18"])
    btc = pd.Series([100.0, 90.0, 95.0, 110.0, 99.0], index=days)
    us = pd.Series([50.0, 55.0, 49.5], index=pd.to_datetime(["2025-11-14", "2025-11-17", "2025-11-18"]))
    r = crypto_measures.us_day_returns(btc, us)
    assert list(r.index.strftime("%m-%d")) == ["11-17", "11-18"]
    assert r.loc["2025-11-17", "btc"] == pytest.approx(0.10)  # Fri 100 -> Mon 110, not Sun -> Mon
    assert r.loc["2025-11-18", "us"] == pytest.approx(-0.10)
    longer = pd.DataFrame({"btc": [0.01, -0.02, 0.03, 0.0, 0.01], "us": [0.02, -0.04, 0.06, 0.0, 0.02]})
    assert crypto_measures.rolling_corr(longer, 3).iloc[-1] == pytest.approx(1.0)


def test_ols_beta_and_r2():
    x = pd.Series([0.01, -0.02, 0.03, 0.00])
    fit = stats.ols(x, 2 * x + 0.001)
    assert fit.beta == pytest.approx(2) and fit.alpha == pytest.approx(0.001) and fit.r2 == pytest.approx(1)


def test_btc_pre_open_table_uses_non_overlapping_windows_on_nyse_timestamps():
    from analytics.claims import btc_pre_open_table

    hours = pd.date_range("2025-11-24 00:00", "2025-12-02 00:00", freq="h", tz="UTC", inclusive="left")
    price = np.arange(len(hours), dtype=float) + 1000  # rises by 1 every hour
    hourly = pd.DataFrame({"ts": hours, "open": price, "high": price, "low": price, "close": price, "volume": 1.0})
    days = ["2025-11-24", "2025-11-25", "2025-11-26", "2025-11-28", "2025-12-01"]  # 27 Nov: Thanksgiving
    us = bars(
        [
            (100, 101, 99, 100, 1),
            (100, 101, 99, 101, 1),
            (100, 101, 99, 99, 1),
            (100, 101, 99, 102, 1),
            (100, 101, 99, 98, 1),
        ],
        start="2025-11-24",
    ).assign(ts=pd.DatetimeIndex(pd.to_datetime(days)).tz_localize("UTC"))
    table = btc_pre_open_table(hourly, us)
    at = lambda ts: 1000 + (pd.Timestamp(ts, tz="UTC") - hours[0]) / pd.Timedelta(hours=1)  # noqa: E731
    # 25 Nov: from the 24 Nov close (21:00 UTC) to the 25 Nov open (14:30 UTC -> the 14:00 bar's open)
    assert table.loc["2025-11-25", "btc_pre_open"] == pytest.approx(at("2025-11-25 14:00") / at("2025-11-24 21:00") - 1)
    # 28 Nov after the holiday: from the 26 Nov close, across Thanksgiving
    assert table.loc["2025-11-28", "btc_pre_open"] == pytest.approx(at("2025-11-28 14:00") / at("2025-11-26 21:00") - 1)
    # 1 Dec after the 28 Nov early close (13:00 New York = 18:00 UTC), across the weekend
    assert table.loc["2025-12-01", "btc_pre_open"] == pytest.approx(at("2025-12-01 14:00") / at("2025-11-28 18:00") - 1)
    assert table.loc["2025-11-26", "us_session"] == pytest.approx(-0.01)
    assert "2025-11-24" not in table.index.strftime("%Y-%m-%d")  # no previous close in the hours loaded


def test_trading_sessions_follow_new_york_time():
    s = crypto_measures.trading_sessions(pd.Timestamp("2025-11-21", tz="UTC"), pd.Timestamp("2025-11-22", tz="UTC"))
    names = [n for n, _, _ in s]
    assert names == ["Asia", "Europe", "US"]
    us = s[2]
    assert us[1] == pd.Timestamp("2025-11-21 14:30", tz="UTC") and us[2] == pd.Timestamp("2025-11-21 21:00", tz="UTC")


def test_event_sessions_takes_the_day_before_too():
    idx = pd.to_datetime(["2025-11-19", "2025-11-20", "2025-11-21", "2025-11-24"])
    assert crypto_measures.event_sessions(idx, dt.date(2025, 11, 21)) == [
        pd.Timestamp("2025-11-20"),
        pd.Timestamp("2025-11-21"),
    ]
    # a weekend event date: the last session before it and the one before that
    assert crypto_measures.event_sessions(idx, dt.date(2025, 11, 23)) == [
        pd.Timestamp("2025-11-20"),
        pd.Timestamp("2025-11-21"),
    ]
    assert crypto_measures.event_sessions(idx, dt.date(2025, 11, 1)) == []


def test_returns_helpers():
    wide = closes({"a": bars([(0, 0, 0, 100, 0), (0, 0, 0, 110, 0), (0, 0, 0, 99, 0)])})
    assert simple_returns(wide["a"]).tolist() == pytest.approx([0.1, -0.1])
    assert change_on(wide["a"], dt.date(2025, 11, 18))[0] == pytest.approx(0.1)
    assert drawdown_from_high(wide["a"]) == pytest.approx(-0.1)
    later_high = closes({"a": bars([(0, 0, 0, 100, 0), (0, 0, 0, 110, 0), (0, 0, 0, 99, 0), (0, 0, 0, 130, 0)])})["a"]
    assert drawdown_from_high(later_high, later_high.index[2]) == pytest.approx(-0.1)  # the high up to that day only


# ---------------------------------------------------------------- claim rules

CTX = claims.Context(dt.date(2025, 10, 1), dt.date(2025, 12, 5), dt.date(2025, 11, 21))


def _series(values, start="2025-11-14"):
    return bars([(v, v * 1.01, v * 0.99, v, 1e6) for v in values], start=start)


def test_retail_beta_rule_both_ways():
    idx = _series([100, 100, 100, 100, 100, 100, 97, 98], start="2025-11-14")  # worst day 20 Nov
    hood = _series([100] * 6 + [89, 90], start="2025-11-14")
    coin = _series([100] * 6 + [92.5, 93], start="2025-11-14")
    good = claims.evaluate("retail-beta", {"hood": hood, "coin": coin, "ndx": idx}, CTX)
    assert good.verdict == claims.SUPPORTED and "2025-11-20" in good.detail
    flat = _series([100] * 6 + [99, 99], start="2025-11-14")
    bad = claims.evaluate("retail-beta", {"hood": flat, "coin": flat, "ndx": idx}, CTX)
    assert bad.verdict == claims.NOT_SUPPORTED


def test_missing_data_is_not_measurable():
    res = claims.evaluate("btc-ndx-corr", {"btc": _series([1, 2])}, CTX)
    assert res.verdict == claims.NOT_TESTABLE
    assert claims.evaluate("whales", {}, CTX).verdict == claims.NOT_TESTABLE
