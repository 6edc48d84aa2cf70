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
    """What a rule measured: a short figure, the verdict and one sentence, in English and (``*_zh``) Chinese."""

    figure: str
    verdict: str
    detail: str
    figure_zh: str = ""
    detail_zh: str = ""

    def figure_text(self, lang: str = "en") -> str:
        return in_lang(lang, self.figure, self.figure_zh)

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.detail, self.detail_zh)


def _na(detail: str, detail_zh: str) -> Result:
    return Result("n/a", NOT_MEASURABLE, detail, detail_zh=detail_zh)


@dataclass(frozen=True)
class Rule:
    id: str
    keys: tuple[str, ...]
    lookback_days: int
    statement: str
    statement_zh: str
    fn: Callable[[Frames, Context], Result]

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


def rule(id: str, keys: tuple[str, ...], lookback_days: int, statement: str, statement_zh: str):
    def register(fn: Callable[[Frames, Context], Result]) -> Callable[[Frames, Context], Result]:
        RULES[id] = Rule(id, keys, lookback_days, statement, statement_zh, fn)
        return fn

    return register


def evaluate(claim_id: str, frames: Frames, ctx: Context) -> Result:
    """Run a claim's rule; missing data is 'not measurable', never an exception."""
    rule_ = RULES.get(claim_id)
    if rule_ is None:
        return _na("no rule for this claim yet", "该观点尚无判定规则")
    missing = [k for k in rule_.keys if k not in frames or frames[k].empty]
    if missing:
        names = [str(frames[k].attrs.get("label", k)) if k in frames else k for k in missing]  # a reader's name
        return _na(f"no data for {', '.join(names)} in this range and source",
                   f"此区间与数据来源中没有 {'、'.join(names)} 的数据")
    try:
        return rule_.fn(frames, ctx)
    except (ValueError, KeyError, IndexError, ZeroDivisionError) as exc:
        return _na(f"cannot be computed on this range ({type(exc).__name__})", f"无法在此区间计算（{type(exc).__name__}）")


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
      "of those sessions was the lowest in at least six months.",
      "若 BTC 在事件交易日或前一交易日盘中跌破该价位，且这两个交易日的最低收盘价为至少六个月以来最低，则判定为支持。")
def _btc_90k(frames: Frames, ctx: Context) -> Result:
    btc = frames["btc"]
    win = window(btc, ctx.start, ctx.end)
    sessions = cx.event_sessions(pd.DatetimeIndex(btc["ts"].dt.tz_localize(None)), ctx.event)
    if win.empty or not sessions:
        return _na("no BTC sessions around the event date in this range", "此区间内事件日附近没有 BTC 交易日")
    near = btc[btc["ts"].dt.tz_localize(None).isin(sessions)]
    first_trade = cx.first_below(win, ctx.level, "low")
    first_close = cx.first_below(win, ctx.level, "close")
    low_row = near.loc[near["close"].idxmin()]
    since = cx.lowest_close_since(btc, low_row["ts"])
    traded_below = bool((near["low"] < ctx.level).any())
    months = since.months if since and since.months is not None else (99.0 if since else 0.0)
    verdict = SUPPORTED if traded_below and months >= 6 else NOT_SUPPORTED
    known = since is not None and since.since is not None
    since_txt = (f"lowest close since {since.since.date()} ({since.months:.1f} months)" if known
                 else "lowest close in all the data loaded")
    since_zh = (f"自 {since.since.date()} 以来最低收盘价（{since.months:.1f} 个月）" if known
                else "所载全部数据中的最低收盘价")
    if first_trade is None:
        first_txt, first_zh = "never traded below in range", "区间内从未跌破"
    elif first_trade.crossed:
        first_txt, first_zh = f"first traded below on {first_trade.ts.date()}", f"{first_trade.ts.date()} 首次盘中跌破"
    else:
        first_txt = f"already traded below at the range start ({first_trade.ts.date()})"
        first_zh = f"区间开始时（{first_trade.ts.date()}）已在其下方交易"
    if first_close is None:
        close_txt = close_zh = ""
    elif first_close.crossed:
        close_txt, close_zh = f", first closed below on {first_close.ts.date()}", f"，{first_close.ts.date()} 首次收盘跌破"
    else:
        close_txt = f", already closed below at the range start ({first_close.ts.date()})"
        close_zh = f"，区间开始时（{first_close.ts.date()}）收盘已在其下方"
    day, close = low_row["ts"].date(), f"{low_row['close']:,.0f}"
    return Result(
        f"{close} on {day}: {since_txt}",
        verdict,
        f"BTC {first_txt}{close_txt} (level {ctx.level:,.0f}); its {day} close of {close} was the {since_txt}.",
        f"{day} 收于 {close}：{since_zh}",
        f"BTC {first_zh}{close_zh}（价位 {ctx.level:,.0f}）；{day} 收盘价 {close} 为{since_zh}。",
    )


@rule("btc-wick", ("btc",), 60,
      "Supported when, on the event session or the one before, BTC's volume was at least 1.5x the window's median and "
      "its lower wick at least 3% of the price (a needle-like low on heavy trading).",
      "若在事件交易日或前一交易日，BTC 成交量至少为窗口中位数的 1.5 倍，且下影线至少为价格的 3%（放量下的针状低点），"
      "则判定为支持。")
def _btc_wick(frames: Frames, ctx: Context) -> Result:
    btc = window(frames["btc"], ctx.start, ctx.end)
    sessions = cx.event_sessions(pd.DatetimeIndex(btc["ts"].dt.tz_localize(None)), ctx.event)
    near = btc[btc["ts"].dt.tz_localize(None).isin(sessions)]
    if near.empty:
        return _na("no BTC sessions around the event date in this range", "此区间内事件日附近没有 BTC 交易日")
    median = btc["volume"].median()
    best = None
    for _, bar in near.iterrows():
        wick = cx.lower_wick(bar)
        ratio = bar["volume"] / median if median and not math.isnan(median) else float("nan")
        if best is None or wick.size_pct > best[0].size_pct:
            best = (wick, ratio)
    wick, ratio = best
    verdict = SUPPORTED if wick.size_pct >= 0.03 and ratio >= 1.5 else NOT_SUPPORTED
    hourly = ctx.hourly is not None and not ctx.hourly.empty
    basis = "hourly bars" if hourly else "daily bars (hourly unavailable here)"
    basis_zh = "小时线" if hourly else "日线，此处无小时线"
    return Result(
        f"wick {wick.size_pct:.1%}, volume {ratio:.1f}x median",
        verdict,
        f"On {wick.ts.date()} BTC's low of {wick.low:,.0f} left a lower wick of {wick.size:,.0f} ({wick.size_pct:.1%}) "
        f"on {ratio:.1f}x the window's median volume ({basis}).",
        f"下影线 {wick.size_pct:.1%}，成交量为中位数的 {ratio:.1f} 倍",
        f"{wick.ts.date()} BTC 最低 {wick.low:,.0f}，下影线 {wick.size:,.0f}（{wick.size_pct:.1%}），"
        f"成交量为窗口中位数的 {ratio:.1f} 倍（{basis_zh}）。",
    )


@rule("btc-ndx-corr", ("btc", "ndx"), 150,
      "Supported when the rolling correlation of daily returns (the selected window, US trading days) exceeds 0.8 "
      "somewhere in the range.",
      "若区间内某处日收益率的滚动相关系数（所选窗口，美股交易日）超过 0.8，则判定为支持。")
def _btc_ndx_corr(frames: Frames, ctx: Context) -> Result:
    rets = cx.us_day_returns(close_series(frames["btc"]), close_series(frames["ndx"]))
    corr = cx.rolling_corr(rets, ctx.window)
    corr = corr[(corr.index >= pd.Timestamp(ctx.start)) & (corr.index <= pd.Timestamp(ctx.end))]
    if corr.empty:
        return _na(f"the range is too short for a {ctx.window}-day correlation", f"区间太短，无法计算 {ctx.window} 日相关系数")
    peak, at = float(corr.max()), corr.idxmax()
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    holds, holds_zh = ("holds", "成立") if peak > 0.8 else ("does not hold", "不成立")
    return Result(
        f"max {ctx.window}d corr = {peak:.2f}",
        SUPPORTED if peak > 0.8 else NOT_SUPPORTED,
        f"{ctx.window}-day correlation of BTC with {label} peaked at {peak:.2f} on {at.date()}: the > 0.8 claim {holds} "
        f"in this window.",
        f"{ctx.window} 日相关系数最高 {peak:.2f}",
        f"BTC 与 {label} 的 {ctx.window} 日相关系数在 {at.date()} 达到峰值 {peak:.2f}：此窗口内“高于 0.8”的说法{holds_zh}。",
    )


@rule("retail-beta", ("hood", "coin", "ndx"), 10,
      "Supported when, on the sell-off session (the worse of the event session and the one before), HOOD fell at least "
      "7% and COIN at least 4.9% (70% of the thesis's 10% and 7%).",
      "若在抛售交易日（事件交易日与前一交易日中跌幅较大者），HOOD 下跌至少 7%、COIN 下跌至少 4.9%"
      "（论文所述 10% 与 7% 的七成），则判定为支持。")
def _retail_beta(frames: Frames, ctx: Context) -> Result:
    wide = closes({k: frames[k] for k in ("hood", "coin", "ndx")})
    session = sell_off_session(wide["ndx"], ctx.event)
    if session is None:
        return _na("no US session around the event date in this range", "此区间内事件日附近没有美股交易日")
    hood = simple_returns(wide["hood"]).get(session, np.nan)
    coin = simple_returns(wide["coin"]).get(session, np.nan)
    if math.isnan(hood) or math.isnan(coin):
        return _na(f"HOOD or COIN did not trade on {session.date()}", f"HOOD 或 COIN 在 {session.date()} 没有交易")
    ok = hood <= -0.07 and coin <= -0.049
    return Result(
        f"HOOD {_pct(hood)}, COIN {_pct(coin)} on {session.date()}",
        SUPPORTED if ok else NOT_SUPPORTED,
        f"On the sell-off session {session.date()} HOOD moved {_pct(hood)} and COIN {_pct(coin)} "
        f"(thesis: about -10% and -7%).",
        f"{session.date()} HOOD {_pct(hood)}，COIN {_pct(coin)}",
        f"抛售交易日 {session.date()}：HOOD {_pct(hood)}，COIN {_pct(coin)}（论文：约 -10% 与 -7%）。",
    )


@rule("btc-leads", ("btc", "ndx"), 10,
      "Hourly BTC: supported when BTC fell between the previous US close and the US open of the sell-off session, the "
      "index then fell open-to-close, and over the range the two are positively correlated. Daily only: the same with "
      "BTC's return over the UTC day before the session, and a lag-1 correlation above 0.2.",
      "有小时线时：若 BTC 在抛售交易日的前一美股收盘至美股开盘之间下跌，随后指数开盘至收盘下跌，且区间内两者正相关，"
      "则判定为支持。仅有日线时：改用该交易日前一个 UTC 日的 BTC 收益率，并要求滞后 1 日相关系数高于 0.2。")
def _btc_leads(frames: Frames, ctx: Context) -> Result:
    btc_c, us_c = close_series(frames["btc"]), close_series(frames["ndx"])
    us_c = us_c[(us_c.index >= pd.Timestamp(ctx.start)) & (us_c.index <= pd.Timestamp(ctx.end))]
    session = sell_off_session(us_c, ctx.event)
    if session is None:
        return _na("no US session around the event date in this range", "此区间内事件日附近没有美股交易日")
    us_ret = simple_returns(us_c)
    if ctx.hourly is not None and not ctx.hourly.empty:
        table = cx.overnight_vs_session(ctx.hourly, window(frames["ndx"], ctx.start, ctx.end))
        if session in table.index and len(table) > 3:
            row = table.loc[session]
            corr = table["btc_overnight"].corr(table["us_session"])
            ok = row["btc_overnight"] < 0 and row["us_session"] < 0 and corr > 0
            night, day = _pct(row["btc_overnight"]), _pct(row["us_session"])
            return Result(
                f"BTC overnight {night}, index session {day}; corr {corr:.2f}",
                SUPPORTED if ok else NOT_SUPPORTED,
                f"Before the {session.date()} open BTC moved {night}; the index then moved "
                f"{day} open-to-close; over {len(table)} days the correlation is {corr:.2f}.",
                f"BTC 隔夜 {night}，指数交易时段 {day}；相关系数 {corr:.2f}",
                f"{session.date()} 开盘前 BTC {night}；指数随后开盘至收盘 {day}；{len(table)} 个交易日的相关系数为 {corr:.2f}。",
            )
    btc_ret = simple_returns(btc_c)
    lag = cx.lagged_corr(btc_ret, us_ret, range(1, 2)).get(1, np.nan)
    prev_day = session - pd.Timedelta(days=1)
    btc_before = btc_ret.get(prev_day, np.nan)
    us_on = us_ret.get(session, np.nan)
    if any(math.isnan(v) for v in (lag, btc_before, us_on)):
        return _na("not enough overlapping days in this range", "此区间内重叠的交易日不足")
    ok = btc_before < 0 and us_on < 0 and lag > 0.2
    return Result(
        f"lag-1 corr {lag:.2f}; BTC {_pct(btc_before)} the day before",
        SUPPORTED if ok else NOT_SUPPORTED,
        f"Daily bars only: BTC moved {_pct(btc_before)} over {prev_day.date()} (UTC), the index {_pct(us_on)} on "
        f"{session.date()}; lag-1 correlation over the range {lag:.2f}.",
        f"滞后 1 日相关系数 {lag:.2f}；前一日 BTC {_pct(btc_before)}",
        f"仅有日线：BTC 在 {prev_day.date()}（UTC）{_pct(btc_before)}，指数在 {session.date()} {_pct(us_on)}；"
        f"区间内滞后 1 日相关系数 {lag:.2f}。",
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


@rule("softbank-exit", ("softbank", "nvda"), 30,
      "The sale itself is a disclosed fact (SoftBank's results, 11 Nov 2025), not a price pattern. What prices can "
      "test is the signal the thesis reads into it: supported when NVDA fell from the disclosure session to the "
      "event session.",
      "出售本身是已披露的事实（软银财报，2025 年 11 月 11 日），而不是价格形态。价格能检验的是论文从中读出的信号："
      "若英伟达从披露交易日到事件交易日下跌，则判定为支持。")
def _softbank_exit(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import move_between

    disclosed = _event_date(ctx, "softbank-results")
    if disclosed is None:
        return _na("the disclosure date is not in data/events.csv", "data/events.csv 中没有披露日期")
    nvda, sb = close_series(frames["nvda"]), close_series(frames["softbank"])
    end = pd.Timestamp(ctx.event)
    n, s = move_between(nvda, disclosed, end), move_between(sb, disclosed, end)
    if n is None or s is None or end <= disclosed:
        return _na("the range does not span the 11 Nov disclosure and the event", "区间未同时覆盖 11 月 11 日的披露与事件日")
    return Result(
        f"NVDA {_pct(n)}, SoftBank {_pct(s)} since 11 Nov",
        SUPPORTED if n < 0 else NOT_SUPPORTED,
        f"From the 11 Nov disclosure to {ctx.event}, NVDA moved {_pct(n)} and SoftBank {_pct(s)} (each in its own "
        f"currency).",
        f"11 月 11 日以来 NVDA {_pct(n)}，软银 {_pct(s)}",
        f"从 11 月 11 日披露至 {ctx.event}，NVDA {_pct(n)}，软银 {_pct(s)}（各以本币计）。",
    )


@rule("hbm-cycle", ("sk_hynix",), 10,
      "Supported when SK Hynix fell at least 3% on its Seoul session of the event date (or the last one before it).",
      "若 SK 海力士在事件日（或此前最后一个交易日）的首尔交易时段下跌至少 3%，则判定为支持。")
def _hbm_cycle(frames: Frames, ctx: Context) -> Result:
    from analytics.markets import session_on_or_before

    hynix = close_series(frames["sk_hynix"])
    day = session_on_or_before(hynix, pd.Timestamp(ctx.event))
    rets = simple_returns(hynix)
    if day is None or day not in rets.index:
        return _na("no SK Hynix session at or before the event date in this range", "此区间内事件日当天或之前没有 SK 海力士交易日")
    r = float(rets[day])
    off_high = f"{hynix[day] / hynix[hynix.index <= day].max() - 1:+.1%}"
    return Result(
        f"SK Hynix {_pct(r)} on {day.date()}",
        SUPPORTED if r <= -0.03 else NOT_SUPPORTED,
        f"SK Hynix moved {_pct(r)} on its {day.date()} Seoul session, {off_high} from its high in the range so far.",
        f"{day.date()} SK 海力士 {_pct(r)}",
        f"SK 海力士在 {day.date()} 首尔交易时段 {_pct(r)}，较区间内迄今高点 {off_high}。",
    )


@rule("asia-leads", ("nikkei", "kospi"), 10,
      "Supported when both the Nikkei 225 and the KOSPI fell on their sessions of the event date (which close before "
      "New York opens).",
      "若日经 225 与 KOSPI 在事件日的交易时段（在纽约开盘前收盘）均下跌，则判定为支持。")
def _asia_leads(frames: Frames, ctx: Context) -> Result:
    day = pd.Timestamp(ctx.event)
    moves = {}
    for key, name, name_zh in (("nikkei", "Nikkei", "日经 225"), ("kospi", "KOSPI", "KOSPI")):
        rets = simple_returns(close_series(frames[key]))
        if day not in rets.index:
            return _na(f"{name} did not trade on {ctx.event}", f"{name_zh} 在 {ctx.event} 没有交易")
        moves[(name, name_zh)] = float(rets[day])
    us_txt = us_zh = ""
    for key in ("spx", "ndx"):
        if key in frames and not frames[key].empty:
            r = simple_returns(close_series(frames[key])).get(day)
            if r is not None and not math.isnan(r):
                label = frames[key].attrs.get("label", key)
                us_txt, us_zh = f"; {label} moved {_pct(r)} later that day", f"；{label} 当天稍后 {_pct(r)}"
                break
    ok = all(v < 0 for v in moves.values())
    figure = ", ".join(f"{en} {_pct(v)}" for (en, _), v in moves.items())
    figure_zh = "，".join(f"{zh} {_pct(v)}" for (_, zh), v in moves.items())
    return Result(f"{figure} on {ctx.event}", SUPPORTED if ok else NOT_SUPPORTED,
                  f"On {ctx.event}, before the New York open: {figure}{us_txt}.",
                  f"{ctx.event} {figure_zh}", f"{ctx.event} 纽约开盘前：{figure_zh}{us_zh}。")


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
      "fell by at least 20 points from a week before the event to the event, ending within 15 points of 35%.",
      "以 FedWatch 方法计算 2025 年 12 月联邦基金期货：若隐含的降息 25 个基点概率从事件前一周到事件日下降至少 20 个百分点，"
      "且最终与 35% 相差不超过 15 个百分点，则判定为支持。")
def _cut_odds(frames: Frames, ctx: Context) -> Result:
    meeting = _event_date(ctx, "fomc-dec")
    if meeting is None:
        return _na("the December FOMC date is not in data/events.csv", "data/events.csv 中没有 12 月议息会议的日期")
    if not any(k in frames and not frames[k].empty for k in ("dff", "fedfunds")):
        return _na("no effective fed funds rate for the pre-meeting rate", "没有可作会前利率的有效联邦基金利率")
    odds = cut_odds_table(frames, meeting.date())["cut_probability"]
    ev = pd.Timestamp(ctx.event)
    at, before = odds[odds.index <= ev], odds[odds.index <= ev - pd.Timedelta(days=7)]
    if at.empty or before.empty:
        return _na("no futures prices a week before the event in this range", "此区间内没有事件前一周的期货价格")
    a, b = float(at.iloc[-1]), float(before.iloc[-1])
    ok = b - a >= 0.20 and abs(a - REPORTED_CUT_ODDS["event"]) <= 0.15
    thesis = f"{REPORTED_CUT_ODDS['week_before']:.0%} -> {REPORTED_CUT_ODDS['event']:.0%}"
    then, now = before.index[-1].date(), at.index[-1].date()
    return Result(f"{b:.0%} -> {a:.0%}", SUPPORTED if ok else NOT_SUPPORTED,
                  f"Implied odds of a December cut: {b:.0%} on {then}, {a:.0%} on {now} (thesis: {thesis}).",
                  detail_zh=f"隐含的 12 月降息概率：{then} 为 {b:.0%}，{now} 为 {a:.0%}（论文：{thesis}）。")


@rule("duration", ("dgs10", "ndx", "spx"), 10,
      "Supported when, over the range, days of rising 10-year yields were days when the Nasdaq-100 lagged the S&P 500: "
      "a negative correlation between the daily 10-year yield change and the NDX-minus-SPX return.",
      "若区间内 10 年期收益率上升的日子正是纳斯达克 100 跑输标普 500 的日子（10 年期收益率日变动与 NDX 减 SPX "
      "收益率负相关），则判定为支持。")
def _duration(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import duration_stats

    def ranged(key: str) -> pd.Series:
        s = close_series(frames[key])
        return s[(s.index >= pd.Timestamp(ctx.start)) & (s.index <= pd.Timestamp(ctx.end))]

    stats = duration_stats(ranged("dgs10"), ranged("ndx"), ranged("spx"))
    if not stats:
        return _na("too few common days of yields and indices in this range", "此区间内收益率与指数的共同交易日太少")
    c = stats["corr_growth_minus_broad"]
    label = frames["ndx"].attrs.get("label", "Nasdaq-100")
    n, slope = int(stats["n"]), f"{stats['slope_per_10bp']:+.2%}"
    return Result(f"corr(Δ10y, NDX-SPX) = {c:+.2f}", SUPPORTED if c < 0 else NOT_SUPPORTED,
                  f"Over {n} days, the correlation of the daily 10-year yield change with {label} minus "
                  f"S&P 500 returns is {c:+.2f}; {label} moved {slope} per +10 bp.",
                  detail_zh=f"{n} 个交易日中，10 年期收益率日变动与 {label} 减标普 500 收益率的相关系数为 {c:+.2f}；"
                            f"收益率每上升 10 个基点，{label} 变动 {slope}。")


@rule("paralysis", ("payems", "unrate"), 800,
      "Supported when the last jobs report released before the event shows payrolls still growing while unemployment is "
      "at least 0.3 points above its level twelve months earlier (the mixed signal that paralyses the Fed).",
      "若事件前公布的最近一期就业报告显示非农就业仍在增长，而失业率比十二个月前至少高 0.3 个百分点"
      "（令美联储左右为难的矛盾信号），则判定为支持。")
def _paralysis(frames: Frames, ctx: Context) -> Result:
    from analytics.macro import labour_table, latest_release_before

    ref = latest_release_before(pd.Timestamp(ctx.event))
    if ref is None:
        return _na("no jobs-report release date on or before the event in data/release_dates.csv",
                   "data/release_dates.csv 中没有事件日当天或之前的就业报告发布日期")
    table = labour_table(close_series(frames["payems"]), close_series(frames["unrate"]), months=400)
    month_zh = f"{ref.year} 年 {ref.month} 月"
    if ref not in table.index:
        return _na(f"the {ref:%B %Y} report is not in this source", f"此来源中没有 {month_zh} 的报告")
    row = table.loc[ref]
    year_ago = ref - pd.DateOffset(years=1)
    ur_then = table["unemployment_rate"].get(year_ago, np.nan)
    pay, ur = row["payrolls_change_k"], row["unemployment_rate"]
    if any(math.isnan(v) for v in (pay, ur, ur_then)):
        return _na(f"{ref:%B %Y} figures are incomplete in this source", f"此来源中 {month_zh} 的数据不完整")
    ok = pay > 0 and ur - ur_then >= 0.3 - 1e-9
    released = row["released"].date()
    return Result(f"payrolls {pay:+,.0f}k, unemployment {ur:.1f}%", SUPPORTED if ok else NOT_SUPPORTED,
                  f"{ref:%B %Y} (released {released}): payrolls {pay:+,.0f}k while unemployment was "
                  f"{ur:.1f}%, up from {ur_then:.1f}% a year earlier "
                  f"(current FRED vintage; the first print can differ).",
                  f"非农 {pay:+,.0f}k，失业率 {ur:.1f}%",
                  f"{month_zh}（{released} 公布）：非农 {pay:+,.0f}k，失业率 {ur:.1f}%，一年前为 {ur_then:.1f}%"
                  f"（FRED 当前版本；首次公布值可能不同）。")


def data_needs(claim_ids: list[str] | None = None) -> tuple[tuple[str, ...], int]:
    """The union of keys the rules read, and the longest lookback (days) any of them needs."""
    rules = [RULES[c] for c in (claim_ids or list(RULES)) if c in RULES]
    keys = tuple(dict.fromkeys(k for r in rules for k in r.keys))
    return keys, max((r.lookback_days for r in rules), default=0)


def scoreboard(frames: Frames, ctx: Context) -> list[tuple[Claim, Result, Rule | None]]:
    """Every declared claim with its measured result, in the order of ``data/claims.csv``."""
    return [(c, evaluate(c.id, frames, ctx), RULES.get(c.id)) for c in load_claims()]
