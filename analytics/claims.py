"""The thesis's claims as checks against data: one rule per claim id, stated next to its code.

Claims are declared in ``data/claims.csv`` (id, section, page, claim text in both languages); each id
has a rule here that turns frames into a figure, a verdict and a one-line reading. Adding a claim is
adding a row and a function. Rules see frames that start ``lookback_days`` before the range.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import crypto as cx
from analytics.returns import closes, simple_returns

CLAIMS_FILE = Path(__file__).resolve().parent.parent / "data" / "claims.csv"

SUPPORTED, NOT_SUPPORTED, NOT_MEASURABLE = "supported", "not_supported", "not_measurable"
Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Context:
    start: dt.date
    end: dt.date
    event: dt.date
    level: float = 90_000.0
    window: int = 60
    hourly: pd.DataFrame | None = None  # BTC hourly bars around the event, when a source has them
    extras: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    figure: str
    verdict: str
    detail: str


@dataclass(frozen=True)
class Rule:
    id: str
    keys: tuple[str, ...]
    lookback_days: int
    statement: str
    fn: Callable[[Frames, Context], Result]


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    page: str
    text_en: str
    text_zh: str

    def text(self, lang: str = "en") -> str:
        return self.text_zh if lang == "zh" else self.text_en


@lru_cache(maxsize=2)
def load_claims(path: Path = CLAIMS_FILE) -> tuple[Claim, ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tuple(Claim(r["id"], r["section"], r["page"], r["claim_en"], r["claim_zh"]) for _, r in table.iterrows())


RULES: dict[str, Rule] = {}


def rule(id: str, keys: tuple[str, ...], lookback_days: int, statement: str):
    def register(fn: Callable[[Frames, Context], Result]) -> Callable[[Frames, Context], Result]:
        RULES[id] = Rule(id, keys, lookback_days, statement, fn)
        return fn

    return register


def evaluate(claim_id: str, frames: Frames, ctx: Context) -> Result:
    """Run a claim's rule; missing data is 'not measurable', never an exception."""
    rule_ = RULES.get(claim_id)
    if rule_ is None:
        return Result("n/a", NOT_MEASURABLE, "no rule for this claim yet")
    missing = [k for k in rule_.keys if k not in frames or frames[k].empty]
    if missing:
        return Result("n/a", NOT_MEASURABLE, f"no data for {', '.join(missing)} in this range and source")
    try:
        return rule_.fn(frames, ctx)
    except (ValueError, KeyError, IndexError, ZeroDivisionError) as exc:
        return Result("n/a", NOT_MEASURABLE, f"cannot be computed on this range ({type(exc).__name__})")


# ---------------------------------------------------------------- helpers

def window(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Rows of a tidy (sorted) frame from ``start`` to ``end`` inclusive, by binary search (pages call this a lot)."""
    if frame.empty:
        return frame
    bounds = np.array([np.datetime64(start, "ns"), np.datetime64(end + dt.timedelta(days=1), "ns")])
    i, j = np.searchsorted(frame["ts"].dt.tz_convert(None).to_numpy().astype("datetime64[ns]"), bounds)
    return frame.iloc[i:j].reset_index(drop=True)


def close_series(frame: pd.DataFrame) -> pd.Series:
    return closes({"x": frame})["x"] if not frame.empty else pd.Series(dtype=float)


def sell_off_session(index_closes: pd.Series, event: dt.date) -> pd.Timestamp | None:
    """Of the event session and the one before (the thesis's date may be Beijing time), the worse one."""
    sessions = cx.event_sessions(index_closes.dropna().index, event)
    rets = simple_returns(index_closes)
    scored = [(rets.get(s, np.nan), s) for s in sessions]
    scored = [(r, s) for r, s in scored if not math.isnan(r)]
    return min(scored)[1] if scored else None


def _pct(x: float) -> str:
    return f"{x:+.1%}"


# ---------------------------------------------------------------- crypto (thesis 2.1)

@rule("btc-90k", ("btc",), 730,
      "Supported when BTC traded below the level on the event session or the one before, and the lowest close "
      "of those sessions was the lowest in at least six months.")
def _btc_90k(frames: Frames, ctx: Context) -> Result:
    btc = frames["btc"]
    win = window(btc, ctx.start, ctx.end)
    sessions = cx.event_sessions(pd.DatetimeIndex(btc["ts"].dt.tz_localize(None)), ctx.event)
    if win.empty or not sessions:
        return Result("n/a", NOT_MEASURABLE, "no BTC sessions around the event date in this range")
    near = btc[btc["ts"].dt.tz_localize(None).isin(sessions)]
    first_trade = cx.first_below(win, ctx.level, "low")
    first_close = cx.first_below(win, ctx.level, "close")
    low_row = near.loc[near["close"].idxmin()]
    since = cx.lowest_close_since(btc, low_row["ts"])
    traded_below = bool((near["low"] < ctx.level).any())
    months = since.months if since and since.months is not None else (99.0 if since else 0.0)
    verdict = SUPPORTED if traded_below and months >= 6 else NOT_SUPPORTED
    since_txt = (f"lowest close since {since.since.date()} ({since.months:.1f} months)" if since and since.since is not None
                 else "lowest close in all the data loaded")
    first_txt = ("never traded below in range" if first_trade is None
                 else f"first traded below on {first_trade.ts.date()}" if first_trade.crossed
                 else f"already traded below at the range start ({first_trade.ts.date()})")
    close_txt = ("" if first_close is None
                 else f", first closed below on {first_close.ts.date()}" if first_close.crossed
                 else f", already closed below at the range start ({first_close.ts.date()})")
    return Result(
        f"{low_row['close']:,.0f} on {low_row['ts'].date()}: {since_txt}",
        verdict,
        f"BTC {first_txt}{close_txt} (level {ctx.level:,.0f}); its {low_row['ts'].date()} close of "
        f"{low_row['close']:,.0f} was the {since_txt}.",
    )


@rule("btc-wick", ("btc",), 60,
      "Supported when, on the event session or the one before, BTC's volume was at least 1.5x the window's median and "
      "its lower wick at least 3% of the price (a needle-like low on heavy trading).")
def _btc_wick(frames: Frames, ctx: Context) -> Result:
    btc = window(frames["btc"], ctx.start, ctx.end)
    sessions = cx.event_sessions(pd.DatetimeIndex(btc["ts"].dt.tz_localize(None)), ctx.event)
    near = btc[btc["ts"].dt.tz_localize(None).isin(sessions)]
    if near.empty:
        return Result("n/a", NOT_MEASURABLE, "no BTC sessions around the event date in this range")
    median = btc["volume"].median()
    best = None
    for _, bar in near.iterrows():
        wick = cx.lower_wick(bar)
        ratio = bar["volume"] / median if median and not math.isnan(median) else float("nan")
        if best is None or wick.size_pct > best[0].size_pct:
            best = (wick, ratio)
    wick, ratio = best
    verdict = SUPPORTED if wick.size_pct >= 0.03 and ratio >= 1.5 else NOT_SUPPORTED
    basis = "hourly bars" if ctx.hourly is not None and not ctx.hourly.empty else "daily bars (hourly unavailable here)"
    return Result(
        f"wick {wick.size_pct:.1%}, volume {ratio:.1f}x median",
        verdict,
        f"On {wick.ts.date()} BTC's low of {wick.low:,.0f} left a lower wick of {wick.size:,.0f} ({wick.size_pct:.1%}) "
        f"on {ratio:.1f}x the window's median volume ({basis}).",
    )


@rule("btc-ndx-corr", ("btc", "ndx"), 150,
      "Supported when the rolling correlation of daily returns (the selected window, US trading days) exceeds 0.8 "
      "somewhere in the range.")
def _btc_ndx_corr(frames: Frames, ctx: Context) -> Result:
    rets = cx.us_day_returns(close_series(frames["btc"]), close_series(frames["ndx"]))
    corr = cx.rolling_corr(rets, ctx.window)
    corr = corr[(corr.index >= pd.Timestamp(ctx.start)) & (corr.index <= pd.Timestamp(ctx.end))]
    if corr.empty:
        return Result("n/a", NOT_MEASURABLE, f"the range is too short for a {ctx.window}-day correlation")
    peak, at = float(corr.max()), corr.idxmax()
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    holds = "holds" if peak > 0.8 else "does not hold"
    return Result(
        f"max {ctx.window}d corr = {peak:.2f}",
        SUPPORTED if peak > 0.8 else NOT_SUPPORTED,
        f"{ctx.window}-day correlation of BTC with {label} peaked at {peak:.2f} on {at.date()}: the > 0.8 claim {holds} "
        f"in this window.",
    )


@rule("retail-beta", ("hood", "coin", "ndx"), 10,
      "Supported when, on the sell-off session (the worse of the event session and the one before), HOOD fell at least "
      "7% and COIN at least 4.9% (70% of the thesis's 10% and 7%).")
def _retail_beta(frames: Frames, ctx: Context) -> Result:
    wide = closes({k: frames[k] for k in ("hood", "coin", "ndx")})
    session = sell_off_session(wide["ndx"], ctx.event)
    if session is None:
        return Result("n/a", NOT_MEASURABLE, "no US session around the event date in this range")
    hood = simple_returns(wide["hood"]).get(session, np.nan)
    coin = simple_returns(wide["coin"]).get(session, np.nan)
    if math.isnan(hood) or math.isnan(coin):
        return Result("n/a", NOT_MEASURABLE, f"HOOD or COIN did not trade on {session.date()}")
    ok = hood <= -0.07 and coin <= -0.049
    return Result(
        f"HOOD {_pct(hood)}, COIN {_pct(coin)} on {session.date()}",
        SUPPORTED if ok else NOT_SUPPORTED,
        f"On the sell-off session {session.date()} HOOD moved {_pct(hood)} and COIN {_pct(coin)} "
        f"(thesis: about -10% and -7%).",
    )


@rule("btc-leads", ("btc", "ndx"), 10,
      "Hourly BTC: supported when BTC fell between the previous US close and the US open of the sell-off session, the "
      "index then fell open-to-close, and over the range the two are positively correlated. Daily only: the same with "
      "BTC's return over the UTC day before the session, and a lag-1 correlation above 0.2.")
def _btc_leads(frames: Frames, ctx: Context) -> Result:
    btc_c, us_c = close_series(frames["btc"]), close_series(frames["ndx"])
    us_c = us_c[(us_c.index >= pd.Timestamp(ctx.start)) & (us_c.index <= pd.Timestamp(ctx.end))]
    session = sell_off_session(us_c, ctx.event)
    if session is None:
        return Result("n/a", NOT_MEASURABLE, "no US session around the event date in this range")
    us_ret = simple_returns(us_c)
    if ctx.hourly is not None and not ctx.hourly.empty:
        table = cx.overnight_vs_session(ctx.hourly, window(frames["ndx"], ctx.start, ctx.end))
        if session in table.index and len(table) > 3:
            row = table.loc[session]
            corr = table["btc_overnight"].corr(table["us_session"])
            ok = row["btc_overnight"] < 0 and row["us_session"] < 0 and corr > 0
            return Result(
                f"BTC overnight {_pct(row['btc_overnight'])}, index session {_pct(row['us_session'])}; corr {corr:.2f}",
                SUPPORTED if ok else NOT_SUPPORTED,
                f"Before the {session.date()} open BTC moved {_pct(row['btc_overnight'])}; the index then moved "
                f"{_pct(row['us_session'])} open-to-close; over {len(table)} days the correlation is {corr:.2f}.",
            )
    btc_ret = simple_returns(btc_c)
    lag = cx.lagged_corr(btc_ret, us_ret, range(1, 2)).get(1, np.nan)
    prev_day = session - pd.Timedelta(days=1)
    btc_before = btc_ret.get(prev_day, np.nan)
    us_on = us_ret.get(session, np.nan)
    if any(math.isnan(v) for v in (lag, btc_before, us_on)):
        return Result("n/a", NOT_MEASURABLE, "not enough overlapping days in this range")
    ok = btc_before < 0 and us_on < 0 and lag > 0.2
    return Result(
        f"lag-1 corr {lag:.2f}; BTC {_pct(btc_before)} the day before",
        SUPPORTED if ok else NOT_SUPPORTED,
        f"Daily bars only: BTC moved {_pct(btc_before)} over {prev_day.date()} (UTC), the index {_pct(us_on)} on "
        f"{session.date()}; lag-1 correlation over the range {lag:.2f}.",
    )


@rule("whales", (), 0,
      "Measurable only with an on-chain data source (cohort balances by holding size and age); none is configured.")
def _whales(frames: Frames, ctx: Context) -> Result:
    if ctx.extras.get("onchain_configured"):
        return Result("n/a", NOT_MEASURABLE, "an on-chain key is configured, but no cohort adapter is built yet")
    return Result("n/a", NOT_MEASURABLE, "needs on-chain cohort data (e.g. Glassnode, CryptoQuant); none configured")


# ---------------------------------------------------------------- global tech (thesis 2.2)

def _event_date(ctx: Context, event_id: str) -> pd.Timestamp | None:
    from analytics.events import load_events

    found = [e for e in load_events() if e.id == event_id]
    return pd.Timestamp(found[0].date) if found else None


@rule("softbank-exit", ("softbank", "nvda"), 30,
      "The sale itself is a disclosed fact (SoftBank's results, 11 Nov 2025), not a price pattern. What prices can "
      "test is the signal the thesis reads into it: supported when NVDA fell from the disclosure session to the "
      "event session.")
def _softbank_exit(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import move_between

    disclosed = _event_date(ctx, "softbank-results")
    if disclosed is None:
        return Result("n/a", NOT_MEASURABLE, "the disclosure date is not in data/events.csv")
    nvda, sb = close_series(frames["nvda"]), close_series(frames["softbank"])
    end = pd.Timestamp(ctx.event)
    n, s = move_between(nvda, disclosed, end), move_between(sb, disclosed, end)
    if n is None or s is None or end <= disclosed:
        return Result("n/a", NOT_MEASURABLE, "the range does not span the 11 Nov disclosure and the event")
    return Result(
        f"NVDA {_pct(n)}, SoftBank {_pct(s)} since 11 Nov",
        SUPPORTED if n < 0 else NOT_SUPPORTED,
        f"From the 11 Nov disclosure to {ctx.event}, NVDA moved {_pct(n)} and SoftBank {_pct(s)} (each in its own "
        f"currency).",
    )


@rule("hbm-cycle", ("sk_hynix",), 10,
      "Supported when SK Hynix fell at least 3% on its Seoul session of the event date (or the last one before it).")
def _hbm_cycle(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import session_on_or_before

    hynix = close_series(frames["sk_hynix"])
    day = session_on_or_before(hynix, pd.Timestamp(ctx.event))
    rets = simple_returns(hynix)
    if day is None or day not in rets.index:
        return Result("n/a", NOT_MEASURABLE, "no SK Hynix session at or before the event date in this range")
    r = float(rets[day])
    peak = hynix[hynix.index <= day].max()
    return Result(
        f"SK Hynix {_pct(r)} on {day.date()}",
        SUPPORTED if r <= -0.03 else NOT_SUPPORTED,
        f"SK Hynix moved {_pct(r)} on its {day.date()} Seoul session, {hynix[day] / peak - 1:+.1%} from its high "
        f"in the range so far.",
    )


@rule("asia-leads", ("nikkei", "kospi"), 10,
      "Supported when both the Nikkei 225 and the KOSPI fell on their sessions of the event date (which close before "
      "New York opens).")
def _asia_leads(frames: Frames, ctx: Context) -> Result:
    day = pd.Timestamp(ctx.event)
    moves = {}
    for key, name in (("nikkei", "Nikkei"), ("kospi", "KOSPI")):
        rets = simple_returns(close_series(frames[key]))
        if day not in rets.index:
            return Result("n/a", NOT_MEASURABLE, f"{name} did not trade on {ctx.event}")
        moves[name] = float(rets[day])
    us_txt = ""
    for key in ("spx", "ndx"):
        if key in frames and not frames[key].empty:
            r = simple_returns(close_series(frames[key])).get(day)
            if r is not None and not math.isnan(r):
                us_txt = f"; {frames[key].attrs.get('label', key)} moved {_pct(r)} later that day"
                break
    ok = all(v < 0 for v in moves.values())
    figure = ", ".join(f"{k} {_pct(v)}" for k, v in moves.items())
    return Result(f"{figure} on {ctx.event}", SUPPORTED if ok else NOT_SUPPORTED,
                  f"On {ctx.event}, before the New York open: {figure}{us_txt}.")


# ---------------------------------------------------------------- macro (thesis 2.3)

THESIS_DATE = dt.date(2025, 11, 21)  # the sell-off the thesis explains (the app's default event date)
REPORTED_CUT_ODDS = {"week_before": 0.65, "event": 0.35}  # the thesis's figures, shown as "reported, not computed"


def reported_cut_odds() -> dict[pd.Timestamp, float]:
    """The thesis's reported odds by the day they refer to (a week before the sell-off, and its day)."""
    day = pd.Timestamp(THESIS_DATE)
    return {day - pd.Timedelta(days=7): REPORTED_CUT_ODDS["week_before"], day: REPORTED_CUT_ODDS["event"]}


def cut_odds_table(frames: Frames, meeting: dt.date) -> pd.DataFrame:
    """FedWatch odds per day from the meeting-month contract, pre-meeting rate from DFF else FEDFUNDS."""
    from analytics.fedwatch import odds_series

    zq = close_series(frames["zq_dec25"])
    pre = None
    for key in ("dff", "fedfunds"):
        if key in frames and not frames[key].empty:
            pre = close_series(frames[key])
            break
    nxt = close_series(frames["zq_jan26"]) if "zq_jan26" in frames and not frames["zq_jan26"].empty else None
    return odds_series(zq, meeting, pre_rate=pre, next_month=nxt)


@rule("cut-odds", ("zq_dec25",), 30,
      "FedWatch method on the December 2025 fed funds future: supported when the implied probability of a 25 bp cut "
      "fell by at least 20 points from a week before the event to the event, ending within 15 points of 35%.")
def _cut_odds(frames: Frames, ctx: Context) -> Result:
    meeting = _event_date(ctx, "fomc-dec")
    if meeting is None:
        return Result("n/a", NOT_MEASURABLE, "the December FOMC date is not in data/events.csv")
    if not any(k in frames and not frames[k].empty for k in ("dff", "fedfunds")):
        return Result("n/a", NOT_MEASURABLE, "no effective fed funds rate for the pre-meeting rate")
    odds = cut_odds_table(frames, meeting.date())["cut_probability"]
    ev = pd.Timestamp(ctx.event)
    at, before = odds[odds.index <= ev], odds[odds.index <= ev - pd.Timedelta(days=7)]
    if at.empty or before.empty:
        return Result("n/a", NOT_MEASURABLE, "no futures prices a week before the event in this range")
    a, b = float(at.iloc[-1]), float(before.iloc[-1])
    ok = b - a >= 0.20 and abs(a - REPORTED_CUT_ODDS["event"]) <= 0.15
    return Result(f"{b:.0%} -> {a:.0%}", SUPPORTED if ok else NOT_SUPPORTED,
                  f"Implied odds of a December cut: {b:.0%} on {before.index[-1].date()}, {a:.0%} on {at.index[-1].date()} "
                  f"(thesis: 65% -> 35%).")


@rule("duration", ("dgs10", "ndx", "spx"), 10,
      "Supported when, over the range, days of rising 10-year yields were days when the Nasdaq-100 lagged the S&P 500: "
      "a negative correlation between the daily 10-year yield change and the NDX-minus-SPX return.")
def _duration(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import duration_stats

    def ranged(key: str) -> pd.Series:
        s = close_series(frames[key])
        return s[(s.index >= pd.Timestamp(ctx.start)) & (s.index <= pd.Timestamp(ctx.end))]

    stats = duration_stats(ranged("dgs10"), ranged("ndx"), ranged("spx"))
    if not stats:
        return Result("n/a", NOT_MEASURABLE, "too few common days of yields and indices in this range")
    c = stats["corr_growth_minus_broad"]
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    return Result(f"corr(Δ10y, NDX-SPX) = {c:+.2f}", SUPPORTED if c < 0 else NOT_SUPPORTED,
                  f"Over {int(stats['n'])} days, the correlation of the daily 10-year yield change with {label} minus "
                  f"S&P 500 returns is {c:+.2f}; {label} moved {stats['slope_per_10bp']:+.2%} per +10 bp.")


@rule("paralysis", ("payems", "unrate"), 800,
      "Supported when the last jobs report released before the event shows payrolls still growing while unemployment is "
      "at least 0.3 points above its level twelve months earlier (the mixed signal that paralyses the Fed).")
def _paralysis(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import labour_table, latest_release_before

    ref = latest_release_before(pd.Timestamp(ctx.event))
    if ref is None:
        return Result("n/a", NOT_MEASURABLE, "no jobs-report release date on or before the event in data/release_dates.csv")
    table = labour_table(close_series(frames["payems"]), close_series(frames["unrate"]), months=400)
    if ref not in table.index:
        return Result("n/a", NOT_MEASURABLE, f"the {ref:%B %Y} report is not in this source")
    row = table.loc[ref]
    year_ago = ref - pd.DateOffset(years=1)
    ur_then = table["unemployment_rate"].get(year_ago, np.nan)
    pay, ur = row["payrolls_change_k"], row["unemployment_rate"]
    if any(math.isnan(v) for v in (pay, ur, ur_then)):
        return Result("n/a", NOT_MEASURABLE, f"{ref:%B %Y} figures are incomplete in this source")
    ok = pay > 0 and ur - ur_then >= 0.3 - 1e-9
    return Result(f"payrolls {pay:+,.0f}k, unemployment {ur:.1f}%", SUPPORTED if ok else NOT_SUPPORTED,
                  f"{ref:%B %Y} (released {row['released'].date()}): payrolls {pay:+,.0f}k while unemployment was "
                  f"{ur:.1f}%, up from {ur_then:.1f}% a year earlier (current FRED vintage; the first print can differ).")


def data_needs(claim_ids: list[str] | None = None) -> tuple[tuple[str, ...], int]:
    """The union of keys the rules read, and the longest lookback (days) any of them needs."""
    rules = [RULES[c] for c in (claim_ids or list(RULES)) if c in RULES]
    keys = tuple(dict.fromkeys(k for r in rules for k in r.keys))
    return keys, max((r.lookback_days for r in rules), default=0)


def scoreboard(frames: Frames, ctx: Context) -> list[tuple[Claim, Result, Rule | None]]:
    """Every declared claim with its measured result, in the order of ``data/claims.csv``."""
    return [(c, evaluate(c.id, frames, ctx), RULES.get(c.id)) for c in load_claims()]
