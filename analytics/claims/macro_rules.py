"""The macro page's claims (thesis 2.3): December cut odds, duration, policy paralysis."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analytics.claims.core import (
    FAILS,
    HOLDS,
    OPPOSITE,
    UNTESTABLE,
    Context,
    Frames,
    NotTestable,
    Result,
    event_date,
    judged,
    part,
    rule,
    sell_off_session,
)
from analytics.claims.wording import Bi, reading
from analytics.constants import THESIS_DATE
from analytics.returns import close_series
from data_sources.meta import label as served_label

# ---------------------------------------------------------------- macro (thesis 2.3)

REPORTED_CUT_ODDS = {"week_before": 0.65, "event": 0.35}  # the thesis's figures, shown as "reported, not computed"


def odds_instants(frames: Frames, ctx: Context) -> tuple[dt.date, pd.Timestamp, pd.Timestamp]:
    """Where the cut-odds claim is read: the US sell-off session (the Nasdaq-100's first session to close after the
    anchor), its NYSE close ("at the close", UTC) and the same instant seven days before ("a week earlier")."""
    from analytics.sessions import session as exchange_session

    ndx = frames.get("ndx")
    day = sell_off_session(close_series(ndx), ctx) if ndx is not None and not ndx.empty else None
    day = day.date() if day is not None else ctx.event
    hours = exchange_session("XNYS", day)
    if hours is None:
        raise NotTestable("not_nyse", day=day)
    return day, hours[1], hours[1] - pd.Timedelta(days=7)


def reported_cut_odds(frames: Frames | None = None, ctx: Context | None = None) -> dict[pd.Timestamp, float]:
    """The thesis's reported odds at the instants the verdict reads them (a week before the close, the close of the
    US sell-off session: 13 and 20 Nov 2025, 21:00 UTC); without a context, the thesis's own episode."""
    if ctx is None:
        ctx = Context(THESIS_DATE - dt.timedelta(days=42), THESIS_DATE + dt.timedelta(days=14), THESIS_DATE)
    try:
        _, close_at, week_at = odds_instants(frames or {}, ctx)
    except NotTestable:
        return {}
    return {week_at: REPORTED_CUT_ODDS["week_before"], close_at: REPORTED_CUT_ODDS["event"]}


def cut_odds_table(frames: Frames, meeting: dt.date, shift: float = 0.0) -> pd.DataFrame:
    """FedWatch odds per day for the 10 Dec 2025 meeting (no look-ahead, meetings chained).

    Contract choice: the December contract (ZQZ25) holds the meeting (the 10th of a 31-day month, so the month splits
    10/21 and is well conditioned). Its starting rate is chained through the November contract (ZQX25: November has no
    meeting, so 100 - its price is the rate the market expects after the October decision), else the daily effective
    rate (DFF) known that day, i.e. the previous day's print. The monthly FEDFUNDS average is never used: it is
    published after its month. ``shift`` moves every December price (a 1 bp sensitivity check)."""
    from analytics.fedwatch import odds_series

    zq = close_series(frames["zq_dec25"]) + shift
    pre = close_series(frames["dff"]) if "dff" in frames and not frames["dff"].empty else None
    prior = close_series(frames["zq_nov25"]) if "zq_nov25" in frames and not frames["zq_nov25"].empty else None
    nxt = close_series(frames["zq_jan26"]) if "zq_jan26" in frames and not frames["zq_jan26"].empty else None
    return odds_series(zq, meeting, pre_rate=pre, prior_month=prior, next_month=nxt)


ODDS_KEYS = (("cut_odds_poly", "Polymarket"), ("cut_odds_kalshi", "Kalshi"))
ODDS_ABOUT = 0.10  # "35%": within 10 points
ODDS_STALE = pd.Timedelta(hours=2)  # a quote older than this does not stand for the instant


def odds_at(series: pd.DataFrame, instant: pd.Timestamp) -> tuple[pd.Timestamp, float] | None:
    """The last quote at or before ``instant`` (never one published later), if it is at most two hours old."""
    known = series[series["ts"] <= instant]
    if known.empty or instant - known["ts"].iloc[-1] > ODDS_STALE:
        return None
    return known["ts"].iloc[-1], float(known["close"].iloc[-1])


def prediction_market_odds(intraday: Mapping[str, pd.DataFrame], instant: pd.Timestamp) -> dict[str, float]:
    out = {}
    for key, market in ODDS_KEYS:
        frame = intraday.get(key)
        got = odds_at(frame, instant) if frame is not None and not frame.empty else None
        if got:
            out[market] = got[1]
    return out


@rule(
    "cut-odds",
    (),
    30,
    settles_on=("ndx",),  # read at the NYSE close of the US sell-off session
)
def _cut_odds(frames: Frames, ctx: Context) -> Result:
    if "zq_dec25" in frames and not frames["zq_dec25"].empty:
        return _cut_odds_futures(frames, ctx)
    if not any(k in ctx.intraday and not ctx.intraday[k].empty for k, _ in ODDS_KEYS):
        raise NotTestable("no_odds")
    day, close_at, week_at = odds_instants(frames, ctx)
    now, then = prediction_market_odds(ctx.intraday, close_at), prediction_market_odds(ctx.intraday, week_at)
    if not now:
        raise NotTestable("no_quote", day=day)
    a = sum(now.values()) / len(now)
    at_close = part("odds_at_close", HOLDS if abs(a - REPORTED_CUT_ODDS["event"]) <= ODDS_ABOUT else FAILS)
    markets = ", ".join(f"{m} {v:.0%}" for m, v in now.items())
    first = min(ctx.intraday[k]["ts"].iloc[0] for k, _ in ODDS_KEYS if k in ctx.intraday and not ctx.intraday[k].empty)
    if then:
        b = sum(then.values()) / len(then)
        week = part("odds_week_before", HOLDS if abs(b - REPORTED_CUT_ODDS["week_before"]) <= ODDS_ABOUT else FAILS)
        fall = part("odds_fall", HOLDS if b - a >= 0.20 else OPPOSITE if b < a else FAILS)
        then_txt = reading("odds_then", odds=f"{b:.0%}", at=f"{week_at:%Y-%m-%d %H:%M}")
    else:
        week, fall = part("odds_week_before", UNTESTABLE), part("odds_fall", UNTESTABLE)
        then_txt = reading("odds_before_first", day=f"{week_at:%Y-%m-%d}", first=f"{first:%Y-%m-%d %H:%M}")
    thesis = f"{REPORTED_CUT_ODDS['week_before']:.0%} -> {REPORTED_CUT_ODDS['event']:.0%}"
    return judged(
        [at_close, week, fall],
        "cut-odds.markets",
        odds=f"{a:.0%}",
        day=day,
        label=reading("odds_label"),
        at=f"{close_at:%H:%M}",
        markets=markets,
        then=then_txt,
        thesis=thesis,
        n=len(now),
    )


def _cut_odds_futures(frames: Frames, ctx: Context) -> Result:
    """FedWatch method on the December 2025 future (live sources only: no futures settles are in the snapshot)."""
    meeting = event_date(ctx, "fomc-dec")
    if meeting is None:
        raise NotTestable("no_fomc")
    if not any(k in frames and not frames[k].empty for k in ("dff", "zq_nov25")):
        raise NotTestable("no_start_rate")
    odds = cut_odds_table(frames, meeting.date())["cut_probability"]
    up = cut_odds_table(frames, meeting.date(), +0.01)["cut_probability"]
    down = cut_odds_table(frames, meeting.date(), -0.01)["cut_probability"]
    # the same session, tolerance and parts as the prediction-market path: the settle of the US sell-off session
    # (a daily settle is that session's close) and the last settle at or before seven days earlier
    ndx = frames.get("ndx")
    session = sell_off_session(close_series(ndx), ctx) if ndx is not None and not ndx.empty else None
    ev = session if session is not None else pd.Timestamp(ctx.event)
    at, before = odds[odds.index <= ev], odds[odds.index <= ev - pd.Timedelta(days=7)]
    if at.empty or before.empty:
        raise NotTestable("no_week")
    a, b = float(at.iloc[-1]), float(before.iloc[-1])
    parts = [
        part("odds_at_close", HOLDS if abs(a - REPORTED_CUT_ODDS["event"]) <= ODDS_ABOUT else FAILS),
        part("odds_week_before", HOLDS if abs(b - REPORTED_CUT_ODDS["week_before"]) <= ODDS_ABOUT else FAILS),
        part("odds_fall", HOLDS if b - a >= 0.20 else OPPOSITE if b < a else FAILS),
    ]
    thesis = f"{REPORTED_CUT_ODDS['week_before']:.0%} -> {REPORTED_CUT_ODDS['event']:.0%}"
    then, now = before.index[-1].date(), at.index[-1].date()
    day = at.index[-1]
    swing = max(abs(float(up.get(day, a)) - a), abs(float(down.get(day, a)) - a))
    return judged(
        parts,
        "cut-odds.futures",
        then_odds=f"{b:.0%}",
        odds=f"{a:.0%}",
        then=then,
        day=now,
        thesis=thesis,
        swing=f"{swing * 100:.0f}",
        stat=f"1 bp price sensitivity: ±{swing * 100:.0f} points",
    )


DURATION_SESSIONS = 250


def duration_sample(frames: Frames, ctx: Context) -> pd.DataFrame:
    """The duration rule's sample, which its chart draws too: 10-year yield changes (bp) and Nasdaq-100 / S&P 500
    returns (``macro.duration_table``) on the 250 common New York days before the Nasdaq-100's sell-off session
    (all three series are New York dates, closed before that session opened): a pre-event estimate that no view's
    range or later day moves. Raises ``NotTestable`` without the sell-off session or five common days."""
    from analytics.macro import duration_table

    ndx = close_series(frames["ndx"])
    day = sell_off_session(ndx, ctx)
    if day is None:
        raise NotTestable("no_us_session")
    table = duration_table(close_series(frames["dgs10"]), ndx, close_series(frames["spx"]))
    table = table[table.index < day].tail(DURATION_SESSIONS)
    if len(table) < 5:
        raise NotTestable("few_common_days")
    return table


@rule(
    "duration",
    ("dgs10", "ndx", "spx"),
    400,
)
def _duration(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import table_stats
    from analytics.stats import p_text

    stats = table_stats(duration_sample(frames, ctx))
    c, p = stats["corr_growth_minus_broad"], stats["p_growth_minus_broad"]
    label = served_label(frames, "ndx", "Nasdaq-100")
    n, slope = int(stats["n"]), f"{stats['slope_per_10bp'] * 100:+.2f}"
    hit = part("growth_lagged", HOLDS if c < 0 and p < 0.05 else OPPOSITE if c > 0 and p < 0.05 else FAILS)
    return judged(
        [hit],
        "duration",
        corr=f"{c:+.2f}",
        p=p_text(p),
        label=label,
        slope=slope,
        n=n,
        stat=f"p {p_text(p)} (t-test), n = {n}",
    )


THESIS_JOBS = {"payrolls_k": 119.0, "unemployment": 4.4}  # "Sept payrolls +119k while unemployment rose to 4.4%"


@rule(
    "paralysis",
    ("payems", "unrate"),
    800,
)
def _paralysis(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import labour_table, latest_release_before

    ref = latest_release_before(pd.Timestamp(ctx.event))
    if ref is None:
        raise NotTestable("no_release")
    table = labour_table(close_series(frames["payems"]), close_series(frames["unrate"]), months=400)
    month = Bi(f"{ref:%B %Y}", f"{ref.year} 年 {ref.month} 月")
    if ref not in table.index:
        raise NotTestable("no_report", month=month)
    row = table.loc[ref]
    year_ago = ref - pd.DateOffset(years=1)
    ur_then = table["unemployment_rate"].get(year_ago, np.nan)
    ur_before = table["unemployment_rate"].get(ref - pd.DateOffset(months=1), np.nan)
    pay, ur = row["payrolls_change_k"], row["unemployment_rate"]
    if any(math.isnan(v) for v in (pay, ur, ur_then)):
        raise NotTestable("incomplete_report", month=month)
    released = row["released"].date()
    thesis_month = ctx.event == THESIS_DATE
    parts = [
        part("payrolls_growing", HOLDS if pay > 0 else FAILS),
        part("unemployment_up", HOLDS if ur - ur_then >= 0.3 - 1e-9 else FAILS),
    ]
    first = Bi("", "")
    if thesis_month:
        stated = THESIS_JOBS["unemployment"]
        rose = ur > ur_before and abs(ur - stated) < 0.05 if not math.isnan(ur_before) else None
        rate = f"{stated:.1f}"
        parts.append(part("rose_to", UNTESTABLE if rose is None else HOLDS if rose else FAILS, rate=rate))
        parts.append(part("first_print", UNTESTABLE))
        first = reading(
            "first_print", payrolls=f"{THESIS_JOBS['payrolls_k']:+,.0f}", rate=f"{THESIS_JOBS['unemployment']:.1f}"
        )
    return judged(
        parts,
        "paralysis",
        payrolls=f"{pay:+,.0f}",
        rate=f"{ur:.1f}",
        rate_then=f"{ur_then:.1f}",
        month=month,
        released=released,
        first=first,
    )
