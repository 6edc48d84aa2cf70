"""Thinning for display keeps real points, the extremes and the ends; candles aggregate to true OHLC."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from components import thinning


def test_lttb_keeps_the_ends_the_extremes_and_only_real_points():
    rng = np.random.default_rng(3)
    x = np.arange(5000, dtype=float)
    y = np.cumsum(rng.normal(0, 1, 5000))
    keep = thinning.lttb(x, y, 400)
    assert len(keep) <= 400 and keep[0] == 0 and keep[-1] == 4999 and np.all(np.diff(keep) > 0)
    assert int(np.argmin(y)) in keep and int(np.argmax(y)) in keep  # the trough and the peak survive
    assert list(thinning.lttb(x[:10], y[:10], 400)) == list(range(10))  # short series untouched


def test_a_long_line_is_thinned_with_its_hover_data_and_a_short_one_is_not():
    days = pd.date_range("2006-01-02", periods=5200, freq="B")
    y = np.linspace(100, 200, 5200) + np.sin(np.arange(5200) / 30)
    custom = np.column_stack([y / 100 - 1, y * 2])
    fig = go.Figure(
        [
            go.Scatter(x=days, y=y, customdata=custom, mode="lines", name="long"),
            go.Scatter(x=days[:50], y=y[:50], mode="lines", name="short"),
            go.Scatter(x=days, y=y, mode="markers", name="dots"),
        ]
    )
    thinning.thin(fig)
    long, short, dots = fig.data
    assert len(long.x) <= thinning.MAX_POINTS and len(long.x) == len(long.y) == len(long.customdata) > 250
    picked = pd.DatetimeIndex(long.x)
    idx = days.get_indexer(picked)
    assert (
        (idx >= 0).all()
        and np.allclose(long.y, y[idx])
        and np.allclose(np.asarray(long.customdata, float), custom[idx])
    )
    assert len(short.x) == 50 and len(dots.x) == 5200  # markers are each a fact: never dropped


def test_long_candles_become_weekly_or_monthly_with_true_ohlc_and_say_so():
    days = pd.bdate_range("2024-01-01", periods=600)
    rng = np.random.default_rng(5)
    close = 100 + np.cumsum(rng.normal(0, 1, 600))
    frame = pd.DataFrame({"open": close + 0.3, "high": close + 1, "low": close - 1, "close": close}, index=days)
    fig = go.Figure(
        go.Candlestick(
            x=days, open=frame["open"], high=frame["high"], low=frame["low"], close=frame["close"], name="BTC"
        )
    )
    thinning.thin(fig)
    c = fig.data[0]
    assert c.meta == {"aggregated": "weekly"} and "weekly" in c.name and len(c.x) <= thinning.MAX_CANDLES
    first_week = frame.loc[: pd.Timestamp(c.x[1]) - pd.Timedelta(days=1)]
    assert c.open[0] == first_week["open"].iloc[0] and c.close[0] == first_week["close"].iloc[-1]
    assert c.high[0] == first_week["high"].max() and c.low[0] == first_week["low"].min()
    assert pd.Timestamp(c.x[0]) == days[0]  # each candle sits on its first session
    long = go.Figure(
        go.Candlestick(
            x=pd.bdate_range("2010-01-01", periods=4000),
            open=np.ones(4000),
            high=np.ones(4000) * 2,
            low=np.zeros(4000),
            close=np.ones(4000),
        )
    )
    assert thinning.thin(long).data[0].meta == {"aggregated": "monthly"}


def test_a_figure_thawed_from_plain_data_is_thinned_too():
    from components import charts

    days = pd.date_range("2006-01-02", periods=3000, freq="B")
    spec = charts.freeze(go.Figure(go.Scatter(x=days, y=np.arange(3000.0), mode="lines")))
    assert isinstance(spec["data"][0]["y"], dict)  # base64 typed array, as st.cache_data hands it back
    fig = thinning.thin(charts.thaw(spec))
    assert len(fig.data[0].y) <= thinning.MAX_POINTS and fig.data[0].y[-1] == 2999.0


def test_many_lines_share_one_budget_and_daily_dates_are_sent_short():
    days = pd.date_range("2020-01-01", periods=1000, freq="D")
    fig = go.Figure([go.Scatter(x=days, y=np.arange(1000.0) + i, mode="lines") for i in range(8)])
    thinning.thin(fig)
    assert all(len(tr.x) <= thinning.MAX_FIGURE_POINTS // 8 for tr in fig.data)
    assert all(isinstance(x, str) and len(x) == 10 for x in fig.data[0].x)  # '2020-01-01', not a timestamp
    hours = go.Figure(go.Scatter(x=pd.date_range("2025-11-20", periods=120, freq="h"), y=np.arange(120.0)))
    assert not isinstance(thinning.thin(hours).data[0].x[0], str)  # intraday points keep their time


def test_long_numeric_arrays_go_out_in_single_precision_and_stay_within_a_pixel():
    rng = np.random.default_rng(3)
    y = rng.normal(0, 0.02, 900)
    fig = go.Figure(go.Scatter(x=rng.normal(0, 0.02, 900), y=y, mode="markers"))
    fig.add_trace(go.Scatter(x=[0.1, 0.2], y=[0.3, 0.4], mode="markers"))  # short: left as it is
    thinning.thin(fig)
    sent = thinning._array(fig.to_plotly_json()["data"][0]["y"])
    assert sent.dtype == np.float32 and np.allclose(sent, y, rtol=1e-6, atol=1e-9)
    assert thinning._array(fig.data[1].y).dtype == np.float64


@pytest.mark.parametrize("n", [40, 3000])  # drawn whole, and thinned by LTTB
def test_a_date_line_stops_at_a_data_gap_and_resumes_after_it(n):
    """SoftBank's snapshot has no bars from 2024-12-24 to 2025-08-01: its line must not bridge that."""
    before = pd.bdate_range(end="2024-12-24", periods=n)
    after = pd.bdate_range(start="2025-08-01", periods=n)
    x = before.append(after)
    y = np.linspace(100.0, 200.0, len(x))
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines", customdata=np.c_[y, y]))
    thinning.thin(fig)
    xs = pd.to_datetime(thinning._array(fig.data[0].x))
    ys = thinning._array(fig.data[0].y).astype(float)
    assert pd.Timestamp("2024-12-24") in xs and pd.Timestamp("2025-08-01") in xs  # both sides of the gap kept
    hole = np.flatnonzero(np.isnan(ys))
    assert (
        len(hole) == 1
        and xs[hole[0] - 1] == pd.Timestamp("2024-12-24")
        and xs[hole[0] + 1] == pd.Timestamp("2025-08-01")
    )
    assert np.isnan(thinning._array(fig.data[0].customdata)[hole[0]]).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_library_lttb_keeps_the_same_points_as_the_hand_written_one(seed):
    """tsdownsample draws gap-free series; the hand-written LTTB (kept for series with NaN) is the reference: the
    same points on evenly spaced x, at least 95% of them on uneven x (its buckets split differently), extremes kept."""
    from components import thinning

    rng = np.random.default_rng(seed)
    y = np.cumsum(rng.normal(size=5000))
    for x, share in ((np.arange(5000, dtype=float), 1.0), (np.cumsum(rng.uniform(0.5, 1.5, 5000)), 0.95)):
        expected = np.unique(np.concatenate([thinning._lttb(x, y, 398), [int(np.argmin(y)), int(np.argmax(y))]]))
        got = thinning.lttb(x, y, 400)
        assert len(np.intersect1d(got, expected)) >= share * len(expected) and len(got) <= 400
        assert {int(np.argmin(y)), int(np.argmax(y)), 0, 4999} <= set(got.tolist())
    gapped = y.copy()
    gapped[100:200] = np.nan  # a gap: the hand-written path, as before
    extremes = [int(np.nanargmin(gapped)), int(np.nanargmax(gapped))]
    before = np.unique(np.concatenate([thinning._lttb(x, gapped, 398), extremes]))
    assert np.array_equal(thinning.lttb(x, gapped, 400), before)


def test_a_one_year_view_of_a_market_trading_every_day_keeps_daily_candles():
    """The 1Y preset of BTC (every calendar day) stays in daily candles for every sell-off of the library (a leap
    year included): no weekly candles on a one-year chart."""
    from analytics import episodes
    from components import url_state

    data_end = dt.date(2026, 8, 21)
    for episode in episodes.library():
        start, end = url_state.resolve_range("1y", data_end, episode.event_date)
        days = pd.date_range(start, end, freq="D")
        close = np.linspace(100, 120, len(days))
        fig = go.Figure(go.Candlestick(x=days, open=close, high=close + 1, low=close - 1, close=close, name="BTC"))
        thinning.thin(fig)
        assert len(fig.data[0].x) == len(days) and not fig.data[0].meta, episode.id  # every day its own candle
