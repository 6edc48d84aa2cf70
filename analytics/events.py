"""The dated events behind every chart's markers, read from the versioned ``data/events.csv``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analytics.lang import in_lang

EVENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "events.csv"


@dataclass(frozen=True)
class Event:
    id: str
    date: dt.date
    time: str
    tz: str
    approx: bool
    title_en: str
    title_zh: str
    url: str
    claims: tuple[str, ...]

    def title(self, lang: str = "en") -> str:
        return in_lang(lang, self.title_en, self.title_zh)

    @property
    def when(self) -> str:
        """Local date and time as published, e.g. '2025-11-19 16:20 America/New_York'."""
        stamp = f"{self.date.isoformat()} {self.time}".strip()
        return f"{stamp} {self.tz}" + (" (approx.)" if self.approx else "")

    @property
    def known_from(self) -> pd.Timestamp:
        """The UTC instant from which the event had happened: its published time, or without one (or with an
        approximate day) the end of its local date, so a replay never marks an event before it could be known."""
        day = pd.Timestamp(self.date).tz_localize(self.tz)
        if self.time and not self.approx:
            return (day + pd.Timedelta(self.time + ":00")).tz_convert("UTC")
        return (day + pd.Timedelta(days=1)).tz_convert("UTC")


@lru_cache(maxsize=4)
def load_events(path: Path = EVENTS_FILE) -> tuple[Event, ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    events = [
        Event(
            id=row["id"],
            date=dt.date.fromisoformat(row["date"]),
            time=row["time"],
            tz=row["tz"],
            approx=row["approx"].strip().lower() == "true",
            title_en=row["title_en"],
            title_zh=row["title_zh"],
            url=row["url"],
            claims=tuple(c for c in row["claims"].split(";") if c),
        )
        for _, row in table.iterrows()
    ]
    return tuple(sorted(events, key=lambda e: e.date))


def number(event: Event) -> int:
    """An event's number on every chart (its place in the library by date, from 1): the same event is the same
    number wherever it is marked, and the key under a chart lists the numbers it shows."""
    return next(i for i, e in enumerate(load_events(), 1) if e.id == event.id)


def events_between(
    start: dt.date, end: dt.date, claim: str | None = None, asof: pd.Timestamp | None = None
) -> list[Event]:
    """The events dated in [start, end] (tied to ``claim`` when given), only those known by ``asof`` in a replay."""
    return [
        e
        for e in load_events()
        if start <= e.date <= end and (claim is None or claim in e.claims) and (asof is None or e.known_from <= asof)
    ]
