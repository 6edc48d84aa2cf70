"""The crypto page's claims (thesis 2.1): BTC's break, the wick, the correlation, retail beta, the lead, whales."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import crypto as cx
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
    close_series,
    judged,
    na,
    pct,
    rule,
    sell_off_session,
)
from analytics.returns import closes, simple_returns

# ---------------------------------------------------------------- crypto (thesis 2.1)

SIZE_TARGET = 86_000.0  # "fell to about $86,000"
ABOUT = 0.025  # "about": within 2.5%


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
    implied = "; ".join(f"{k.upper()} {b.text()}, implying {pct(b.beta * moves['ndx'])}" for k, b in betas.items() if b)
    implied_zh = "；".join(f"{k.upper()} beta {b.beta:.2f}±{1.96 * b.se:.2f}（95% 区间，n={b.n}），隐含 "
                          f"{pct(b.beta * moves['ndx'])}"
                          for k, b in betas.items() if b)
    n = min((b.n for b in betas.values() if b), default=None)
    return judged(
        parts,
        f"HOOD {pct(moves['hood'])}, COIN {pct(moves['coin'])} on {session.date()}",
        f"On the sell-off session {session.date()} HOOD moved {pct(moves['hood'])} and COIN {pct(moves['coin'])} "
        f"(thesis: about -10% and -7%) while the Nasdaq-100 moved {pct(moves['ndx'])}. Pre-event betas: "
        f"{implied or 'too few sessions before the event'}.",
        f"{session.date()} HOOD {pct(moves['hood'])}，COIN {pct(moves['coin'])}",
        f"抛售交易日 {session.date()}：HOOD {pct(moves['hood'])}，COIN {pct(moves['coin'])}（论文：约 -10% 与 -7%），"
        f"纳斯达克 100 {pct(moves['ndx'])}。事件前 beta：{implied_zh or '事件前交易日不足'}。",
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
    night, day = pct(row["btc_pre_open"]), pct(row["us_session"])
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
        return na("an on-chain key is configured, but no cohort adapter is built yet", "已配置链上数据密钥，但尚未实现群体数据适配器")
    return na("needs on-chain cohort data (e.g. Glassnode, CryptoQuant); none configured",
               "需要链上群体数据（如 Glassnode、CryptoQuant）；目前未配置")
