"""The macro page's section models (thesis section 2.3): December cut odds, Treasury yields, equity duration, the
labour data's paralysis and the risk gauges. Each returns what its chart draws and, where the section tests a
claim, the verdict computed from the same numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analytics import claims
from analytics import macro as mc
from analytics.events import load_events
from analytics.returns import REBASE_LOOKBACK, close_series, closes, rebase_on, window
from analytics.stats import Fit, ols

Frames = Mapping[str, pd.DataFrame]
YIELDS = ("ust3m", "ust2y", "dgs10")
RISK = ("vix", "dxy", "gold")
ODDS_WINDOW = (dt.date(2025, 11, 16), dt.date(2025, 12, 7))  # where the odds series (and the thesis's figures) lie


def _in(series: pd.Series, ctx: claims.Context) -> pd.Series:
    return series[(series.index >= pd.Timestamp(ctx.start)) & (series.index <= pd.Timestamp(ctx.end))]


@dataclass(frozen=True)
class CutOddsModel:
    """December-cut odds: computed from fed funds futures where the source has them, else the prediction markets'
    own odds (labelled as such); the thesis's reported figures only on its own date and range."""

    computed: pd.Series | None
    markets: dict[str, pd.Series]
    reported: dict[pd.Timestamp, float]  # the thesis's figures the view shows
    thesis_figures: dict[pd.Timestamp, float]  # both of the thesis's figures (for the note)
    verdict: claims.Result

    @property
    def empty(self) -> bool:
        return self.computed is None and not self.markets and not self.reported


def cut_odds_model(frames: Frames, ctx: claims.Context) -> CutOddsModel:
    meeting = next((e.date for e in load_events() if e.id == "fomc-dec"), None)
    computed = None
    if (
        not frames["zq_dec25"].empty
        and meeting is not None
        and (not frames["dff"].empty or not frames["zq_nov25"].empty)
    ):
        computed = _in(claims.cut_odds_table(frames, meeting)["cut_probability"], ctx)
    thesis = claims.reported_cut_odds(frames, ctx) if ctx.thesis_episode else claims.reported_cut_odds()
    reported = {  # at the instants the verdict reads: the close of the US sell-off session and a week before it
        at: p for at, p in thesis.items() if ctx.thesis_episode and ctx.start <= at.date() <= ctx.end
    }
    markets = {}
    if computed is None:
        for key, market in claims.ODDS_KEYS:
            if key in ctx.intraday and not ctx.intraday[key].empty:
                series = close_series(window(ctx.intraday[key], ctx.start, ctx.end)).rename(market)
                if not series.empty:
                    markets[market] = series
    return CutOddsModel(computed, markets, reported, dict(thesis), claims.evaluate("cut-odds", frames, ctx))


@dataclass(frozen=True)
class RatesModel:
    yields: pd.DataFrame  # percent, by date
    curve_bp: pd.Series | None  # 10y - 2y, in basis points, where both are served
    week_bp: dict[str, float]  # each yield's change over the week to the event, in basis points


def rates_model(frames: Frames, start: dt.date, end: dt.date, event: dt.date) -> RatesModel | None:
    wide = closes({k: window(frames[k], start, end) for k in YIELDS})
    if wide.empty:
        return None
    curve = mc.spread(wide["dgs10"], wide["ust2y"]) * 100 if {"dgs10", "ust2y"} <= set(wide) else None
    ev = pd.Timestamp(event)
    changes = {k: mc.bp_change(wide[k], ev - pd.Timedelta(days=7), ev) for k in wide.columns}
    return RatesModel(wide, curve, {k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True)
class DurationModel:
    """The verdict's own table (daily changes on common dates: ``dy`` in bp, ``gmb`` growth minus broad in pp), its
    fit, and the cumulative growth-minus-broad spread over the range."""

    table: pd.DataFrame
    fit: Fit | None
    spread: pd.Series
    verdict: claims.Result


def duration_model(frames: Frames, ctx: claims.Context) -> DurationModel | None:
    """None unless the 10-year yield, the Nasdaq-100 (or its stand-in) and the S&P 500 have data in the range. The
    scatter is the verdict's own pre-event sample (``claims.duration_sample``); the spread line is the range's."""
    y10, ndx, spx = (close_series(window(frames[k], ctx.start, ctx.end)) for k in ("dgs10", "ndx", "spx"))
    if y10.empty or ndx.empty or spx.empty:
        return None
    try:
        table = claims.duration_sample(frames, ctx)
    except claims.NotTestable:
        table = mc.duration_table(y10, ndx, spx).iloc[0:0]
    return DurationModel(
        table,
        ols(table["dy"], table["gmb"]),
        mc.cumulative_spread(ndx, spx),
        claims.evaluate("duration", frames, ctx),
    )


@dataclass(frozen=True)
class LabourModel:
    """Payrolls and unemployment by reference month as released (24 months to the range's end), and the last
    report published before the event (``reference``: its month; None when none was)."""

    table: pd.DataFrame
    reference: pd.Timestamp | None
    verdict: claims.Result

    @property
    def reading(self) -> pd.Series | None:
        return (
            self.table.loc[self.reference]
            if self.reference is not None and self.reference in self.table.index
            else None
        )


def labour_model(frames: Frames, ctx: claims.Context) -> LabourModel | None:
    if frames["payems"].empty or frames["unrate"].empty:
        return None
    table = mc.labour_table(close_series(frames["payems"]), close_series(frames["unrate"]), 24, pd.Timestamp(ctx.end))
    reference = mc.latest_release_before(pd.Timestamp(ctx.event))
    return LabourModel(table, reference, claims.evaluate("paralysis", frames, ctx))


@dataclass(frozen=True)
class RiskModel:
    levels: pd.DataFrame  # the gauges' closes over the range
    rebased: pd.DataFrame
    late: dict[str, pd.Timestamp]
    week: dict[str, float]  # each gauge's change over the week to the event (where both ends have a value)


def risk_model(frames: Frames, start: dt.date, end: dt.date, event: dt.date) -> RiskModel | None:
    wide = closes({k: window(frames[k], start, end) for k in RISK})
    if wide.empty:
        return None
    reb, late = rebase_on(closes({k: window(frames[k], start - REBASE_LOOKBACK, end) for k in RISK}), start)
    ev = pd.Timestamp(event)
    week = {}
    for key in wide.columns:
        now, before = mc.value_on_or_before(wide[key], ev), mc.value_on_or_before(wide[key], ev - pd.Timedelta(days=7))
        if now and before:
            week[key] = now[1] / before[1] - 1
    return RiskModel(wide, reb, late, week)
