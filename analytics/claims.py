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
from analytics.lang import in_lang
from analytics.returns import closes, simple_returns

CLAIMS_FILE = Path(__file__).resolve().parent.parent / "data" / "claims.csv"

SUPPORTED, MIXED, NOT_SUPPORTED, CONTRADICTED, NOT_TESTABLE = (
    "supported", "mixed", "not_supported", "contradicted", "not_testable")
VERDICTS = (SUPPORTED, MIXED, NOT_SUPPORTED, CONTRADICTED, NOT_TESTABLE)
NOT_MEASURABLE = NOT_TESTABLE  # the old name of the verdict
HOLDS, FAILS, OPPOSITE, UNTESTABLE = "holds", "fails", "opposite", "untestable"
Frames = Mapping[str, pd.DataFrame]


class NotTestable(Exception):
    """Raised by a rule when the data in this source and range cannot test the claim (said in both languages).

    The only exception ``evaluate`` turns into a verdict: anything else is a bug and fails the tests.
    """

    def __init__(self, detail: str, detail_zh: str) -> None:
        super().__init__(detail)
        self.detail, self.detail_zh = detail, detail_zh


@dataclass(frozen=True)
class Part:
    """One part of a claim (level, size, timing, cause...) and what the data say of it."""

    name: str
    name_zh: str
    outcome: str  # HOLDS, FAILS, OPPOSITE or UNTESTABLE
    premise: bool = False  # a condition the claim presumes (e.g. "the US then fell"): it can sink, never support


def judge(parts: list[Part] | tuple[Part, ...]) -> tuple[str, str, str]:
    """The verdict from the parts, and (en, zh) which part decided it.

    A failed premise: not supported. Otherwise premises are set aside; all testable parts hold and none is
    untestable: supported. Some hold, others fail or cannot be tested:
    mixed. None holds: contradicted when one shows the opposite, else not supported. None testable: not testable.
    """
    broken = [p for p in parts if p.premise and p.outcome in (FAILS, OPPOSITE)]
    if broken:
        return NOT_SUPPORTED, f"{broken[0].name} does not hold", f"{broken[0].name_zh}不成立"
    parts = [p for p in parts if not p.premise]
    tested = [p for p in parts if p.outcome != UNTESTABLE]
    held = [p for p in tested if p.outcome == HOLDS]
    against = [p for p in tested if p.outcome != HOLDS]
    if not tested:
        return NOT_TESTABLE, "no part is testable here", "没有可检验的部分"
    if not against and len(tested) == len(parts):
        return SUPPORTED, "every part holds", "每一部分均成立"
    if held:
        first = against[0] if against else next(p for p in parts if p.outcome == UNTESTABLE)
        how = {FAILS: ("does not hold", "不成立"), OPPOSITE: ("shows the opposite", "与之相反"),
               UNTESTABLE: ("cannot be tested here", "此处无法检验")}[first.outcome]
        return MIXED, f"{first.name} {how[0]}", f"{first.name_zh}{how[1]}"
    opposite = [p for p in against if p.outcome == OPPOSITE]
    if opposite:
        return CONTRADICTED, f"{opposite[0].name} shows the opposite", f"{opposite[0].name_zh}与之相反"
    return NOT_SUPPORTED, f"{against[0].name} does not hold", f"{against[0].name_zh}不成立"


@dataclass(frozen=True)
class Context:
    start: dt.date
    end: dt.date
    event: dt.date
    level: float = 90_000.0
    window: int = 60
    hourly: pd.DataFrame | None = None  # BTC hourly bars around the event, when a source has them
    intraday: Mapping[str, pd.DataFrame] = field(default_factory=dict)  # other intraday series (odds, funding)
    extras: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """What a rule measured: a short figure, the verdict and one sentence, in English and (``*_zh``) Chinese.

    ``parts`` are what decided the verdict (``decided_by`` names the deciding one); ``n`` and ``stat`` give the
    sample size and the interval or p-value of any statistic the reading quotes.
    """

    figure: str
    verdict: str
    detail: str
    figure_zh: str = ""
    detail_zh: str = ""
    parts: tuple[Part, ...] = ()
    decided_by: str = ""
    decided_by_zh: str = ""
    n: int | None = None
    stat: str = ""
    out_of_view: bool = False  # the range does not hold the event: no verdict, a link to a range that does

    def decided_text(self, lang: str = "en") -> str:
        return in_lang(lang, self.decided_by, self.decided_by_zh)

    def figure_text(self, lang: str = "en") -> str:
        return in_lang(lang, self.figure, self.figure_zh)

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.detail, self.detail_zh)


def _na(detail: str, detail_zh: str) -> Result:
    return Result("n/a", NOT_TESTABLE, detail, figure_zh="n/a", detail_zh=detail_zh,
                  decided_by="no data to test it", decided_by_zh="没有可检验的数据")


def judged(parts: list[Part], figure: str, detail: str, figure_zh: str, detail_zh: str, *,
           n: int | None = None, stat: str = "") -> Result:
    """A result whose verdict comes from its parts (and says which part decided it)."""
    verdict, why, why_zh = judge(parts)
    return Result(figure, verdict, detail, figure_zh, detail_zh, tuple(parts), why, why_zh, n, stat)


@dataclass(frozen=True)
class Rule:
    id: str
    keys: tuple[str, ...]
    lookback_days: int
    statement: str
    statement_zh: str
    fn: Callable[[Frames, Context], Result]
    needs_event: bool = True  # judged only on a range that holds the event (btc-ndx-corr is about 2025 instead)

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.statement, self.statement_zh)


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    page: str
    text_en: str
    text_zh: str

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.text_en, self.text_zh)


@lru_cache(maxsize=2)
def load_claims(path: Path = CLAIMS_FILE) -> tuple[Claim, ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tuple(Claim(r["id"], r["section"], r["page"], r["claim_en"], r["claim_zh"]) for _, r in table.iterrows())


RULES: dict[str, Rule] = {}


def rule(id: str, keys: tuple[str, ...], lookback_days: int, statement: str, statement_zh: str, *,
         needs_event: bool = True):
    def register(fn: Callable[[Frames, Context], Result]) -> Callable[[Frames, Context], Result]:
        RULES[id] = Rule(id, keys, lookback_days, statement, statement_zh, fn, needs_event)
        return fn

    return register


def evaluate(claim_id: str, frames: Frames, ctx: Context) -> Result:
    """Run a claim's rule; missing data is 'not measurable', never an exception."""
    rule_ = RULES.get(claim_id)
    if rule_ is None:
        return _na("no rule for this claim yet", "该观点尚无判定规则")
    if rule_.needs_event and not ctx.start <= ctx.event <= ctx.end:
        from dataclasses import replace

        return replace(_na(f"the range {ctx.start} to {ctx.end} does not hold the event ({ctx.event}); verdicts are "
                           f"about the event, so none is given here",
                           f"区间 {ctx.start} 至 {ctx.end} 不包含事件日（{ctx.event}）；判定针对事件，此处不作判定"),
                       out_of_view=True)
    missing = [k for k in rule_.keys if k not in frames or frames[k].empty]
    if missing:
        names = [str(frames[k].attrs.get("label", k)) if k in frames else k for k in missing]  # a reader's name
        return _na(f"no data for {', '.join(names)} in this range and source",
                   f"此区间与数据来源中没有 {'、'.join(names)} 的数据")
    try:
        result = rule_.fn(frames, ctx)
        if not result.decided_by:  # a rule with one test: that test decided it
            from dataclasses import replace

            result = replace(result, decided_by="its single test (see the rule)", decided_by_zh="其唯一检验（见规则）")
        return result
    except NotTestable as why:  # only an explicit "cannot test": any other exception is a bug
        return _na(why.detail, why.detail_zh)


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

SIZE_TARGET = 86_000.0  # "fell to about $86,000"
ABOUT = 0.025  # "about": within 2.5%
HOURLY_LOOKBACK_DAYS = 400  # hourly bars the timing rules need before the event (a ~250-session baseline)
# Intraday series the rules read, as (days before, days after) the event: ``Context.hourly`` is BTC's.
INTRADAY_NEEDS = {"btc": (HOURLY_LOOKBACK_DAYS, 2), "cut_odds_poly": (30, 20), "cut_odds_kalshi": (30, 20),
                  "btc_funding": (10, 10)}


def _hourly_or_none(ctx: Context) -> pd.DataFrame | None:
    return ctx.hourly if ctx.hourly is not None and not ctx.hourly.empty else None


def level_break_hour(hourly: pd.DataFrame, level: float, until: pd.Timestamp) -> pd.Timestamp | None:
    """The hour BTC broke below ``level`` before ``until``: the first bar trading below it after the last close above."""
    h = hourly[hourly["ts"] < until]
    above = h[h["close"] >= level]
    after = h[h["ts"] > above["ts"].iloc[-1]] if not above.empty else h
    below = after[after["low"] < level]
    return None if below.empty or above.empty else below["ts"].iloc[0]


@rule("btc-90k", ("btc",), 730,
      "Four parts. Level: BTC broke below the level (the last hourly close above it, then a bar trading below) within "
      "a day before the end of the event date's Asian session. Timing: that break fell inside the Asian session "
      "(Tokyo open to Hong Kong close, UTC, from the exchange calendars). Size: the Asian-session low was within 2.5% of "
      "$86,000. Seven-month low: the lowest daily close of the event session and the one before was the lowest in at "
      "least 6.5 months. Hourly bars are the Binance BTCUSDT perpetual; without them, timing and size are not testable.",
      "四个部分。价位：BTC 在事件日亚洲时段结束前一天之内跌破该价位（最后一根收在其上方的小时线之后出现低于该价位的成交）。"
      "时间：跌破发生在亚洲时段内（东京开盘至香港收盘，UTC，取自交易所日历）。幅度：亚洲时段最低价与 86,000 美元相差不超过 2.5%。"
      "七个月新低：事件交易日及前一交易日的最低日收盘价为至少 6.5 个月以来最低。小时线为币安 BTCUSDT 永续合约；没有小时线时，"
      "时间与幅度无法检验。")
def _btc_90k(frames: Frames, ctx: Context) -> Result:
    from analytics.sessions import asian_session

    btc = frames["btc"]
    sessions_ = cx.event_sessions(pd.DatetimeIndex(btc["ts"].dt.tz_localize(None)), ctx.event)
    near = btc[btc["ts"].dt.tz_localize(None).isin(sessions_)]
    if near.empty:
        raise NotTestable("no BTC sessions around the event date in this range", "此区间内事件日附近没有 BTC 交易日")
    low_row = near.loc[near["close"].idxmin()]
    since = cx.lowest_close_since(btc, low_row["ts"])
    day, close = low_row["ts"].date(), f"{low_row['close']:,.0f}"
    if since is not None and since.since is not None:
        months = since.months
        seven = Part("seven-month low", "七个月新低", HOLDS if months >= 6.5 else FAILS)
        since_txt = f"the lowest close since {since.since.date()} ({months:.1f} months)"
        since_zh = f"自 {since.since.date()} 以来最低收盘价（{months:.1f} 个月）"
    else:
        span = (low_row["ts"] - btc["ts"].iloc[0]).days / 30.44
        seven = Part("seven-month low", "七个月新低", HOLDS if span >= 6.5 else UNTESTABLE)
        since_txt = f"the lowest close in all {span:.1f} months loaded"
        since_zh = f"所载全部 {span:.1f} 个月中的最低收盘价"
    level = f"{ctx.level:,.0f}"
    hourly, asia = _hourly_or_none(ctx), asian_session(ctx.event)
    if hourly is None or asia is None or hourly["ts"].iloc[0] > asia[0] - pd.Timedelta(days=1):
        traded = bool((near["low"] < ctx.level).any())
        parts = [Part("level", "价位", HOLDS if traded else FAILS), Part("timing", "时间", UNTESTABLE),
                 Part("size", "幅度", UNTESTABLE), seven]
        return judged(parts, f"{close} on {day}: {since_txt}",
                      f"Daily bars only: BTC {'traded' if traded else 'did not trade'} below {level} on the event "
                      f"sessions; its {day} close of {close} was {since_txt}. Without hourly bars the Asian-session timing "
                      f"and the low reached in it cannot be tested.",
                      f"{day} 收于 {close}：{since_zh}",
                      f"仅有日线：BTC 在事件交易日{'曾' if traded else '未'}跌破 {level}；{day} 收盘价 {close} 为{since_zh}。"
                      f"没有小时线，无法检验亚洲时段的时间与该时段的低点。")
    open_, close_ = asia
    brk = level_break_hour(hourly, ctx.level, close_)
    in_asia = hourly[(hourly["ts"] >= open_) & (hourly["ts"] < close_)]
    if in_asia.empty:
        raise NotTestable("no hourly BTC bars in the event's Asian session", "事件日亚洲时段没有 BTC 小时线")
    asia_low = float(in_asia["low"].min())
    parts = [
        Part("level", "价位", HOLDS if brk is not None and brk >= close_ - pd.Timedelta(days=1) else FAILS),
        Part("timing", "时间", HOLDS if brk is not None and open_ <= brk < close_ else FAILS),
        Part("size", "幅度", HOLDS if abs(asia_low / SIZE_TARGET - 1) <= ABOUT else FAILS),
        seven,
    ]
    when = f"{brk:%Y-%m-%d %H:%M} UTC" if brk is not None else "not in the loaded hours"
    where = "inside" if parts[1].outcome == HOLDS else "outside"
    where_zh = "在" if parts[1].outcome == HOLDS else "不在"
    span = f"{open_:%H:%M}-{close_:%H:%M} UTC"
    return judged(
        parts,
        f"broke {level} at {when}; Asian-session low {asia_low:,.0f}",
        f"BTC (BTCUSDT perpetual, Binance, hourly) broke below {level} at {when}, {where} the {ctx.event} Asian session "
        f"({span}); in that session it fell to {asia_low:,.0f} (thesis: about 86,000). Its {day} daily close of {close} "
        f"was {since_txt}.",
        f"{when} 跌破 {level}；亚洲时段最低 {asia_low:,.0f}",
        f"BTC（币安 BTCUSDT 永续合约小时线）于 {when} 跌破 {level}，{where_zh} {ctx.event} 亚洲时段（{span}）内；该时段最低 "
        f"{asia_low:,.0f}（论文：约 86,000）。{day} 日收盘价 {close} 为{since_zh}。",
        n=len(in_asia),
    )


CASCADE_HOURS, CASCADE_DROP, CASCADE_VOLUME = 6, -0.05, 2.0
NEEDLE_WICK, NEEDLE_REBOUND, REBOUND_HOURS = 0.01, 0.03, 6
BASELINE_DAYS = 30


@dataclass(frozen=True)
class WickInputs:
    """What the btc-wick verdict and its chart's annotations both use (hourly perpetual bars)."""

    cascade_start: pd.Timestamp
    cascade_end: pd.Timestamp
    drop: float  # from the close before the cascade to its lowest low
    volume_ratio: float  # the cascade's hourly volume vs the pre-event baseline's median hour
    needle: cx.Wick
    rebound: float  # best close within REBOUND_HOURS after the needle, vs its low
    funding_before: float | None
    funding_after: float | None
    baseline_hours: int


def btc_wick_inputs(hourly: pd.DataFrame, event: dt.date, funding: pd.DataFrame | None) -> WickInputs:
    """Hourly bars over the event date and the day before (both readings of a Beijing date); the volume baseline is
    the 30 days before that window (no bar after the event in it); funding averaged 3 days before and after."""
    w0 = pd.Timestamp(event, tz="UTC") - pd.Timedelta(days=1)
    w1 = w0 + pd.Timedelta(days=2)
    bars = hourly[(hourly["ts"] >= w0) & (hourly["ts"] < w1)].reset_index(drop=True)
    base = hourly[(hourly["ts"] >= w0 - pd.Timedelta(days=BASELINE_DAYS)) & (hourly["ts"] < w0)]
    if len(bars) < 24 or len(base) < 24 * 7:
        raise NotTestable("too few hourly BTC bars around the event or before it", "事件前后或之前的 BTC 小时线太少")
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
    ratio = float(bars["volume"].iloc[i:j + 1].mean() / median) if median > 0 else float("nan")
    k = int(bars["low"].idxmin())
    needle = cx.lower_wick(bars.iloc[k])
    after = hourly[(hourly["ts"] > bars["ts"].iloc[k]) &
                   (hourly["ts"] <= bars["ts"].iloc[k] + pd.Timedelta(hours=REBOUND_HOURS))]
    rebound = float(after["close"].max() / needle.low - 1) if not after.empty else float("nan")
    before = after_f = None
    if funding is not None and not funding.empty:
        f_before = funding[(funding["ts"] >= w0 - pd.Timedelta(days=3)) & (funding["ts"] < w0)]["close"]
        f_after = funding[(funding["ts"] > bars["ts"].iloc[k]) &
                          (funding["ts"] <= bars["ts"].iloc[k] + pd.Timedelta(days=3))]["close"]
        before = float(f_before.mean()) if not f_before.empty else None
        after_f = float(f_after.mean()) if not f_after.empty else None
    return WickInputs(bars["ts"].iloc[i], bars["ts"].iloc[j], float(drop), ratio, needle, rebound, before, after_f,
                      len(base))


@rule("btc-wick", ("btc",), 60,
      "On hourly bars (Binance BTCUSDT perpetual) over the event date and the day before. Premise: the low was below "
      "the level. A cascade: a fall of at least 5% within 6 hours (from the close before it to its lowest low) on at "
      "least 2x the median hourly volume of the 30 days before (no post-event bar in that baseline). A needle-like "
      "low: the lowest bar's lower wick at least 1% and a rebound of at least 3% within 6 hours. Longs flushed: the "
      "average funding rate of the 3 days after the low below that of the 3 days before. Liquidation totals are not "
      "in the data: that part is not testable. Without hourly bars only the daily wick and volume are tested.",
      "基于事件日及前一日的小时线（币安 BTCUSDT 永续合约）。前提：最低价低于该价位。连环下跌：6 小时内下跌至少 5%（自之前收盘至最低点），"
      "且成交量至少为此前 30 天小时成交量中位数的 2 倍（基准中不含事件后的数据）。针状低点：最低那根 K 线的下影线至少 1%，且 6 小时内反弹至少 3%。"
      "多头出清：低点后 3 天的平均资金费率低于之前 3 天。清算总额不在数据中：此部分无法检验。没有小时线时只检验日线的下影线与成交量。")
def _btc_wick(frames: Frames, ctx: Context) -> Result:
    hourly = _hourly_or_none(ctx)
    if hourly is None:
        return _btc_wick_daily(frames, ctx)
    inp = btc_wick_inputs(hourly, ctx.event, ctx.intraday.get("btc_funding"))
    funded = inp.funding_before is not None and inp.funding_after is not None
    parts = [
        Part(f"the low below {ctx.level:,.0f}", f"最低价低于 {ctx.level:,.0f}", HOLDS if inp.needle.low < ctx.level
             else FAILS, premise=True),
        Part("a cascade", "连环下跌", HOLDS if inp.drop <= CASCADE_DROP and inp.volume_ratio >= CASCADE_VOLUME else FAILS),
        Part("a needle-like low", "针状低点", HOLDS if inp.needle.size_pct >= NEEDLE_WICK and
             inp.rebound >= NEEDLE_REBOUND else FAILS),
        Part("longs flushed (funding)", "多头出清（资金费率）", UNTESTABLE if not funded else
             HOLDS if inp.funding_after < inp.funding_before else FAILS),
        Part("liquidation totals", "清算总额", UNTESTABLE),
    ]
    fund = (f"funding {inp.funding_before * 100:+.4f}% -> {inp.funding_after * 100:+.4f}% per 8 h" if funded
            else "no funding rates in this source")
    fund_zh = (f"资金费率 {inp.funding_before * 100:+.4f}% -> {inp.funding_after * 100:+.4f}%（每 8 小时）" if funded
               else "此来源没有资金费率")
    span = f"{inp.cascade_start:%Y-%m-%d %H:%M}-{inp.cascade_end:%H:%M} UTC"
    return judged(
        parts,
        f"{inp.drop:+.1%} in {span}, {inp.volume_ratio:.1f}x volume; wick {inp.needle.size_pct:.1%}",
        f"BTC (BTCUSDT perpetual, hourly) fell {inp.drop:+.1%} over {span} on {inp.volume_ratio:.1f}x the median hourly "
        f"volume of the {BASELINE_DAYS} days before; its low of {inp.needle.low:,.0f} at {inp.needle.ts:%H:%M} UTC left a "
        f"{inp.needle.size_pct:.1%} lower wick and it rebounded {inp.rebound:+.1%} within {REBOUND_HOURS} hours; {fund}. "
        f"Liquidation totals are not in the data.",
        f"{span} {inp.drop:+.1%}，成交量 {inp.volume_ratio:.1f} 倍；下影线 {inp.needle.size_pct:.1%}",
        f"BTC（BTCUSDT 永续合约小时线）在 {span} 下跌 {inp.drop:+.1%}，成交量为此前 {BASELINE_DAYS} 天小时成交量中位数的 "
        f"{inp.volume_ratio:.1f} 倍；{inp.needle.ts:%H:%M} UTC 最低 {inp.needle.low:,.0f}，下影线 {inp.needle.size_pct:.1%}，"
        f"{REBOUND_HOURS} 小时内反弹 {inp.rebound:+.1%}；{fund_zh}。清算总额不在数据中。",
        n=inp.baseline_hours, stat=f"baseline: {inp.baseline_hours} hours before the window",
    )


def _btc_wick_daily(frames: Frames, ctx: Context) -> Result:
    """Daily bars only: the wick and the volume of the event sessions against the 30 sessions before them."""
    btc = frames["btc"]
    sessions_ = cx.event_sessions(pd.DatetimeIndex(btc["ts"].dt.tz_localize(None)), ctx.event)
    near = btc[btc["ts"].dt.tz_localize(None).isin(sessions_)]
    if near.empty:
        raise NotTestable("no BTC sessions around the event date in this range", "此区间内事件日附近没有 BTC 交易日")
    base = btc[btc["ts"] < near["ts"].iloc[0]].tail(BASELINE_DAYS)
    median = float(base["volume"].median()) if not base.empty else float("nan")
    wick = max((cx.lower_wick(bar) for _, bar in near.iterrows()), key=lambda w: w.size_pct)
    bar = near[near["ts"] == wick.ts].iloc[0]
    ratio = float(bar["volume"] / median) if median and not math.isnan(median) else float("nan")
    parts = [Part("a needle-like low", "针状低点", HOLDS if wick.size_pct >= 0.03 else FAILS),
             Part("heavy volume", "放量", UNTESTABLE if math.isnan(ratio) else HOLDS if ratio >= 1.5 else FAILS),
             Part("a cascade within hours", "数小时内的连环下跌", UNTESTABLE),
             Part("liquidation totals", "清算总额", UNTESTABLE)]
    vol = "n/a" if math.isnan(ratio) else f"{ratio:.1f}x"
    return judged(
        parts, f"wick {wick.size_pct:.1%}, volume {vol} the 30-day median (daily)",
        f"Daily bars only: on {wick.ts.date()} BTC's low of {wick.low:,.0f} left a {wick.size_pct:.1%} lower wick on {vol} "
        f"the median volume of the 30 sessions before. Hourly timing and liquidation totals are not testable here.",
        f"下影线 {wick.size_pct:.1%}，成交量为此前 30 日中位数的 {vol}（日线）",
        f"仅有日线：{wick.ts.date()} BTC 最低 {wick.low:,.0f}，下影线 {wick.size_pct:.1%}，成交量为此前 30 个交易日中位数的 {vol}。"
        f"此处无法检验小时级的时间与清算总额。",
        n=len(base),
    )


CORR_WINDOWS = (30, 60, 90)


def corr_windows(frames: Frames) -> dict[int, pd.Series]:
    """Rolling correlations of BTC with the Nasdaq-100 (daily returns on common US sessions) in each window, over
    all the data loaded: the verdict's computation and its chart's lines."""
    rets = cx.us_day_returns(close_series(frames["btc"]), close_series(frames["ndx"]))
    return {w: cx.rolling_corr(rets, w).dropna() for w in CORR_WINDOWS}


@rule("btc-ndx-corr", ("btc", "ndx"), 800,
      "About calendar 2025 whatever the view shows. Above 0.8: the rolling correlation of daily returns on common US "
      "sessions (no forward-fill across closed days) exceeded 0.8 in 2025 in any of the 30, 60 and 90-session windows "
      "(all three reported). A record: that 2025 peak exceeds every value of the same window before 2025; not testable "
      "without history before 2025.",
      "针对 2025 自然年，与所选视图无关。高于 0.8：共同美股交易日的日收益率滚动相关系数（不跨休市日前向填充）在 2025 年"
      "于 30、60、90 个交易日窗口中任一窗口超过 0.8（三个窗口均列出）。创纪录：该 2025 年峰值高于同一窗口 2025 年以前的所有值；"
      "没有 2025 年以前的数据则无法检验。", needs_event=False)
def _btc_ndx_corr(frames: Frames, ctx: Context) -> Result:
    rets = cx.us_day_returns(close_series(frames["btc"]), close_series(frames["ndx"]))
    y0, y1 = pd.Timestamp("2025-01-01"), pd.Timestamp("2026-01-01")
    peaks, history, n = {}, {}, {}
    windows = corr_windows(frames)
    for w in CORR_WINDOWS:
        corr = windows[w]
        in_2025 = corr[(corr.index >= y0) & (corr.index < y1)]
        if not in_2025.empty:
            peaks[w] = (float(in_2025.max()), in_2025.idxmax())
            n[w] = len(in_2025)
        before = corr[corr.index < y0]
        if not before.empty:
            history[w] = float(before.max())
    if not peaks:
        raise NotTestable("the loaded data hold no 2025 correlation window", "所载数据中没有 2025 年的相关系数窗口")
    best = max(peaks, key=lambda w: peaks[w][0])
    peak, at = peaks[best]
    above = Part("above 0.8 in 2025", "2025 年高于 0.8", HOLDS if peak > 0.8 else FAILS)
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    if best in history:
        record = Part("a record", "创纪录", HOLDS if peak > history[best] else FAILS)
        rec_txt = f"before 2025 the {best}-session window peaked at {history[best]:.2f}"
        rec_zh = f"2025 年以前 {best} 日窗口峰值为 {history[best]:.2f}"
    else:
        record = Part("a record", "创纪录", UNTESTABLE)
        first = rets.index[0].date() if not rets.empty else "?"
        rec_txt = f"the BTC data here start {first}: no history before 2025 to call it a record"
        rec_zh = f"此处 BTC 数据始于 {first}：没有 2025 年以前的历史，无法判断是否创纪录"
    all_w = ", ".join(f"{w}d {peaks[w][0]:.2f}" for w in CORR_WINDOWS if w in peaks)
    return judged(
        [above, record],
        f"2025 max corr: {all_w}",
        f"Correlation of BTC with {label} (daily returns, common US sessions) in calendar 2025 peaked at {all_w}; the "
        f"highest, {peak:.2f}, in the {best}-session window on {at.date()}; {rec_txt}.",
        f"2025 年相关系数最高：{all_w}",
        f"BTC 与 {label} 的相关系数（日收益率，共同美股交易日）在 2025 自然年的峰值为 {all_w}；最高 {peak:.2f}，"
        f"出现在 {best} 日窗口、{at.date()}；{rec_zh}。",
        n=n[best], stat=f"{best}-session window, {n[best]} windows in 2025",
    )


RETAIL_TARGETS = {"hood": -0.10, "coin": -0.07}  # "HOOD fell about 10% and COIN about 7%"
RETAIL_ABOUT = 0.3  # "about": within 30% of the stated move
BETA_SESSIONS = 250


def _about_part(name: str, name_zh: str, move: float, target: float) -> Part:
    if move >= 0:
        return Part(name, name_zh, OPPOSITE)
    return Part(name, name_zh, HOLDS if abs(move / target - 1) <= RETAIL_ABOUT else FAILS)


@rule("retail-beta", ("hood", "coin", "ndx"), 400,
      "On the US sell-off session (the worse Nasdaq-100 session of the event date and the one before): HOOD's move within "
      "30% of -10% and COIN's within 30% of -7% (a rise would contradict). Context: each stock's beta to the Nasdaq-100 "
      "on the 250 sessions before that session (OLS, 95% interval), and the move that beta implies.",
      "在美股抛售交易日（事件日与前一交易日中纳斯达克 100 表现较差者）：HOOD 跌幅与 -10% 相差不超过 30%，COIN 与 -7% 相差不超过 30%"
      "（上涨则与论断相反）。参考：抛售日之前 250 个交易日各股相对纳斯达克 100 的 beta（最小二乘，95% 区间）及其隐含的涨跌。")
def _retail_beta(frames: Frames, ctx: Context) -> Result:
    from analytics.stats import beta as fit_beta

    wide = closes({k: frames[k] for k in ("hood", "coin", "ndx")})
    session = sell_off_session(wide["ndx"], ctx.event)
    if session is None:
        raise NotTestable("no US session around the event date in this range", "此区间内事件日附近没有美股交易日")
    rets = simple_returns(wide)
    moves = {k: rets[k].get(session, np.nan) for k in ("hood", "coin", "ndx")}
    if any(math.isnan(v) for v in moves.values()):
        raise NotTestable(f"HOOD, COIN or the index did not trade on {session.date()}",
                          f"HOOD、COIN 或指数在 {session.date()} 没有交易")
    base = rets[rets.index < session].tail(BETA_SESSIONS)
    betas = {k: fit_beta(base["ndx"], base[k]) for k in ("hood", "coin")}
    parts = [_about_part("HOOD about -10%", "HOOD 约 -10%", moves["hood"], RETAIL_TARGETS["hood"]),
             _about_part("COIN about -7%", "COIN 约 -7%", moves["coin"], RETAIL_TARGETS["coin"])]
    implied = "; ".join(f"{k.upper()} {b.text()}, implying {_pct(b.beta * moves['ndx'])}" for k, b in betas.items() if b)
    implied_zh = "；".join(f"{k.upper()} beta {b.beta:.2f}±{1.96 * b.se:.2f}（95% 区间，n={b.n}），隐含 "
                          f"{_pct(b.beta * moves['ndx'])}"
                          for k, b in betas.items() if b)
    n = min((b.n for b in betas.values() if b), default=None)
    return judged(
        parts,
        f"HOOD {_pct(moves['hood'])}, COIN {_pct(moves['coin'])} on {session.date()}",
        f"On the sell-off session {session.date()} HOOD moved {_pct(moves['hood'])} and COIN {_pct(moves['coin'])} "
        f"(thesis: about -10% and -7%) while the Nasdaq-100 moved {_pct(moves['ndx'])}. Pre-event betas: "
        f"{implied or 'too few sessions before the event'}.",
        f"{session.date()} HOOD {_pct(moves['hood'])}，COIN {_pct(moves['coin'])}",
        f"抛售交易日 {session.date()}：HOOD {_pct(moves['hood'])}，COIN {_pct(moves['coin'])}（论文：约 -10% 与 -7%），"
        f"纳斯达克 100 {_pct(moves['ndx'])}。事件前 beta：{implied_zh or '事件前交易日不足'}。",
        n=n, stat="pre-event OLS betas, 95% interval" if n else "",
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
    bars = hourly.set_index("ts")["open"]
    days = sessions_between("XNYS", hourly["ts"].iloc[0], hourly["ts"].iloc[-1])
    us = us_daily.assign(day=us_daily["ts"].dt.tz_localize(None)).set_index("day")
    rows = {}
    prev_close = None
    for day, when in days.iterrows():
        open_, close_ = when["open"], when["close"]
        if prev_close is not None and day in us.index:
            a, b = bars.get(prev_close.floor("h")), bars.get(open_.floor("h"))
            o, c = us.at[day, "open"], us.at[day, "close"]
            if a is not None and b is not None and not any(math.isnan(v) for v in (a, b, o, c)) and o > 0:
                rows[day] = (b / a - 1, c / o - 1)
        prev_close = close_
    return pd.DataFrame.from_dict(rows, orient="index", columns=["btc_pre_open", "us_session"]).sort_index()


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
        raise NotTestable("needs hourly BTC bars, which this source does not have here", "需要 BTC 小时线，此来源此处没有")
    if frames["ndx"].empty:
        raise NotTestable("no Nasdaq-100 data in this range", "此区间没有纳斯达克 100 数据")
    session = sell_off_session(close_series(frames["ndx"]), ctx.event)
    if session is None:
        raise NotTestable("no US session around the event date in this range", "此区间内事件日附近没有美股交易日")
    table = btc_pre_open_table(hourly, frames["ndx"])
    if session not in table.index:
        raise NotTestable(f"no hourly BTC bars or index open for the {session.date()} session",
                          f"{session.date()} 交易日没有 BTC 小时线或指数开盘价")
    base = table[table.index < session].tail(LEAD_SESSIONS)
    test = corr_test(base["btc_pre_open"], base["us_session"]) if len(base) >= LEAD_MIN_N else None
    return LeadInputs(session, table.loc[session], base, test)


@rule("btc-leads", ("btc", "ndx"), 10,
      "Hourly BTC (Binance BTCUSDT perpetual) and the NYSE calendar. For each US session: BTC's return from the previous "
      "US close to the open (holidays and weekends included) and the Nasdaq-100's open-to-close return, windows that do "
      "not overlap. Three parts: BTC fell before the sell-off session's open; the index then fell open-to-close; and over "
      "the 250 sessions before the event (at least 60) the pre-open BTC return predicts the session, a positive "
      "correlation with p < 0.05 (t-test; a significant negative one contradicts). Without hourly bars: not testable.",
      "使用 BTC 小时线（币安 BTCUSDT 永续合约）与纽交所日历。每个美股交易日：BTC 从前一美股收盘至开盘的收益率（含周末与假日），"
      "以及纳斯达克 100 开盘至收盘收益率，两个窗口互不重叠。三个部分：BTC 在抛售交易日开盘前下跌；指数随后开盘至收盘下跌；"
      "在事件前 250 个交易日（至少 60 个）中，开盘前 BTC 收益率能预示当日走势，即正相关且 p < 0.05（t 检验；显著负相关则相反）。"
      "没有小时线时无法检验。")
def _btc_leads(frames: Frames, ctx: Context) -> Result:
    lead = btc_leads_inputs(frames, ctx)
    session, base, test, row = lead.session, lead.base, lead.test, lead.row
    if test is None:
        foretold = Part("predictive link", "预示关系", UNTESTABLE)
    elif test.p < 0.05:
        foretold = Part("predictive link", "预示关系", HOLDS if test.r > 0 else OPPOSITE)
    else:
        foretold = Part("predictive link", "预示关系", FAILS)
    parts = [Part("BTC fell before the open", "开盘前 BTC 下跌", HOLDS if row["btc_pre_open"] < 0 else OPPOSITE),
             Part("the index then fell", "指数随后下跌", HOLDS if row["us_session"] < 0 else FAILS, premise=True),
             foretold]
    night, day = _pct(row["btc_pre_open"]), _pct(row["us_session"])
    stat = test.text() if test else f"only {len(base)} sessions before the event (need {LEAD_MIN_N})"
    return judged(
        parts,
        f"BTC pre-open {night}, index session {day}; pre-event {stat}",
        f"Before the {session.date()} open BTC moved {night} since the previous US close; the Nasdaq-100 then moved {day} "
        f"open-to-close. Over the {len(base)} sessions before, pre-open BTC vs the index session: {stat}.",
        f"开盘前 BTC {night}，指数交易时段 {day}",
        f"{session.date()} 开盘前，BTC 自前一美股收盘以来 {night}；纳斯达克 100 随后开盘至收盘 {day}。事件前 {len(base)} 个"
        f"交易日中，开盘前 BTC 与指数交易时段：{stat}。",
        n=len(base), stat=stat,
    )


@rule("whales", (), 0,
      "Measurable only with an on-chain data source (cohort balances by holding size and age); none is configured.",
      "只有接入链上数据源（按持仓规模与持有时长划分的群体余额）才能衡量；目前未配置。")
def _whales(frames: Frames, ctx: Context) -> Result:
    if ctx.extras.get("onchain_configured"):
        return _na("an on-chain key is configured, but no cohort adapter is built yet", "已配置链上数据密钥，但尚未实现群体数据适配器")
    return _na("needs on-chain cohort data (e.g. Glassnode, CryptoQuant); none configured",
               "需要链上群体数据（如 Glassnode、CryptoQuant）；目前未配置")


# ---------------------------------------------------------------- global tech (thesis 2.2)

def _event_date(ctx: Context, event_id: str) -> pd.Timestamp | None:
    from analytics.events import load_events

    found = [e for e in load_events() if e.id == event_id]
    return pd.Timestamp(found[0].date) if found else None


@rule("softbank-exit", ("softbank", "nvda", "sox"), 30,
      "The sale is a disclosed fact (SoftBank's results, 11 Nov 2025): prices cannot support it, so that part is not "
      "testable here. What prices can test is the reaction: NVDA from its last close before the disclosure (the 10 Nov "
      "US session) to the event, against the SOX semiconductor index over the same sessions; NVDA lagging holds.",
      "出售是已披露的事实（软银财报，2025 年 11 月 11 日）：价格无法证实，此部分在此无法检验。价格能检验的是市场反应："
      "NVDA 从披露前最后一个收盘（11 月 10 日美股交易日）到事件日的涨跌，与同期费城半导体指数对比；NVDA 跑输则成立。")
def _softbank_exit(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import move_between

    disclosed = _event_date(ctx, "softbank-results")
    if disclosed is None:
        raise NotTestable("the disclosure date is not in data/events.csv", "data/events.csv 中没有披露日期")
    before = disclosed - pd.Timedelta(days=1)
    end = pd.Timestamp(ctx.event)
    series = {k: close_series(frames[k]) for k in ("nvda", "sox", "softbank")}
    moves = {k: move_between(v, before, end) for k, v in series.items()}
    if moves["nvda"] is None or moves["sox"] is None or end <= disclosed:
        raise NotTestable("the range does not span the 11 Nov disclosure and the event",
                          "区间未同时覆盖 11 月 11 日的披露与事件日")
    rel = moves["nvda"] - moves["sox"]
    parts = [Part("the sale (a disclosed fact)", "出售（已披露事实）", UNTESTABLE),
             Part("NVDA's reaction", "NVDA 的反应", HOLDS if rel < 0 else FAILS)]
    sb = f", SoftBank {_pct(moves['softbank'])} (yen)" if moves["softbank"] is not None else ""
    return judged(
        parts,
        f"NVDA {_pct(moves['nvda'])} vs SOX {_pct(moves['sox'])} since the last close before 11 Nov",
        f"The sale itself is SoftBank's disclosure of 11 Nov 2025 (see the event timeline), not something prices can "
        f"confirm. From the last close before it to {ctx.event}, NVDA moved {_pct(moves['nvda'])} against "
        f"{_pct(moves['sox'])} for the SOX ({rel * 100:+.1f} points){sb}.",
        f"11 月 11 日前最后收盘以来 NVDA {_pct(moves['nvda'])}，SOX {_pct(moves['sox'])}",
        f"出售本身来自软银 2025 年 11 月 11 日的披露（见事件时间线），价格无法证实。从披露前最后收盘至 {ctx.event}，NVDA "
        f"{_pct(moves['nvda'])}，费城半导体指数 {_pct(moves['sox'])}（相差 {rel * 100:+.1f} 个百分点）"
        + (f"，软银 {_pct(moves['softbank'])}（日元）。" if moves["softbank"] is not None else "。"),
    )


def seoul_on_prior_us(stock: pd.Series, us: pd.Series, before: pd.Timestamp, sessions: int = 250) -> pd.DataFrame:
    """Each Seoul session's return beside the return of the last US session that closed before it opened (UTC,
    from the exchange calendars): the ``sessions`` sessions before ``before``."""
    from analytics.sessions import last_close_before, session as exchange_session

    s_rets, u_rets = simple_returns(stock), simple_returns(us)
    rows = {}
    for day in s_rets.index[s_rets.index < before][-sessions:]:
        hours = exchange_session("XKRX", day)
        prior = last_close_before("XNYS", hours[0]) if hours else None
        if prior is not None and prior[0] in u_rets.index:
            rows[day] = (s_rets[day], u_rets[prior[0]])
    return pd.DataFrame.from_dict(rows, orient="index", columns=["stock", "us"])


@rule("hbm-cycle", ("sk_hynix", "ndx"), 400,
      "Fell hard: SK Hynix fell at least 3% on its Seoul session of the event date (or the last one before it); a rise "
      "contradicts. Context: its beta to the Nasdaq-100's previous US session (the last one that closed before Seoul "
      "opened) over the 250 sessions before, and the move that beta implies. Despite the upgrade: not testable here "
      "(the late-October upgrade's date is approximate and no analyst data are loaded).",
      "大幅下跌：SK 海力士在事件日（或此前最后一个交易日）的首尔交易时段下跌至少 3%；上涨则相反。参考：此前 250 个交易日中"
      "其相对纳斯达克 100 前一美股交易时段（首尔开盘前最后收盘的那一个）的 beta，及其隐含的涨跌。"
      "“尽管上调评级”：此处无法检验（10 月底上调评级的日期只是大概，且未载入分析师数据）。")
def _hbm_cycle(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import session_on_or_before
    from analytics.stats import beta as fit_beta

    hynix = close_series(frames["sk_hynix"])
    day = session_on_or_before(hynix, pd.Timestamp(ctx.event))
    rets = simple_returns(hynix)
    if day is None or day not in rets.index or math.isnan(rets[day]):
        raise NotTestable("no SK Hynix session at or before the event date in this range",
                          "此区间内事件日当天或之前没有 SK 海力士交易日")
    r = float(rets[day])
    off_high = f"{hynix[day] / hynix[hynix.index <= day].max() - 1:+.1%}"
    fell = Part("fell hard", "大幅下跌", OPPOSITE if r > 0 else HOLDS if r <= -0.03 else FAILS)
    ndx = close_series(frames["ndx"])
    pairs = seoul_on_prior_us(hynix, ndx, day)
    b = fit_beta(pairs["us"], pairs["stock"]) if not pairs.empty else None
    today = seoul_on_prior_us(hynix, ndx, day + pd.Timedelta(days=1), sessions=1)
    us_move = float(today["us"].iloc[-1]) if not today.empty and today.index[-1] == day else None
    if b is not None and us_move is not None:
        ctx_en = (f" The Nasdaq-100's previous US session moved {_pct(us_move)}; with a pre-event {b.text()}, that implies "
                  f"{_pct(b.beta * us_move)}.")
        ctx_zh = (f"纳斯达克 100 前一美股交易时段 {_pct(us_move)}；事件前 beta {b.beta:.2f}±{1.96 * b.se:.2f}"
                  f"（95% 区间，n={b.n}），隐含 {_pct(b.beta * us_move)}。")
    else:
        ctx_en = ctx_zh = ""
    return judged(
        [fell, Part("despite the upgrade", "尽管上调评级", UNTESTABLE)],
        f"SK Hynix {_pct(r)} on {day.date()}",
        f"SK Hynix moved {_pct(r)} on its {day.date()} Seoul session, {off_high} from its high in the range so far.{ctx_en}",
        f"{day.date()} SK 海力士 {_pct(r)}",
        f"SK 海力士在 {day.date()} 首尔交易时段 {_pct(r)}，较区间内迄今高点 {off_high}。{ctx_zh}",
        n=b.n if b else None, stat="pre-event OLS beta, 95% interval" if b else "",
    )


ASIA = (("nikkei", "XTKS", "Nikkei 225", "日经 225"), ("kospi", "XKRX", "KOSPI", "KOSPI"))


def asia_us_profile(asia: pd.Series, us: pd.Series, before: pd.Timestamp, sessions: int = 250) -> dict[int, object]:
    """Correlation of an Asian index's session return with the US session ``k`` dates later, k = -1, 0, +1.

    Dates pair by calendar date on common trading days over the ``sessions`` US sessions before ``before``.
    k = 0 (same date) and +1: Asia's session closed before the US session opened (Asia first). k = -1: the US
    session of the previous trading date closed before Asia's opened (the US first).
    """
    from analytics.stats import corr_test

    a = simple_returns(asia).dropna()
    u = simple_returns(us).dropna()
    u = u[u.index < before].tail(sessions)
    common = a.index.intersection(u.index)
    a, u = a.reindex(common), u.reindex(common)
    return {k: corr_test(a, u.shift(-k)) for k in (-1, 0, 1)}


def asia_profiles(frames: Frames, ctx: Context) -> tuple[pd.Timestamp, dict[str, dict[int, object]]]:
    """The US sell-off session and, per Asian index, its lead-lag profile against the Nasdaq-100 over the 250
    sessions before it: what the asia-leads verdict and the section's lag chart both show."""
    us = close_series(frames["ndx"])
    day = sell_off_session(us, ctx.event)
    if day is None:
        raise NotTestable("no US session around the event date in this range", "此区间内事件日附近没有美股交易日")
    return day, {key: asia_us_profile(close_series(frames[key]), us, day) for key, *_ in ASIA
                 if key in frames and not frames[key].empty}


@rule("asia-leads", ("nikkei", "kospi", "ndx"), 400,
      "On timestamps (exchange calendars). The US sell-off session is the worse Nasdaq-100 session of the event date and "
      "the one before (the thesis's date may be Beijing time). Parts: the Nikkei's and the KOSPI's last sessions that "
      "closed before that session opened fell; the US then fell; and over the 250 sessions before, Asia's same-date "
      "return is positively and significantly (p < 0.05) correlated with the US session, more than the US session of "
      "the previous date is with Asia's (otherwise the data point to the US leading, and that part fails).",
      "基于时间戳（交易所日历）。美股抛售交易日为事件日与前一交易日中纳斯达克 100 表现较差者（论文日期可能为北京时间）。"
      "部分：在该交易日开盘前收盘的日经 225 与 KOSPI 最近交易时段下跌；美股随后下跌；在此前 250 个交易日中，亚洲同日收益率与美股"
      "交易时段显著正相关（p < 0.05），且强于前一日美股与亚洲的相关（否则数据显示是美股领先，此部分不成立）。")
def _asia_leads(frames: Frames, ctx: Context) -> Result:
    from analytics.sessions import last_close_before, session as exchange_session

    us = close_series(frames["ndx"])
    day, profiles = asia_profiles(frames, ctx)
    hours = exchange_session("XNYS", day)
    if hours is None:
        raise NotTestable(f"{day.date()} is not a NYSE session", f"{day.date()} 不是纽交所交易日")
    us_open = hours[0]
    parts, figs, figs_zh = [], [], []
    for key, exchange, name, name_zh in ASIA:
        rets = simple_returns(close_series(frames[key]))
        last = last_close_before(exchange, us_open)
        if last is None or last[0] not in rets.index or math.isnan(rets[last[0]]):
            raise NotTestable(f"{name} has no session closing before the {day.date()} US open in this range",
                              f"此区间内 {name_zh} 没有在 {day.date()} 美股开盘前收盘的交易时段")
        r = float(rets[last[0]])
        parts.append(Part(f"{name} fell before the US open", f"美股开盘前{name_zh}下跌", HOLDS if r < 0 else OPPOSITE))
        figs.append(f"{name} {_pct(r)} ({last[0].date()}, closed {last[1]:%H:%M} UTC)")
        figs_zh.append(f"{name_zh} {_pct(r)}（{last[0].date()}，{last[1]:%H:%M} UTC 收盘）")
    us_move = float(simple_returns(us).get(day, np.nan))
    parts.append(Part("the US then fell", "美股随后下跌", HOLDS if us_move < 0 else FAILS, premise=True))
    profile = profiles["nikkei"]
    same, reverse = profile[0], profile[-1]
    if same is None or reverse is None:
        parts.append(Part("Asia leads the US", "亚洲领先美股", UNTESTABLE))
        lead_txt = lead_zh = "too few common sessions before the event for a lead-lag profile"
        n, stat = None, ""
    else:
        leads = same.p < 0.05 and same.r > 0 and same.r > reverse.r
        parts.append(Part("Asia leads the US", "亚洲领先美股", HOLDS if leads else FAILS))
        direction = ("Asia first" if leads else "the US first" if reverse.r > same.r and reverse.p < 0.05
                     else "no clear direction")
        direction_zh = {"Asia first": "亚洲领先", "the US first": "美股领先", "no clear direction": "方向不明"}[direction]
        plus = profile[1]
        lead_txt = (f"Nikkei vs Nasdaq-100 over {same.n} sessions before: same date {same.text()}; previous US session "
                    f"-> Asia {reverse.text()}" + (f"; Asia -> next US session {plus.text()}" if plus else "")
                    + f": the data point to {direction}")
        lead_zh = (f"事件前 {same.n} 个交易日日经与纳斯达克 100：同日 {same.text()}；前一美股交易日→亚洲 {reverse.text()}"
                   + (f"；亚洲→下一美股交易日 {plus.text()}" if plus else "") + f"：数据显示{direction_zh}")
        n, stat = same.n, f"same date {same.text()}; US->Asia {reverse.text()}"
    return judged(
        parts,
        f"{'; '.join(figs)}; US {_pct(us_move)} on {day.date()}",
        f"Before the {day.date()} US open ({us_open:%H:%M} UTC): {'; '.join(figs)}; the Nasdaq-100 then moved "
        f"{_pct(us_move)}. {lead_txt}.",
        f"{'；'.join(figs_zh)}；美股 {day.date()} {_pct(us_move)}",
        f"{day.date()} 美股开盘（{us_open:%H:%M} UTC）前：{'；'.join(figs_zh)}；纳斯达克 100 随后 {_pct(us_move)}。{lead_zh}。",
        n=n, stat=stat,
    )


# ---------------------------------------------------------------- macro (thesis 2.3)

THESIS_DATE = dt.date(2025, 11, 21)  # the sell-off the thesis explains (the app's default event date)
REPORTED_CUT_ODDS = {"week_before": 0.65, "event": 0.35}  # the thesis's figures, shown as "reported, not computed"


def reported_cut_odds() -> dict[pd.Timestamp, float]:
    """The thesis's reported odds by the day they refer to (a week before the sell-off, and its day)."""
    day = pd.Timestamp(THESIS_DATE)
    return {day - pd.Timedelta(days=7): REPORTED_CUT_ODDS["week_before"], day: REPORTED_CUT_ODDS["event"]}


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
ODDS_LABEL = "prediction markets (Polymarket, Kalshi), not CME FedWatch"
ODDS_LABEL_ZH = "预测市场（Polymarket、Kalshi），并非 CME FedWatch"
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


@rule("cut-odds", (), 30,
      "With fed funds futures: the FedWatch method (the December contract, the October decision chained as the starting "
      "rate from the daily effective rate known that day). Without them, as here offline: market-implied odds from "
      "prediction markets (1 - the mid of 'no change' at the 10 Dec 2025 FOMC; Polymarket and Kalshi, averaged), labelled "
      "as such and never called FedWatch. 'At the close' is the last quote at or before the NYSE close of the event date "
      "of the US sell-off session (the worse Nasdaq-100 session of the event date and the one before; the thesis's date may be Beijing time); 'a week earlier' the same instant seven days before. Parts: about "
      "35% at the close (within 10 points); 65% a week earlier (within 10 points); a fall of at least 20 points.",
      "有联邦基金期货时：FedWatch 方法（12 月合约，以当日已知的每日有效利率链接 10 月决议作为起始利率）。没有期货时（离线即如此）："
      "采用预测市场的隐含概率（1 减 2025 年 12 月 10 日议息会议“维持不变”的中间价；Polymarket 与 Kalshi 取平均），如实标注，"
      "绝不称为 FedWatch。“收盘时”为美股抛售交易日（事件日与前一交易日中纳斯达克 100 表现较差者；论文日期可能为北京时间）纽交所收盘时或之前的最后报价；“一周前”为七天前同一时刻。"
      "部分：收盘时约 35%（相差 10 个百分点以内）；一周前约 65%（相差 10 个百分点以内）；下降至少 20 个百分点。")
def _cut_odds(frames: Frames, ctx: Context) -> Result:
    from analytics.sessions import session as exchange_session

    if "zq_dec25" in frames and not frames["zq_dec25"].empty:
        return _cut_odds_futures(frames, ctx)
    if not any(k in ctx.intraday and not ctx.intraday[k].empty for k, _ in ODDS_KEYS):
        raise NotTestable("no fed funds futures and no prediction-market odds in this source and range",
                          "此来源与区间内既无联邦基金期货，也无预测市场概率")
    ndx = frames.get("ndx")
    day = sell_off_session(close_series(ndx), ctx.event) if ndx is not None and not ndx.empty else None
    day = day.date() if day is not None else ctx.event
    hours = exchange_session("XNYS", day)
    if hours is None:
        raise NotTestable(f"{day} is not a NYSE session", f"{day} 不是纽交所交易日")
    close_at, week_at = hours[1], hours[1] - pd.Timedelta(days=7)
    now, then = prediction_market_odds(ctx.intraday, close_at), prediction_market_odds(ctx.intraday, week_at)
    if not now:
        raise NotTestable(f"no prediction-market quote within two hours of the {ctx.event} close",
                          f"{ctx.event} 收盘前两小时内没有预测市场报价")
    a = sum(now.values()) / len(now)
    at_close = Part("about 35% at the close", "收盘时约 35%",
                    HOLDS if abs(a - REPORTED_CUT_ODDS["event"]) <= ODDS_ABOUT else FAILS)
    markets = ", ".join(f"{m} {v:.0%}" for m, v in now.items())
    first = min(ctx.intraday[k]["ts"].iloc[0] for k, _ in ODDS_KEYS if k in ctx.intraday and not ctx.intraday[k].empty)
    if then:
        b = sum(then.values()) / len(then)
        week = Part("65% a week earlier", "一周前 65%", HOLDS if abs(b - REPORTED_CUT_ODDS["week_before"]) <= ODDS_ABOUT
                    else FAILS)
        fall = Part("a fall of 20+ points", "下降 20 个百分点以上", HOLDS if b - a >= 0.20 else OPPOSITE if b < a else FAILS)
        then_txt, then_zh = f"{b:.0%} a week earlier ({week_at:%Y-%m-%d %H:%M} UTC)", f"一周前 {b:.0%}"
    else:
        week = Part("65% a week earlier", "一周前 65%", UNTESTABLE)
        fall = Part("a fall of 20+ points", "下降 20 个百分点以上", UNTESTABLE)
        then_txt = f"a week earlier ({week_at:%Y-%m-%d}) is before the first quote ({first:%Y-%m-%d %H:%M} UTC)"
        then_zh = f"一周前（{week_at:%Y-%m-%d}）早于首个报价（{first:%Y-%m-%d %H:%M} UTC）"
    thesis = f"{REPORTED_CUT_ODDS['week_before']:.0%} -> {REPORTED_CUT_ODDS['event']:.0%}"
    return judged(
        [at_close, week, fall],
        f"{a:.0%} at the {day} close ({ODDS_LABEL})",
        f"Market-implied odds of a December cut from {ODDS_LABEL}: {a:.0%} at the NYSE close of {day}, the US sell-off "
        f"session ({close_at:%H:%M} UTC; {markets}); {then_txt}. Thesis: {thesis}; its date may be Beijing time, so "
        f"'the close' is read as that of the US sell-off session (the worse Nasdaq-100 session of the event date and "
        f"the one before).",
        f"{day} 收盘时 {a:.0%}（{ODDS_LABEL_ZH}）",
        f"{ODDS_LABEL_ZH}隐含的 12 月降息概率：美股抛售交易日 {day} 纽交所收盘（{close_at:%H:%M} UTC）时 {a:.0%}（{markets}）；"
        f"{then_zh}。论文：{thesis}；论文日期可能为北京时间，故“收盘”取美股抛售交易日（事件日与前一交易日中纳斯达克 100 "
        f"表现较差者）的收盘。",
        n=len(now),
    )


def _cut_odds_futures(frames: Frames, ctx: Context) -> Result:
    """FedWatch method on the December 2025 future (live sources only: no futures settles are in the snapshot)."""
    meeting = _event_date(ctx, "fomc-dec")
    if meeting is None:
        raise NotTestable("the December FOMC date is not in data/events.csv", "data/events.csv 中没有 12 月议息会议的日期")
    if not any(k in frames and not frames[k].empty for k in ("dff", "zq_nov25")):
        raise NotTestable("no November contract or daily effective rate for the starting rate",
                          "没有 11 月合约或每日有效联邦基金利率作为起始利率")
    odds = cut_odds_table(frames, meeting.date())["cut_probability"]
    up = cut_odds_table(frames, meeting.date(), +0.01)["cut_probability"]
    down = cut_odds_table(frames, meeting.date(), -0.01)["cut_probability"]
    ev = pd.Timestamp(ctx.event)
    at, before = odds[odds.index <= ev], odds[odds.index <= ev - pd.Timedelta(days=7)]
    if at.empty or before.empty:
        raise NotTestable("no futures prices a week before the event in this range", "此区间内没有事件前一周的期货价格")
    a, b = float(at.iloc[-1]), float(before.iloc[-1])
    parts = [Part("about 35% at the close", "收盘时约 35%", HOLDS if abs(a - REPORTED_CUT_ODDS["event"]) <= 0.15 else FAILS),
             Part("a fall of 20+ points", "下降 20 个百分点以上", HOLDS if b - a >= 0.20 else OPPOSITE if b < a else FAILS)]
    thesis = f"{REPORTED_CUT_ODDS['week_before']:.0%} -> {REPORTED_CUT_ODDS['event']:.0%}"
    then, now = before.index[-1].date(), at.index[-1].date()
    day = at.index[-1]
    swing = max(abs(float(up.get(day, a)) - a), abs(float(down.get(day, a)) - a))
    return judged(parts, f"{b:.0%} -> {a:.0%}",
                  f"Implied odds of a December cut (FedWatch method, fed funds futures): {b:.0%} on {then}, {a:.0%} on "
                  f"{now} (thesis: {thesis}); a 1 bp error in the December price moves the latter by "
                  f"{swing * 100:.0f} points.",
                  f"{b:.0%} -> {a:.0%}",
                  f"隐含的 12 月降息概率（FedWatch 方法，联邦基金期货）：{then} 为 {b:.0%}，{now} 为 {a:.0%}（论文：{thesis}）；"
                  f"12 月合约价格 1 个基点的误差会使后者变动 {swing * 100:.0f} 个百分点。",
                  stat=f"1 bp price sensitivity: ±{swing * 100:.0f} points")


@rule("duration", ("dgs10", "ndx", "spx"), 10,
      "Supported when, over the range, days of rising 10-year yields were days when the Nasdaq-100 lagged the S&P 500: "
      "a negative correlation between the daily 10-year yield change and the NDX-minus-SPX return, significant at "
      "p < 0.05 (t-test; a significant positive one contradicts). The series are aligned on common dates before "
      "differencing.",
      "若区间内 10 年期收益率上升的日子正是纳斯达克 100 跑输标普 500 的日子（10 年期收益率日变动与 NDX 减 SPX "
      "收益率负相关，且 p < 0.05（t 检验；显著正相关则相反）），则判定为支持。三个序列先按共同日期对齐再计算差分。")
def _duration(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import duration_stats

    def ranged(key: str) -> pd.Series:
        s = close_series(frames[key])
        return s[(s.index >= pd.Timestamp(ctx.start)) & (s.index <= pd.Timestamp(ctx.end))]

    stats = duration_stats(ranged("dgs10"), ranged("ndx"), ranged("spx"))
    if not stats:
        raise NotTestable("too few common days of yields and indices in this range", "此区间内收益率与指数的共同交易日太少")
    c, p = stats["corr_growth_minus_broad"], stats["p_growth_minus_broad"]
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    n, slope = int(stats["n"]), f"{stats['slope_per_10bp']:+.2%}"
    hit = Part("growth lagged when yields rose", "收益率上升时成长股跑输",
               HOLDS if c < 0 and p < 0.05 else OPPOSITE if c > 0 and p < 0.05 else FAILS)
    return judged(
        [hit], f"corr(Δ10y, NDX-SPX) = {c:+.2f}, p = {p:.3f}, n = {n}",
        f"Over {n} common days, the correlation of the daily 10-year yield change with {label} minus S&P 500 returns "
        f"is {c:+.2f} (p = {p:.3f}, t-test); {label} moved {slope} per +10 bp.",
        f"相关系数 {c:+.2f}，p = {p:.3f}，n = {n}",
        f"{n} 个共同交易日中，10 年期收益率日变动与 {label} 减标普 500 收益率的相关系数为 {c:+.2f}（p = {p:.3f}，t 检验）；"
        f"收益率每上升 10 个基点，{label} 变动 {slope}。",
        n=n, stat=f"p = {p:.3f} (t-test)",
    )


THESIS_JOBS = {"payrolls_k": 119.0, "unemployment": 4.4}  # "Sept payrolls +119k while unemployment rose to 4.4%"


@rule("paralysis", ("payems", "unrate"), 800,
      "The last jobs report released before the event (data/release_dates.csv). Parts, on FRED's current vintage: "
      "payrolls still growing; unemployment at least 0.3 points above its level twelve months earlier (the mixed signal "
      "that paralyses the Fed). The thesis quotes the first print (+119k, 4.4%): first prints are not in the data (FRED "
      "serves the current, revised vintage), so that part is not testable here; the current vintage is shown beside it.",
      "事件前公布的最近一期就业报告（data/release_dates.csv）。基于 FRED 当前版本的部分：非农就业仍在增长；失业率比十二个月前"
      "至少高 0.3 个百分点（令美联储左右为难的矛盾信号）。论文引用的是首次公布值（+11.9 万，4.4%）：数据中没有首次公布值"
      "（FRED 提供修订后的当前版本），此部分在此无法检验，并列出当前版本。")
def _paralysis(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import labour_table, latest_release_before

    ref = latest_release_before(pd.Timestamp(ctx.event))
    if ref is None:
        raise NotTestable("no jobs-report release date on or before the event in data/release_dates.csv",
                          "data/release_dates.csv 中没有事件日当天或之前的就业报告发布日期")
    table = labour_table(close_series(frames["payems"]), close_series(frames["unrate"]), months=400)
    month_zh = f"{ref.year} 年 {ref.month} 月"
    if ref not in table.index:
        raise NotTestable(f"the {ref:%B %Y} report is not in this source", f"此来源中没有 {month_zh} 的报告")
    row = table.loc[ref]
    year_ago = ref - pd.DateOffset(years=1)
    ur_then = table["unemployment_rate"].get(year_ago, np.nan)
    pay, ur = row["payrolls_change_k"], row["unemployment_rate"]
    if any(math.isnan(v) for v in (pay, ur, ur_then)):
        raise NotTestable(f"{ref:%B %Y} figures are incomplete in this source", f"此来源中 {month_zh} 的数据不完整")
    released = row["released"].date()
    thesis_month = ctx.event == THESIS_DATE
    parts = [Part("payrolls still growing", "非农仍在增长", HOLDS if pay > 0 else FAILS),
             Part("unemployment up 0.3+ points on a year", "失业率一年内上升 0.3 个百分点以上",
                  HOLDS if ur - ur_then >= 0.3 - 1e-9 else FAILS)]
    first = first_zh = ""
    if thesis_month:
        parts.append(Part("the first print (+119k, 4.4%)", "首次公布值（+11.9 万，4.4%）", UNTESTABLE))
        first = (f" The thesis quotes the first print, payrolls {THESIS_JOBS['payrolls_k']:+,.0f}k and unemployment "
                 f"{THESIS_JOBS['unemployment']:.1f}%; first prints are not in the data.")
        first_zh = (f"论文引用首次公布值：非农 {THESIS_JOBS['payrolls_k']:+,.0f}k，失业率 {THESIS_JOBS['unemployment']:.1f}%；"
                    f"数据中没有首次公布值。")
    return judged(
        parts, f"payrolls {pay:+,.0f}k, unemployment {ur:.1f}% (current vintage)",
        f"{ref:%B %Y} (released {released}), FRED's current vintage: payrolls {pay:+,.0f}k while unemployment was "
        f"{ur:.1f}%, up from {ur_then:.1f}% a year earlier.{first}",
        f"非农 {pay:+,.0f}k，失业率 {ur:.1f}%（当前版本）",
        f"{month_zh}（{released} 公布），FRED 当前版本：非农 {pay:+,.0f}k，失业率 {ur:.1f}%，一年前为 {ur_then:.1f}%。{first_zh}",
    )


def data_needs(claim_ids: list[str] | None = None) -> tuple[tuple[str, ...], int]:
    """The union of keys the rules read, and the longest lookback (days) any of them needs."""
    rules = [RULES[c] for c in (claim_ids or list(RULES)) if c in RULES]
    keys = tuple(dict.fromkeys(k for r in rules for k in r.keys))
    return keys, max((r.lookback_days for r in rules), default=0)


def context_with_intraday(ctx: Context, intraday: Mapping[str, pd.DataFrame]) -> Context:
    """The context with its intraday series (hourly BTC in ``hourly``), as every caller builds it."""
    from dataclasses import replace

    return replace(ctx, hourly=intraday.get("btc"), intraday=dict(intraday))


def scoreboard(frames: Frames, ctx: Context) -> list[tuple[Claim, Result, Rule | None]]:
    """Every declared claim with its measured result, in the order of ``data/claims.csv``."""
    return [(c, evaluate(c.id, frames, ctx), RULES.get(c.id)) for c in load_claims()]
