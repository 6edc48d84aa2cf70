"""The crypto page's claims (thesis 2.1): BTC's break, the wick, the correlation, retail beta, the lead, whales."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import crypto_measures
from analytics.claims.core import (
    FAILS,
    HOLDS,
    OPPOSITE,
    UNTESTABLE,
    Context,
    Frames,
    NotTestable,
    Part,
    Result,
    judged,
    na,
    part,
    pct,
    rule,
    sell_off_session,
)
from analytics.claims.wording import Bi, joined, reading, word
from analytics.returns import close_series, closes, simple_returns
from data_sources.meta import label as served_label

# ---------------------------------------------------------------- crypto (thesis 2.1)

SIZE_TARGET = 86_000.0  # "fell to about $86,000"
ABOUT = 0.025  # "about": within 2.5%


def _event_bars(btc: pd.DataFrame, event: dt.date) -> pd.DataFrame:
    """BTC's daily bars of the event session and the one before (the thesis's date may be Beijing time)."""
    days = btc["ts"].dt.tz_localize(None)
    near = btc[days.isin(crypto_measures.event_sessions(pd.DatetimeIndex(days), event))]
    if near.empty:
        raise NotTestable("no_btc_sessions")
    return near


def _hourly_or_none(ctx: Context) -> pd.DataFrame | None:
    return ctx.hourly if ctx.hourly is not None and not ctx.hourly.empty else None


BREAK_LOOKBACK = pd.Timedelta(days=7)  # "broke below" reaches back this far before the event's Asian session ends


def level_break_hour(hourly: pd.DataFrame, level: float, until: pd.Timestamp) -> pd.Timestamp | None:
    """The hour BTC first broke below ``level`` in the week before ``until``: the first bar trading below it right
    after an hourly close at or above it (the thesis's "Asian session" may be an earlier day's than its date)."""
    h = hourly[(hourly["ts"] >= until - BREAK_LOOKBACK) & (hourly["ts"] < until)]
    was_above = h["close"].shift(1) >= level
    broke = h[was_above & (h["low"] < level)]
    return None if broke.empty else broke["ts"].iloc[0]


@rule(
    "btc-90k",
    ("btc",),
    730,
    parts_settle={"level": "asia", "timing": "asia", "level_daily": "btc", "size": "btc", "seven_month_low": "btc"},
)
def _btc_90k(frames: Frames, ctx: Context) -> Result:
    from analytics.sessions import asian_session

    btc = frames["btc"]
    near = _event_bars(btc, ctx.event)
    low_row = near.loc[near["close"].idxmin()]
    since = crypto_measures.lowest_close_since(btc, low_row["ts"])
    day, close = low_row["ts"].date(), f"{low_row['close']:,.0f}"
    if since is not None and since.since is not None:
        months = since.months
        seven = part("seven_month_low", HOLDS if months >= 6.5 else FAILS)
        since_txt = reading("since", since=since.since.date(), months=f"{months:.1f}")
    else:
        span = (low_row["ts"] - btc["ts"].iloc[0]).days / 30.44
        seven = part("seven_month_low", HOLDS if span >= 6.5 else UNTESTABLE)
        since_txt = reading("since_all", months=f"{span:.1f}")
    level = f"{ctx.level:,.0f}"
    size = part("size", HOLDS if abs(low_row["close"] / SIZE_TARGET - 1) <= ABOUT else FAILS)
    hourly, asia = _hourly_or_none(ctx), asian_session(ctx.event)
    if hourly is None or asia is None or hourly["ts"].iloc[0] > asia[1] - BREAK_LOOKBACK:
        traded = bool((near["low"] < ctx.level).any())
        parts = [part("level_daily", HOLDS if traded else FAILS), part("timing", UNTESTABLE), size, seven]
        return judged(
            parts,
            "btc-90k.daily",
            close=close,
            day=day,
            since=since_txt,
            level=level,
            traded=word("traded" if traded else "did_not_trade"),
        )
    brk = level_break_hour(hourly, ctx.level, asia[1])
    session = asian_session(brk) if brk is not None else None  # the Asian session of the break's own day
    open_, close_ = session if session is not None else asia
    in_asia = hourly[(hourly["ts"] >= open_) & (hourly["ts"] < close_)]
    if in_asia.empty:
        raise NotTestable("no_asian_hours")
    asia_low = float(in_asia["low"].min())
    parts = [
        part("level", HOLDS if brk is not None else FAILS),
        part("timing", HOLDS if brk is not None and open_ <= brk < close_ else FAILS),
        size,
        seven,
    ]
    when = f"{brk:%Y-%m-%d %H:%M} UTC" if brk is not None else word("no_break_week")
    return judged(
        parts,
        "btc-90k.hourly",
        level=level,
        when=when,
        low=f"{asia_low:,.0f}",
        event=ctx.event,
        where=word("inside" if parts[1].outcome == HOLDS else "outside"),
        span=f"{open_:%Y-%m-%d %H:%M}-{close_:%H:%M} UTC",
        day=day,
        close=close,
        since=since_txt,
        n=len(in_asia),
    )


CASCADE_HOURS, CASCADE_DROP, CASCADE_VOLUME = 6, -0.05, 2.0
NEEDLE_WICK, NEEDLE_REBOUND, REBOUND_HOURS = 0.01, 0.03, 6
BASELINE_DAYS = 30
# Longs flushed, where open interest covers the cascade: open interest in BTC (USD value / the perpetual's price at
# the same instant: a USD value falls with the price even when no position closes) down at least 2% from the
# cascade's start to the end of the low's hour. Liquidations, where CoinGlass's Binance series covers the cascade:
# the cascade's 4-hour bars hold at least 5x the median 4-hour long liquidations of the 30 days before.
OI_FLUSH, LIQ_SPIKE = -0.02, 5.0


@dataclass(frozen=True)
class WickInputs:
    """What the btc-wick verdict and its chart's annotations both use (hourly perpetual bars)."""

    cascade_start: pd.Timestamp
    cascade_end: pd.Timestamp
    drop: float  # from the close before the cascade to its lowest low
    volume_ratio: float  # the cascade's hourly volume vs the pre-event baseline's median hour
    needle: crypto_measures.Wick
    rebound: float  # best close within REBOUND_HOURS after the needle, vs its low
    funding_before: float | None
    funding_after: float | None
    baseline_hours: int
    oi_change: float | None = None  # open interest in BTC, cascade start -> end of the low's hour
    oi_from: pd.Timestamp | None = None
    oi_to: pd.Timestamp | None = None
    oi_step: str = ""  # "5 min" or "1 h": which open-interest series measured it
    liq_long: float | None = None  # USD of long liquidations in the 4-hour bars spanning the cascade
    liq_ratio: float | None = None  # vs the median 4-hour bar of the 30 days before


def oi_in_coins(oi: pd.DataFrame, hourly: pd.DataFrame, at: pd.Timestamp) -> float | None:
    """Open interest in BTC at an instant: its USD value there divided by the perpetual's price then (the close of
    the hourly bar ending at that instant). None when either is missing."""
    value = oi.loc[oi["ts"] == at, "close"]
    price = hourly.loc[hourly["ts"] == at - pd.Timedelta(hours=1), "close"]
    if value.empty or price.empty or not price.iloc[0] > 0:
        return None
    return float(value.iloc[0] / price.iloc[0])


def oi_flush(
    series: Mapping[str, pd.DataFrame | None], hourly: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> tuple[float, str] | None:
    """Relative change of open interest in BTC from ``start`` to ``end`` (two instants on the hour), from the finest
    series that has both: (change, step)."""
    for key, step in (("btc_oi_5m", "5 min"), ("btc_oi", "1 h")):
        frame = series.get(key)
        if frame is None or frame.empty:
            continue
        a, b = oi_in_coins(frame, hourly, start), oi_in_coins(frame, hourly, end)
        if a and b:
            return b / a - 1, step
    return None


def liquidation_spike(longs: pd.DataFrame | None, start: pd.Timestamp, end: pd.Timestamp) -> tuple[float, float] | None:
    """Long liquidations (USD) in the 4-hour bars that overlap [start, end), and their ratio to the median 4-hour bar
    of the 30 days before ``start``; None where the series does not cover the span."""
    if longs is None or longs.empty or longs["ts"].iloc[-1] + pd.Timedelta(hours=4) < end:
        return None
    inside = longs[(longs["ts"] < end) & (longs["ts"] + pd.Timedelta(hours=4) > start)]
    base = longs[(longs["ts"] < start - pd.Timedelta(hours=4)) & (longs["ts"] >= start - pd.Timedelta(days=30))]
    if inside.empty or len(base) < 30:
        return None
    median = float(base["close"].median())
    total = float(inside["close"].sum())
    return total, (total / len(inside) / median if median > 0 else float("inf"))


def btc_wick_inputs(
    hourly: pd.DataFrame,
    event: dt.date,
    funding: pd.DataFrame | None,
    derivatives: Mapping[str, pd.DataFrame | None] | None = None,
) -> WickInputs:
    """Hourly bars over the event date and the day before (both readings of a Beijing date); the volume baseline is
    the 30 days before that window (no bar after the event in it); funding averaged 3 days before and after;
    open interest and long liquidations (``derivatives``: ``btc_oi``, ``btc_oi_5m``, ``btc_liq_long``) over the
    cascade where they cover it."""
    w0 = pd.Timestamp(event, tz="UTC") - pd.Timedelta(days=1)
    w1 = w0 + pd.Timedelta(days=2)
    bars = hourly[(hourly["ts"] >= w0) & (hourly["ts"] < w1)].reset_index(drop=True)
    base = hourly[(hourly["ts"] >= w0 - pd.Timedelta(days=BASELINE_DAYS)) & (hourly["ts"] < w0)]
    if len(bars) < 24 or len(base) < 24 * 7:
        raise NotTestable("few_hours")
    prev = hourly[hourly["ts"] < w0]["close"]
    closes = np.concatenate([[prev.iloc[-1] if not prev.empty else bars["open"].iloc[0]], bars["close"].to_numpy()])
    lows = bars["low"].to_numpy()
    best = (0.0, 0, 0)
    for i in range(len(bars)):
        j_end = min(len(bars), i + CASCADE_HOURS)
        j = i + int(np.argmin(lows[i:j_end]))
        drop = lows[j] / closes[i] - 1
        if drop < best[0]:
            best = (drop, i, j)
    drop, i, j = best
    median = float(base["volume"].median())
    ratio = float(bars["volume"].iloc[i : j + 1].mean() / median) if median > 0 else float("nan")
    k = int(bars["low"].idxmin())
    needle = crypto_measures.lower_wick(bars.iloc[k])
    after = hourly[
        (hourly["ts"] > bars["ts"].iloc[k]) & (hourly["ts"] <= bars["ts"].iloc[k] + pd.Timedelta(hours=REBOUND_HOURS))
    ]
    rebound = float(after["close"].max() / needle.low - 1) if not after.empty else float("nan")
    before = after_f = None
    if funding is not None and not funding.empty:
        f_before = funding[(funding["ts"] >= w0 - pd.Timedelta(days=3)) & (funding["ts"] < w0)]["close"]
        f_after = funding[
            (funding["ts"] > bars["ts"].iloc[k]) & (funding["ts"] <= bars["ts"].iloc[k] + pd.Timedelta(days=3))
        ]["close"]
        before = float(f_before.mean()) if not f_before.empty else None
        after_f = float(f_after.mean()) if not f_after.empty else None
    derivatives = derivatives or {}
    start, end = bars["ts"].iloc[i], bars["ts"].iloc[k] + pd.Timedelta(hours=1)
    flush = oi_flush(derivatives, hourly, start, end)
    liq = liquidation_spike(derivatives.get("btc_liq_long"), start, bars["ts"].iloc[j] + pd.Timedelta(hours=1))
    return WickInputs(
        bars["ts"].iloc[i],
        bars["ts"].iloc[j],
        float(drop),
        ratio,
        needle,
        rebound,
        before,
        after_f,
        len(base),
        oi_change=flush[0] if flush else None,
        oi_from=start if flush else None,
        oi_to=end if flush else None,
        oi_step=flush[1] if flush else "",
        liq_long=liq[0] if liq else None,
        liq_ratio=liq[1] if liq else None,
    )


@rule(
    "btc-wick",
    ("btc",),
    60,
)
def _btc_wick(frames: Frames, ctx: Context) -> Result:
    hourly = _hourly_or_none(ctx)
    if hourly is None:
        return _btc_wick_daily(frames, ctx)
    inp = btc_wick_inputs(hourly, ctx.event, ctx.intraday.get("btc_funding"), ctx.intraday)
    funded = inp.funding_before is not None and inp.funding_after is not None
    if inp.oi_change is not None:  # longs flushed, measured on open interest (the funding is still reported)
        flushed = part("oi_flush", HOLDS if inp.oi_change <= OI_FLUSH else FAILS)
    else:
        flushed = part(
            "funding_flush", UNTESTABLE if not funded else HOLDS if inp.funding_after < inp.funding_before else FAILS
        )
    liquidated = (
        part("liquidations", UNTESTABLE)
        if inp.liq_ratio is None
        else part("liquidation_spike", HOLDS if inp.liq_ratio >= LIQ_SPIKE else FAILS)
    )
    parts = [
        part("low_below", HOLDS if inp.needle.low < ctx.level else FAILS, premise=True, level=f"{ctx.level:,.0f}"),
        part("cascade", HOLDS if inp.drop <= CASCADE_DROP and inp.volume_ratio >= CASCADE_VOLUME else FAILS),
        part("needle", HOLDS if inp.needle.size_pct >= NEEDLE_WICK and inp.rebound >= NEEDLE_REBOUND else FAILS),
        flushed,
        liquidated,
    ]
    fund = (
        reading("funding", before=f"{inp.funding_before * 100:+.4f}", after=f"{inp.funding_after * 100:+.4f}")
        if funded
        else reading("no_funding")
    )
    if inp.oi_change is not None:
        fund = joined(
            [
                fund,
                reading(
                    "oi_drop",
                    change=f"{inp.oi_change:+.1%}",
                    start=f"{inp.oi_from:%H:%M}",
                    end=f"{inp.oi_to:%H:%M}",
                    step=word("step_5min" if inp.oi_step == "5 min" else "step_1h"),
                ),
            ]
        )
    liq_text = (
        reading("no_liquidations")
        if inp.liq_long is None
        else reading("liquidations", usd=f"{inp.liq_long / 1e6:,.1f}", ratio=f"{inp.liq_ratio:.0f}")
    )
    return judged(
        parts,
        "btc-wick.hourly",
        drop=f"{inp.drop:+.1%}",
        ratio=f"{inp.volume_ratio:.1f}",
        span=f"{inp.cascade_start:%Y-%m-%d %H:%M}-{inp.cascade_end:%H:%M} UTC",
        wick=f"{inp.needle.size_pct:.1%}",
        days=BASELINE_DAYS,
        low=f"{inp.needle.low:,.0f}",
        at=f"{inp.needle.ts:%H:%M}",
        rebound=f"{inp.rebound:+.1%}",
        hours=REBOUND_HOURS,
        funding=fund,
        liquidations=liq_text,
        n=inp.baseline_hours,
        stat=f"baseline: {inp.baseline_hours} hours before the window",
    )


def _btc_wick_daily(frames: Frames, ctx: Context) -> Result:
    """Daily bars only: the wick and the volume of the event sessions against the 30 sessions before them."""
    btc = frames["btc"]
    near = _event_bars(btc, ctx.event)
    base = btc[btc["ts"] < near["ts"].iloc[0]].tail(BASELINE_DAYS)
    median = float(base["volume"].median()) if not base.empty else float("nan")
    wick = max((crypto_measures.lower_wick(bar) for _, bar in near.iterrows()), key=lambda w: w.size_pct)
    bar = near[near["ts"] == wick.ts].iloc[0]
    if not median or math.isnan(median):
        raise NotTestable("no_volume_base")
    ratio = float(bar["volume"] / median)
    parts = [
        part("needle", HOLDS if wick.size_pct >= 0.03 else FAILS),
        part("heavy_volume", HOLDS if ratio >= 1.5 else FAILS),
        part("cascade_hours", UNTESTABLE),
        part("liquidations", UNTESTABLE),
    ]
    return judged(
        parts,
        "btc-wick.daily",
        wick=f"{wick.size_pct:.1%}",
        ratio=f"{ratio:.1f}x",
        day=wick.ts.date(),
        low=f"{wick.low:,.0f}",
        n=len(base),
    )


CORR_WINDOWS = (30, 60, 90)


def corr_windows(frames: Frames) -> dict[int, pd.Series]:
    """Rolling correlations of BTC with the Nasdaq-100 (daily returns on common US sessions) in each window, over
    all the data loaded: the verdict's computation and its chart's lines."""
    rets = crypto_measures.us_day_returns(close_series(frames["btc"]), close_series(frames["ndx"]))
    return {w: crypto_measures.rolling_corr(rets, w).dropna() for w in CORR_WINDOWS}


YEAR_2025 = (pd.Timestamp("2025-01-01"), pd.Timestamp("2026-01-01"))
HISTORY_FROM = pd.Timestamp("2023-01-01")  # "a record": against the windows of 2023-2024, whatever the view


def corr_2025(
    windows: Mapping[int, pd.Series], frames: Frames, ctx: Context
) -> tuple[dict[int, pd.Series], pd.Timestamp]:
    """Each window's rolling correlations in 2025 as known before the US sell-off session opened (windows ending on
    an earlier US session: every return in them closed before that open), and the cut used: the sell-off session, or
    1 Jan 2026 when the data do not hold one. ``windows``: ``corr_windows(frames)``, computed once by the caller.
    The verdict's "2025 peaks" and the section's chart both read this."""
    ndx = close_series(frames["ndx"])
    session = sell_off_session(ndx, ctx) if ctx.anchor.tz_localize(None) < YEAR_2025[1] else None
    cut = min(session, YEAR_2025[1]) if session is not None else YEAR_2025[1]
    return {w: c[(c.index >= YEAR_2025[0]) & (c.index < cut)] for w, c in windows.items()}, cut


@rule(
    "btc-ndx-corr",
    ("btc", "ndx"),
    1300,  # any view starting in 2025 reaches back to the history's first window (2023, plus a 90-session warm-up)
    needs_event=False,
    generic=True,
)
def _btc_ndx_corr(frames: Frames, ctx: Context) -> Result:
    rets = crypto_measures.us_day_returns(close_series(frames["btc"]), close_series(frames["ndx"]))
    y0 = YEAR_2025[0]
    peaks, history, n = {}, {}, {}
    windows = corr_windows(frames)
    known, _ = corr_2025(windows, frames, ctx)
    for w in CORR_WINDOWS:
        corr = windows[w]
        in_2025 = known[w]
        if not in_2025.empty:
            peaks[w] = (float(in_2025.max()), in_2025.idxmax())
            n[w] = len(in_2025)
        before = corr[(corr.index >= HISTORY_FROM) & (corr.index < y0)]
        if not before.empty:
            history[w] = float(before.max())
    if not peaks:
        raise NotTestable("no_2025")
    best = max(peaks, key=lambda w: peaks[w][0])
    peak, at = peaks[best]
    above = part("above_08", HOLDS if peak > 0.8 else FAILS)
    label = served_label(frames, "ndx", "Nasdaq-100")
    if best in history:
        record = part("record", HOLDS if peak > history[best] else FAILS)
        rec_txt = reading("record_history", window=best, value=f"{history[best]:.2f}")
    else:
        record = part("record", UNTESTABLE)
        rec_txt = reading("record_none", first=rets.index[0].date() if not rets.empty else "?")
    all_w = ", ".join(f"{w}d {peaks[w][0]:.2f}" for w in CORR_WINDOWS if w in peaks)
    return judged(
        [above, record],
        "btc-ndx-corr",
        windows=all_w,
        label=label,
        peak=f"{peak:.2f}",
        window=best,
        at=at.date(),
        known=max(c.index.max() for c in known.values() if not c.empty).date(),
        record=rec_txt,
        n=n[best],
        stat=f"{best}-session window, {n[best]} windows in 2025",
    )


RETAIL_TARGETS = {"hood": -0.10, "coin": -0.07}  # "HOOD fell about 10% and COIN about 7%"
RETAIL_ABOUT = 0.3  # "about": within 30% of the stated move
BETA_SESSIONS = 250


def _about_part(name: str, move: float, target: float) -> Part:
    """``move`` within ``RETAIL_ABOUT`` (30%) of a negative ``target``; a rise is the opposite of a fall."""
    outcome = OPPOSITE if move >= 0 else HOLDS if target < 0 and abs(move / target - 1) <= RETAIL_ABOUT else FAILS
    return part("about_move", outcome, name=name, target=f"{target:.1%}")


@rule(
    "retail-beta",
    ("hood", "coin", "ndx"),
    400,
    generic=True,
)
def _retail_beta(frames: Frames, ctx: Context) -> Result:
    from analytics.stats import beta as fit_beta

    wide = closes({k: frames[k] for k in ("hood", "coin", "ndx")})
    session = sell_off_session(wide["ndx"], ctx)
    if session is None:
        raise NotTestable("no_us_session")
    rets = simple_returns(wide)
    moves = {k: rets[k].get(session, np.nan) for k in ("hood", "coin", "ndx")}
    if any(math.isnan(v) for v in moves.values()):
        raise NotTestable("retail_missing", day=session.date())
    base = rets[rets.index < session].tail(BETA_SESSIONS)
    betas = {k: fit_beta(base["ndx"], base[k]) for k in ("hood", "coin")}
    if ctx.thesis_episode:
        targets, said = RETAIL_TARGETS, reading("thesis_targets")
        parts = [_about_part(k.upper(), moves[k], targets[k]) for k in ("hood", "coin")]
    else:  # another sell-off: the falls each stock's pre-event beta implies, not the thesis's -10% / -7%
        if any(betas[k] is None for k in ("hood", "coin")):
            raise NotTestable("retail_missing", day=session.date())
        said = reading("beta_targets")
        parts = [part("us_fell", HOLDS if moves["ndx"] < 0 else FAILS, premise=True)]
        parts += [_about_part(k.upper(), moves[k], betas[k].beta * moves["ndx"]) for k in ("hood", "coin")]
    implied = [
        reading(
            "beta_implies",
            name=k.upper(),
            beta=f"{b.beta:.2f}",
            ci=f"{b.half_width:.2f}",
            n=b.n,
            move=pct(b.beta * moves["ndx"]),
        )
        for k, b in betas.items()
        if b
    ]
    n = min((b.n for b in betas.values() if b), default=None)
    return judged(
        parts,
        "retail-beta",
        hood=pct(moves["hood"]),
        coin=pct(moves["coin"]),
        ndx=pct(moves["ndx"]),
        day=session.date(),
        targets=said,
        betas=joined(implied) if implied else reading("few_sessions"),
        n=n,
        stat="pre-event OLS betas, 95% interval" if n else "",
    )


LEAD_SESSIONS, LEAD_MIN_N = 250, 60


def btc_pre_open_table(hourly: pd.DataFrame, us_daily: pd.DataFrame) -> pd.DataFrame:
    """Per US session: BTC's return from the previous US close to this open, and the index's open-to-close return.

    Non-overlapping windows on timestamps from the NYSE calendar (weekends and holidays folded into the BTC
    window; early closes honoured). BTC's price at an instant is the open of the hourly bar holding it, so
    no price is more than an hour older than the instant it stands for.
    """
    from analytics.sessions import sessions_between

    if hourly.empty or us_daily.empty:
        return pd.DataFrame(columns=["btc_pre_open", "us_session"])
    bars = hourly.set_index("ts")["open"].astype(float)
    bars = bars[~bars.index.duplicated(keep="first")]
    days = sessions_between("XNYS", hourly["ts"].iloc[0], hourly["ts"].iloc[-1])
    if days.empty:
        return pd.DataFrame(columns=["btc_pre_open", "us_session"])
    us = us_daily.assign(day=us_daily["ts"].dt.tz_localize(None)).set_index("day")
    us = us[~us.index.duplicated(keep="first")]
    # each session's window runs from the previous session's close (the one before it on the calendar) to its open
    before = bars.reindex(days["close"].shift(1).dt.floor("h")).to_numpy()
    at_open = bars.reindex(days["open"].dt.floor("h")).to_numpy()
    o = us["open"].reindex(days.index).to_numpy(dtype=float)
    c = us["close"].reindex(days.index).to_numpy(dtype=float)
    ok = ~(np.isnan(before) | np.isnan(at_open) | np.isnan(o) | np.isnan(c)) & (o > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pd.DataFrame({"btc_pre_open": at_open / before - 1, "us_session": c / o - 1}, index=days.index)
    return table[ok].sort_index()


@dataclass(frozen=True)
class LeadInputs:
    """What the btc-leads rule and its chart both use: the sell-off session, its row, the pre-event sample, the test."""

    session: pd.Timestamp
    row: pd.Series
    base: pd.DataFrame
    test: object  # stats.CorrTest | None


def btc_leads_inputs(frames: Frames, ctx: Context) -> LeadInputs:
    """The one computation behind the btc-leads verdict and the section's chart (raises ``NotTestable``)."""
    from analytics.stats import corr_test

    hourly = _hourly_or_none(ctx)
    if hourly is None:
        raise NotTestable("needs_hourly")
    if frames["ndx"].empty:
        raise NotTestable("no_ndx")
    session = sell_off_session(close_series(frames["ndx"]), ctx)
    if session is None:
        raise NotTestable("no_us_session")
    table = btc_pre_open_table(hourly, frames["ndx"])
    if session not in table.index:
        raise NotTestable("no_open", day=session.date())
    base = table[table.index < session].tail(LEAD_SESSIONS)
    test = corr_test(base["btc_pre_open"], base["us_session"]) if len(base) >= LEAD_MIN_N else None
    return LeadInputs(session, table.loc[session], base, test)


@rule(
    "btc-leads",
    ("btc", "ndx"),
    10,
    generic=True,
    parts_settle={"btc_fell_first": "ndx:open", "predictive": "ndx:open", "index_fell": "ndx"},
)
def _btc_leads(frames: Frames, ctx: Context) -> Result:
    lead = btc_leads_inputs(frames, ctx)
    session, base, test, row = lead.session, lead.base, lead.test, lead.row
    if test is None:
        foretold = part("predictive", UNTESTABLE)
    elif test.p < 0.05:
        foretold = part("predictive", HOLDS if test.r > 0 else OPPOSITE)
    else:
        foretold = part("predictive", FAILS)
    parts = [
        part("btc_fell_first", HOLDS if row["btc_pre_open"] < 0 else OPPOSITE),
        part("index_fell", HOLDS if row["us_session"] < 0 else FAILS, premise=True),
        foretold,
    ]
    tested = Bi(test.text(), test.text()) if test else reading("few_lead_sessions", n=len(base), need=LEAD_MIN_N)
    robust = lead_robustness(base) if test else Bi("", "")
    return judged(
        parts,
        "btc-leads",
        night=pct(row["btc_pre_open"]),
        day=pct(row["us_session"]),
        session=session.date(),
        sessions=len(base),
        test=tested,
        robust=robust,
        n=len(base),
        stat=tested.en,
    )


LEAD_SHORT = 120  # sessions: the recent half of the sample


def lead_robustness(base: pd.DataFrame) -> Bi:
    """The same test three other ways (each with n and p): on ranks (Spearman: Pearson of ranks, t-test), on the
    last ``LEAD_SHORT`` sessions only, and without Mondays (whose pre-open window holds a weekend)."""
    from analytics.stats import corr_test

    def told(t: object) -> str:
        return t.text() if t is not None else "n/a (too few)"

    ranks = base.rank()
    recent = base.tail(LEAD_SHORT)
    weekdays = base[pd.DatetimeIndex(base.index).weekday != 0]
    return reading(
        "lead_robust",
        rank=told(corr_test(ranks["btc_pre_open"], ranks["us_session"])),
        short=LEAD_SHORT,
        recent=told(corr_test(recent["btc_pre_open"], recent["us_session"])),
        weekdays=told(corr_test(weekdays["btc_pre_open"], weekdays["us_session"])),
    )


@rule(
    "whales",
    (),
    0,
)
def _whales(frames: Frames, ctx: Context) -> Result:
    if ctx.extras.get("onchain_configured"):
        return na("onchain_adapter")
    return na("onchain")
