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
    Part,
    Result,
    close_series,
    event_date,
    judged,
    rule,
    sell_off_session,
)
from analytics.constants import THESIS_DATE

# ---------------------------------------------------------------- macro (thesis 2.3)

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
    meeting = event_date(ctx, "fomc-dec")
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
