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


def events_between(start: dt.date, end: dt.date, claim: str | None = None) -> list[Event]:
    return [e for e in load_events() if start <= e.date <= end and (claim is None or claim in e.claims)]
