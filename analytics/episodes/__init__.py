"""The episode library: past sell-offs beside this one, and the bars they are read from.

``data/episodes.csv`` holds one row per episode: its names, the UTC instant it is anchored on, the date the
pages use as their event, the markets at its centre, a line in each language and its sources. The contagion
clock is ``contagion_clock``, the event study ``event_study`` (both in this package), the command line
(``python -m analytics.episodes --format md|json``) this package's ``__main__``; here are the library, the
reader's own and watch mode's episodes, and the bars' closing instants and loaders both of them read.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics import sessions
from analytics.lang import text
from data_sources import catalog

EPISODES_CSV = Path(__file__).resolve().parent.parent.parent / "data" / "episodes.csv"
HOURS_BEFORE, HOURS_AFTER = 24, 48  # the clock's 72 hours around the anchor
CLOCK_MARKETS = ("btc", "eth", "nikkei", "kospi", "sk_hynix", "nvda", "ndx", "spx")


@dataclass(frozen=True)
class Episode:
    id: str
    name_en: str
    name_zh: str
    anchor: pd.Timestamp  # UTC
    event_date: dt.date  # the pages' event date
    markets: tuple[str, ...]
    description_en: str
    description_zh: str
    sources: tuple[str, ...]
    thesis: bool = False
    short_en: str = ""  # a picker's chip: ten full names wrapped past the picker's height
    short_zh: str = ""

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def short(self, lang: str) -> str:
        """The name as a picker's chip shows it (the full name where no short one is set)."""
        return (self.short_zh if lang == "zh" else self.short_en) or self.name(lang)

    def description(self, lang: str) -> str:
        return self.description_zh if lang == "zh" else self.description_en

    @property
    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return self.anchor - pd.Timedelta(hours=HOURS_BEFORE), self.anchor + pd.Timedelta(hours=HOURS_AFTER)


@functools.cache
def library(path: Path = EPISODES_CSV) -> tuple[Episode, ...]:
    """The episode library, oldest first."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    episodes = [
        Episode(
            id=r["id"],
            name_en=r["name_en"],
            name_zh=r["name_zh"],
            anchor=pd.Timestamp(r["anchor_utc"]).tz_convert("UTC"),
            event_date=dt.date.fromisoformat(r["event_date"]),
            markets=tuple(m for m in r["markets"].split(";") if m),
            description_en=r["description_en"],
            description_zh=r["description_zh"],
            sources=tuple(r["sources"].split()),
            thesis=r["thesis"].strip().lower() == "true",
            short_en=r["short_en"],
            short_zh=r["short_zh"],
        )
        for r in rows
    ]
    return tuple(sorted(episodes, key=lambda e: e.anchor))


def by_id(episode_id: str) -> Episode | None:
    return next((e for e in library() if e.id == episode_id), None)


def ids() -> tuple[str, ...]:
    return tuple(e.id for e in library())


def for_event(day: dt.date) -> Episode | None:
    """The library's episode whose pages open on ``day``, if any (so an old link still names its episode)."""
    return next((e for e in library() if e.event_date == day), None)


def covering(day: dt.date) -> Episode | None:
    """The library's episode whose days (from its anchor's date to its event date) hold ``day``: 20 Nov 2025 is the
    thesis's sell-off too (the thesis's dates may be Beijing time)."""
    return next((e for e in library() if e.anchor.date() <= day <= e.event_date), None)


def custom(day: dt.date) -> Episode:
    """The reader's own date as an episode: anchored on its 00:00 UTC, with the clock's markets."""
    return Episode(
        id="custom",
        # 7 Apr, as the library writes 5 Aug; the names from the text catalogue
        name_en=text("episode", "custom_name", "en", day=f"{day.day} {day:%b %Y}"),
        name_zh=text("episode", "custom_name", "zh", day=f"{day:%Y 年 %-m 月 %-d 日}"),
        anchor=pd.Timestamp(day, tz="UTC"),
        event_date=day,
        markets=CLOCK_MARKETS,
        description_en="",
        description_zh="",
        sources=(),
    )


def watching(now: pd.Timestamp) -> Episode:
    """Watch mode's episode: the clock's 72 hours ending at ``now`` (its hour), so the anchor is 48 hours earlier:
    each market's reference is its last close by then, a break a close after it beyond the line, and the 24 hours
    before the anchor are "already falling", as on any clock."""
    end = pd.Timestamp(now).tz_convert("UTC").floor("h")
    anchor = end - pd.Timedelta(hours=HOURS_AFTER)
    return Episode(
        id="watch",
        name_en=text("episode", "watch_name", "en", end=f"{end:%d %b %Y %H:%M}"),
        name_zh=text("episode", "watch_name", "zh", end=f"{end:%Y-%m-%d %H:%M}"),
        anchor=anchor,
        event_date=anchor.date(),
        markets=CLOCK_MARKETS,
        description_en="",
        description_zh="",
        sources=(),
    )


def thesis() -> Episode:
    return next(e for e in library() if e.thesis)


# -- bars and their closing instants ----------------------------------------------------------------------


def daily_closes(frame: pd.DataFrame, tz: str, close_time: str) -> pd.Series:
    """A daily frame's closes indexed by the UTC instant each session closed (exchange calendar first; the catalog's
    local close time on a day the calendar has no session for, or where the market has no calendar)."""
    if frame.empty:
        return pd.Series(dtype=float)
    days = pd.DatetimeIndex(frame["ts"]).tz_convert("UTC").tz_localize(None).normalize()
    if close_time == "24:00":  # the midnight that ends the day (crypto)
        local = days + pd.Timedelta(days=1)
    else:
        hours, minutes = (int(x) for x in close_time.split(":"))
        local = days + pd.Timedelta(hours=hours, minutes=minutes)
    at = pd.Series(local.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward").tz_convert("UTC"), index=days)
    exchange = sessions.EXCHANGES.get(tz)
    if exchange:  # one lookup per year of the calendar, not one per bar
        table = sessions.schedule(exchange, days.min().year, days.max().year)
        known = table["close"].dt.tz_convert("UTC").reindex(days)
        at = known.where(known.notna(), at)
    index = pd.DatetimeIndex(at)
    index = index.tz_localize("UTC") if index.tz is None else index.tz_convert("UTC")
    out = pd.Series(frame["close"].to_numpy(dtype=float), index=index)
    out = out[out.index.notna()]
    return out[~out.index.duplicated(keep="last")].dropna().sort_index()


def hourly_closes(frame: pd.DataFrame) -> pd.Series:
    """An hourly frame's closes indexed by when each bar closed (its open + 1 h)."""
    if frame.empty:
        return pd.Series(dtype=float)
    at = pd.DatetimeIndex(frame["ts"]).tz_convert("UTC") + pd.Timedelta(hours=1)
    out = pd.Series(frame["close"].to_numpy(dtype=float), index=at)
    return out[~out.index.duplicated(keep="last")].dropna().sort_index()


Frames = Mapping[str, pd.DataFrame]
Load = Callable[[tuple[str, ...], dt.date, dt.date], Frames]


@dataclass(frozen=True)
class Loaders:
    """``daily`` serves stand-ins where a series has none (labelled as such); ``hourly`` serves bars as they are."""

    daily: Load
    hourly: Load


def zone(key: str) -> tuple[str, str]:
    """A market's time zone and session close (the hours its daily bar closes at)."""
    series = catalog.get(key)
    return series.tz, series.close_time
