"""Every user-facing string of the shell and pages, in English and Chinese, in one table."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Sell-off Lens", "zh": "暴跌透镜"},
    "replay_start": {"en": "Replay this sell-off hour by hour", "zh": "逐小时回放这次抛售"},
    "replay_start_help": {
        "en": "Every page then shows only what had happened by one UTC hour, from a day before the anchor.",
        "zh": "之后每个页面只显示截至某个 UTC 整点已发生的数据，从锚点前一天开始。",
    },
    "replay_back_help": {"en": "One hour back", "zh": "后退一小时"},
    "replay_fwd_help": {"en": "One hour on", "zh": "前进一小时"},
    "replay_prev": {"en": "◀ session", "zh": "◀ 时段"},
    "replay_next": {"en": "session ▶", "zh": "时段 ▶"},
    "replay_jump_help": {
        "en": "To the previous or next open or close of New York, Tokyo, Seoul or the UTC day",
        "zh": "跳到纽约、东京、首尔或 UTC 日的上一个或下一个开盘或收盘",
    },
    "replay_play": {"en": "Play", "zh": "播放"},
    "replay_pause": {"en": "Pause", "zh": "暂停"},
    "replay_play_help": {
        "en": "One hour every {s} s, until three days after the anchor",
        "zh": "每 {s} 秒前进一小时，直到锚点后三天",
    },
    "replay_leave": {"en": "Exit replay", "zh": "退出回放"},
    "replay_local": {"en": "{utc} UTC (Tokyo {tokyo}, New York {ny})", "zh": "UTC {utc}（东京 {tokyo}，纽约 {ny}）"},
    "replay_banner": {
        "en": "**Replay: as of {when}.** Every chart, tile and verdict reads only what had happened by then: a daily "
        "bar once its session closed, an hourly bar once its hour ended, a report once published (its values are "
        "today's vintage). A claim whose data are not in yet is *not yet known*. Link: `asof={instant}`.",
        "zh": "**回放：截至 {when}。** 每个图表、指标卡与结论只读取此前已发生的数据：日线在其交易时段收盘后、"
        "小时线在该小时结束后、报告在公布后才计入（数值为当前版本）。数据尚未出齐的观点标为“尚不可知”。"
        "链接参数：`asof={instant}`。",
    },
    "replay_now_offline": {
        "en": "asof=now: the data end on {end}, so the view is as of the end of that day (not the clock).",
        "zh": "asof=now：数据截至 {end}，因此视图截至当天结束（而非当前时间）。",
    },
    "watch_head": {
        "en": "**Watching: as of {at} UTC**, refreshed every {every} minutes without reloading the page. Which "
        "markets broke their drawdown line:",
        "zh": "**监控：截至 UTC {at}**，每 {every} 分钟刷新一次（不重新载入页面）。哪些市场跌破了回撤线：",
    },
    "watch_window": {
        "en": "Each market against its last close at or before {anchor} UTC; a break is a close after it beyond the "
        "line, to {end} UTC (the 24 hours before are the clock's 'already falling').",
        "zh": "各市场与其在 UTC {anchor} 或之前的最后收盘价相比；此后至 UTC {end} 收盘超出回撤线即为跌破"
        "（此前 24 小时为时钟的“此前已在下跌”）。",
    },
    "now_marker": {"en": "as of {time}", "zh": "截至 {time}"},
    "verdict_not_yet_known": {"en": "Not yet known", "zh": "尚不可知"},
    "ov_tile_pending": {
        "en": "sell-off session closes {when} UTC: not yet known",
        "zh": "抛售时段于 UTC {when} 收盘：尚不可知",
    },
    "ov_timeline_sources": {"en": "Sources, by event date: {links}", "zh": "来源（按事件日期）：{links}"},
    "ov_evolution": {"en": "How the verdicts evolved", "zh": "结论如何随时间变化"},
    "ov_evolution_help": {
        "en": "For each claim: each part with the hour its data came in (from the exchange calendars) and what it said "
        "then, the hour all were in, the verdict then, and the verdict now.",
        "zh": "每个观点：各部分数据出齐的时刻（依交易所日历）及当时结果、全部出齐的时刻、当时的结论，以及现在的结论。",
    },
    "ov_evolution_since": {"en": "Knowable from", "zh": "可判定自"},
    "ov_evolution_markets": {
        "en": "Its parts: when each came in (UTC) and what it said then",
        "zh": "各部分：数据出齐时刻（UTC）及当时结果",
    },
    "ov_evolution_in_at": {"en": "no part in yet; all in at {when}", "zh": "尚无部分出齐；{when} 全部出齐"},
    "part_outcome_holds": {"en": "holds", "zh": "成立"},
    "part_outcome_fails": {"en": "not borne out", "zh": "不成立"},
    "part_outcome_opposite": {"en": "the opposite", "zh": "相反"},
    "part_outcome_untestable": {"en": "cannot be tested", "zh": "无法检验"},
    "part_outcome_pending": {"en": "not yet known", "zh": "尚不可知"},
    "ov_evolution_then": {"en": "Verdict then", "zh": "当时结论"},
    "ov_evolution_before": {"en": "before the sell-off", "zh": "抛售之前"},
    "ov_evolution_hindsight": {"en": "Verdict with all data", "zh": "全部数据下的结论"},
    "ov_evolution_note": {
        "en": "Each part is judged once the data it reads are in: the close of a market's sell-off session (a crypto "
        "market: once the event's UTC day has ended; a report: once published), its open for an estimate from the "
        "sessions before it, the end of the Asian session for the BTC break. Before that the part is not yet known, "
        "and so is the claim, unless the parts already in decide its verdict whatever the rest say. A verdict that "
        "moves after its hour moved on later bars.",
        "zh": "每个部分在其读取的数据出齐后才判定：市场抛售时段收盘时（加密市场：事件 UTC 日结束后；报告：公布后），"
        "依据此前交易时段的估计则在该时段开盘时，BTC 跌破价位则在亚洲时段结束时。此前该部分为“尚不可知”，观点亦然，"
        "除非已出齐的部分无论其余结果如何都已决定结论。此后结论若变化，是因为之后的数据。",
    },
    "page_overview": {"en": "Overview", "zh": "总览"},
    "page_crypto": {"en": "Crypto", "zh": "加密货币"},
    "page_global_tech": {"en": "Global tech", "zh": "全球科技"},
    "page_macro": {"en": "Macro", "zh": "宏观"},
    "controls": {"en": "View", "zh": "视图"},
    "date_range": {"en": "Date range", "zh": "日期范围"},
    "custom_dates": {"en": "Custom dates", "zh": "自定义日期"},
    "event_date": {"en": "Event date", "zh": "事件日期"},
    "data_source": {"en": "Data source", "zh": "数据来源"},
    "language": {"en": "Language", "zh": "语言"},
    "showing": {"en": "Showing {start} to {end}", "zh": "显示 {start} 至 {end}"},
    "range_anchor": {"en": "Window", "zh": "窗口"},
    "anchor_event": {"en": "around the event", "zh": "围绕事件"},
    "anchor_latest": {"en": "to date", "zh": "截至最新"},
    "anchored_event": {
        "en": "Presets look back from the event date and keep a few days after it.",
        "zh": "预设区间从事件日向前回溯，并保留事件后的几天。",
    },
    "notice_anchor": {
        "en": "The rebase date (URL parameter **anchor**) {anchor} is outside the range {start} to {end}; "
        "rebasing on the range start instead.",
        "zh": "重新定基日（URL 参数 **anchor**）{anchor} 不在区间 {start} 至 {end} 内；改为以区间起点定基。",
    },
    "anchored_latest": {
        "en": "Presets count back from {end}, the latest date every page's series share (set by {by}); the same on "
        "every page.",
        "zh": "预设区间从 {end}（所有页面序列共同的最新日期，由 {by} 决定）向前回溯；各页面相同。",
    },
    "share": {"en": "Share this view", "zh": "分享此视图"},
    "share_help": {
        "en": "Copy this link: it reopens this page with these settings.",
        "zh": "复制此链接：打开后即为当前页面与设置。",
    },
    "share_pinned": {
        "en": "Same view with the dates pinned (stays on these days when newer data arrives):",
        "zh": "固定日期的同一视图（有新数据时仍显示这些日期）：",
    },
    "src_auto": {"en": "auto (live, else cache, else snapshot)", "zh": "自动（实时，否则缓存，否则快照）"},
    "src_live": {"en": "live only", "zh": "仅实时"},
    "src_snapshot": {"en": "embedded snapshot", "zh": "内置快照"},
    "sources_title": {"en": "Data sources", "zh": "数据来源"},
    "snapshot_damaged": {
        "en": "The embedded snapshot is damaged: {why}. Charts that need it stay empty until it is restored.",
        "zh": "内置快照已损坏：{why}。在恢复之前，依赖它的图表将为空。",
    },
    "live_slow": {
        "en": "Live sources are slow to answer: {names} shown from the {where} for now; a fresh download continues "
        "in the background and will be used on a later view.",
        "zh": "实时数据源响应缓慢：{names} 暂时来自{where}；新的下载在后台继续，稍后的视图将使用它。",
    },
    "fallback_details": {"en": "Why, per source", "zh": "各数据源的原因"},
    "live_off": {
        "en": "Live sources are switched off on this server: {names} shown from the {where}.",
        "zh": "此服务器已关闭实时数据源：{names} 来自{where}。",
    },
    "fell_back": {
        "en": "Live sources were unreachable for {names}: shown from the {where}.",
        "zh": "{names} 的实时来源无法访问：改用{where}。",
    },
    "missing": {"en": "Not available from this source: {names}.", "zh": "此来源无法提供：{names}。"},
    "no_data": {"en": "No data for this chart in the selected range.", "zh": "所选范围内没有此图的数据。"},
    "load_error": {"en": "The data could not be loaded: {why}", "zh": "无法加载数据：{why}"},
    "page_error": {
        "en": "This section could not be drawn ({why}). The rest of the page is unaffected.",
        "zh": "此部分无法绘制（{why}），页面其余部分不受影响。",
    },
    "event_marker": {"en": "Event", "zh": "事件"},
    "rebased_axis": {"en": "Rebased (common date = 100)", "zh": "重新定基（共同基准日 = 100）"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "provenance": {"en": "Provenance of the embedded snapshot", "zh": "内置快照的数据来源"},
    "verdict_supported": {"en": "Supported", "zh": "数据支持"},
    "verdict_not_supported": {"en": "Not supported", "zh": "数据不支持"},
    "verdict_mixed": {"en": "Mixed", "zh": "部分成立"},
    "verdict_contradicted": {"en": "Contradicted", "zh": "数据相反"},
    "verdict_not_testable": {"en": "Not testable here", "zh": "此处无法检验"},
    "decided_by": {"en": " ({part})", "zh": "（{part}）"},
    # Overview
    "ov_title": {"en": "Sell-off Lens: 21 November 2025", "zh": "暴跌透镜：2025 年 11 月 21 日"},
    "ov_title_episode": {"en": "Sell-off Lens: {name}", "zh": "暴跌透镜：{name}"},
    "ov_episode_note": {
        "en": "The thesis's scoreboard is about 21 November 2025; on this episode it shows the claims "
        "any sell-off can be judged by (retail beta, BTC vs Nasdaq-100 correlation, Asia and crypto "
        "leading). Sources: {sources}",
        "zh": "原文计分板针对 2025 年 11 月 21 日；在此抛售事件上只显示任何抛售都可检验的观点（散户 beta、"
        "BTC 与纳斯达克 100 的相关性、亚洲与加密货币是否领先）。来源：{sources}",
    },
    "episode": {"en": "Sell-off", "zh": "抛售事件"},
    "episode_banner": {
        "en": "On screen: **{name}**. {description} The page's sections test the thesis's claims "
        "about 21 November 2025; on this sell-off only those any sell-off can be judged by get a "
        "verdict. [Open the thesis's sell-off]({link})",
        "zh": "当前显示：**{name}**。{description}本页各栏目检验原文对 2025 年 11 月 21 日的观点；在此抛售事件上"
        "只有可用于任何抛售的观点给出判定。[打开原文所述的抛售]({link})",
    },
    "episode_custom": {"en": "custom date", "zh": "自定义日期"},
    "open_thesis_episode": {"en": "Open the thesis's sell-off", "zh": "打开原文所述的抛售"},
    "clk_h": {"en": "The contagion clock", "zh": "传染时钟"},
    "trough_censored": {"en": "≥ {n} (window ends)", "zh": "≥ {n}（窗口结束）"},
    "clk_chart": {
        "en": "{name}: 72 hours in UTC, {start} to {end}",
        "zh": "{name}：UTC 时间 72 小时，{start} 至 {end}",
    },
    "clk_drawdown": {
        "en": "Break = first close after the anchor below the close at the anchor by more than (%)",
        "zh": "破位 = 锚点后首个较锚点时收盘价下跌超过（%）的收盘",
    },
    "clk_threshold": {"en": "-{pct} break line", "zh": "-{pct} 破位线"},
    "clk_from_pre": {"en": "vs close at the anchor", "zh": "相对锚点时收盘"},
    "clk_hourly": {"en": "1h", "zh": "小时线"},
    "clk_daily": {"en": "daily", "zh": "日线"},
    "clk_broke": {"en": "broke after the anchor", "zh": "锚点后破位"},
    "clk_worst": {"en": "never broke; worst bar", "zh": "未破位；最差一根"},
    "clk_already": {"en": "already falling", "zh": "此前已在下跌"},
    "clk_before": {"en": "24 h before the anchor", "zh": "锚点前 24 小时"},
    "clk_at": {"en": "at", "zh": "时间"},
    "clk_pre": {"en": "close at the anchor", "zh": "锚点时收盘"},
    "clk_anchor": {"en": "anchor", "zh": "锚点"},
    "clk_note": {
        "en": "Every market is measured from one instant, the anchor ({anchor} UTC): its reference close is its last "
        "close at or before it. A market breaks at the first bar closing in the 48 hours after the anchor more than "
        "{pct} below that close; a market that never does sits at its worst bar (hollow marker). The 24 hours before "
        'the anchor (from {start} UTC) are shown apart: a fall of more than {pct} there reads "already falling", '
        "never a break. BTC and ETH are hourly BTCUSDT/ETHUSDT perpetual bars (Binance), not spot; the others are "
        "daily bars placed at their session close from the exchange calendar, so they can only break at a close. "
        "Crypto moves more than stocks, so it crosses a fixed drawdown sooner.",
        "zh": "所有市场从同一时刻——锚点（UTC {anchor}）——起算：参考收盘价为锚点当时或之前的最后收盘价。锚点后 48 小时内"
        "首个收盘较其下跌超过 {pct} 的 K 线即为破位时刻；从未破位的市场标在其最差一根 K 线（空心标记）。锚点前 24 小时"
        "（自 UTC {start}）单独列出：其间跌幅超过 {pct} 记为“此前已在下跌”，不算破位。BTC 与 ETH 为币安 BTCUSDT/ETHUSDT "
        "永续合约小时线，并非现货；其余为日线，按交易所日历标在收盘时刻，因此只能在收盘时破位。加密货币波动大于股票，"
        "更早触及固定跌幅。",
    },
    "clk_absent": {"en": "No bars in this window: {names}.", "zh": "此窗口内没有 K 线：{names}。"},
    "clk_none": {
        "en": "No market has bars in this episode's 72 hours in this source.",
        "zh": "此来源中没有任何市场在该抛售事件的 72 小时内有 K 线。",
    },
    "col_rank": {"en": "#", "zh": "序"},
    "col_what": {"en": "break", "zh": "破位"},
    "col_resolution": {"en": "bars", "zh": "K 线"},
    "col_broke_utc": {"en": "broke (UTC)", "zh": "破位时间（UTC）"},
    "col_local": {"en": "local time", "zh": "当地时间"},
    "col_move": {"en": "vs close at the anchor", "zh": "相对锚点时收盘"},
    "col_bars": {"en": "bars", "zh": "K 线"},
    "study_h": {"en": "This sell-off against past ones", "zh": "与以往抛售对比"},
    "snapshot_series_damaged": {
        "en": "The embedded snapshot is damaged for {names}: its file fails its checksum, so it is not shown (and "
        "nothing stands in for it). Rebuild or restore data/snapshot.",
        "zh": "内置快照中 {names} 的数据已损坏：文件未通过校验，因此不予显示（也不以其他序列替代）。请重建或恢复 data/snapshot。",
    },
    "found_h": {"en": "Sell-offs found in the data", "zh": "数据中发现的抛售"},
    "found_none": {
        "en": "No sell-off matches the scan's rule in the data this source serves.",
        "zh": "此来源的数据中没有符合扫描规则的抛售。",
    },
    "found_rank": {"en": "rank", "zh": "排名"},
    "found_date": {"en": "first close (opens it)", "zh": "首个收盘日（点击打开）"},
    "found_breadth": {"en": "markets", "zh": "市场数"},
    "found_z": {"en": "depth, sd", "zh": "深度（标准差）"},
    "found_ret": {"en": "median worst day", "zh": "最差一日中位数"},
    "found_markets": {"en": "which", "zh": "哪些市场"},
    "found_lib": {"en": "in the library", "zh": "事件库中"},
    "found_rule": {
        "en": "The rule: a market's session whose return is at least {k} standard deviations below zero, the deviation "
        "taken over its previous {window} returns (no later bar used), placed at the session's close in UTC; hits "
        "within {hours} hours of each other form one sell-off; at least {breadth} of {n} markets ({markets}). Ranked by "
        "how many markets, then by the median of each market's worst score. A date opens that sell-off as a custom "
        "episode. Histories start in January 2020, so nothing before about April 2020 is scored (the March 2020 crash "
        "is in the library instead).",
        "zh": "规则：某市场某交易日收益率低于零至少 {k} 个标准差（标准差取其之前 {window} 个收益率，不使用之后的数据），时间为该交易日收盘的 UTC "
        "时刻；彼此相隔 {hours} 小时以内的信号合为一次抛售；{n} 个市场（{markets}）中至少 {breadth} 个。按市场数排序，其次按各市场最差得分的中位数。"
        "点击日期即以自定义事件打开该抛售。历史数据始于 2020 年 1 月，因此约 2020 年 4 月之前的日期不计分（2020 年 3 月的崩盘已在事件库中）。",
    },
    "stand_h": {"en": "Where this sell-off ranks in the library", "zh": "此次抛售在事件库中的排名"},
    "stand_chart": {
        "en": "Depth of every library episode by market, % (lowest close of days 0-20 against the pre-episode close; "
        "left is deeper)",
        "zh": "事件库中各抛售事件按市场的跌幅（%，第 0-20 日最低收盘价相对事件前收盘价；越左越深）",
    },
    "stand_others": {"en": "other episodes", "zh": "其他事件"},
    "stand_median": {"en": "median", "zh": "中位数"},
    "stand_rank": {"en": "#{rank} of {n}", "zh": "第 {rank}/{n}"},
    "stand_depth": {
        "en": "{market}: {value} is the {rank} deepest of {n}{tie} (median {median}, range {low} to {high})",
        "zh": "{market}：{value}，{n} 个事件中第 {rank} 深{tie}（中位数 {median}，区间 {low} 至 {high}）",
    },
    "stand_breadth": {
        "en": "Breadth: {value} of the {m} markets compared fell more than {dd}, the {rank} broadest of {n}{tie} "
        "(median {median})",
        "zh": "广度：所比较的 {m} 个市场中有 {value} 个跌幅超过 {dd}，{n} 个事件中第 {rank} 广{tie}（中位数 {median}）",
    },
    "stand_tied": {"en": ", tied with {k}", "zh": "，与 {k} 个并列"},
    "stand_col_measure": {"en": "measure", "zh": "指标"},
    "stand_col_value": {"en": "this sell-off", "zh": "此次抛售"},
    "stand_col_rank": {"en": "rank (1 = largest)", "zh": "排名（1 = 最大）"},
    "stand_col_median": {"en": "median", "zh": "中位数"},
    "stand_col_range": {"en": "range", "zh": "区间"},
    "stand_m_depth": {"en": "depth", "zh": "跌幅"},
    "stand_m_trough_day": {"en": "days to trough", "zh": "见底天数"},
    "stand_m_half_day": {"en": "days to half back", "zh": "收复一半天数"},
    "stand_m_breadth": {"en": "breadth (markets)", "zh": "广度（市场数）"},
    "stand_not_back": {"en": "not by day {n}", "zh": "第 {n} 日前未收复"},
    "stand_note": {
        "en": "Ranks count from the largest sell-off: 1 = deepest, fastest to its trough, slowest to regain half, "
        "broadest; equal values share a rank. A half-recovery not reached within the 20 days after day 0 counts as "
        "the slowest and stays out of the median and range. Every library episode is ranked, whichever are compared "
        "above.",
        "zh": "排名从最大的抛售算起：1 = 跌幅最深、见底最快、收复一半最慢、范围最广；数值相同者并列。第 0 日后 20 日内未收复一半者计为最慢，"
        "不计入中位数与区间。无论上方比较哪些事件，排名均涵盖事件库中所有事件。",
    },
    "study_chart": {
        "en": "Closes against each episode's pre-episode close, by trading day from day 0",
        "zh": "各抛售事件中相对事件前收盘价的走势（按距第 0 日的交易日）",
    },
    "study_pick_episodes": {"en": "Episodes", "zh": "抛售事件"},
    "study_pick_markets": {"en": "Markets", "zh": "市场"},
    "study_day": {"en": "day", "zh": "第"},
    "study_days_axis": {
        "en": "trading days from day 0 (the first session closing after the anchor)",
        "zh": "距第 0 日的交易日（锚点后首个收盘的交易日）",
    },
    "study_note": {
        "en": "Day 0 is each market's first session closing after the episode's anchor; day -1's close is "
        "the pre-episode close. Depth: lowest close of days 0-{after} against it; half back: the first "
        "day after the trough with half the loss regained (≥: the trough is on the window's last day). Correlation "
        "with {partner} (daily returns paired in time on the exchange calendars: sessions that overlap, else the "
        "partner's last session closed before this one opened; the Nasdaq-100's own with BTC): the {before} pairs "
        "closed before day 0's session opened against days 0-{after}, windows that do not overlap. p (change): the "
        "chance of a change this large if the correlation had not changed (Fisher z-test).",
        "zh": "第 0 日为各市场在锚点之后首个收盘的交易日；第 -1 日收盘即事件前收盘价。深度：第 0-{after} 日最低收盘"
        "相对该价；回补一半：谷底之后首个收复一半跌幅的交易日（≥：谷底在窗口最后一日）。与 {partner} 的相关系数（按交易所"
        "日历在时间上配对的日收益：时段重叠者配对，否则取对方在本时段开盘前最后收盘的时段；纳斯达克 100 本身取与 BTC 的相关）："
        "第 0 日时段开盘前已收盘的 {before} 对对比第 0-{after} 日，两窗口不重叠。p（变化）：若相关系数实际未变，出现如此大"
        "变化的概率（Fisher z 检验）。",
    },
    "study_empty": {
        "en": "No market picked has daily bars around the episodes picked in this source.",
        "zh": "所选市场在此来源中没有所选抛售事件前后的日线。",
    },
    "study_stand_in": {"en": "Stand-ins: {items}.", "zh": "替代序列：{items}。"},
    "col_episode": {"en": "episode", "zh": "抛售事件"},
    "col_depth": {"en": "depth", "zh": "深度"},
    "col_trough": {"en": "trough day", "zh": "谷底日"},
    "col_half": {"en": "half back by day", "zh": "回补一半于第几日"},
    "col_corr_before": {"en": "corr before (n)", "zh": "此前相关 (n)"},
    "col_corr_during": {"en": "corr during (n)", "zh": "期间相关 (n)"},
    "col_corr_p": {"en": "p (change)", "zh": "p（变化）"},
    "col_first": {"en": "first to break (clock)", "zh": "最先破位（时钟）"},
    "not_by_day": {"en": "not by day {n}", "zh": "第 {n} 日前未回补"},
    "ov_subtitle": {
        "en": "The thesis says a crypto break, an Asian chip sell-off and fading rate-cut hopes hit US tech. "
        "Each claim is tested here against market data; the verdicts say what held.",
        "zh": "原文认为：加密货币破位、亚洲芯片股抛售与降息预期消退冲击了美国科技股。此处逐条用市场数据检验，"
        "判定结果说明哪些成立。",
    },
    "ov_howto": {
        "en": "How to read this: tiles show each market's close and move on its sell-off session (its first "
        "session to close after the episode's anchor, on its own exchange's calendar) and over the selected range; the chart rebases every market to 100 at its "
        "last close on or before the range start; the scoreboard tests each claim of the thesis against the data in the range "
        "and source you chose. Change the range, event date or source in the sidebar; every view is a "
        "shareable link.",
        "zh": "阅读说明：卡片显示各市场在其抛售交易时段（锚点之后、按本交易所日历首个收盘的交易时段）的收盘价与涨跌，以及所选区间内的涨跌；"
        "图表将各市场以区间起点当日或之前的最后收盘价重新定基为 100；计分板用所选区间和数据来源逐条检验原文观点。"
        "可在侧栏修改日期范围、事件日期或数据来源；每个视图都是可分享的链接。",
    },
    "ov_tiles": {"en": "Headline moves", "zh": "主要资产涨跌"},
    "ov_tile_event": {"en": "{market} sell-off session {date}: {move}", "zh": "{market}抛售交易时段 {date}：{move}"},
    "ov_tile_prev": {"en": "day before {date}: {move}", "zh": "前一交易日 {date}：{move}"},
    "ov_tile_range": {"en": "range {start} to {end}: {move}", "zh": "区间 {start} 至 {end}：{move}"},
    "ov_tile_value": {"en": "close {date}", "zh": "{date} 收盘"},
    "ov_spark_alt": {"en": "{label} over the selected range", "zh": "{label}：所选区间走势"},
    "ov_tile_no_event": {"en": "no session near the event date", "zh": "事件日附近无交易时段"},
    "ov_contagion": {"en": "The contagion, rebased to 100", "zh": "传染路径（重新定基为 100）"},
    "ov_order": {
        "en": "Order in which markets broke: each market's worst session near the event (for the VIX, its biggest rise), by when it closed "
        "(UTC)",
        "zh": "各市场破位顺序：事件前后各市场表现最差的交易时段（VIX 取最大涨幅），按收盘时间（UTC）排序",
    },
    "ov_timeline": {"en": "Event timeline", "zh": "事件时间线"},
    # Why a series is missing (by the data layer's error code) and where each one came from: components.badges
    "err_snapshot_absent": {
        "en": "{label} is not available offline: no real data for it in the snapshot source (live "
        "sources provide it where reachable)",
        "zh": "{label} 离线不可用：内置快照中没有它的真实数据（可连接时由实时来源提供）",
    },
    "err_snapshot_missing": {
        "en": "{label} is not available offline: not in the embedded snapshot",
        "zh": "{label} 离线不可用：不在内置快照中",
    },
    "err_snapshot_interval": {
        "en": "{label} {interval} bars are not in the embedded snapshot",
        "zh": "内置快照中没有 {label} 的 {interval} 数据",
    },
    "err_snapshot_intraday_only": {
        "en": "{label} is in the embedded snapshot as intraday data only",
        "zh": "内置快照中的 {label} 只有日内数据",
    },
    "err_snapshot_corrupt": {
        "en": "the embedded snapshot is damaged for {label} (failed its checksum or its manifest is "
        "unreadable): rebuild or restore data/snapshot",
        "zh": "内置快照中 {label} 的数据已损坏（校验失败或清单无法读取）：请重建或恢复 data/snapshot",
    },
    "err_snapshot_range": {
        "en": "the snapshot holds {label} only from {first} to {last}",
        "zh": "快照中的 {label} 仅覆盖 {first} 至 {last}",
    },
    "stands_in_label": {"en": "{proxy} (stands in for {series})", "zh": "{proxy}（替代 {series}）"},
    "err_stand_in": {"en": "; its stand-in {label}: {why}", "zh": "；替代序列 {label}：{why}"},
    "badge_as_of": {"en": "{label}: {source}, as of {as_of}", "zh": "{label}：{source}，截至 {as_of}"},
    "badge_unavailable": {"en": "{label}: unavailable", "zh": "{label}：不可用"},
    # Words inside charts (axis titles, legend entries, labels); series names stay as the catalog spells them
    "fig_usd": {"en": "USD", "zh": "美元"},
    "cr_x_overnight": {"en": "BTC, previous US close to US open", "zh": "BTC（前一美股收盘至美股开盘）"},
    "cr_y_session": {"en": "{label}, open to close", "zh": "{label}（开盘至收盘）"},
    "fig_btc_close": {"en": "BTC close", "zh": "BTC 收盘价"},
    "fig_volume": {"en": "volume", "zh": "成交量"},
    "fig_session": {"en": "{name} session", "zh": "{name}时段"},
    "session_asia": {"en": "Asia", "zh": "亚洲"},
    "session_europe": {"en": "Europe", "zh": "欧洲"},
    "session_us": {"en": "US", "zh": "美国"},
    "fig_largest_drop": {"en": "cascade {change}", "zh": "连环下跌 {change}"},
    "fig_median_volume": {"en": ", {ratio}x baseline volume", "zh": "，成交量为基准的 {ratio} 倍"},
    "fig_lower_wick": {"en": "lower wick ${size} ({pct})", "zh": "下影线 ${size}（{pct}）"},
    "fig_correlation": {"en": "correlation", "zh": "相关系数"},
    "fig_max": {"en": "max {value}", "zh": "最高 {value}"},
    "fig_thesis_line": {"en": "{value} (thesis)", "zh": "{value}（原文）"},
    "fig_return": {"en": "return", "zh": "涨跌幅"},
    "fig_asset_return": {"en": "{label} return", "zh": "{label} 涨跌幅"},
    "fig_thesis_figure": {"en": "thesis figure", "zh": "原文数字"},
    "fig_closed": {"en": "closed", "zh": "休市"},
    "fig_cut_axis": {"en": "probability of a 25 bp cut", "zh": "降息 25 个基点的概率"},
    "fig_computed": {"en": "computed (FedWatch method)", "zh": "计算值（FedWatch 方法）"},
    "fig_reported": {"en": "reported, not computed", "zh": "报道值，非计算值"},
    "fig_reported_label": {"en": "{value} reported", "zh": "报道 {value}"},
    "fig_payrolls": {"en": "payrolls, monthly change (k)", "zh": "非农就业月变动（千人）"},
    "fig_unemployment": {"en": "unemployment rate (%)", "zh": "失业率（%）"},
    "fig_released": {"en": ", released {date}", "zh": "，{date} 公布"},
    "fig_thousands": {"en": "thousands", "zh": "千人"},
    "fig_ref_month": {"en": "reference month", "zh": "参考月份"},
    "fig_oi": {"en": "OI, USD bn", "zh": "未平仓量（十亿美元）"},
    "fig_funding": {"en": "funding, %", "zh": "资金费率（%）"},
    "fig_liq": {"en": "liquidations, USD m", "zh": "清算（百万美元）"},
    "fig_liq_long": {"en": "long liquidations", "zh": "多头清算"},
    "fig_liq_short": {"en": "short liquidations", "zh": "空头清算"},
    "fig_relative": {"en": "relative", "zh": "相对值"},
    "fig_pp": {"en": "percentage points", "zh": "百分点"},
    "fig_growth_broad": {"en": "growth - broad", "zh": "成长 - 大盘"},
    "fig_bp": {"en": "bp", "zh": "基点"},
    "fig_slope_bp": {"en": "slope {:+.3%} per bp", "zh": "斜率：每基点 {:+.3%}"},
    # Section tables' column headers (the CSV downloads keep the English names)
    "col_beta_btc": {"en": "beta to BTC", "zh": "对 BTC 的 beta"},
    "col_event_session": {"en": "sell-off session", "zh": "抛售交易时段"},
    "col_return_session": {"en": "return that session", "zh": "当日涨跌"},
    "col_vs_high": {"en": "that close vs range high so far", "zh": "该收盘价较区间迄今高点"},
    "col_corr_next": {"en": "corr with the next US session", "zh": "与下一美股交易时段的相关系数"},
    "col_pairs": {"en": "pairs", "zh": "配对数"},
    "col_sign_hit_rate": {"en": "sign hit-rate", "zh": "同向比例"},
    "col_days": {"en": "days", "zh": "天数"},
    "mc_week_row": {"en": "change over the week to the event (bp)", "zh": "事件前一周变动（基点）"},
    # Chart titles say what is plotted (they travel with a PNG export or a full-screen chart); the headings above
    # them name the section, so the two differ.
    "ov_contagion_chart": {
        "en": "Daily closes, each market rebased to 100 at its last close on or before {start}",
        "zh": "日收盘价，各市场以 {start} 当日或之前的最后收盘价为 100",
    },
    "ov_timeline_chart": {
        "en": "Dated events of the thesis, {first} to {last}",
        "zh": "原文中有日期的事件（{first} 至 {last}）",
    },
    "ov_scoreboard": {"en": "Thesis scoreboard", "zh": "原文观点计分板"},
    "report_title": {"en": "Sell-off Lens report: {name}", "zh": "暴跌透镜报告：{name}"},
    "report_meta": {"en": "Range {start} to {end}, source {source}", "zh": "区间 {start} 至 {end}，数据来源 {source}"},
    "report_made": {"en": "made {at}", "zh": "生成于 {at}"},
    "report_link": {"en": "Open this view in the app", "zh": "在应用中打开此视图"},
    "report_provenance": {"en": "Where each series comes from", "zh": "各序列的数据来源"},
    "report_no_data": {"en": "No data for {names} in this range.", "zh": "此区间没有 {names} 的数据。"},
    "report_failed": {"en": "The section {name} could not be drawn.", "zh": "栏目 {name} 无法绘制。"},
    "report_download": {"en": "Download this view as a report (HTML)", "zh": "下载此视图报告（HTML）"},
    "ov_score_summary": {"en": "**{n} claims**: {parts}.", "zh": "**共 {n} 项观点**：{parts}。"},
    "ov_score_note": {
        "en": "How to read a verdict: **Supported**, every testable part holds; **Mixed**, testable parts point both "
        'ways; **Not supported**, no testable part holds (or a premise, such as "the US then fell", fails); '
        "**Contradicted**, no testable part holds and one shows the opposite; **Not testable here**, the data cannot "
        "test any part. A part that cannot be tested is named in brackets, never deciding. n: observations; p: the "
        "chance of a correlation at least this strong if there were none (two-sided t-test); a 95% interval holds "
        "the true value in 95 of 100 samples like this one. Each verdict follows the rule shown beside its claim, on "
        "the range and source chosen.",
        "zh": "判定说明：**数据支持**，可检验的部分均成立；**部分成立**，可检验的部分方向不一；**数据不支持**，没有可检验的部分"
        "成立（或前提，如“美股随后下跌”，不成立）；**数据相反**，没有可检验的部分成立且其中之一与之相反；**此处无法检验**，数据"
        "无法检验任何部分。无法检验的部分在括号中列出，不参与判定。n：观测数；p：若实际并无相关，出现至少如此强相关的概率"
        "（双侧 t 检验）；95% 区间：同类样本中 100 次有 95 次包含真实值。每项判定遵循观点旁列出的规则，基于所选区间和数据来源。",
    },
    "col_claim": {"en": "claim", "zh": "观点"},
    "col_section": {"en": "section", "zh": "章节"},
    "col_measured": {"en": "measured", "zh": "测得数值"},
    "col_verdict": {"en": "verdict", "zh": "判定"},
    "col_detail": {"en": "reading", "zh": "解读"},
    "col_rule": {"en": "rule", "zh": "规则"},
    "col_link": {"en": "where", "zh": "位置"},
    "col_market": {"en": "market", "zh": "市场"},
    "col_session": {"en": "session (local close)", "zh": "交易时段（本地收盘）"},
    "col_close_utc": {"en": "closed (UTC)", "zh": "收盘（UTC）"},
    "col_return": {"en": "return", "zh": "涨跌"},
    "cr_title": {"en": "Crypto: the canary in the coal mine", "zh": "加密货币：煤矿里的金丝雀"},
    "cr_caption": {
        "en": "Thesis section 2.1 claims Bitcoin broke first and its fall travelled into US tech; each section "
        "tests one part of that claim.",
        "zh": "原文 2.1 节认为比特币率先破位、其下跌传导至美国科技股；每一节检验该论断的一部分。",
    },
    "preset_event": {"en": "Event", "zh": "事件"},
    "preset_custom": {"en": "Custom", "zh": "自定义"},
    "section": {"en": "Section", "zh": "栏目"},
    "all_sections": {"en": "All sections", "zh": "全部栏目"},
    "cr_h_level": {"en": "The \\$90k line", "zh": "9 万美元关口"},
    "cr_level": {"en": "Level (USD)", "zh": "价位（美元）"},
    "cr_chart": {"en": "Chart", "zh": "图表样式"},
    "fig_candles_weekly": {
        "en": "weekly candles: this range has too many days to draw one a day",
        "zh": "周K线：区间天数过多，无法逐日绘制",
    },
    "fig_candles_monthly": {
        "en": "monthly candles: this range has too many days to draw one a day",
        "zh": "月K线：区间天数过多，无法逐日绘制",
    },
    "cr_first_hour": {"en": "first traded below (hourly low, UTC)", "zh": "首次跌破（小时线最低价，UTC）"},
    "cr_first_traded": {"en": "first traded below (daily low)", "zh": "首次盘中跌破（日内低点）"},
    "cr_first_close": {"en": "first close below", "zh": "首次收盘跌破"},
    "cr_below_at_start": {
        "en": "BTC was already below ${level} at the start of this range, so no break is marked inside it: "
        "widen the range to see where it broke.",
        "zh": "BTC 在本区间开始时已低于 ${level}，因此区间内未标出跌破点：扩大区间可查看跌破位置。",
    },
    "cr_fig_level": {"en": "{label}, daily (USD)", "zh": "{label} 日线（美元）"},
    "cr_no_hourly": {
        "en": "Hourly bars are not available from this source, so 'first traded below' uses daily lows.",
        "zh": "此来源没有小时线，因此“首次跌破”使用日内低点。",
    },
    "cr_h_wick": {"en": "The liquidation wick", "zh": "清算插针"},
    "cr_corr_short": {
        "en": "No rolling correlation to draw: BTC and the index share {n} trading days in the data "
        "loaded (from {first}), fewer than the shortest window ({window} days).",
        "zh": "无法绘制滚动相关系数：所载数据中 BTC 与指数共同交易日仅 {n} 天（自 {first} 起），少于最短窗口（{window} 天）。",
    },
    "cr_h_corr": {"en": "BTC vs Nasdaq-100", "zh": "比特币与纳斯达克 100"},
    "cr_window": {"en": "Rolling window (US trading days)", "zh": "滚动窗口（美股交易日）"},
    "cr_fig_scatter": {"en": "Daily returns on US trading days", "zh": "美股交易日的日收益率"},
    "cr_weekend": {
        "en": "BTC returns run from its close on one US trading day to the next, so weekend moves land on Monday.",
        "zh": "比特币收益率按美股交易日之间计算，周末的波动计入周一。",
    },
    "cr_h_retail": {"en": "Retail beta: HOOD, COIN, MSTR", "zh": "散户贝塔：HOOD、COIN、MSTR"},
    "cr_fig_retail": {"en": "Daily return on the sessions around the event", "zh": "事件前后交易日的日收益率"},
    "cr_no_event": {
        "en": "The event date is outside the selected range, so there are no event sessions to compare.",
        "zh": "事件日期不在所选范围内，无事件交易日可比较。",
    },
    "cr_h_lead": {"en": "Does crypto lead?", "zh": "加密货币是否领先？"},
    "cr_h_onchain": {"en": "On-chain cohorts", "zh": "链上持有者分组"},
    "cr_no_btc_src": {"en": "No BTC data from this source in this range.", "zh": "此来源在此范围内没有比特币数据。"},
    "gt_title": {"en": "Global tech: smart money leaving?", "zh": "全球科技股：聪明钱在撤离？"},
    "gt_caption": {
        "en": "Thesis section 2.2 claims: SoftBank's exit, the HBM cycle, and Asia's markets as the early "
        "warning; each section tests one of them.",
        "zh": "原文 2.2 节的论断：软银清仓、HBM 周期，以及亚洲市场的预警作用；每一节检验其中一项。",
    },
    "gt_h_mag7": {"en": "Magnificent 7 and friends", "zh": "七巨头及其他"},
    "gt_assets": {"en": "Assets", "zh": "资产"},
    "gt_anchor": {"en": "Rebase at (blank = range start)", "zh": "定基日期（留空 = 区间起点）"},
    "gt_choose": {"en": "Choose at least one asset.", "zh": "请至少选择一个资产。"},
    "gt_no_assets": {"en": "No data for these assets in the selected range.", "zh": "所选范围内这些资产没有数据。"},
    "gt_h_softbank": {"en": "SoftBank's exit", "zh": "软银清仓"},
    "gt_fig_softbank": {
        "en": "SoftBank (JPY) vs NVDA (USD), % terms, rebased to 100",
        "zh": "软银（日元）vs 英伟达（美元），按百分比重新定基为 100",
    },
    "gt_sale_band": {"en": "SoftBank sells its NVDA stake (Oct)", "zh": "软银出售英伟达持股（10 月）"},
    "gt_fig_ratio": {"en": "SoftBank relative to NVDA (100 = same % move)", "zh": "软银相对英伟达（100 = 涨跌幅相同）"},
    "gt_h_hbm": {"en": "The HBM cycle", "zh": "HBM 周期"},
    "gt_fig_hbm": {
        "en": "Memory and foundry vs NVDA, rebased to 100",
        "zh": "存储与晶圆代工 vs 英伟达，重新定基为 100",
    },
    "gt_h_asia": {"en": "Asia as the early warning", "zh": "亚洲市场的预警"},
    "gt_h_heatmap": {"en": "Cross-market heatmap", "zh": "跨市场热力图"},
    "gt_fig_heatmap_D": {
        "en": "Daily returns, assets x sessions (grey = market closed)",
        "zh": "日收益率：资产 × 交易日（灰色 = 休市）",
    },
    "gt_fig_heatmap_W": {
        "en": "Weekly returns to Friday, each on its own sessions (a long range: daily cells would be too thin)",
        "zh": "周收益率（截至周五），各按自身交易日计算（区间较长，日度格子过窄）",
    },
    "gt_fig_heatmap_M": {
        "en": "Monthly returns, each on its own sessions (a long range: daily cells would be too thin)",
        "zh": "月收益率，各按自身交易日计算（区间较长，日度格子过窄）",
    },
    "gt_period_W": {"en": "Week to {day}", "zh": "截至 {day} 的一周"},
    "gt_period_M": {"en": "Month {day}", "zh": "{day} 月"},
    "mc_title": {"en": "Macro: the ghost of stagflation", "zh": "宏观：滞胀的幽灵"},
    "mc_caption": {
        "en": "Thesis section 2.3: fading cut odds, higher discount rates, and a labour market that paralyses the Fed.",
        "zh": "原文 2.3 节：降息预期消退、折现率上升，以及让美联储陷入瘫痪的就业市场。",
    },
    "mc_h_cut": {"en": "December cut odds", "zh": "12 月降息概率"},
    "mc_fig_cut": {
        "en": "Market-implied probability of a 25 bp cut at the 10 Dec 2025 FOMC",
        "zh": "市场隐含的 2025 年 12 月 10 日 FOMC 降息 25 个基点的概率",
    },
    "mc_h_rates": {"en": "Rates", "zh": "利率"},
    "mc_fig_yields": {"en": "Treasury yields (%)", "zh": "美债收益率（%）"},
    "mc_fig_curve": {"en": "Curve: 10-year minus 2-year (bp)", "zh": "曲线：10 年减 2 年（基点）"},
    "mc_h_duration": {"en": "The duration hit", "zh": "久期冲击"},
    "mc_h_paralysis": {"en": "Policy paralysis", "zh": "政策瘫痪"},
    "mc_fig_labour": {
        "en": "Nonfarm payrolls and unemployment, last 24 reference months",
        "zh": "非农就业与失业率：最近 24 个参考月份",
    },
    "mc_h_risk": {"en": "Risk gauges", "zh": "风险指标"},
    "mc_fig_risk": {"en": "VIX, dollar index and gold", "zh": "VIX、美元指数与黄金"},
    "cr_lowest": {
        "en": "The range's lowest close, {close} on {day}, was the lowest since {since} ({months} months earlier).",
        "zh": "区间最低收盘价 {close}（{day}）为自 {since} 以来最低（{months} 个月）。",
    },
    "cr_wick_daily": {
        "en": "Hourly bars are not available from this source (the embedded snapshot holds daily bars), so the sessions cannot be shaded: showing daily bars two weeks either side of the event.",
        "zh": "此来源没有小时线（内置快照只有日线），无法标出各交易时段：显示事件前后两周的日线。",
    },
    "cr_fig_wick_hourly": {"en": "{label} around the event, hourly (UTC)", "zh": "事件前后的 {label} 小时线（UTC）"},
    "cr_fig_wick_daily": {"en": "BTC around the event, daily", "zh": "事件前后的比特币日线"},
    "cr_fig_derivs": {
        "en": "BTC perpetuals around the event: {parts} (Binance; UTC)",
        "zh": "事件前后的比特币永续合约：{parts}（币安；UTC）",
    },
    "cr_deriv_oi": {"en": "open interest", "zh": "持仓量"},
    "cr_deriv_funding": {"en": "funding", "zh": "资金费率"},
    "cr_deriv_liq": {
        "en": "liquidations (as CoinGlass counts them, 4 h, an undercount)",
        "zh": "清算（CoinGlass 统计，4 小时，低估全市场）",
    },
    "cr_deriv_missing": {
        "en": "{name}: not available from this source ({why}).",
        "zh": "{name}：此来源不提供（{why}）。",
    },
    "cr_no_oi": {
        "en": "Futures open interest, funding rates and liquidations: none for these dates from this source (the snapshot holds Binance open interest for 13-28 Nov 2025, funding for 26 Oct-15 Dec 2025 and CoinGlass's Binance liquidations for 18 May-14 Nov 2025; live, open interest and funding come from an exchange's derivatives API: Binance USD-M, then OKX, then Bybit; Binance keeps open-interest history for 30 days only).",
        "zh": "期货持仓量、资金费率与清算：此来源没有这些日期的数据（快照含币安 2025 年 11 月 13-28 日持仓量、10 月 26 日至 12 月 15 日资金费率，以及 CoinGlass 统计的币安 2025 年 5 月 18 日至 11 月 14 日清算；实时持仓量与资金费率来自交易所衍生品接口：依次为币安 U 本位、OKX、Bybit；币安只保留 30 天的持仓量历史）。",
    },
    "cr_proxy": {
        "en": "The Nasdaq-100 index is not in this source: {label} is used instead.",
        "zh": "此来源没有纳斯达克 100 指数：改用 {label}。",
    },
    "cr_retail_note": {
        "en": "Columns: the US sell-off session (the first to close after the episode's anchor; the verdict's) and the session before it. Beta to BTC: least squares of each stock's daily return on BTC's over the range (n sessions), on US sessions paired with the BTC day they overlap; the verdict's betas are to the Nasdaq-100 over the 250 sessions before the sell-off.",
        "zh": "列：美股抛售交易时段（锚点之后首个收盘的时段，即判定所用）及其前一交易时段。对比特币的贝塔：区间内各股票日收益率对比特币日收益率的最小二乘回归（n 个交易日；美股交易时段与其重叠的比特币日配对）；判定所用的贝塔是抛售前 250 个交易日相对纳斯达克 100 的贝塔。",
    },
    "cr_onchain_note": {
        "en": "What would be shown: BTC held by addresses with more than 1,000 BTC (whales) and by short-term holders (coins held under about 155 days), day by day around the event, to test whether whales sold. Cohort balances come only from paid on-chain data providers (Glassnode, CryptoQuant and similar), and this dashboard has none connected, so no number is shown and the claim is not testable here.",
        "zh": "将显示的内容：事件前后每日持有超过 1,000 枚比特币的地址（鲸鱼）与短期持有者（持有约 155 天以内）的持仓，以检验鲸鱼是否抛售。群体持仓只能来自付费链上数据商（Glassnode、CryptoQuant 等），本仪表板未接入，因此不显示任何数字，该论断在此无法检验。",
    },
    "gt_fig_mag7": {"en": "Rebased to 100 at {anchor}", "zh": "在 {anchor} 重新定基为 100"},
    "gt_range_start": {"en": "the range start", "zh": "区间起点"},
    "gt_mag7_note": {
        "en": "Over the range: best {best} {best_move}, worst {worst} {worst_move}; {falling} of {n} below where they started.",
        "zh": "区间内：最佳 {best} {best_move}，最差 {worst} {worst_move}；{n} 个中有 {falling} 个低于起点。",
    },
    "gt_softbank_note": {
        "en": "Each stock in its own currency, so the comparison is of % moves, not of USD values. SoftBank prices are split-adjusted for the 1:4 split of 1 Jan 2026.",
        "zh": "各股票以本币计价，因此比较的是涨跌幅而非美元价值。软银价格已按 2026 年 1 月 1 日的 1 拆 4 调整。",
    },
    "gt_missing": {"en": "Not in this source: {names}.", "zh": "此来源没有：{names}。"},
    "gt_hbm_note": {
        "en": "Each market's sell-off session, as the episode decides it: its first session to close after the anchor (exchange calendars, UTC). Seoul's is the one after New York's fall; TSM here is the New York-listed ADR, so it trades in the New York session, not Taipei's.",
        "zh": "各市场的抛售交易时段由事件决定：锚点之后首个收盘的交易时段（交易所日历，UTC）。首尔的是纽约下跌之后的那一个；此处的 TSM 为纽约上市的 ADR，在纽约时段交易，而非台北时段。",
    },
    "gt_fig_same_day": {"en": "{a}, then the next {u} session", "zh": "{a} 与其后下一个 {u} 交易时段"},
    "gt_asia_note": {
        "en": "Each Asian session is paired with the US session that opened next after it closed, on UTC instants from "
        "the exchange calendars (never by calendar date or shifted rows); returns run between paired closes, so a "
        "holiday on either side folds into the next pair. The lead-lag bars count US sessions from that one: 0 is "
        "Asia first, -1 the US session that closed before Asia opened. The star is the pair the verdict reads: Asia's "
        "last session before the US sell-off session.",
        "zh": "每个亚洲交易时段与其收盘后下一个开盘的美股交易时段配对，依据交易所日历的 UTC 时刻（绝不按日历日期或移动行）；"
        "收益率取配对收盘之间，任一方的假日并入下一对。领先滞后柱按美股交易时段计数：0 为亚洲在先，-1 为亚洲开盘前已收盘的美股"
        "交易时段。星标为判定读取的那一对：美股抛售交易时段之前亚洲的最后一个交易时段。",
    },
    "gt_heatmap_note": {
        "en": "{day}: {fell} of {n} assets fell; worst {worst} {worst_move}, best {best} {best_move}.",
        "zh": "{day}：{n} 个资产中 {fell} 个下跌；最差 {worst} {worst_move}，最佳 {best} {best_move}。",
    },
    "mc_cut_reported": {
        "en": "Fed funds futures (ZQ) are not in this source, so the CME FedWatch method cannot run here: the lines are "
        "prediction-market odds (Polymarket, Kalshi), not FedWatch. The markers are the figures the thesis reports "
        "({before} a week before, {on} at the close), placed where the verdict reads them: the NYSE close of the US "
        "sell-off session and the same instant a week earlier; reported, not computed. With live Yahoo data the line "
        "is computed by the FedWatch method.",
        "zh": "此来源没有联邦基金期货（ZQ），无法运行 CME FedWatch 方法：曲线为预测市场（Polymarket、Kalshi）的概率，并非 "
        "FedWatch。标记为原文报道的数字（一周前 {before}，收盘时 {on}），位于判定读取之处：美股抛售交易时段的纽交所收盘及一周前"
        "同一时刻；为报道值而非计算值。有实时 Yahoo 数据时，按 FedWatch 方法计算曲线。",
    },
    "mc_cut_reported_outside": {
        "en": "Fed funds futures (ZQ) are not in this source, so the CME FedWatch method cannot run here, and the figures "
        "the thesis reports ({before} on {before_date}, {on} on {on_date}) fall outside this view: the Event range "
        "with event date {on_date} shows them. With live Yahoo data the line is computed by the FedWatch method.",
        "zh": "此来源没有联邦基金期货（ZQ），无法运行 CME FedWatch 方法；原文报道的数字（{before_date} 为 {before}，{on_date} 为 "
        "{on}）不在当前视图内：选择“事件”区间并将事件日期设为 {on_date} 即可看到。有实时 Yahoo 数据时，按 FedWatch 方法计算曲线。",
    },
    "fig_starts_later": {"en": "{label} (starts {date}, rebased there)", "zh": "{label}（始于 {date}，以该日定基）"},
    "mc_no_cut": {
        "en": "No December cut odds for {start} to {end}: fed funds futures are not in this source, and the "
        "prediction-market quotes cover 2025-11-16 to 2025-12-07. [Open a range that has them]({link}).",
        "zh": "{start} 至 {end} 没有 12 月降息概率：此来源没有联邦基金期货，预测市场报价仅覆盖 2025-11-16 至 "
        "2025-12-07。[打开有数据的区间]({link})。",
    },
    "cov_as_of": {"en": "Data as of {date}. ", "zh": "数据截至 {date}。"},
    "cov_full": {"en": "Whole range: {names}", "zh": "覆盖整个区间：{names}"},
    "cov_from": {"en": "from {date}", "zh": "自 {date} 起"},
    "cov_to": {"en": "to {date}", "zh": "至 {date}"},
    "cov_none": {"en": "none in this range: {names}", "zh": "此区间无数据：{names}"},
    "fig_no_data": {"en": "no data", "zh": "无数据"},
    "gt_heatmap_legend": {
        "en": "Grey cells: the market was closed (a holiday in its exchange calendar). Dark cells: no data "
        "in this source for a day the market traded.",
        "zh": "灰色格：该市场休市（交易所日历中的假日）。深色格：市场开市但此来源没有数据。",
    },
    "no_data_for": {
        "en": "No data for {names} from {start} to {end} in this source.",
        "zh": "此来源在 {start} 至 {end} 没有 {names} 的数据。",
    },
    "no_data_held": {
        "en": "It holds them from {first} to {last}: [open the nearest range that has them]({link}).",
        "zh": "它们的数据覆盖 {first} 至 {last}：[打开最近的有数据区间]({link})。",
    },
    "cr_fig_lead_rule": {
        "en": "BTC before the US open vs the session after it: {n} sessions before the sell-off, and the sell-off (star)",
        "zh": "美股开盘前 BTC 与随后交易时段：抛售前 {n} 个交易日及抛售日（星标）",
    },
    "cr_lead_rule_note": {
        "en": "The points are the rule's sample (non-overlapping windows on NYSE timestamps, {instrument} "
        "hourly bars); the line is fitted on the sessions before the sell-off only: {stat}.",
        "zh": "各点即判定规则的样本（按纽交所时间戳划分、互不重叠的窗口，{instrument} 小时线）；拟合线仅用抛售日之前的交易日：{stat}。",
    },
    "gt_fig_lags_rule": {
        "en": "Lead-lag vs the Nasdaq-100, 250 sessions before {day} (the verdict's test)",
        "zh": "与纳斯达克 100 的领先滞后关系：{day} 之前 250 个交易日（即判定所用检验）",
    },
    "gt_lag_us_first": {"en": "US first (closed before Asia opened)", "zh": "美股在先（亚洲开盘前已收盘）"},
    "gt_lag_same": {"en": "Asia -> the US session that opened next", "zh": "亚洲→其后开盘的美股交易时段"},
    "gt_lag_asia_next": {"en": "Asia -> the US session after that", "zh": "亚洲→再下一个美股交易时段"},
    "open_event_range": {"en": "Open the event's range", "zh": "打开事件所在区间"},
    "ov_out_of_view": {
        "en": "The selected range ({start} to {end}) does not hold the event ({event}): the scoreboard "
        "judges the event only. [Open the event's range]({link}).",
        "zh": "所选区间（{start} 至 {end}）不包含事件日（{event}）：计分板只对事件作判定。[打开事件所在区间]({link})。",
    },
    "cr_fig_corr_2025": {
        "en": "BTC vs {label}: rolling correlation of daily returns, all data loaded (the claim is about 2025)",
        "zh": "BTC 与 {label}：日收益率滚动相关系数，全部已载数据（论断针对 2025 年）",
    },
    "cr_year_2025": {"en": "2025", "zh": "2025 年"},
    "mc_y_gmb": {"en": "{label} minus S&P 500, daily return", "zh": "{label} 减标普 500 的日收益率"},
    "cr_break_hour": {"en": "first hourly break below, as judged (UTC)", "zh": "判定所用的首次跌破（小时线，UTC）"},
    "cr_style_candles": {"en": "candles", "zh": "K 线"},
    "cr_style_line": {"en": "line", "zh": "折线"},
    "market_new_york": {"en": "New York", "zh": "纽约"},
    "market_tokyo": {"en": "Tokyo", "zh": "东京"},
    "market_seoul": {"en": "Seoul", "zh": "首尔"},
    "market_utc_day": {"en": "24h UTC", "zh": "24 小时 UTC"},
    "src_snapshot_short": {"en": "snapshot", "zh": "内置快照"},
    "live_off_link": {
        "en": "The link asks for **source**=live, but live sources are switched off on this server; showing the "
        "default source (auto: the local cache, else the embedded snapshot).",
        "zh": "链接要求 **source**=live，但此服务器已关闭实时数据源；改用默认来源（自动：本地缓存，否则内置快照）。",
    },
    "src_cache_short": {"en": "local cache", "zh": "本地缓存"},
    "fig_pm_odds": {"en": "{market} (prediction market, not FedWatch)", "zh": "{market}（预测市场，非 FedWatch）"},
    "mc_cut_markets": {
        "en": "Lines: market-implied cut odds from prediction markets (1 - the mid price of 'no change' at the "
        "10 Dec FOMC, Polymarket and Kalshi, UTC). They are not CME FedWatch: no fed funds futures are "
        "in the embedded snapshot.",
        "zh": "曲线：预测市场隐含的降息概率（1 减 12 月 10 日议息会议“维持不变”的中间价，Polymarket 与 Kalshi，UTC）。"
        "它们不是 CME FedWatch：内置快照中没有联邦基金期货。",
    },
    "mc_cut_computed": {
        "en": "Computed with the CME FedWatch method: implied average rate = 100 - price, split around the meeting day; pre-meeting rate from the effective fed funds rate.",
        "zh": "按 CME FedWatch 方法计算：隐含平均利率 = 100 - 价格，按会议日拆分；会前利率取有效联邦基金利率。",
    },
    "mc_week": {"en": "Week to the event: {moves}.", "zh": "事件前一周：{moves}。"},
    "mc_fig_duration": {
        "en": "10-year yield change vs {label} minus S&P 500: the verdict's {n} days before the sell-off",
        "zh": "10 年期收益率变动 vs {label} 减标普 500：判定所用的抛售前 {n} 个交易日",
    },
    "mc_x_dy": {"en": "10-year yield, daily change (bp)", "zh": "10 年期收益率日变动（基点）"},
    "mc_fig_spread": {"en": "{label} minus S&P 500, cumulative (pp)", "zh": "{label} 减标普 500，累计（百分点）"},
    "mc_reading": {
        "en": "Reading: payrolls {pay}k while unemployment {ur} ({month} data, released {released}; {extra}).",
        "zh": "解读：非农 {pay}k，同时失业率 {ur}（{month} 数据，{released} 发布；{extra}）。",
    },
    "mc_not_published": {"en": "was not published", "zh": "未公布"},
    "mc_labour_note": {
        "en": "Bars are by reference month; hover shows when each was released. A gap is a month with no published figure (October 2025's household survey was never collected).",
        "zh": "柱状图按参考月份排列；悬停可见发布日期。空缺表示该月没有公布数据（2025 年 10 月的家庭调查未进行）。",
    },
    "open_section": {"en": "open", "zh": "打开"},
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for ``key`` in ``lang`` (English when a translation is missing)."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text
