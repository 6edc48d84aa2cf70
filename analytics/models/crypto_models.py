"""The crypto page's section models (thesis section 2.1): BTC's level, the wick, BTC vs the index, retail beta and
whether BTC leads. Each returns what its chart draws and the verdict computed from the same numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import claims, crypto_measures
from analytics.returns import close_series, closes, simple_returns, window
from analytics.sessions import asian_session
from analytics.stats import Fit, ols

RETAIL = ("hood", "coin", "mstr")
NEAR_BEFORE, NEAR_AFTER = dt.timedelta(days=3), dt.timedelta(days=1)  # the hours the event charts draw


def near_event(hourly: pd.DataFrame | None, event: dt.date) -> pd.DataFrame | None:
    """The hours the event charts draw: three days before the event to two after (None without hourly bars)."""
    if hourly is None:
        return None
    near = window(hourly, event - NEAR_BEFORE, event + NEAR_AFTER)
    return None if near.empty else near


def _in_range(ctx: claims.Context) -> bool:
    return ctx.start <= ctx.event <= ctx.end


@dataclass(frozen=True)
class LevelModel:
    """BTC against a level: daily bars in range, the first close below and the trade break the verdict times.

    ``trade_kind``: ``break_hour`` (the verdict's own hour: last hourly close above, then a bar below, before the
    end of the event's Asian session), ``first_hour`` (another sell-off: the first hour below, as such) or
    ``first_traded`` (no hourly bars: the first daily low below).
    """

    bars: pd.DataFrame
    close_break: crypto_measures.LevelBreak | None
    trade_break: crypto_measures.LevelBreak | None
    trade_kind: str
    below_at_start: bool
    lowest: crypto_measures.LowestSince | None
    hourly: bool
    verdict: claims.Result


def level_model(btc_long: pd.DataFrame, ctx: claims.Context) -> LevelModel | None:
    """None when the range holds no BTC bar. ``btc_long`` reaches back far enough for "lowest close since"."""
    btc = window(btc_long, ctx.start, ctx.end)
    if btc.empty:
        return None
    level, hourly_all = ctx.level, ctx.hourly
    hourly = near_event(hourly_all, ctx.event)
    close_break = crypto_measures.first_below(btc, level, "close")
    if hourly is not None and not ctx.thesis_episode:
        trade_break, kind = crypto_measures.first_below(hourly, level, "low"), "first_hour"
    elif hourly is not None:
        asia = asian_session(ctx.event)
        brk = claims.level_break_hour(hourly_all, level, asia[1]) if asia and _in_range(ctx) else None
        row = hourly_all[hourly_all["ts"] == brk] if brk is not None else None
        trade_break = (
            crypto_measures.LevelBreak(brk, float(row["low"].iloc[0]), True)
            if row is not None and not row.empty
            else crypto_measures.first_below(hourly, level, "low")
        )
        kind = "break_hour"
    else:
        trade_break, kind = crypto_measures.first_below(btc, level, "low"), "first_traded"
    below_at_start = close_break is not None and not close_break.crossed
    low = btc.loc[btc["close"].idxmin()]
    since = crypto_measures.lowest_close_since(btc_long, low["ts"])
    return LevelModel(
        bars=btc,
        close_break=close_break if close_break is not None and close_break.crossed else None,
        trade_break=trade_break if trade_break is not None and trade_break.crossed else None,
        trade_kind=kind,
        below_at_start=below_at_start,
        lowest=since if since is not None and since.since is not None else None,
        hourly=hourly is not None,
        verdict=claims.evaluate("btc-90k", {"btc": btc_long}, ctx),
    )


@dataclass(frozen=True)
class WickModel:
    """The bars around the event (hourly where a source has them), the cascade and needle the verdict measured."""

    bars: pd.DataFrame
    hourly: bool
    sessions: tuple[tuple[str, pd.Timestamp, pd.Timestamp], ...]
    drop: crypto_measures.Drop | None
    wick: crypto_measures.Wick | None
    verdict: claims.Result


def wick_model(btc_long: pd.DataFrame, ctx: claims.Context) -> WickModel | None:
    """None when the source has no bar around the event."""
    hourly = near_event(ctx.hourly, ctx.event)
    if hourly is not None:
        bars = hourly
        sessions = tuple(
            crypto_measures.trading_sessions(bars["ts"].iloc[0], bars["ts"].iloc[-1] + pd.Timedelta(hours=1))
        )
    else:
        bars = window(btc_long, ctx.event - dt.timedelta(days=14), ctx.event + dt.timedelta(days=7))
        sessions = ()
    if bars.empty:
        return None
    drop, wick = crypto_measures.largest_drop(bars), crypto_measures.largest_wick(bars)
    if hourly is not None:  # the verdict's own cascade and needle, not a second measure
        try:
            inp = claims.btc_wick_inputs(ctx.hourly, ctx.event, ctx.intraday.get("btc_funding"))
            drop, wick = crypto_measures.Drop(inp.cascade_end, inp.drop, inp.volume_ratio), inp.needle
        except claims.NotTestable:
            pass
    verdict = claims.evaluate("btc-wick", {"btc": btc_long}, ctx)
    return WickModel(bars, hourly is not None, sessions, drop, wick, verdict)


@dataclass(frozen=True)
class CorrModel:
    """The verdict's own rolling correlations (about calendar 2025, whatever the range) and the range's daily pairs.

    ``corrs`` is empty when BTC and the index share fewer days than the shortest window (``common_days`` then
    says how many they share, from ``first_common``).
    """

    corrs: dict[int, pd.Series]
    in_2025: dict[int, pd.Series]
    pairs: pd.DataFrame  # the range's US-session returns: columns ``btc`` and ``us``
    fit: Fit | None
    event_sessions: list[pd.Timestamp]
    common_days: int
    first_common: dt.date | None
    verdict: claims.Result

    @property
    def drawn(self) -> bool:
        return any(not c.empty for c in self.corrs.values())


def corr_model(frames: dict[str, pd.DataFrame], ctx: claims.Context) -> CorrModel | None:
    """None when BTC or the index has no data."""
    if frames["btc"].empty or frames["ndx"].empty:
        return None
    btc, us = close_series(frames["btc"]), close_series(frames["ndx"])
    rets = crypto_measures.us_day_returns(btc, us)
    corrs = claims.corr_windows(frames)
    in_2025, _ = claims.corr_2025(corrs, frames, ctx)
    both = btc.index.intersection(us.index)
    pairs = rets[(rets.index >= pd.Timestamp(ctx.start)) & (rets.index <= pd.Timestamp(ctx.end))]
    return CorrModel(
        corrs=corrs,
        in_2025=in_2025,
        pairs=pairs,
        fit=ols(pairs["us"], pairs["btc"]),
        event_sessions=crypto_measures.event_sessions(pairs.index, ctx.event),
        common_days=len(both),
        first_common=both.min().date() if len(both) else None,
        verdict=claims.evaluate("btc-ndx-corr", frames, ctx),
    )


@dataclass(frozen=True)
class RetailModel:
    """Each retail proxy's moves on the event sessions and its beta to BTC (US-session returns over the range).

    ``missing`` names the series it lacks when there is nothing to show (then ``table`` is empty).
    """

    table: pd.DataFrame
    session_cols: tuple[str, ...]
    missing: tuple[str, ...]
    verdict: claims.Result | None

    BETA = "beta to BTC"
    N = "n"


def retail_model(frames: dict[str, pd.DataFrame], ctx: claims.Context) -> RetailModel:
    """Columns: the US sell-off session the episode decides (the verdict's) and the session before it; a beta to BTC
    over the range with its n."""
    wide = closes({k: window(frames[k], ctx.start, ctx.end) for k in ("btc", "ndx", *RETAIL)})
    if "ndx" not in wide or not set(RETAIL) & set(wide):
        return RetailModel(pd.DataFrame(), (), tuple(k for k in ("ndx", *RETAIL) if k not in wide), None)
    us = wide["ndx"].dropna()
    day = claims.sell_off_session(us, ctx)
    sessions = [] if day is None else [d for d in (us.index[us.index < day][-1:].tolist() + [day])]
    rows = {}
    for key in RETAIL:
        if key not in wide:
            continue
        rets = simple_returns(wide[key])
        row = {f"{d.date()}": rets.get(d) for d in sessions}
        pairs = crypto_measures.us_day_returns(wide["btc"], wide[key])
        fit = ols(pairs["btc"], pairs["us"])
        row[RetailModel.BETA] = fit.beta if fit else None
        row[RetailModel.N] = fit.n if fit else None
        rows[key] = row
    table = pd.DataFrame(rows).T
    session_cols = tuple(c for c in table.columns if c not in (RetailModel.BETA, RetailModel.N))
    return RetailModel(table, session_cols, (), claims.evaluate("retail-beta", frames, ctx))


@dataclass(frozen=True)
class LeadModel:
    """The btc-leads rule's own sample: BTC's pre-open return against the index's session over the sessions before
    the sell-off session, that session's row, and the test the verdict quotes. ``sample`` is None when the rule
    cannot be tested (the verdict says why)."""

    verdict: claims.Result
    sample: pd.DataFrame | None = None
    fit: Fit | None = None
    n_base: int = 0
    session: pd.Timestamp | None = None
    stat: str = ""


def lead_model(frames: dict[str, pd.DataFrame], ctx: claims.Context) -> LeadModel:
    verdict = claims.evaluate("btc-leads", frames, ctx)
    try:
        lead = claims.btc_leads_inputs(frames, ctx)
    except claims.NotTestable:
        return LeadModel(verdict)
    sample = pd.concat([lead.base, lead.row.to_frame().T]).astype(float)
    return LeadModel(
        verdict=verdict,
        sample=sample,
        fit=ols(lead.base["btc_pre_open"], lead.base["us_session"]),
        n_base=len(lead.base),
        session=lead.session,
        stat=lead.test.text() if lead.test else "n/a",
    )
