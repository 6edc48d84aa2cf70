"""Every user-facing string of the shell and pages, in English and Chinese, in one table."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Sell-off Lens", "zh": "暴跌透镜"},
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
    "anchored": {"en": "Presets count back from {end}, the last date the data has.",
                 "zh": "预设范围从数据的最后日期 {end} 向前计算。"},
    "share": {"en": "Share this view", "zh": "分享此视图"},
    "share_help": {"en": "Copy this link: it reopens this page with these settings.",
                   "zh": "复制此链接：打开后即为当前页面与设置。"},
    "share_pinned": {"en": "Same view with the dates pinned (stays on these days when newer data arrives):",
                     "zh": "固定日期的同一视图（有新数据时仍显示这些日期）："},
    "src_auto": {"en": "auto (live, else cache, else snapshot)", "zh": "自动（实时，否则缓存，否则快照）"},
    "src_live": {"en": "live only", "zh": "仅实时"},
    "src_snapshot": {"en": "embedded snapshot", "zh": "内置快照"},
    "sources_title": {"en": "Data sources", "zh": "数据来源"},
    "fell_back": {"en": "Live sources were unreachable for {n} series; they are shown from {where}.",
                  "zh": "{n} 个序列的实时来源无法访问，改用 {where}。"},
    "missing": {"en": "Not available from this source: {names}.", "zh": "此来源无法提供：{names}。"},
    "no_data": {"en": "No data for this chart in the selected range.", "zh": "所选范围内没有此图的数据。"},
    "load_error": {"en": "The data could not be loaded: {why}", "zh": "无法加载数据：{why}"},
    "page_error": {"en": "This section could not be drawn ({why}). The rest of the page is unaffected.",
                   "zh": "此部分无法绘制（{why}），页面其余部分不受影响。"},
    "event_marker": {"en": "Event", "zh": "事件"},
    "rebased_axis": {"en": "Rebased (start = 100)", "zh": "重新定基（起点 = 100）"},
    "download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "provenance": {"en": "Provenance of the embedded snapshot", "zh": "内置快照的数据来源"},
    "verdict_supported": {"en": "Supported", "zh": "数据支持"},
    "verdict_not_supported": {"en": "Not supported", "zh": "数据不支持"},
    "verdict_not_measurable": {"en": "Not measurable here", "zh": "此来源无法衡量"},
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for ``key`` in ``lang`` (English when a translation is missing)."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text
