"""The global-tech page's claims (thesis 2.2): SoftBank's exit, the HBM cycle, Asia leading."""

from __future__ import annotations

import math

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
    pct,
    rule,
    sell_off_session,
)
from analytics.returns import simple_returns

# ---------------------------------------------------------------- global tech (thesis 2.2)

@rule("softbank-exit", ("softbank", "nvda", "sox"), 30,
      "The sale is a disclosed fact (SoftBank's results, 11 Nov 2025): prices cannot support it, so that part is not "
      "testable here. What prices can test is the reaction: NVDA from its last close before the disclosure (the 10 Nov "
      "US session) to the event, against the SOX semiconductor index over the same sessions; NVDA lagging holds.",
      "出售是已披露的事实（软银财报，2025 年 11 月 11 日）：价格无法证实，此部分在此无法检验。价格能检验的是市场反应："
      "NVDA 从披露前最后一个收盘（11 月 10 日美股交易日）到事件日的涨跌，与同期费城半导体指数对比；NVDA 跑输则成立。")
def _softbank_exit(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import move_between

    disclosed = event_date(ctx, "softbank-results")
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
    sb = f", SoftBank {pct(moves['softbank'])} (yen)" if moves["softbank"] is not None else ""
    return judged(
        parts,
        f"NVDA {pct(moves['nvda'])} vs SOX {pct(moves['sox'])} since the last close before 11 Nov",
        f"The sale itself is SoftBank's disclosure of 11 Nov 2025 (see the event timeline), not something prices can "
        f"confirm. From the last close before it to {ctx.event}, NVDA moved {pct(moves['nvda'])} against "
        f"{pct(moves['sox'])} for the SOX ({rel * 100:+.1f} points){sb}.",
        f"11 月 11 日前最后收盘以来 NVDA {pct(moves['nvda'])}，SOX {pct(moves['sox'])}",
        f"出售本身来自软银 2025 年 11 月 11 日的披露（见事件时间线），价格无法证实。从披露前最后收盘至 {ctx.event}，NVDA "
        f"{pct(moves['nvda'])}，费城半导体指数 {pct(moves['sox'])}（相差 {rel * 100:+.1f} 个百分点）"
        + (f"，软银 {pct(moves['softbank'])}（日元）。" if moves["softbank"] is not None else "。"),
    )


def seoul_on_prior_us(stock: pd.Series, us: pd.Series, before: pd.Timestamp, sessions: int = 250) -> pd.DataFrame:
    """Each Seoul session's return beside the return of the last US session that closed before it opened (UTC,
    from the exchange calendars): the ``sessions`` sessions before ``before``."""
    from analytics.sessions import last_close_before
    from analytics.sessions import session as exchange_session

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
        ctx_en = (f" The Nasdaq-100's previous US session moved {pct(us_move)}; with a pre-event {b.text()}, that implies "
                  f"{pct(b.beta * us_move)}.")
        ctx_zh = (f"纳斯达克 100 前一美股交易时段 {pct(us_move)}；事件前 beta {b.beta:.2f}±{1.96 * b.se:.2f}"
                  f"（95% 区间，n={b.n}），隐含 {pct(b.beta * us_move)}。")
    else:
        ctx_en = ctx_zh = ""
    return judged(
        [fell, Part("despite the upgrade", "尽管上调评级", UNTESTABLE)],
        f"SK Hynix {pct(r)} on {day.date()}",
        f"SK Hynix moved {pct(r)} on its {day.date()} Seoul session, {off_high} from its high in the range so far.{ctx_en}",
        f"{day.date()} SK 海力士 {pct(r)}",
        f"SK 海力士在 {day.date()} 首尔交易时段 {pct(r)}，较区间内迄今高点 {off_high}。{ctx_zh}",
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
    from analytics.sessions import last_close_before
    from analytics.sessions import session as exchange_session

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
        figs.append(f"{name} {pct(r)} ({last[0].date()}, closed {last[1]:%H:%M} UTC)")
        figs_zh.append(f"{name_zh} {pct(r)}（{last[0].date()}，{last[1]:%H:%M} UTC 收盘）")
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
        f"{'; '.join(figs)}; US {pct(us_move)} on {day.date()}",
        f"Before the {day.date()} US open ({us_open:%H:%M} UTC): {'; '.join(figs)}; the Nasdaq-100 then moved "
        f"{pct(us_move)}. {lead_txt}.",
        f"{'；'.join(figs_zh)}；美股 {day.date()} {pct(us_move)}",
        f"{day.date()} 美股开盘（{us_open:%H:%M} UTC）前：{'；'.join(figs_zh)}；纳斯达克 100 随后 {pct(us_move)}。{lead_zh}。",
        n=n, stat=stat,
    )
