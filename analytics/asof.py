"""What had happened by an instant: the one rule that cuts every series to what was known then.

A row is known once it was published, never earlier:

- a daily bar once its session has **closed** (the exchange calendar, ``analytics.timeline``; a crypto day at the
  UTC midnight that ends it);
- an intraday bar stamped at its open once its interval has **ended** (an hourly BTC bar at ts + 1 h, a 4-hour
  liquidation sum at ts + 4 h); a reading stamped at its instant (open interest, funding, a prediction-market mid)
  **at** that instant (``catalog.Series.known_after``);
- a monthly labour figure on its **release date** at 08:30 New York time (``data/release_dates.csv``); a month
  missing there, and any other monthly series, no earlier than the 7th of the next month (the jobs report is out
  by the first Friday at the latest); a weekly series (initial claims, weeks ending Saturday) the next Thursday at
  08:30 New York time.

Values are the vintage the sources serve today: a later revision of a monthly figure is not replayed (the
labour section says so). Every page load (``components.data``), every claim (``claims.evaluate``) and the CLI
cut through ``known_frames``, so a model computed as of T cannot read a bar after T.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

NEW_YORK = "America/New_York"
RELEASE_TIME = pd.Timedelta(hours=8, minutes=30)  # BLS and DOL releases: 08:30 New York time
INSTANT_FORMAT = "%Y-%m-%dT%H:%MZ"  # how an instant is written in a link and by the CLI: 2025-11-21T01:00Z


class BadInstant(ValueError):
    """An ``asof`` that is not a UTC instant to the hour in range: ``code`` names the reason in the text
    catalogue's ``bad`` section (``facts`` fill it); the message is its English."""

    def __init__(self, code: str, **facts: object) -> None:
        from analytics.lang import text

        self.code, self.facts = code, facts
        super().__init__(text("bad", code, **facts))


def parse_instant(raw: str, earliest: dt.date, latest: dt.date) -> pd.Timestamp:
    """``2025-11-21T01:00Z`` (or ``...T01Z``, ``...T01:00:00Z``) as a UTC instant on the hour, between ``earliest``
    00:00 and ``latest`` + 1 day 00:00. Only ASCII digits (``\\d`` would take ٣), and only UTC (a ``Z``)."""
    text = str(raw).strip()
    found = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2})(?::([0-9]{2}))?(?::([0-9]{2}))?Z", text)
    if not found:
        raise BadInstant("instant_form")
    minute, second = found.group(3) or "00", found.group(4) or "00"
    if minute != "00" or second != "00":
        raise BadInstant("instant_hour")
    try:
        day = dt.date.fromisoformat(found.group(1))
    except ValueError:
        raise BadInstant("not_real_date") from None
    hour = int(found.group(2))
    if hour > 23:
        raise BadInstant("instant_after_23")
    if not earliest <= day <= latest:
        raise BadInstant("instant_outside", first=earliest.isoformat(), last=latest.isoformat())
    return pd.Timestamp(day, tz="UTC") + pd.Timedelta(hours=hour)


def format_instant(instant: pd.Timestamp) -> str:
    return pd.Timestamp(instant).tz_convert("UTC").strftime(INSTANT_FORMAT)


def _stamps(frame: pd.DataFrame) -> pd.DatetimeIndex:
    return _utc(pd.DatetimeIndex(frame["ts"]))


def _released_at(days: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Release days (naive dates) as the UTC instants of their 08:30 New York release."""
    local = (days + RELEASE_TIME).tz_localize(NEW_YORK, ambiguous="NaT", nonexistent="shift_forward")
    return local.tz_convert("UTC")


def _monthly_known(stamps: pd.DatetimeIndex, key: str) -> pd.DatetimeIndex:
    """When each reference month (dated on the 1st) was published (see the module's docstring)."""
    months = stamps.tz_localize(None).to_period("M").to_timestamp()
    fallback = months + pd.DateOffset(months=1) + pd.Timedelta(days=6)
    released = pd.Series(fallback, index=range(len(months)))
    if key in ("payems", "unrate"):  # the Employment Situation's own schedule
        from analytics.macro import release_dates

        listed = release_dates()["released"].reindex(months)
        released = pd.Series(np.where(listed.notna(), listed, fallback), index=released.index)
    return _released_at(pd.DatetimeIndex(released))


def _weekly_known(stamps: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """A week ending on Saturday ``d`` is published on Thursday ``d + 5`` at 08:30 New York time."""
    return _released_at(stamps.tz_localize(None).normalize() + pd.Timedelta(days=5))


def known_when(frame: pd.DataFrame, key: str, interval: str = "1d") -> pd.DatetimeIndex:
    """The UTC instant each row of ``frame`` (a catalog series loaded at ``interval``) became known."""
    from analytics import timeline
    from data_sources import catalog

    stamps = _stamps(frame)
    series = catalog.CATALOG.get(key)
    if interval != "1d":  # intraday: a bar at the end of its interval, a reading at its instant
        after = pd.Timedelta(series.known_after) if series is not None and series.known_after else None
        return stamps + (after if after is not None else pd.Timedelta(interval))
    if series is not None and series.frequency == "monthly":
        return _monthly_known(stamps, key)
    if series is not None and series.frequency == "weekly":
        return _weekly_known(stamps)
    if series is None:  # not a catalog series: its UTC day
        return stamps.normalize() + pd.Timedelta(days=1)
    closes = timeline.market_intervals(pd.Index(stamps), key)["close"]
    return _utc(pd.DatetimeIndex(closes.to_numpy()))


def _utc(stamps: pd.DatetimeIndex) -> pd.DatetimeIndex:
    return stamps.tz_localize("UTC") if stamps.tz is None else stamps.tz_convert("UTC")


# Every row stamped this long before the instant is known by it (a daily bar closes within a day of its date, an
# intraday one within hours; a report within ~3 months of its reference period: the delayed Sept 2025 jobs report
# came 81 days after the 1st), so only the rows after this margin are put through the calendar: the cut stays cheap.
SURE_AFTER = {"daily": pd.Timedelta(days=3), "report": pd.Timedelta(days=150)}


def known_at(frame: pd.DataFrame, key: str, interval: str, asof: pd.Timestamp | None) -> pd.DataFrame:
    """The rows of ``frame`` known at ``asof`` (all of them when ``asof`` is None); ``attrs`` kept."""
    if asof is None or frame is None or frame.empty or "ts" not in frame:
        return frame
    from data_sources import catalog

    asof = pd.Timestamp(asof)
    series = catalog.CATALOG.get(key)
    report = interval == "1d" and series is not None and series.frequency != "daily"
    stamps = _stamps(frame)
    first = int(np.searchsorted(stamps.asi8, (asof - SURE_AFTER["report" if report else "daily"]).value, "right"))
    if not stamps.is_monotonic_increasing:
        first = 0
    tail = frame.iloc[first:]
    when = known_when(tail, key, interval) if len(tail) else pd.DatetimeIndex([], tz="UTC")
    keep = np.ones(len(frame), dtype=bool)
    keep[first:] = np.asarray(when <= asof, dtype=bool) & np.asarray(~pd.isna(when), dtype=bool)
    if keep.all():
        return frame
    out = frame.loc[keep]
    out.attrs = dict(frame.attrs)
    return out


def known_frames(
    frames: Mapping[str, pd.DataFrame], asof: pd.Timestamp | None, interval: str = "1d"
) -> dict[str, pd.DataFrame]:
    """``known_at`` over a dict of frames by catalog key (a stand-in is cut by its own series' calendar)."""
    if asof is None:
        return dict(frames)
    from data_sources.meta import meta

    out = {}
    for key, frame in frames.items():
        served = getattr(meta(frame), "served_key", None) or key
        out[key] = known_at(frame, served, interval, asof)
    return out


def _last_release(key: str, anchor: pd.Timestamp) -> pd.Timestamp:
    """The last publication of a monthly or weekly series at or before ``anchor`` (its release calendar when the
    app has one, else the anchor itself: whatever was out by then)."""
    if key not in ("payems", "unrate"):
        return anchor
    from analytics.macro import release_dates

    when = _released_at(pd.DatetimeIndex(release_dates()["released"].dropna().sort_values()))
    out = when[when <= anchor]
    return out[-1] if len(out) else anchor


def sell_off_session(key: str, anchor: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A market's sell-off session (its first to close after the anchor) as the UTC interval ``[open, close)``, from
    the calendar alone (no data). Everything before ``open`` is known once it opens; the session itself once it
    closes. A crypto day is the UTC day; a report (monthly or weekly) is its last release by then, open = close."""
    from analytics import sessions, timeline
    from data_sources import catalog

    anchor = pd.Timestamp(anchor).tz_convert("UTC")
    day = anchor.tz_localize(None).normalize()
    series = catalog.get(key)
    exchange = sessions.EXCHANGES.get(series.tz)
    if series.frequency != "daily":  # a report: the last one out at the anchor is the one the sell-off could read
        released = _last_release(key, anchor)
        return released, released
    if series.close_time == "24:00":
        return pd.Timestamp(day, tz="UTC"), pd.Timestamp(day, tz="UTC") + pd.Timedelta(days=1)
    if exchange is not None:
        table = sessions.sessions_between(exchange, day - pd.Timedelta(days=1), day + pd.Timedelta(days=20))
        later = [(o, c) for o, c in zip(table["open"], table["close"], strict=True) if pd.Timestamp(c) > anchor]
        if later:
            return pd.Timestamp(later[0][0]).tz_convert("UTC"), pd.Timestamp(later[0][1]).tz_convert("UTC")
    days = pd.bdate_range(day - pd.Timedelta(days=1), periods=12)  # no calendar: weekdays at the catalog close
    spans = timeline.market_intervals(days, key)
    opens = _utc(pd.DatetimeIndex(spans["open"].to_numpy()))
    closes = _utc(pd.DatetimeIndex(spans["close"].to_numpy()))
    later = closes > anchor
    if later.any():
        return opens[later][0], closes[later][0]
    return anchor, anchor + pd.Timedelta(days=1)


def sell_off_close(key: str, anchor: pd.Timestamp) -> pd.Timestamp:
    """When a market's sell-off session closes (``sell_off_session``): the instant from which it can be known."""
    return sell_off_session(key, anchor)[1]


def sell_off_open(key: str, anchor: pd.Timestamp) -> pd.Timestamp:
    """When a market's sell-off session opens: every bar before it has closed, so a pre-event estimate is known."""
    return sell_off_session(key, anchor)[0]


def session_marks(keys: tuple[str, ...], around: pd.Timestamp, days: int = 5) -> pd.DatetimeIndex:
    """Every open and close of the markets ``keys`` within ``days`` of ``around`` (UTC, sorted, unique), from the
    calendars: the stops a replay can jump to. A crypto market adds its UTC midnights."""
    from analytics import sessions
    from data_sources import catalog

    around = pd.Timestamp(around).tz_convert("UTC")
    first, last = around - pd.Timedelta(days=days), around + pd.Timedelta(days=days)
    marks: list[pd.Timestamp] = []
    for key in keys:
        series = catalog.get(key)
        exchange = sessions.EXCHANGES.get(series.tz)
        if series.close_time == "24:00":
            marks += list(pd.date_range(first.normalize(), last.normalize(), freq="D"))
        elif exchange is not None:
            table = sessions.sessions_between(exchange, first, last)
            marks += [pd.Timestamp(x).tz_convert("UTC") for x in (*table["open"], *table["close"])]
    out = pd.DatetimeIndex(sorted(set(marks)))
    out = out.tz_localize("UTC") if out.tz is None else out.tz_convert("UTC")
    return out[(out >= first) & (out <= last)]


def next_mark(instant: pd.Timestamp, keys: tuple[str, ...], forward: bool = True) -> pd.Timestamp | None:
    """The next (or, ``forward=False``, the previous) session open or close of ``keys`` strictly after (before)
    ``instant``, rounded to the hour it falls in (a 14:30 open is reached at 15:00, when its first half hour is in)."""
    marks = session_marks(keys, instant)
    hours = pd.DatetimeIndex(sorted(set(marks.ceil("h"))))
    later = hours[hours > instant] if forward else hours[hours < instant]
    if not len(later):
        return None
    return later[0] if forward else later[-1]
