"""The share link: which query parameters exist, how each is validated, and how ranges resolve.

Pure (no Streamlit) so every rule is unit-tested and fuzzed. A bad value never breaks a page: that
parameter falls back to its default and one notice names it; the rest of the link still applies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics import episodes
from analytics.asof import BadInstant, format_instant, parse_instant
from analytics.constants import EARLIEST, MAX_SPAN_DAYS, THESIS_DATE
from analytics.lang import pair, section, text
from data_sources import SOURCES

MAX_VALUE_LEN = 200
DEFAULT_EVENT = THESIS_DATE
EVENT_BEFORE_DAYS = 42
EVENT_AFTER_DAYS = 14

PRESETS = ("5d", "1m", "3m", "6m", "ytd", "1y", "event", "custom")
# Presets are windows around the event (this is an event dashboard): each looks back its length from the
# event and keeps some days after it. ``to=latest`` makes them trailing windows ending on the latest date the
# page's series share (snapshot) or today (live) instead.
PRESET_BACK = {
    "5d": pd.DateOffset(days=7),
    "1m": pd.DateOffset(months=1),
    "3m": pd.DateOffset(months=3),
    "6m": pd.DateOffset(months=6),
    "1y": pd.DateOffset(years=1),
}
PRESET_AFTER_DAYS = {"5d": 3, "1m": 7, "3m": 14, "6m": 30, "ytd": 14, "1y": 30}
ANCHORS = ("event", "latest")
PRESET_LABELS = {
    "5d": "5D",
    "1m": "1M",
    "3m": "3M",
    "6m": "6M",
    "ytd": "YTD",
    "1y": "1Y",
    "event": "Event",
    "custom": "Custom",
}
LANGS = ("en", "zh")


class BadValue(ValueError):
    """Why one parameter value was refused (a short phrase; the value itself is shown separately).

    ``zh`` is the same phrase in Chinese: notices are worded in the reader's language.
    """

    def __init__(self, en: str, zh: str = "") -> None:
        super().__init__(en)
        self.zh = zh or en

    @classmethod
    def of(cls, code: str, **facts: object) -> BadValue:
        """The reason ``code`` of the text catalogue's ``bad`` section, in both languages."""
        return cls(*pair("bad", code, **facts))


# Parameter labels (``param``) and notices (``notice``) in both languages, from the text catalogue.
LABELS_ZH = {en: zh for en, (_, zh) in section("param").items()}
NOTICE = section("notice")
CUSTOM_EPISODE = "custom"


def _notice(kind: str, lang: str, label: str, **fmt: object) -> str:
    en, zh = NOTICE[kind]
    return (zh if lang == "zh" else en).format(label=LABELS_ZH.get(label, label) if lang == "zh" else label, **fmt)


def latest_date() -> dt.date:
    """The last date any control accepts (URL and date pickers alike): today, since no data lie after it."""
    return dt.date.today()


def _date(raw: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):  # ASCII digits only (\d takes ٣ and ３ too)
        raise BadValue.of("not_a_date")
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise BadValue.of("not_real_date") from None
    if value < EARLIEST or value > latest_date():
        raise BadValue.of("date_outside", first=EARLIEST.isoformat(), today=latest_date().isoformat())
    return value


NOW = "now"  # ``asof=now``: follow the clock (watch mode)


def _instant(raw: str) -> pd.Timestamp | str:
    """``asof``: a UTC instant to the hour (``2025-11-21T01:00Z``) from 1990 to today, or ``now``."""
    if raw.strip().lower() == NOW:
        return NOW
    try:
        return parse_instant(raw, EARLIEST, latest_date())
    except BadInstant as why:
        raise BadValue.of(why.code, **why.facts) from None


def _choice(options: Sequence[str]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in options:
            raise BadValue.of("not_one_of", options=", ".join(options))
        return value

    return parse


def _int_choice(options: Sequence[int]) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not re.fullmatch(r"[0-9]{1,4}", raw.strip()):
            raise BadValue.of("not_one_of", options=", ".join(map(str, options)))
        value = int(raw)
        if value not in options:
            raise BadValue.of("not_one_of", options=", ".join(map(str, options)))
        return value

    return parse


def _number(lo: float, hi: float) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        if not re.fullmatch(r"[0-9]{1,9}(\.[0-9]{1,12})?", raw.strip()):  # ASCII digits; any sensible precision
            raise BadValue.of("not_a_number")
        value = float(raw)
        if not lo <= value <= hi:
            raise BadValue.of("number_outside", lo=f"{lo:g}", hi=f"{hi:g}")
        return value

    return parse


def _keys(allowed: Sequence[str], *, min_n: int = 1, max_n: int = 20) -> Callable[[str], tuple[str, ...]]:
    def parse(raw: str) -> tuple[str, ...]:
        items = [x.strip().lower() for x in raw.split(",") if x.strip()]
        unknown = [x for x in items if x not in allowed]
        if unknown:
            raise BadValue.of("unknown_assets" if len(unknown) > 1 else "unknown_asset", n=len(unknown))
        items = list(dict.fromkeys(items))
        if not min_n <= len(items) <= max_n:
            raise BadValue.of("assets_count", min_n=min_n, max_n=max_n)
        return tuple(items)

    return parse


def _episodes(raw: str) -> tuple[str, ...]:
    items = [x.strip().lower() for x in raw.split(",") if x.strip()]
    if not items:
        raise BadValue.of("no_episode")
    unknown = [x for x in items if x not in episodes.ids()]
    if unknown:
        raise BadValue.of("unknown_episodes" if len(unknown) != 1 else "unknown_episode", n=len(unknown))
    return tuple(dict.fromkeys(items))


def _format(value: Any) -> str:
    if isinstance(value, pd.Timestamp):  # an instant (``asof``), before ``dt.date`` (a Timestamp is one)
        return format_instant(value)
    if isinstance(value, (tuple, list)):
        return ",".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Param:
    """One query parameter: its name in the URL, its session-state key, parser and default.

    ``options`` (a choice's values) and ``bounds`` (a number's range) are the widget's too: a control is
    declared once, and the URL and its widget accept the same values.
    """

    name: str
    state_key: str
    parse: Callable[[str], Any]
    default: Any
    label: str
    url_name: str = ""  # the name in the query string, when several pages share one (``section``)
    options: tuple[Any, ...] = ()
    bounds: tuple[float, float] | None = None

    @property
    def query_name(self) -> str:
        return self.url_name or self.name

    def format(self, value: Any) -> str:
        return _format(value)


def choice_param(name: str, key: str, options: Sequence[str], default: str, label: str, url_name: str = "") -> Param:
    return Param(name, key, _choice(tuple(options)), default, label, url_name, options=tuple(options))


def int_choice_param(name: str, key: str, options: Sequence[int], default: int, label: str) -> Param:
    return Param(name, key, _int_choice(tuple(options)), default, label, options=tuple(options))


def number_param(name: str, key: str, lo: float, hi: float, default: float, label: str) -> Param:
    return Param(name, key, _number(lo, hi), float(default), label, bounds=(float(lo), float(hi)))


def keys_param(
    name: str, key: str, allowed: Sequence[str], default: tuple[str, ...], label: str, max_n: int = 20
) -> Param:
    return Param(name, key, _keys(tuple(allowed), max_n=max_n), default, label, options=tuple(allowed))


def episodes_param(name: str, key: str, label: str) -> Param:
    return Param(name, key, _episodes, episodes.ids(), label, options=episodes.ids())


def date_param(name: str, key: str, default: dt.date | None, label: str) -> Param:
    return Param(name, key, _date, default, label)


GLOBAL_PARAMS: tuple[Param, ...] = (
    choice_param("range", "g_range", PRESETS, "event", "date range"),
    date_param("start", "g_start", None, "start date"),
    date_param("end", "g_end", None, "end date"),
    date_param("event", "g_event", DEFAULT_EVENT, "event date"),
    # a library episode sets the event date (``custom``: the date is the reader's own); absent, it follows the date
    choice_param("episode", "g_episode", (*episodes.ids(), CUSTOM_EPISODE), "", "episode"),
    choice_param("to", "g_to", ANCHORS, "event", "range anchor"),
    choice_param("source", "g_source", SOURCES, "auto", "data source"),
    choice_param("lang", "g_lang", LANGS, "en", "language"),
    # replay: every page as known at this UTC instant (absent: everything); ``now`` follows the clock
    Param("asof", "g_asof", _instant, None, "replay instant"),
)

# Each analysis page shows one section at a time (a tab bar; ``all`` stacks them): only the charts a reader looks
# at are computed, sent and drawn. The sections are declared by each page (``components.page_spec``).
ALL_SECTIONS = "all"


def show_value(raw: str, lang: str = "en") -> str:
    """A user-supplied value made safe to quote in a notice: short, one line, inert in Markdown."""
    flat = " ".join(str(raw).split())
    if not flat:
        return text("bad", "empty", lang)  # not a pair of backticks with nothing between them
    flat = flat[:40] + ("…" if len(flat) > 40 else "")
    return "`" + flat.replace("`", "'") + "`"


class UrlSchema:
    """Every parameter a link may carry: the global ones and each page's own (declared by the pages)."""

    def __init__(self, page_params: Mapping[str, Sequence[Param]]) -> None:
        self.page_params = {page: tuple(params) for page, params in page_params.items()}
        self.all: dict[str, Param] = {p.name: p for p in GLOBAL_PARAMS}
        for params in self.page_params.values():
            self.all.update({p.name: p for p in params})
        self.by_query_name: dict[str, list[Param]] = {}
        for param in self.all.values():
            self.by_query_name.setdefault(param.query_name, []).append(param)

    def parse(self, query: Mapping[str, str | Sequence[str]]) -> tuple[dict[str, Any], list[str]]:
        return parse_query(query, self)

    def to_query(
        self, values: Mapping[str, Any], page: str, *, pinned: tuple[dt.date, dt.date] | None = None
    ) -> dict[str, str]:
        return to_query(values, page, self, pinned=pinned)


def parse_query(query: Mapping[str, str | Sequence[str]], schema: UrlSchema) -> tuple[dict[str, Any], list[str]]:
    """URL parameters -> {state_key: value} for every known parameter, plus notices for refused ones.

    Values may be strings or lists (a repeated parameter). Unknown parameter names are ignored. Notices are
    worded in the link's own language (``lang``), English when it has none or a bad one.
    """
    lang_raw = query.get("lang")
    if lang_raw is not None and not isinstance(lang_raw, str):  # the app's query: every value a list
        lang_raw = lang_raw[0] if len(lang_raw) == 1 else None
    lang = "zh" if isinstance(lang_raw, str) and lang_raw.strip().lower() == "zh" else "en"
    values: dict[str, Any] = {p.state_key: p.default for p in schema.all.values()}
    notices: list[str] = []
    for name, raw in query.items():
        params = schema.by_query_name.get(name)
        if not params:
            continue
        label = params[0].label
        items = [raw] if isinstance(raw, str) else list(raw)
        if len(items) != 1:
            notices.append(_notice("repeated", lang, label, name=name, n=len(items)))
            continue
        item = str(items[0])
        if len(item) > MAX_VALUE_LEN:
            notices.append(_notice("long", lang, label, name=name, n=len(item)))
            continue
        refusals = []
        for param in params:  # a shared name (section) applies to every page whose parameter accepts the value
            try:
                values[param.state_key] = param.parse(item)
            except BadValue as why:
                refusals.append(why.zh if lang == "zh" else str(why))
        if len(refusals) == len(params):
            why = refusals[0] if len(params) == 1 else text("bad", "not_a_section", lang)
            notices.append(_notice("bad", lang, label, name=name, value=show_value(item, lang), why=why))
    _episode_rule(query, values, notices, lang)
    # Cross-field rules for the custom range.
    if values["g_range"] == "custom":
        start, end = values["g_start"], values["g_end"]
        problem = None
        if start is None or end is None:
            problem = text("bad", "custom_needs_both", lang)
        elif start > end:
            problem = text("bad", "custom_start_after_end", lang, start=start, end=end)
        elif (end - start).days > MAX_SPAN_DAYS:
            problem = text("bad", "custom_too_long", lang)
        if problem:
            notices.append(_notice("custom", lang, "date range", why=problem))
            values.update(g_range="event", g_start=None, g_end=None)
    return values, notices


def _episode_rule(query: Mapping[str, Any], values: dict[str, Any], notices: list[str], lang: str) -> None:
    """A library episode decides the event date; without one, the episode is the one opening on the date (if any)."""
    chosen = episodes.by_id(values["g_episode"]) if values["g_episode"] != CUSTOM_EPISODE else None
    if chosen is not None:
        if "event" in query and values["g_event"] != chosen.event_date:
            notices.append(
                _notice(
                    "episode_event",
                    lang,
                    "episode",
                    value=show_value(str(values["g_event"]), lang),
                    episode=chosen.id,
                    day=chosen.event_date.isoformat(),
                )
            )
        values["g_event"] = chosen.event_date
    elif values["g_episode"] != CUSTOM_EPISODE:
        match = episodes.for_event(values["g_event"])
        values["g_episode"] = match.id if match else CUSTOM_EPISODE


def resolve_range(
    preset: str,
    data_end: dt.date,
    event: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    anchor: str = "event",
) -> tuple[dt.date, dt.date]:
    """Inclusive (start, end) for a preset.

    ``anchor="event"`` (the default): the preset's length back from the event, plus a few days after it
    (``PRESET_AFTER_DAYS``), ending no later than the data do unless the event itself is later. So the event
    is always inside the range. ``anchor="latest"``: the preset's length back from ``data_end``.
    """
    if preset == "custom" and start and end and start <= end:
        return start, end
    if preset in ("event", "custom"):
        return event - dt.timedelta(days=EVENT_BEFORE_DAYS), event + dt.timedelta(days=EVENT_AFTER_DAYS)
    if anchor == "latest":
        if preset == "ytd":
            return dt.date(data_end.year, 1, 1), data_end
        return (pd.Timestamp(data_end) - PRESET_BACK[preset]).date(), data_end
    stop = min(event + dt.timedelta(days=PRESET_AFTER_DAYS[preset]), max(data_end, event))
    if preset == "ytd":
        return dt.date(event.year, 1, 1), stop
    return (pd.Timestamp(event) - PRESET_BACK[preset]).date(), stop


def _episode_written(episode: str, event: dt.date) -> bool:
    """A library episode is written; ``custom`` only on a date that opens an episode (else the date says it)."""
    if episode == CUSTOM_EPISODE:
        return episodes.for_event(event) is not None
    return bool(episode)


def to_query(
    values: Mapping[str, Any], page: str, schema: UrlSchema, *, pinned: tuple[dt.date, dt.date] | None = None
) -> dict[str, str]:
    """The canonical query string for a page: every global control and every control of that page.

    With ``pinned``, the range is written as custom dates so the link keeps meaning the same days even
    after newer data arrives.
    """
    out: dict[str, str] = {}
    for p in GLOBAL_PARAMS:
        value = values.get(p.state_key, p.default)
        if p.name in ("start", "end"):
            continue
        if p.name in ("lang", "to") and value == p.default:  # written only when it changes something
            continue
        if value is None:  # an absent instant (asof): everything
            continue
        if p.name == "episode" and not _episode_written(value, values.get("g_event", DEFAULT_EVENT)):
            continue
        out[p.name] = p.format(value)
    if pinned is not None:
        out["range"] = "custom"
        out["start"], out["end"] = pinned[0].isoformat(), pinned[1].isoformat()
    elif values.get("g_range") == "custom" and values.get("g_start") and values.get("g_end"):
        out["start"], out["end"] = values["g_start"].isoformat(), values["g_end"].isoformat()
    for p in schema.page_params.get(page, ()):
        value = values.get(p.state_key, p.default)
        if value is not None and value != [] and value != ():
            out[p.query_name] = p.format(value)
    return out
