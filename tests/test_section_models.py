"""The section models (``analytics/models``): pure functions of loaded frames, checked on constructed bars (test
input, never market data). The chart and the verdict beside it are drawn from one such model."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import claims
from analytics.models import crypto_models, global_tech_models, macro_models
from analytics.stats import ols
from tests.frames import bars

EVENT = dt.date(2025, 11, 21)


def _closes(values, start="2025-11-01"):
    return bars([(v, v * 1.01, v * 0.99, v, 1.0) for v in values], start=start)


def _ctx(start=dt.date(2025, 11, 1), end=dt.date(2025, 11, 30), **kw) -> claims.Context:
    return claims.Context(start, end, EVENT, **kw)


def test_level_model_marks_the_first_close_below_and_the_lowest_close_since():
    # two years of history: a lower close long before the range, then the range's own fall through 90k
    history = _closes([80_000.0] + [100_000.0] * 30, start="2025-09-01")
    in_range = _closes([95_000, 93_000, 89_000, 91_000, 88_000], start="2025-11-17")
    btc = pd.concat([history, in_range], ignore_index=True)
    model = crypto_models.level_model(btc, _ctx(start=dt.date(2025, 11, 17), level=90_000.0))
    assert model is not None and not model.hourly and model.trade_kind == "first_traded"
    assert model.close_break.ts == pd.Timestamp("2025-11-19", tz="UTC") and model.close_break.value == 89_000
    assert model.trade_break.ts == pd.Timestamp("2025-11-19", tz="UTC")  # that day's low, 88,110, is the first
    assert not model.below_at_start
    assert model.lowest.close == 88_000 and model.lowest.since == pd.Timestamp("2025-09-01", tz="UTC")
    assert list(model.bars["close"]) == [95_000, 93_000, 89_000, 91_000, 88_000]
    assert model.verdict.verdict in claims.VERDICTS


def test_level_model_below_from_the_first_bar_is_no_break():
    btc = _closes([85_000, 84_000, 86_000], start="2025-11-17")
    model = crypto_models.level_model(btc, _ctx(start=dt.date(2025, 11, 17), level=90_000.0))
    assert model.below_at_start and model.close_break is None and model.trade_break is None
    assert crypto_models.level_model(btc, _ctx(start=dt.date(2024, 1, 1), end=dt.date(2024, 2, 1))) is None


def test_wick_model_without_hourly_bars_draws_the_daily_bars_around_the_event():
    btc = _closes(np.linspace(100, 80, 60), start="2025-10-15")
    model = crypto_models.wick_model(btc, _ctx())
    assert not model.hourly and model.sessions == ()
    assert model.bars["ts"].min() == pd.Timestamp(EVENT - dt.timedelta(days=14), tz="UTC")
    assert model.bars["ts"].max() == pd.Timestamp(EVENT + dt.timedelta(days=7), tz="UTC")


def test_corr_model_pairs_are_the_ranges_and_its_fit_is_their_least_squares():
    rng = np.random.default_rng(1)
    days = pd.bdate_range("2025-01-01", "2025-11-30")
    ndx = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days))))
    btc = ndx * np.exp(rng.normal(0, 0.01, len(days)))
    frames = {
        "btc": _closes(btc, start="2025-01-01").assign(ts=days.tz_localize("UTC")),
        "ndx": _closes(ndx, start="2025-01-01").assign(ts=days.tz_localize("UTC")),
    }
    model = crypto_models.corr_model(frames, _ctx())
    assert model.drawn and set(model.corrs) == set(claims.CORR_WINDOWS)
    assert model.pairs.index.min() >= pd.Timestamp("2025-11-01") and model.pairs.index.max() <= pd.Timestamp(
        "2025-11-30"
    )
    assert model.fit == ols(model.pairs["us"], model.pairs["btc"])
    assert model.common_days == len(days)
    assert crypto_models.corr_model({"btc": frames["btc"], "ndx": frames["ndx"].iloc[:0]}, _ctx()) is None


def test_retail_model_names_what_it_lacks_and_measures_the_event_sessions():
    empty = _closes([]).iloc[:0]
    lacking = crypto_models.retail_model(
        {"btc": _closes([1, 2]), "ndx": empty, "hood": empty, "coin": empty, "mstr": empty}, _ctx()
    )
    assert lacking.missing == ("ndx", "hood", "coin", "mstr") and lacking.table.empty
    days = pd.bdate_range("2025-11-03", "2025-11-28").tz_localize("UTC")
    walk = 100 + np.arange(len(days), dtype=float)
    frames = {k: _closes(walk * (i + 1)).assign(ts=days) for i, k in enumerate(("btc", "ndx", "hood", "coin", "mstr"))}
    model = crypto_models.retail_model(frames, _ctx())
    assert model.missing == () and set(model.table.index) == {"hood", "coin", "mstr"}
    # the US sell-off session the episode decides (20 Nov: New York's first close after the 14:30 UTC anchor) and
    # the session before it, with the beta's n
    assert model.session_cols == ("2025-11-19", "2025-11-20") and crypto_models.RetailModel.BETA in model.table.columns
    hood = frames["hood"].set_index("ts")["close"]
    assert model.table.loc["hood", "2025-11-20"] == pytest.approx(hood.iloc[13] / hood.iloc[12] - 1)
    assert model.table.loc["hood", crypto_models.RetailModel.N] == len(hood) - 1


def test_mag7_model_moves_run_from_the_anchor_and_an_anchor_outside_the_range_is_dropped():
    frames = {"nvda": _closes([100, 110, 99, 121]), "ndx": _closes([200, 190, 210, 220])}
    start, end = dt.date(2025, 11, 1), dt.date(2025, 11, 4)
    model = global_tech_models.mag7_model(frames, ("nvda", "ndx", "msft"), start, end, dt.date(2025, 11, 2))
    assert model.anchor == dt.date(2025, 11, 2)
    assert model.moves == pytest.approx({"nvda": 121 / 110 - 1, "ndx": 220 / 190 - 1})
    outside = global_tech_models.mag7_model(frames, ("nvda",), start, end, dt.date(2025, 12, 25))
    assert outside.anchor is None and outside.moves == pytest.approx({"nvda": 0.21})
    assert outside.lines.rebased["nvda"].iloc[0] == pytest.approx(100)


def test_rates_and_risk_models_measure_the_week_to_the_event():
    days = pd.date_range("2025-11-10", "2025-11-21", freq="D", tz="UTC")
    y10 = _closes(np.linspace(4.0, 4.11, len(days))).assign(ts=days)
    y2 = _closes(np.linspace(3.5, 3.6, len(days))).assign(ts=days)
    y3m = _closes(np.full(len(days), 3.9)).assign(ts=days)
    rates = macro_models.rates_model({"dgs10": y10, "ust2y": y2, "ust3m": y3m}, days[0].date(), days[-1].date(), EVENT)
    assert rates.curve_bp.iloc[-1] == pytest.approx((4.11 - 3.6) * 100)
    assert rates.week_bp["dgs10"] == pytest.approx(7 * 1.0, abs=1e-6)  # 1 bp a day over seven days
    vix = _closes(np.linspace(20, 31, len(days))).assign(ts=days)
    empty = vix.iloc[:0]
    risk = macro_models.risk_model({"vix": vix, "dxy": empty, "gold": empty}, days[0].date(), days[-1].date(), EVENT)
    assert list(risk.week) == ["vix"] and risk.week["vix"] == pytest.approx(31 / 24 - 1)


def test_heatmap_model_puts_the_event_in_its_period_column():
    days = pd.bdate_range("2025-11-03", "2025-11-28").tz_localize("UTC")
    frames = {"nvda": _closes(100 + np.arange(len(days), dtype=float)).assign(ts=days)}
    model = global_tech_models.heatmap_model(
        frames, ("nvda",), {"nvda": "NVDA"}, dt.date(2025, 11, 3), dt.date(2025, 11, 28), EVENT
    )
    assert model.period == "D" and model.event_column == pd.Timestamp("2025-11-21")
    assert list(model.matrix.index) == ["NVDA"]
    assert model.matrix.loc["NVDA", pd.Timestamp("2025-11-21")] == pytest.approx(114 / 113 - 1)
