"""Every sentence the claim rules show, in English and Chinese, worded from one set of facts.

A rule returns a code and its facts (numbers already formatted once, names); this table words them in both
languages, so a figure can never differ between the English and the Chinese reading. A fact that is itself a
word (a market's name) is a ``Bi(en, zh)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Bi(NamedTuple):
    """A fact with a name in each language."""

    en: str
    zh: str


# Parts of claims: what the verdict line says decided it.
PARTS: dict[str, tuple[str, str]] = {
    "level": ("level", "价位"),
    "level_daily": ("level (daily lows)", "价位（日线最低价）"),
    "timing": ("timing", "时间"),
    "size": ("size", "幅度"),
    "seven_month_low": ("seven-month low", "七个月新低"),
    "low_below": ("the low below {level}", "最低价低于 {level}"),
    "cascade": ("a cascade", "连环下跌"),
    "needle": ("a needle-like low", "针状低点"),
    "funding_flush": ("longs flushed (funding)", "多头出清（资金费率）"),
    "oi_flush": ("longs flushed (open-interest drop)", "多头出清（持仓量下降）"),
    "liquidation_spike": ("liquidations spiked (Binance, CoinGlass)", "清算激增（币安，CoinGlass）"),
    "liquidations": ("liquidation totals", "清算总额"),
    "heavy_volume": ("heavy volume", "放量"),
    "cascade_hours": ("a cascade within hours", "数小时内的连环下跌"),
    "above_08": ("above 0.8 in 2025", "2025 年高于 0.8"),
    "record": ("a record", "创纪录"),
    "about_move": ("{name} about {target}", "{name} 约 {target}"),
    "btc_fell_first": ("BTC fell before the open", "开盘前 BTC 下跌"),
    "index_fell": ("the index then fell", "指数随后下跌"),
    "predictive": ("predictive link", "预示关系"),
    "sale_fact": ("the sale (a disclosed fact)", "出售（已披露事实）"),
    "nvda_reaction": ("NVDA's reaction", "NVDA 的反应"),
    "fell_hard": ("fell hard", "大幅下跌"),
    "despite_upgrade": ("despite the upgrade", "尽管上调评级"),
    "asia_fell": ("{market} fell before the US open", "美股开盘前{market}下跌"),
    "us_fell": ("the US then fell", "美股随后下跌"),
    "asia_leads": ("Asia leads the US", "亚洲领先美股"),
    "odds_at_close": ("about 35% at the close", "收盘时约 35%"),
    "odds_week_before": ("65% a week earlier", "一周前 65%"),
    "odds_fall": ("a fall of 20+ points", "下降 20 个百分点以上"),
    "growth_lagged": ("growth lagged when yields rose", "收益率上升时成长股跑输"),
    "payrolls_growing": ("payrolls still growing", "非农仍在增长"),
    "unemployment_up": ("unemployment up 0.3+ points on a year", "失业率一年内上升 0.3 个百分点以上"),
    "rose_to": (
        "unemployment rose to {rate}% from the month before (current vintage)",
        "失业率较上月升至 {rate}%（当前版本）",
    ),
    "first_print": ("the first print (+119k, 4.4%)", "首次公布值（+119k，4.4%）"),
}

# What decided a verdict (``core.judge``).
DECIDED: dict[str, tuple[str, str]] = {
    "none_testable": ("no part is testable here", "没有可检验的部分"),
    "all_hold": ("every part holds", "每一部分均成立"),
    "testable_hold": ("every testable part holds", "可检验的部分均成立"),
    "fails": ("{part}: not borne out by the data", "{part}：数据不支持"),
    "opposite": ("{part}: no, the data show the opposite", "{part}：否，数据显示相反"),
    "untestable": ("{part} cannot be tested here", "{part}此处无法检验"),
    "no_data": ("no data to test it", "没有可检验的数据"),
    "not_yet_known": ("its data are not in yet", "所需数据尚未公布"),
    "not_yet_figure": ("not yet known", "尚不可知"),
    "pending": ("{part} not yet known (in at {when})", "{part}尚不可知（{when} 出齐）"),
    "disclosed": (
        "the sale is a disclosed fact (SoftBank's results, {day}); prices cannot test it",
        "出售是已披露的事实（软银财报，{day}）；价格无法检验",
    ),
    "single_test": ("its single test (see the rule)", "其唯一检验（见规则）"),
    "thesis_only": (
        "a claim about the thesis's sell-off: not judged on another one",
        "针对原文所述抛售的观点：不用于评判其他抛售",
    ),
    "out_of_view": ("the range does not hold the event", "区间不包含事件日"),
}

# Why a claim could not be tested (``NotTestable`` and ``core.na``).
NOT_TESTABLE: dict[str, tuple[str, str]] = {
    "no_rule": ("no rule for this claim yet", "该观点尚无判定规则"),
    "out_of_view": (
        "the range {start} to {end} does not hold the event ({event}); verdicts are about the event, so "
        "none is given here",
        "区间 {start} 至 {end} 不包含事件日（{event}）；判定针对事件，此处不作判定",
    ),
    "thesis_only": (
        "this claim is about the thesis's sell-off ({event}), so it is not judged on another one",
        "该观点针对原文所述的抛售（{event}），不用于评判其他抛售事件",
    ),
    "no_data": ("no data for {names} in this range and source", "此区间与数据来源中没有 {names} 的数据"),
    "not_yet_open": (
        "not yet known as of {asof}: {names} opens its sell-off session at {when}, and the estimate reads every "
        "session before it",
        "截至 {asof} 尚不可知：{names} 的抛售时段于 {when} 开盘，估计读取其之前的全部交易时段",
    ),
    "not_yet_asia": (
        "not yet known as of {asof}: the Asian session of {day} ends at {when}",
        "截至 {asof} 尚不可知：{day} 的亚洲时段于 {when} 结束",
    ),
    "not_yet_parts": (
        "not yet known as of {asof}: the rule cannot be run on the bars in so far",
        "截至 {asof} 尚不可知：已有的 K 线尚不足以运行该规则",
    ),
    "not_yet_known": (
        "not yet known as of {asof}: {names} closes its sell-off session at {when}",
        "截至 {asof} 尚不可知：{names} 的抛售时段于 {when} 收盘",
    ),
    "not_yet_released": (
        "not yet known as of {asof}: the report it reads ({names}) is published at {when}",
        "截至 {asof} 尚不可知：所读取的报告（{names}）于 {when} 公布",
    ),
    "no_btc_sessions": ("no BTC sessions around the event date in this range", "此区间内事件日附近没有 BTC 交易日"),
    "no_asian_hours": ("no hourly BTC bars in the event's Asian session", "事件日亚洲时段没有 BTC 小时线"),
    "few_hours": ("too few hourly BTC bars around the event or before it", "事件前后或之前的 BTC 小时线太少"),
    "no_volume_base": (
        "no BTC volume before the event sessions to compare with",
        "事件交易日之前没有可比较的 BTC 成交量",
    ),
    "no_2025": ("the loaded data hold no 2025 correlation window", "所载数据中没有 2025 年的相关系数窗口"),
    "no_us_session": ("no US session around the event date in this range", "此区间内事件日附近没有美股交易日"),
    "retail_missing": ("HOOD, COIN or the index did not trade on {day}", "HOOD、COIN 或指数在 {day} 没有交易"),
    "needs_hourly": ("needs hourly BTC bars, which this source does not have here", "需要 BTC 小时线，此来源此处没有"),
    "no_ndx": ("no Nasdaq-100 data in this range", "此区间没有纳斯达克 100 数据"),
    "no_open": ("no hourly BTC bars or index open for the {day} session", "{day} 交易日没有 BTC 小时线或指数开盘价"),
    "onchain_adapter": (
        "an on-chain key is configured, but no cohort adapter is built yet",
        "已配置链上数据密钥，但尚未实现群体数据适配器",
    ),
    "onchain": (
        "needs on-chain cohort data (e.g. Glassnode, CryptoQuant); none configured",
        "需要链上群体数据（如 Glassnode、CryptoQuant）；目前未配置",
    ),
    "no_disclosure": ("the disclosure date is not in the event timeline", "事件时间线中没有披露日期"),
    "no_disclosure_span": (
        "the range does not span the 11 Nov disclosure and the event",
        "区间未同时覆盖 11 月 11 日的披露与事件日",
    ),
    "no_hynix": (
        "no SK Hynix session at or before the event date in this range",
        "此区间内事件日当天或之前没有 SK 海力士交易日",
    ),
    "not_nyse": ("{day} is not a NYSE session", "{day} 不是纽交所交易日"),
    "no_asia_close": (
        "{market} has no session closing before the {day} US open in this range",
        "此区间内 {market} 没有在 {day} 美股开盘前收盘的交易时段",
    ),
    "no_odds": (
        "no fed funds futures and no prediction-market odds in this source and range",
        "此来源与区间内既无联邦基金期货，也无预测市场概率",
    ),
    "no_quote": (
        "no prediction-market quote within two hours of the {day} close",
        "{day} 收盘前两小时内没有预测市场报价",
    ),
    "no_fomc": ("the December FOMC date is not in the event timeline", "事件时间线中没有 12 月议息会议的日期"),
    "no_start_rate": (
        "no November contract or daily effective rate for the starting rate",
        "没有 11 月合约或每日有效联邦基金利率作为起始利率",
    ),
    "no_week": ("no futures prices a week before the event in this range", "此区间内没有事件前一周的期货价格"),
    "few_common_days": (
        "too few common days of yields and indices in this range",
        "此区间内收益率与指数的共同交易日太少",
    ),
    "no_release": (
        "no jobs-report release date on or before the event in the release calendar",
        "发布日历中没有事件日当天或之前的就业报告发布日期",
    ),
    "no_report": ("the {month} report is not in this source", "此来源中没有 {month} 的报告"),
    "incomplete_report": ("{month} figures are incomplete in this source", "此来源中 {month} 的数据不完整"),
}

# Readings: ``<code>.figure`` (the short figure) and ``<code>.detail`` (the sentence).
READINGS: dict[str, tuple[str, str]] = {
    "btc-90k.daily.figure": ("{close} on {day}: {since}", "{day} 收于 {close}：{since}"),
    "btc-90k.daily.detail": (
        "Daily bars only: BTC {traded} below {level} on the event sessions; its {day} close of {close} was {since}. "
        "Without hourly bars the Asian-session timing and the low reached in it cannot be tested.",
        "仅有日线：BTC 在事件交易日{traded}跌破 {level}；{day} 收盘价 {close} 为{since}。没有小时线，无法检验亚洲时段的时间与该时段的低点。",
    ),
    "btc-90k.hourly.figure": (
        "broke {level} at {when}; lowest close {close} ({day})",
        "{when} 跌破 {level}；最低收盘 {close}（{day}）",
    ),
    "btc-90k.hourly.detail": (
        "BTC (BTCUSDT perpetual, Binance, hourly) first broke below {level} in the week before the {event} Asian "
        "session ended at {when}, {where} the Asian session of its day ({span}; low there {low}). Its lowest daily "
        "close of the event session and the one before, {close} on {day} (thesis: about 86,000), was {since}.",
        "BTC（币安 BTCUSDT 永续合约小时线）在 {event} 亚洲时段结束前一周内首次跌破 {level} 的时间为 {when}，{where}当日亚洲"
        "时段（{span}；该时段最低 {low}）内。事件交易日及前一交易日的最低日收盘价为 {day} 的 {close}（原文：约 86,000），为{since}。",
    ),
    "since": ("the lowest close since {since} ({months} months)", "自 {since} 以来最低收盘价（{months} 个月）"),
    "since_all": ("the lowest close in all {months} months loaded", "所载全部 {months} 个月中的最低收盘价"),
    "btc-wick.hourly.figure": (
        "{drop} in {span}, {ratio}x volume; wick {wick}",
        "{span} {drop}，成交量 {ratio} 倍；下影线 {wick}",
    ),
    "btc-wick.hourly.detail": (
        "BTC (BTCUSDT perpetual, hourly) fell {drop} over {span} on {ratio}x the median hourly volume of the {days} days "
        "before; its low of {low} at {at} UTC left a {wick} lower wick and it rebounded {rebound} within {hours} hours; "
        "{funding}. {liquidations}.",
        "BTC（BTCUSDT 永续合约小时线）在 {span} 下跌 {drop}，成交量为此前 {days} 天小时成交量中位数的 {ratio} 倍；{at} UTC 最低 "
        "{low}，下影线 {wick}，{hours} 小时内反弹 {rebound}；{funding}。{liquidations}。",
    ),
    "funding": ("funding {before}% -> {after}% per 8 h", "资金费率 {before}% -> {after}%（每 8 小时）"),
    "no_funding": ("no funding rates in this source", "此来源没有资金费率"),
    "oi_drop": (
        "open interest in BTC {change} from {start} to {end} UTC ({step} steps; an open-interest drop, not liquidations)",
        "以 BTC 计的持仓量 {start} 至 {end} UTC 变化 {change}（{step} 间隔；持仓量下降，不是清算数据）",
    ),
    "no_liquidations": ("Liquidation totals are not in the data for these hours", "这些时段没有清算总额数据"),
    "liquidations": (
        "Binance long liquidations (CoinGlass, an undercount) of ${usd}M in the cascade's 4-hour bars, {ratio}x the "
        "median bar of the 30 days before",
        "币安多头清算（CoinGlass，低估全市场）在连环下跌的 4 小时 K 线中共 {usd} 百万美元，为此前 30 天中位数的 {ratio} 倍",
    ),
    "btc-wick.daily.figure": (
        "wick {wick}, volume {ratio} the 30-day median (daily)",
        "下影线 {wick}，成交量为此前 30 日中位数的 {ratio}（日线）",
    ),
    "btc-wick.daily.detail": (
        "Daily bars only: on {day} BTC's low of {low} left a {wick} lower wick on {ratio} the median volume of the 30 "
        "sessions before. Hourly timing and liquidation totals are not testable here.",
        "仅有日线：{day} BTC 最低 {low}，下影线 {wick}，成交量为此前 30 个交易日中位数的 {ratio}。此处无法检验小时级的时间与清算总额。",
    ),
    "btc-ndx-corr.figure": ("2025 max corr (to {known}): {windows}", "2025 年（至 {known}）相关系数最高：{windows}"),
    "btc-ndx-corr.detail": (
        "Correlation of BTC with {label} (daily returns, paired US sessions) in calendar 2025, as known on {known} "
        "(before the US sell-off session), peaked at {windows}; the highest, {peak}, in the {window}-session window on "
        "{at}; {record}.",
        "BTC 与 {label} 的相关系数（日收益率，配对的美股交易日）在 2025 自然年（截至 {known}，即美股抛售交易时段之前）的峰值为 "
        "{windows}；最高 {peak}，出现在 {window} 日窗口、{at}；{record}。",
    ),
    "record_history": (
        "in 2023-2024 the {window}-session window peaked at {value}",
        "2023-2024 年 {window} 日窗口峰值为 {value}",
    ),
    "record_none": (
        "the BTC data here start {first}: no history before 2025 to call it a record",
        "此处 BTC 数据始于 {first}：没有 2025 年以前的历史，无法判断是否创纪录",
    ),
    "retail-beta.figure": ("HOOD {hood}, COIN {coin} on {day}", "{day} HOOD {hood}，COIN {coin}"),
    "retail-beta.detail": (
        "On the sell-off session {day} HOOD moved {hood} and COIN {coin} ({targets}) while the "
        "Nasdaq-100 moved {ndx}. Pre-event betas: {betas}.",
        "抛售交易日 {day}：HOOD {hood}，COIN {coin}（{targets}），纳斯达克 100 {ndx}。事件前 beta：{betas}。",
    ),
    "thesis_targets": ("thesis: about -10% and -7%", "原文：约 -10% 与 -7%"),
    "beta_targets": (
        "judged against the falls their pre-event betas imply, not the thesis's figures",
        "以事件前 beta 隐含的跌幅为准，而非原文的数字",
    ),
    "beta_implies": (
        "{name} beta {beta} ± {ci} (95% CI, n = {n}, OLS), implying {move}",
        "{name} beta {beta}±{ci}（95% 区间，n={n}），隐含 {move}",
    ),
    "few_sessions": ("too few sessions before the event", "事件前交易日不足"),
    "btc-leads.figure": (
        "BTC pre-open {night}, index session {day}; pre-event {test}",
        "开盘前 BTC {night}，指数交易时段 {day}；事件前 {test}",
    ),
    "btc-leads.detail": (
        "Before the {session} open BTC moved {night} since the previous US close; the Nasdaq-100 then moved {day} "
        "open-to-close. Over the {sessions} sessions before, pre-open BTC vs the index session: {test}.{robust}",
        "{session} 开盘前，BTC 自前一美股收盘以来 {night}；纳斯达克 100 随后开盘至收盘 {day}。事件前 {sessions} 个交易日中，开盘前 BTC "
        "与指数交易时段：{test}。{robust}",
    ),
    "lead_robust": (
        " Robustness: rank (Spearman) {rank}; last {short} sessions only {recent}; Mondays (a weekend in the pre-open "
        "window) left out {weekdays}.",
        "稳健性：秩相关（Spearman）{rank}；仅最近 {short} 个交易日 {recent}；剔除周一（开盘前窗口含周末）{weekdays}。",
    ),
    "few_lead_sessions": (
        "only {n} sessions before the event (need {need})",
        "事件前仅 {n} 个交易日（需要 {need} 个）",
    ),
    "softbank-exit.figure": (
        "NVDA {nvda} vs SOX {sox} since the last close before 11 Nov",
        "11 月 11 日前最后收盘以来 NVDA {nvda}，SOX {sox}",
    ),
    "softbank-exit.detail": (
        "The sale itself is SoftBank's disclosure of 11 Nov 2025 (see the event timeline), not something prices can "
        "test, so no verdict is drawn from them. For context only: from the last close before it to {event}, NVDA "
        "moved {nvda} against {sox} for the SOX ({gap} points){softbank}.",
        "出售本身来自软银 2025 年 11 月 11 日的披露（见事件时间线），价格无法检验，因此不据价格下判定。仅供参考：从披露前"
        "最后收盘至 {event}，NVDA {nvda}，费城半导体指数 {sox}（相差 {gap} 个百分点）{softbank}。",
    ),
    "softbank_move": (", SoftBank {move} (yen)", "，软银 {move}（日元）"),
    "hbm-cycle.figure": ("SK Hynix {move} on {day}", "{day} SK 海力士 {move}"),
    "hbm-cycle.detail": (
        "SK Hynix moved {move} on its {day} Seoul session, {off_high} from its high in the range so far.{context}",
        "SK 海力士在 {day} 首尔交易时段 {move}，较区间内迄今高点 {off_high}。{context}",
    ),
    "hbm_context": (
        " The Nasdaq-100's previous US session moved {us}; with a pre-event beta {beta} ± {ci} (95% CI, "
        "n = {n}, OLS), that implies {implied}.",
        "纳斯达克 100 前一美股交易时段 {us}；事件前 beta {beta}±{ci}（95% 区间，n={n}），隐含 {implied}。",
    ),
    "asia-leads.figure": ("{moves}; US {us} on {day}", "{moves}；美股 {day} {us}"),
    "asia-leads.detail": (
        "Before the {day} US open ({open} UTC): {moves}; the Nasdaq-100 then moved {us}. {profile}.",
        "{day} 美股开盘（{open} UTC）前：{moves}；纳斯达克 100 随后 {us}。{profile}。",
    ),
    "asia_move": ("{market} {move} ({day}, closed {closed} UTC)", "{market} {move}（{day}，{closed} UTC 收盘）"),
    "asia_profile": (
        "Nikkei vs Nasdaq-100 over {n} session pairs seen before: Asia -> the US session that opened next {same}; "
        "the US session that closed before Asia opened -> Asia {reverse}{plus}: the data point to {direction}",
        "事件前可见的 {n} 对交易时段中日经与纳斯达克 100：亚洲→其后开盘的美股交易时段 {same}；亚洲开盘前收盘的美股交易时段→亚洲 "
        "{reverse}{plus}：数据显示{direction}",
    ),
    "asia_plus": ("; Asia -> the US session after that {test}", "；亚洲→再下一个美股交易时段 {test}"),
    "asia_no_profile": (
        "too few common sessions before the event for a lead-lag profile",
        "事件前共同交易日太少，无法给出领先滞后关系",
    ),
    "cut-odds.markets.figure": ("{odds} at the {day} close ({label})", "{day} 收盘时 {odds}（{label}）"),
    "cut-odds.markets.detail": (
        "Market-implied odds of a December cut from {label}: {odds} at the NYSE close of {day}, the US sell-off session "
        "({at} UTC; {markets}); {then}. Thesis: {thesis}; its date may be Beijing time, so 'the close' is read as that "
        "of the US sell-off session (the Nasdaq-100's first session to close after the episode's anchor).",
        "{label}隐含的 12 月降息概率：美股抛售交易日 {day} 纽交所收盘（{at} UTC）时 {odds}（{markets}）；{then}。原文：{thesis}；"
        "“收盘”取美股抛售交易日（锚点之后纳斯达克 100 首个收盘的交易时段）的收盘。",
    ),
    "odds_label": (
        "prediction markets (Polymarket, Kalshi), not CME FedWatch",
        "预测市场（Polymarket、Kalshi），并非 CME FedWatch",
    ),
    "odds_then": ("{odds} a week earlier ({at} UTC)", "一周前（{at} UTC）{odds}"),
    "odds_before_first": (
        "a week earlier ({day}) is before the first quote ({first} UTC)",
        "一周前（{day}）早于首个报价（{first} UTC）",
    ),
    "cut-odds.futures.figure": ("{then_odds} -> {odds}", "{then_odds} -> {odds}"),
    "cut-odds.futures.detail": (
        "Implied odds of a December cut (FedWatch method, fed funds futures): {then_odds} on {then}, {odds} on {day} "
        "(thesis: {thesis}); a 1 bp error in the December price moves the latter by {swing} points.",
        "隐含的 12 月降息概率（FedWatch 方法，联邦基金期货）：{then} 为 {then_odds}，{day} 为 {odds}（原文：{thesis}）；"
        "12 月合约价格 1 个基点的误差会使后者变动 {swing} 个百分点。",
    ),
    "duration.figure": ("corr(Δ10y, NDX-SPX) = {corr}, p {p}, n = {n}", "相关系数 {corr}，p {p}，n = {n}"),
    "duration.detail": (
        "Over the {n} common days before the sell-off session, the correlation of the daily 10-year yield change with "
        "{label} minus S&P 500 returns is {corr} (p {p}, t-test); {label} minus the S&P 500 moved {slope} "
        "percentage points per +10 bp (OLS).",
        "抛售交易日之前的 {n} 个共同交易日中，10 年期收益率日变动与 {label} 减标普 500 收益率的相关系数为 {corr}"
        "（p {p}，t 检验）；收益率每上升 10 个基点，{label} 减标普 500 变动 {slope} 个百分点（最小二乘）。",
    ),
    "paralysis.figure": (
        "payrolls {payrolls}k, unemployment {rate}% (current vintage)",
        "非农 {payrolls}k，失业率 {rate}%（当前版本）",
    ),
    "paralysis.detail": (
        "{month} (released {released}), FRED's current vintage: payrolls {payrolls}k while unemployment was {rate}%, up "
        "from {rate_then}% a year earlier.{first}",
        "{month}（{released} 公布），FRED 当前版本：非农 {payrolls}k，失业率 {rate}%，一年前为 {rate_then}%。{first}",
    ),
    "first_print": (
        " The thesis quotes the first print, payrolls {payrolls}k and unemployment {rate}%; first prints are "
        "not in the data.",
        "原文引用首次公布值：非农 {payrolls}k，失业率 {rate}%；数据中没有首次公布值。",
    ),
}

WORDS: dict[str, tuple[str, str]] = {
    "traded": ("traded", "曾"),
    "did_not_trade": ("did not trade", "未"),
    "inside": ("inside", "在"),
    "outside": ("outside", "不在"),
    "not_loaded": ("not in the loaded hours", "不在所载时段内"),
    "no_break_week": ("no break in that week", "该周内未跌破"),
    "asia_first": ("Asia first", "亚洲领先"),
    "us_first": ("the US first", "美股领先"),
    "no_direction": ("no clear direction", "方向不明"),
}


def _pick(value: object, lang: str) -> object:
    return (value.zh if lang == "zh" else value.en) if isinstance(value, Bi) else value


def say(table: Mapping[str, tuple[str, str]], code: str, lang: str, facts: Mapping[str, object]) -> str:
    """One entry of ``table`` in ``lang``, filled with the facts (a ``Bi`` fact in that language)."""
    en, zh = table[code]
    return (zh if lang == "zh" else en).format(**{k: _pick(v, lang) for k, v in facts.items()})


def both(table: Mapping[str, tuple[str, str]], code: str, facts: Mapping[str, object]) -> Bi:
    """The entry in both languages from the same facts."""
    return Bi(say(table, code, "en", facts), say(table, code, "zh", facts))


def reading(code: str, **facts: object) -> Bi:
    """A nested phrase of a reading (e.g. "the lowest close since ..."), in both languages."""
    return both(READINGS, code, facts)


def joined(items: list[Bi], sep: Bi = Bi("; ", "；")) -> Bi:
    """Phrases joined in each language with that language's separator."""
    return Bi(sep.en.join(i.en for i in items), sep.zh.join(i.zh for i in items))


def word(code: str) -> Bi:
    return Bi(*WORDS[code])
