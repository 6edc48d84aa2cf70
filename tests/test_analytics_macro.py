"""FedWatch on worked examples, yields and spreads in bp, monthly-vs-daily alignment, macro claim rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import claims, fedwatch
from analytics import macro as mc
from analytics.returns import close_series
from components import macro_charts


def test_fedwatch_worked_example_meeting_on_the_10th():
    # December: 31 days, meeting on the 10th (new rate from the 11th): 10 days at the old rate, 21 at the new.
    # Price 96.20 -> average 3.80%. Pre-meeting EFFR 3.88%.
    # post = (3.80 - 10/31 * 3.88) / (21/31) = (3.80 - 1.251613) / 0.677419 = 3.761905
    # P(cut) = (3.88 - 3.761905) / 0.25 = 0.472381
    imp = fedwatch.implied(96.20, dt.date(2025, 12, 10), pre_rate=3.88)
    assert imp.post_rate == pytest.approx(3.761905, abs=1e-6)
    assert imp.cut_probability == pytest.approx(0.472381, abs=1e-6)
    assert imp.change == pytest.approx(-0.118095, abs=1e-6)


def test_fedwatch_prior_month_contract_sets_the_pre_rate():
    imp = fedwatch.implied(96.20, dt.date(2025, 12, 10), prior_month_price=96.12, pre_rate=9.99)
    assert imp.pre_rate == pytest.approx(3.88) and "prior-month" in imp.method


def test_fedwatch_late_meeting_uses_next_month():
    # Meeting on 28 Oct (31 days): 3 days after it -> the post rate comes from November's contract.
    imp = fedwatch.implied(95.90, dt.date(2025, 10, 28), pre_rate=4.10, next_month_price=96.11)
    assert imp.post_rate == pytest.approx(3.89) and "next-month" in imp.method
    assert imp.cut_probability == pytest.approx(0.84)
    # without a next-month price it falls back to the split (3 days after the meeting)
    split = fedwatch.implied(95.90, dt.date(2025, 10, 28), pre_rate=4.10)
    assert split.post_rate == pytest.approx((4.10 - 28 / 31 * 4.10) / (3 / 31), abs=1e-9)


def test_fedwatch_clips_to_zero_and_one():
    big_cut = fedwatch.implied(96.60, dt.date(2025, 12, 10), pre_rate=3.88)  # implies ~ -41 bp
    assert big_cut.cut_probability == 1.0
    hike = fedwatch.implied(96.00, dt.date(2025, 12, 10), pre_rate=3.88)  # implies a rise
    assert hike.change > 0 and hike.cut_probability == 0.0
    with pytest.raises(ValueError):
        fedwatch.post_meeting_rate(96.0, 3.88, dt.date(2025, 12, 31))


def test_odds_series_uses_the_pre_rate_known_on_each_day():
    days = pd.to_datetime(["2025-11-14", "2025-11-21"])
    zq = pd.Series([96.26, 96.16], index=days)
    effr = pd.Series([3.88], index=pd.to_datetime(["2025-11-01"]))
    table = fedwatch.odds_series(zq, dt.date(2025, 12, 10), pre_rate=effr)
    assert list(table.index) == list(days)
    assert table["cut_probability"].iloc[0] > table["cut_probability"].iloc[1]


def test_bp_change_and_spread():
    y = pd.Series(
        [4.10, 4.05, 4.00, 3.98], index=pd.to_datetime(["2025-11-13", "2025-11-14", "2025-11-20", "2025-11-21"])
    )
    assert mc.bp_change(y, pd.Timestamp("2025-11-14"), pd.Timestamp("2025-11-21")) == pytest.approx(-7)
    assert mc.bp_change(y, pd.Timestamp("2025-11-16"), pd.Timestamp("2025-11-22")) == pytest.approx(
        -7
    )  # weekend -> Fri
    two = pd.Series([3.60, 3.55], index=pd.to_datetime(["2025-11-14", "2025-11-21"]))
    assert (mc.spread(y, two) * 100).round(6).tolist() == [45.0, 43.0]
    assert mc.daily_change_bp(y).round(6).tolist() == [-5.0, -5.0, -2.0]


def test_monthly_change_keeps_gaps_and_labour_table_aligns_release_dates():
    lv = pd.Series([159485.0, 159593.0, 159552.0], index=pd.to_datetime(["2025-08-01", "2025-09-01", "2025-11-01"]))
    ch = mc.monthly_change(lv)
    assert ch.loc["2025-09-01"] == pytest.approx(108.0)
    assert np.isnan(ch.loc["2025-10-01"]) and np.isnan(ch.loc["2025-11-01"])  # October missing: no fake change
    ur = pd.Series([4.3, 4.4], index=pd.to_datetime(["2025-08-01", "2025-09-01"]))
    table = mc.labour_table(lv, ur, until=pd.Timestamp("2025-11-30"))
    assert table.loc["2025-09-01", "released"] == pd.Timestamp("2025-11-20")
    assert pd.Timestamp("2025-11-01") not in table.index  # released 16 Dec: not known by 30 Nov
    # a month with no entry in the release calendar is never shown before it could have been published
    late = pd.Series([4.4, 4.4], index=pd.to_datetime(["2025-09-01", "2025-12-01"]))
    early = mc.labour_table(lv, late, until=pd.Timestamp("2025-12-05"))
    assert pd.Timestamp("2025-12-01") not in early.index
    assert pd.Timestamp("2025-12-01") in mc.labour_table(lv, late, until=pd.Timestamp("2026-01-07")).index
    fig = macro_charts.labour_figure(table, pd.Timestamp("2025-09-01"), title="t")
    assert fig.data[0].type == "bar" and fig.data[1].yaxis == "y2"
    assert "released 20 Nov 2025" in fig.layout.annotations[0].text


def test_duration_stats_sign():
    days = pd.bdate_range("2025-10-01", periods=30)
    rng = np.random.default_rng(5)
    dy = rng.normal(0, 0.05, 30)
    y10 = pd.Series(4 + np.cumsum(dy), index=days)
    broad = pd.Series(100 * np.cumprod(1 + rng.normal(0, 0.005, 30)), index=days)
    growth_ret = broad.pct_change().fillna(0).to_numpy() - np.r_[0, np.diff(y10.to_numpy())] * 0.2
    growth = pd.Series(100 * np.cumprod(1 + growth_ret), index=days)
    stats = mc.duration_stats(y10, growth, broad)
    assert stats["corr_growth_minus_broad"] < -0.9


CTX = claims.Context(dt.date(2025, 10, 1), dt.date(2025, 12, 5), dt.date(2025, 11, 21))


def test_paralysis_and_duration_rules_on_the_real_snapshot():
    from data_sources import get_many

    frames = get_many(["payems", "unrate"], "2023-01-01", "2025-12-05", source="snapshot")
    res = claims.evaluate("paralysis", frames, CTX)
    parts = {p.name: p.outcome for p in res.parts}
    assert (
        parts["payrolls still growing"] == claims.HOLDS
        and parts["unemployment up 0.3+ points on a year"] == claims.HOLDS
    )
    assert parts["the first print (+119k, 4.4%)"] == claims.UNTESTABLE  # FRED serves the current vintage only
    rates = close_series(frames["unrate"])
    rose = rates["2025-09-01"] > rates["2025-08-01"] and abs(rates["2025-09-01"] - 4.4) < 0.05
    assert parts["unemployment rose to 4.4% from the month before (current vintage)"] == (
        claims.HOLDS if rose else claims.FAILS
    )
    # every testable part holds and the first print is named beside the verdict, not deciding it
    assert res.verdict == (claims.SUPPORTED if rose else claims.MIXED) and "first print" in res.decided_by
    assert "September 2025" in res.detail and "4.4%" in res.figure
    assert "current vintage" in res.figure and "+119k" in res.detail
    assert claims.evaluate("cut-odds", frames, CTX).verdict == claims.NOT_TESTABLE  # no futures nor odds given


def test_cut_odds_rule_both_ways():
    def frame(values, dates):
        from data_sources.schema import tidy

        return tidy(
            pd.DataFrame({"ts": pd.DatetimeIndex(pd.to_datetime(dates)).tz_localize("UTC"), "close": values}),
            symbol="T",
            source="test",
        )

    effr = frame([3.88], ["2025-11-01"])
    falling = {"zq_dec25": frame([96.23, 96.17], ["2025-11-14", "2025-11-21"]), "dff": effr}  # ~65% -> ~30%
    res = claims.evaluate("cut-odds", falling, CTX)
    assert res.verdict == claims.SUPPORTED and "FedWatch method" in res.detail, res
    assert [p.outcome for p in res.parts] == [claims.HOLDS] * 3  # the prediction-market path's three parts
    steady = {"zq_dec25": frame([96.17, 96.17], ["2025-11-14", "2025-11-21"]), "dff": effr}
    held = claims.evaluate("cut-odds", steady, CTX)  # the level holds, the fall does not: mixed, and it says why
    assert held.verdict == claims.MIXED and held.decided_by == "65% a week earlier: not borne out by the data"


def test_duration_aligns_on_common_dates_before_differencing():
    days = pd.to_datetime(["2025-11-07", "2025-11-10", "2025-11-11", "2025-11-12"])  # 11 Nov: bond market closed
    y = pd.Series([4.10, 4.12, np.nan, 4.20], index=days)
    ndx = pd.Series([100.0, 101.0, 102.0, 103.0], index=days)
    spx = pd.Series([100.0, 100.5, 101.0, 101.0], index=days)
    table = mc.duration_table(y.dropna(), ndx, spx)
    assert list(table.index.strftime("%Y-%m-%d")) == ["2025-11-10", "2025-11-12"]
    # the 12 Nov yield change spans two days: so does the return it is paired with (101 -> 103)
    assert table.loc["2025-11-12", "dy"] == pytest.approx(8.0) and table.loc["2025-11-12", "g"] == pytest.approx(
        103 / 101 - 1
    )


def test_fedwatch_never_looks_ahead_and_chains_through_the_november_contract():
    from data_sources.schema import tidy

    def frame(values, dates):
        return tidy(
            pd.DataFrame({"ts": pd.DatetimeIndex(pd.to_datetime(dates)).tz_localize("UTC"), "close": values}),
            symbol="T",
            source="test",
        )

    meeting = dt.date(2025, 12, 10)
    zq = frame([96.20, 96.20], ["2025-11-20", "2025-11-21"])
    # the 21 Nov effective rate is published on the 22nd: on the 21st only the 20th's print is known
    dff = frame([3.88, 5.00], ["2025-11-20", "2025-11-21"])
    table = claims.cut_odds_table({"zq_dec25": zq, "dff": dff}, meeting)
    assert table.loc[pd.Timestamp("2025-11-21"), "pre_rate"] == pytest.approx(3.88)
    chained = claims.cut_odds_table({"zq_dec25": zq, "dff": dff, "zq_nov25": frame([96.12], ["2025-11-20"])}, meeting)
    assert chained.loc[pd.Timestamp("2025-11-21"), "pre_rate"] == pytest.approx(3.88)  # 100 - 96.12, the chain
    res = claims.evaluate(
        "cut-odds",
        {"zq_dec25": frame([96.26, 96.17], ["2025-11-14", "2025-11-21"]), "dff": frame([3.88], ["2025-11-01"])},
        CTX,
    )
    assert "1 bp error" in res.detail and "sensitivity" in res.stat


def test_the_latest_report_of_a_shared_release_day_is_the_later_month():
    # 16 Dec 2025 released October's payrolls and November's report together
    assert mc.latest_release_before(pd.Timestamp("2026-01-05")) == pd.Timestamp("2025-11-01")
    assert mc.latest_release_before(pd.Timestamp("2025-11-21")) == pd.Timestamp("2025-09-01")
