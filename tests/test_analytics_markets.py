"""Cross-market alignment: time zones, holidays, lags, rebasing, heatmap shape; global-tech claim rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import claims
from analytics import markets as mk
from components import analysis_charts
from tests.frames import bars


def _s(values, dates):
    return pd.Series(values, index=pd.to_datetime(dates), dtype=float)


def test_rebase_on_one_common_date_marks_series_that_start_later():
    from analytics.returns import rebase_on

    days = pd.to_datetime(["2025-11-19", "2025-11-20", "2025-11-21", "2025-11-24"])
    wide = pd.DataFrame(
        {"ny": [100.0, 110, 121, 110], "tokyo": [50.0, np.nan, 55, 60], "late": [np.nan, np.nan, 8, 10]}, index=days
    )
    reb, late = rebase_on(wide, dt.date(2025, 11, 20))
    assert reb.loc["2025-11-20", "ny"] == pytest.approx(100)
    assert reb.loc["2025-11-21", "tokyo"] == pytest.approx(110)  # Tokyo closed on the anchor: its previous close
    assert late == {"late": pd.Timestamp("2025-11-21")} and reb.loc["2025-11-21", "late"] == pytest.approx(100)
    assert reb.index[0] == pd.Timestamp("2025-11-19")  # from the earliest reference date, nothing earlier


def test_holidays_leave_gaps_and_never_shift_days():
    # Tokyo closed on Mon 24 Nov; New York closed on Thu 27 Nov.
    tokyo = _s([100, 98, 99, 101], ["2025-11-20", "2025-11-21", "2025-11-25", "2025-11-27"])
    ny = _s([50, 51, 50, 52], ["2025-11-21", "2025-11-24", "2025-11-25", "2025-11-26"])
    rets = mk.returns_by_date(pd.DataFrame({"tokyo": tokyo, "ny": ny}))
    # Tokyo's 25 Nov return is vs its own previous session (21 Nov), not vs a NaN holiday
    assert rets.loc["2025-11-25", "tokyo"] == pytest.approx(99 / 98 - 1)
    assert np.isnan(rets.loc["2025-11-24", "tokyo"])


def test_the_asia_profile_pairs_each_session_with_the_us_sessions_that_followed_it_on_the_calendar():
    rng = np.random.default_rng(1)
    days = pd.bdate_range("2024-01-01", periods=300)
    asia = pd.Series(100 * np.cumprod(1 + rng.normal(0, 0.01, 300)), index=days)
    us_rets = pd.Series(asia.pct_change().shift(1).fillna(0).to_numpy(), index=days)  # the US repeats Asia a day later
    us = 100 * (1 + us_rets).cumprod()
    profile = claims.asia_us_profile(asia, us, days[-1])
    # lag 0 is the US session that opened right after Tokyo closed (same date); +1 the one after it repeats Asia
    assert profile[1].r > 0.99 and profile[1].p < 1e-6 and abs(profile[0].r) < 0.2 and profile[1].n == 250
    # the sample stops before the US session ``before`` opened: no pair seen later is in it
    shorter = claims.asia_us_profile(asia, us, days[-40])
    assert shorter[0].r != profile[0].r and shorter[1].n == 250


def test_relative_and_moves_between_dates():
    a = _s([100, 110, 121], ["2025-11-19", "2025-11-20", "2025-11-21"])
    b = _s([10, 10, 11], ["2025-11-19", "2025-11-20", "2025-11-21"])
    assert mk.relative(a, b).tolist() == pytest.approx([100, 110, 110])
    assert mk.move_between(a, pd.Timestamp("2025-11-19"), pd.Timestamp("2025-11-23")) == pytest.approx(0.21)


def test_heatmap_matrix_shape_and_figure():
    wide = pd.DataFrame(
        {"x": [1.0, 1.1, 1.21, np.nan], "y": [2.0, 1.8, np.nan, 1.8]},
        index=pd.to_datetime(["2025-11-19", "2025-11-20", "2025-11-21", "2025-11-24"]),
    )
    m = mk.heatmap_matrix(wide, {"x": "X", "y": "Y"})
    assert m.shape == (2, 3) and list(m.index) == ["X", "Y"]
    assert np.isnan(m.loc["Y", pd.Timestamp("2025-11-21")])
    fig = analysis_charts.heatmap_figure(m, pd.Timestamp("2025-11-21"), title="t")
    assert fig.data[-1].zmid == 0 and fig.data[-1].type == "heatmap"
    outline = fig.layout.shapes[0]
    assert (outline.x0, outline.x1) == (0.5, 1.5)  # columns: 20, 21, 24 Nov (19 Nov has no return)


def test_long_ranges_get_weekly_or_monthly_cells_compounded_on_each_assets_sessions():
    assert mk.heatmap_period(dt.date(2025, 10, 1), dt.date(2025, 12, 5)) == "D"
    assert mk.heatmap_period(dt.date(2025, 1, 1), dt.date(2025, 12, 5)) == "W"
    assert mk.heatmap_period(dt.date(2020, 1, 1), dt.date(2025, 12, 5)) == "M"
    days = pd.to_datetime(["2025-11-10", "2025-11-14", "2025-11-17", "2025-11-21", "2025-11-28", "2025-12-05"])
    # y has no session at all in the week to 28 Nov (a holiday week, say): that cell stays empty, and the next
    # week compounds from y's last close before it (21 Nov), not from zero.
    wide = pd.DataFrame(
        {"x": [100.0, 110.0, 99.0, 88.0, 96.8, 96.8], "y": [10.0, 10.0, 12.0, 9.0, np.nan, 13.5]}, index=days
    )
    m = mk.heatmap_matrix(wide, period="W")
    weeks = list(m.columns)
    assert weeks == list(pd.to_datetime(["2025-11-21", "2025-11-28", "2025-12-05"]))
    assert m.loc["x"].tolist() == pytest.approx([88 / 110 - 1, 0.1, 0.0])
    assert m.loc["y", weeks[0]] == pytest.approx(9 / 10 - 1)
    assert np.isnan(m.loc["y", weeks[1]])
    assert m.loc["y", weeks[2]] == pytest.approx(13.5 / 9 - 1)
    assert mk.period_end(pd.Timestamp("2025-11-19"), "W") == pd.Timestamp("2025-11-21")
    assert mk.period_end(pd.Timestamp("2025-11-19"), "M") == pd.Timestamp("2025-11-30")
    monthly = mk.heatmap_matrix(wide, period="M")
    assert list(monthly.columns) == [pd.Timestamp("2025-12-31")]  # November has no earlier close to compound from
    assert monthly.loc["x"].iloc[0] == pytest.approx(96.8 / 96.8 - 1)
    fig = analysis_charts.heatmap_figure(m, pd.Timestamp("2025-11-21"), title="t")
    assert fig.layout.shapes[0].x0 == -0.5


CTX = claims.Context(dt.date(2025, 10, 1), dt.date(2025, 12, 5), dt.date(2025, 11, 21))


def _frame(values, dates):
    return bars([(v, v, v, v, 1) for v in values], start=dates[0]).assign(
        ts=pd.DatetimeIndex(pd.to_datetime(dates)).tz_localize("UTC")
    )


def test_no_return_bridges_a_data_gap_and_softbank_s_gap_is_one():
    from analytics.returns import MAX_GAP, frame_returns, simple_returns
    from data_sources import snapshot

    softbank = snapshot.load_frame("softbank")
    closes = pd.Series(softbank["close"].to_numpy(), index=softbank["ts"].dt.tz_localize(None))
    rets = simple_returns(closes)
    assert pd.Timestamp("2025-08-01") not in rets.index  # its previous bar is 2024-12-24: no return across that
    assert pd.Timestamp("2025-08-04") in rets.index and len(rets) == len(closes) - 2
    steps = closes.index.to_series().diff()
    assert (steps > MAX_GAP).sum() == 1  # the one gap in the file; holidays (Golden Week, New Year) are shorter
    both = pd.DataFrame({"a": closes, "b": closes * 2}).dropna()
    assert pd.Timestamp("2025-08-01") not in frame_returns(both).index


def test_a_heatmap_period_after_a_data_gap_is_empty_not_a_return_across_it():
    from analytics.markets import heatmap_matrix

    days = pd.bdate_range("2024-10-01", "2024-12-24").append(pd.bdate_range("2025-08-01", "2025-09-30"))
    wide = pd.DataFrame({"softbank": np.linspace(100, 150, len(days))}, index=days)
    monthly = heatmap_matrix(wide, period="M").loc["softbank"]
    assert pd.isna(monthly.get(pd.Timestamp("2025-08-31"))) and monthly.get(pd.Timestamp("2025-09-30")) > 0
    assert monthly.get(pd.Timestamp("2024-12-31")) > 0
