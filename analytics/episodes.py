"""Past sell-offs beside this one: the episode library, the contagion clock and the event study.

``data/episodes.csv`` holds one row per episode: its names, the UTC instant it is anchored on, the date the
pages use as their event, the markets at its centre, a line in each language and its sources. Everything
here is pure (frames in, frozen results out) and is shared by the overview page and
``python -m analytics.episodes --format md|json``, which prints the comparison table for scripts.

Definitions (the README's "Episodes" section says the same):
- **Contagion clock**: the 72 hours from 24 h before the anchor to 48 h after it, measured from one instant, the
  anchor: each market's *reference close* is its last close at or before the anchor. A market *breaks* at the
  first bar closing in the 48 hours after the anchor more than the drawdown (default 2%) below that close; a
  market that never does is placed at its worst bar, marked so. What it did in the 24 hours before the anchor
  (reference close against its last close at or before the window opens) stands apart: "already falling" when
  that fall exceeds the drawdown, never counted as a break. Hourly bars (BTC and ETH perpetuals) close on the
  hour; markets known only at daily resolution sit at their session close (from the exchange calendar) and are
  marked "daily".
- **Event study**: day 0 is each market's first session closing after the anchor; day -1's close is the
  pre-episode close. Depth is the lowest close of days 0..20 against it (peak-to-trough from that close),
  days to trough its day, and days to recover half the first day after the trough whose close has regained
  half the loss. Correlation with the Nasdaq-100 (daily returns paired in time by ``analytics.timeline``:
  overlapping sessions, else the partner's last session closed before this one opened) is measured over the 60
  pairs closed before day 0's session opened and over days 0..20, windows that do not overlap, with a Fisher
  z-test of the change.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import scan, sessions
from analytics.lang import text
from analytics.returns import close_series
from analytics.stats import CorrTest, corr_difference_p, corr_test, p_text
from data_sources import catalog
from data_sources.meta import label as served_label
from data_sources.meta import meta

EPISODES_CSV = Path(__file__).resolve().parent.parent / "data" / "episodes.csv"
HOURS_BEFORE, HOURS_AFTER = 24, 48  # the clock's 72 hours around the anchor
DEFAULT_DRAWDOWN = 0.02
HOURLY = ("btc", "eth")  # markets the snapshot holds as hourly bars (perpetuals)
CLOCK_MARKETS = ("btc", "eth", "nikkei", "kospi", "sk_hynix", "nvda", "ndx", "spx")
STUDY_BEFORE, STUDY_AFTER = 10, 20  # trading days drawn before and after day 0
CORR_BEFORE = 60  # sessions before day 0 for the "before" correlation
REFERENCE, REFERENCE_FOR_REFERENCE = "ndx", "btc"  # correlation partner (and the Nasdaq-100's own)
STUDY_MARKETS = ("ndx", "nikkei", "btc")
STUDY_LOOKBACK_DAYS, STUDY_AHEAD_DAYS = 100, 35  # calendar days holding 60 sessions before day 0 and 20 after


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

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

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


# -- the contagion clock ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    key: str
    at: pd.Timestamp  # UTC close of the bar that broke (or the worst bar), after the anchor
    move: float  # that close against the reference close
    crossed: bool  # False: never closed beyond the drawdown; ``at`` is its worst bar
    resolution: str  # "hourly" or "daily"
    pre_close: float  # the reference close: the last at or before the anchor
    pre_at: pd.Timestamp
    bars: int  # bars after the anchor inside the window
    before: float | None = None  # the 24 h before the anchor: reference close vs the last close at the window's open
    drawdown: float = DEFAULT_DRAWDOWN

    @property
    def already_falling(self) -> bool:
        """Fell beyond the drawdown in the 24 hours before the anchor (drift before the event, not a break)."""
        return self.before is not None and self.before < -self.drawdown


@dataclass(frozen=True)
class Clock:
    start: pd.Timestamp
    end: pd.Timestamp
    anchor: pd.Timestamp
    drawdown: float
    breaks: tuple[Break, ...]  # ordered by ``at``
    paths: dict[str, pd.Series] = field(default_factory=dict)  # hourly markets: close / reference close - 1
    sessions: dict[str, tuple[tuple[pd.Timestamp, pd.Timestamp], ...]] = field(default_factory=dict)
    absent: tuple[str, ...] = ()  # markets with no bar inside the window or none before it

    @property
    def first(self) -> Break | None:
        """The first market to close beyond the drawdown (None when none did)."""
        return next((b for b in self.breaks if b.crossed), None)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "key": b.key,
                    "broke_utc": b.at,
                    "move": b.move,
                    "crossed": b.crossed,
                    "resolution": b.resolution,
                    "pre_close": b.pre_close,
                    "pre_close_utc": b.pre_at,
                    "move_24h_before": b.before,
                    "already_falling": b.already_falling,
                }
                for b in self.breaks
            ]
        )


def _break(
    key: str,
    closes: pd.Series,
    start: pd.Timestamp,
    anchor: pd.Timestamp,
    end: pd.Timestamp,
    drawdown: float,
    resolution: str,
) -> tuple[Break, pd.Series] | None:
    ref = closes[closes.index <= anchor]
    inside = closes[(closes.index > anchor) & (closes.index <= end)]
    if ref.empty or inside.empty:
        return None
    pre_at, pre = ref.index[-1], float(ref.iloc[-1])
    path = inside / pre - 1
    beyond = path[path < -drawdown]  # "more than" the drawdown
    at = beyond.index[0] if not beyond.empty else path.idxmin()
    opened = closes[closes.index <= start]
    before = pre / float(opened.iloc[-1]) - 1 if not opened.empty and opened.index[-1] < pre_at else None
    drawn = closes[(closes.index > start) & (closes.index <= end)] / pre - 1  # the whole window, from the anchor
    found = Break(key, at, float(path[at]), not beyond.empty, resolution, pre, pre_at, len(inside), before, drawdown)
    return found, drawn


def contagion_clock(
    daily: Mapping[str, pd.DataFrame],
    hourly: Mapping[str, pd.DataFrame],
    zones: Mapping[str, tuple[str, str]],
    episode: Episode,
    drawdown: float = DEFAULT_DRAWDOWN,
) -> Clock:
    """Every market's break in the episode's 72 hours (see the module's definitions).

    ``zones`` maps key -> (time zone, local close time) from the catalog; ``hourly`` wins over ``daily``.
    """
    start, end = episode.window
    breaks, paths, bands, absent = [], {}, {}, []
    for key in dict.fromkeys((*daily, *hourly)):
        if key in hourly and not hourly[key].empty:
            found = _break(key, hourly_closes(hourly[key]), start, episode.anchor, end, drawdown, "hourly")
            if found:
                breaks.append(found[0])
                paths[key] = found[1]
                continue
        tz, close_time = zones.get(key, ("UTC", "24:00"))
        found = (
            _break(
                key,
                daily_closes(daily.get(key, pd.DataFrame()), tz, close_time),
                start,
                episode.anchor,
                end,
                drawdown,
                "daily",
            )
            if key in daily
            else None
        )
        if found is None:
            absent.append(key)
            continue
        breaks.append(found[0])
        exchange = sessions.EXCHANGES.get(tz)
        if exchange:
            spans = sessions.sessions_between(exchange, start - pd.Timedelta(days=1), end + pd.Timedelta(days=1))
            bands[key] = tuple(
                (max(o, start), min(c, end))
                for o, c in zip(spans["open"], spans["close"], strict=True)
                if c > start and o < end
            )
    breaks.sort(key=lambda b: (b.at, b.move))
    return Clock(start, end, episode.anchor, drawdown, tuple(breaks), paths, bands, tuple(absent))


# -- the event study ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyRow:
    episode: str
    key: str
    day0: pd.Timestamp  # close of day 0 (UTC)
    depth: float  # lowest close of days 0..STUDY_AFTER against the pre-episode close
    trough_day: int
    half_day: int | None  # first day after the trough with half the loss regained (None: not by day 20)
    days_after: int  # sessions available after day 0 (at most STUDY_AFTER)
    corr_before: CorrTest | None
    corr_during: CorrTest | None
    partner: str

    @property
    def trough_censored(self) -> bool:
        """The trough is on the last day the window holds: the fall may have gone on after it."""
        return self.trough_day == self.days_after

    @property
    def corr_change_p(self) -> float | None:
        if self.corr_before is None or self.corr_during is None:
            return None
        return corr_difference_p(self.corr_during, self.corr_before)


def aligned_path(closes: pd.Series, anchor: pd.Timestamp) -> pd.Series | None:
    """Closes against the pre-episode close, indexed by trading day from the anchor (day 0 closes first after it)."""
    after = np.flatnonzero(closes.index > anchor)
    if after.size == 0 or after[0] == 0:
        return None
    zero = int(after[0])
    lo, hi = max(zero - STUDY_BEFORE, 0), min(zero + STUDY_AFTER + 1, len(closes))
    pre = float(closes.iloc[zero - 1])
    window = closes.iloc[lo:hi] / pre - 1
    window.index = pd.Index(np.arange(lo, hi) - zero, name="day")
    return window


def study_row(
    episode: Episode, key: str, closes: pd.Series, pairs: pd.DataFrame | None, partner: str
) -> StudyRow | None:
    """One market's row. ``pairs``: its daily returns paired with the partner's by ``timeline`` (overlap where the
    sessions share hours, else the partner's last session closed before this one opened), or None.

    "Before" is the 60 pairs both of whose bars closed before day 0's session opened (no look-ahead); "during" the
    pairs from day 0's close on, days 0..20."""
    path = aligned_path(closes, episode.anchor)
    if path is None or 0 not in path.index:
        return None
    after = path[path.index >= 0]
    trough_day = int(after.idxmin())
    depth = float(after.min())
    half = after[(after.index > trough_day) & (after >= depth / 2)] if depth < 0 else after.iloc[0:0]
    zero_at = closes.index[np.flatnonzero(closes.index > episode.anchor)[0]]
    corr_before = corr_during = None
    if pairs is not None and not pairs.empty:
        during = pairs[pairs["a_close"] >= zero_at].iloc[: STUDY_AFTER + 1]
        opened = during["a_open"].iloc[0] if not during.empty else zero_at
        before = pairs[pairs["known"] <= opened].iloc[-CORR_BEFORE:]
        corr_before = corr_test(before["a"], before["b"])
        corr_during = corr_test(during["a"], during["b"])
    return StudyRow(
        episode.id,
        key,
        zero_at,
        depth,
        trough_day,
        int(half.index[0]) if not half.empty else None,
        int(after.index.max()),
        corr_before,
        corr_during,
        partner,
    )


def study(
    closes_by_key: Mapping[str, pd.Series],
    episodes: Sequence[Episode],
    markets: Sequence[str],
    session_closes: Mapping[str, tuple[str, pd.Series]] | None = None,
) -> tuple[dict[tuple[str, str], pd.Series], list[StudyRow]]:
    """Aligned paths and the comparison table for each (episode, market) the data cover. ``session_closes`` maps a
    key to (catalog key whose calendar it trades on, closes by session date), for the correlations."""
    from analytics import timeline

    paths: dict[tuple[str, str], pd.Series] = {}
    rows: list[StudyRow] = []
    bars = {k: timeline.bars(c, cal) for k, (cal, c) in (session_closes or {}).items() if not c.dropna().empty}
    for ep in episodes:
        for key in markets:
            closes = closes_by_key.get(key)
            if closes is None or closes.empty:
                continue
            path = aligned_path(closes, ep.anchor)
            if path is None or 0 not in path.index:
                continue
            paths[(ep.id, key)] = path
            partner = REFERENCE_FOR_REFERENCE if key == REFERENCE else REFERENCE
            pairs = timeline.paired_returns(bars[key], bars[partner]) if key in bars and partner in bars else None
            row = study_row(ep, key, closes, pairs, partner)
            if row is not None:
                rows.append(row)
    return paths, rows


# -- for scripts --------------------------------------------------------------------------------------------


def study_dates(episode: Episode) -> tuple[dt.date, dt.date]:
    """The daily bars an episode's study needs: the 60 sessions before day 0 and 20 after, with room for holidays."""
    day = episode.anchor.date()
    return day - dt.timedelta(days=STUDY_LOOKBACK_DAYS), day + dt.timedelta(days=STUDY_AHEAD_DAYS)


def clock_dates(episode: Episode) -> tuple[dt.date, dt.date]:
    """The bars the clock needs: a few days before the window (a pre-episode close over a long weekend) to its end."""
    start, end = episode.window
    return (start - pd.Timedelta(days=5)).date(), (end + pd.Timedelta(days=1)).date()


# -- the overview's models (the page and the command line load bars their own way) -----------------------


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


@dataclass(frozen=True)
class ClockModel:
    """One episode's contagion clock and the bars it read (daily markets, hourly perpetuals; empty ones left out)."""

    episode: Episode
    clock: Clock
    daily: dict[str, pd.DataFrame]
    hourly: dict[str, pd.DataFrame]

    def served(self, key: str) -> pd.DataFrame | None:
        """The bars a market's break was read from: hourly where there are any, else daily."""
        return self.hourly.get(key, self.daily.get(key))


def clock_model(load: Loaders, episode: Episode, drawdown: float = DEFAULT_DRAWDOWN) -> ClockModel:
    first, last = clock_dates(episode)
    daily = {k: f for k, f in load.daily(CLOCK_MARKETS, first, last).items() if not f.empty}
    hourly = {k: f for k, f in load.hourly(HOURLY, first, last).items() if not f.empty}
    zones = {k: zone(k) for k in CLOCK_MARKETS}
    clock = contagion_clock(daily, hourly, zones, episode, drawdown)
    # a market with no bars at all in the window is named, not silently left out (ETH's perpetual starts Aug 2020)
    unserved = tuple(k for k in CLOCK_MARKETS if k not in daily and k not in hourly and k not in clock.absent)
    return ClockModel(episode, replace(clock, absent=(*clock.absent, *unserved)), daily, hourly)


@dataclass(frozen=True)
class EpisodeStudy:
    """One episode in the event study: its daily bars as served, each market's aligned path and row, and who broke
    first in its contagion clock (at the default drawdown)."""

    episode: Episode
    frames: dict[str, pd.DataFrame]
    paths: dict[tuple[str, str], pd.Series]
    rows: tuple[StudyRow, ...]
    clock: ClockModel

    @property
    def first(self) -> Break | None:
        return self.clock.clock.first


def study_model(
    load: Loaders, chosen: Sequence[Episode], markets: Sequence[str], drawdown: float = DEFAULT_DRAWDOWN
) -> tuple[EpisodeStudy, ...]:
    """Past sell-offs side by side, each over its own dates; a stand-in's closes are read at its own session close.
    Who broke first is read from each episode's clock at ``drawdown``."""
    keys = tuple(dict.fromkeys((*markets, REFERENCE, REFERENCE_FOR_REFERENCE)))
    out = []
    for ep in chosen:
        frames = dict(load.daily(keys, *study_dates(ep)))
        closes = {k: daily_closes(f, *zone(meta(f).catalog_key or k)) for k, f in frames.items()}
        by_session = {k: (meta(f).catalog_key or k, close_series(f)) for k, f in frames.items() if not f.empty}
        paths, rows = study(closes, [ep], markets, by_session)
        out.append(EpisodeStudy(ep, frames, paths, tuple(rows), clock_model(load, ep, drawdown)))
    return tuple(out)


def comparison(
    source: str = "snapshot",
    markets: Sequence[str] = STUDY_MARKETS,
    drawdown: float = DEFAULT_DRAWDOWN,
    episode_ids: Sequence[str] | None = None,
) -> list[dict]:
    """The comparison table as records: the study row of each episode x market, with the episode's first break.

    Each episode's bars are loaded over its own dates, stand-ins chosen as the app chooses them (``study_model``,
    the page's own computation)."""
    from data_sources import get_many

    load = Loaders(
        daily=lambda keys, a, b: get_many(keys, a, b, source=source, proxies=True),
        hourly=lambda keys, a, b: get_many(keys, a, b, "1h", source),
    )
    chosen = [e for e in library() if episode_ids is None or e.id in episode_ids]
    out: list[dict] = []
    for one in study_model(load, chosen, markets, drawdown):
        led = one.first
        for row in one.rows:
            out.append(
                {
                    "episode": one.episode.id,
                    "market": row.key,
                    "label": served_label(one.frames, row.key, row.key),
                    "day0_close_utc": row.day0.isoformat(),
                    "depth": round(row.depth, 6),
                    "trough_day": row.trough_day,
                    "trough_censored": row.trough_censored,
                    "half_recovery_day": row.half_day,
                    "days_after": row.days_after,
                    "corr_partner": row.partner,
                    "corr_before": _corr(row.corr_before),
                    "corr_during": _corr(row.corr_during),
                    "corr_change_p": None if row.corr_change_p is None else round(row.corr_change_p, 6),
                    "first_to_break": led.key if led else None,
                    "first_break_utc": led.at.isoformat() if led else None,
                }
            )
    return out


def _corr(test: CorrTest | None) -> dict | None:
    return None if test is None else {"r": round(test.r, 6), "n": test.n, "p": round(test.p, 6)}


def markdown(records: list[dict]) -> str:
    def pct(x: float) -> str:
        return f"{x:+.1%}"

    def corr(c: dict | None) -> str:
        return "-" if c is None else f"{c['r']:+.2f} (n={c['n']})"

    lines = [
        "| episode | market | depth | trough day | half back by day | corr before | corr during | p (change) "
        "| first to break |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in records:
        half = "-" if r["half_recovery_day"] is None else str(r["half_recovery_day"])
        trough = f">= {r['trough_day']} (censored)" if r["trough_censored"] else str(r["trough_day"])
        p = "-" if r["corr_change_p"] is None else p_text(r["corr_change_p"]).removeprefix("= ")
        lines.append(
            f"| {r['episode']} | {r['label']} | {pct(r['depth'])} | {trough} | {half} | "
            f"{corr(r['corr_before'])} | {corr(r['corr_during'])} | {p} | "
            f"{r['first_to_break'] or '-'} {r['first_break_utc'] or ''} |"
        )
    return "\n".join(lines)


# -- where one episode stands in the library ------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """One measure of the open episode against every library episode that has it.

    ``rank`` counts from the largest sell-off: 1 = deepest fall, fastest to its trough, slowest half-recovery,
    broadest. ``value`` is None where the open episode lacks the measure (then ``rank`` is None too). Half-recovery
    days not reached within the study's window are censored: they rank as slowest and stay out of median and range.
    """

    measure: str  # "depth", "trough_day", "half_day" or "breadth"
    market: str | None  # None for breadth (the episode's, over the compared markets)
    value: float | None
    rank: int | None
    n: int  # episodes with the measure (censored half-recoveries included)
    median: float | None
    low: float | None
    high: float | None
    values: tuple[tuple[str, float | None], ...]  # (episode id, value) of every episode with the measure
    tied: int = 0  # other episodes with the same value (they share the rank)


def _standing(measure: str, market: str | None, values: dict[str, float | None], current: str) -> Standing:
    known = {e: v for e, v in values.items() if v is not None}
    # the larger sell-off sorts first: deeper (more negative), faster (fewer days), slower back, broader; a
    # half-recovery not reached in the window is the slowest of all
    size = {
        "depth": lambda v: v,
        "trough_day": lambda v: v,
        "half_day": lambda v: -math.inf if v is None else -v,
        "breadth": lambda v: -v,
    }[measure]
    value = values.get(current)
    rank, tied = None, 0
    if current in values and (value is not None or measure == "half_day"):
        mine = size(value)
        ranked = values if measure == "half_day" else known
        rank = 1 + sum(size(v) < mine for v in ranked.values())  # ties share a rank
        tied = sum(size(v) == mine for e, v in ranked.items() if e != current)
    nums = np.array(list(known.values()), dtype=float)
    return Standing(
        measure,
        market,
        value,
        rank,
        len(values) if measure == "half_day" else len(known),
        float(np.median(nums)) if nums.size else None,
        float(nums.min()) if nums.size else None,
        float(nums.max()) if nums.size else None,
        tuple(values.items()),
        tied,
    )


def standings(
    studies: Sequence[EpisodeStudy], current: str, markets: Sequence[str], drawdown: float = DEFAULT_DRAWDOWN
) -> tuple[Standing, ...]:
    """Where ``current`` stands among ``studies`` (the whole library): per market depth, days to the trough and to
    half-recovery; per episode breadth, how many of ``markets`` fell beyond ``drawdown`` (depth, the same measure
    as the depth rows). An episode without data for a market is left out of that market's measures."""
    out: list[Standing] = []
    rows = {(r.episode, r.key): r for one in studies for r in one.rows}
    for key in markets:
        here = {one.episode.id: rows.get((one.episode.id, key)) for one in studies}
        here = {e: r for e, r in here.items() if r is not None}
        if current not in here:
            continue
        out.append(_standing("depth", key, {e: r.depth for e, r in here.items()}, current))
        out.append(_standing("trough_day", key, {e: float(r.trough_day) for e, r in here.items()}, current))
        out.append(
            _standing(
                "half_day",
                key,
                {e: (float(r.half_day) if r.half_day is not None else None) for e, r in here.items()},
                current,
            )
        )
    per_episode: dict[str, list[float]] = {}
    for (eid, key), r in rows.items():
        if key in markets:
            per_episode.setdefault(eid, []).append(r.depth)
    breadth = {e: float(sum(d <= -drawdown for d in depths)) for e, depths in per_episode.items()}
    if current in breadth:
        out.append(_standing("breadth", None, breadth, current))
    return tuple(out)


SCAN_FROM = dt.date(2020, 1, 1)  # where the snapshot's histories begin


def found_in_data(load: Load, last: dt.date, *, markets: Sequence[str] = scan.SCAN_MARKETS, **rule: float) -> list:
    """The scan (``analytics.scan``) over ``markets`` from 2020 to ``last``, each market's closes at its session close
    (exchange calendar), library episodes marked."""
    frames = load(tuple(markets), SCAN_FROM, last)
    closes = {k: daily_closes(f, *zone(meta(f).catalog_key or k)) for k, f in frames.items() if not f.empty}
    return scan.scan(closes, {e.id: e.anchor for e in library()}, **rule)


def scan_main(argv: list[str]) -> int:
    """``python -m analytics.episodes scan [--k 2.5] [--window 60] [--merge-hours 72] [--min-breadth 3] ...``"""
    import argparse
    import json
    import sys

    from data_sources import catalog
    from data_sources.service import get_many

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            self.exit(2, f"{self.prog}: {message}\n")

    def bounded(lo: float, hi: float, kind: type = float):
        def parse(raw: str):
            if not raw.isascii() or not raw.replace(".", "", 1).isdigit():
                raise argparse.ArgumentTypeError(f"'{raw[:20]}' is not a plain number")
            value = kind(float(raw))
            if not lo <= value <= hi:
                raise argparse.ArgumentTypeError(f"{raw[:20]} is outside {lo:g}..{hi:g}")
            return value

        return parse

    parser = Parser(prog="python -m analytics.episodes scan", description=(scan.__doc__ or "").split("\n")[0])
    parser.add_argument("--source", choices=("auto", "live", "snapshot"), default="snapshot")
    parser.add_argument("--k", type=bounded(1.0, 10.0), default=scan.K, help="sigmas below zero, default 2.5")
    parser.add_argument("--window", type=bounded(20, 500, int), default=scan.WINDOW, help="returns, default 60")
    parser.add_argument("--merge-hours", type=bounded(1, 240), default=scan.MERGE_HOURS, help="default 72")
    parser.add_argument("--min-breadth", type=bounded(2, len(scan.SCAN_MARKETS), int), default=scan.MIN_BREADTH)
    parser.add_argument("--top", type=bounded(1, 1000, int), default=10)
    parser.add_argument("--format", choices=("json", "md"), default="md")
    args = parser.parse_args(argv)
    found = found_in_data(
        lambda keys, a, b: get_many(list(keys), a, b, source=args.source, proxies=False),
        dt.date.today(),
        k=args.k,
        window=args.window,
        merge_hours=args.merge_hours,
        min_breadth=args.min_breadth,
    )
    rows = scan.records(found[: args.top], {k: catalog.label(k) for k in scan.SCAN_MARKETS})
    if not rows:
        sys.stderr.write("no sell-off matches this rule in the data\n")
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    lines = ["| rank | date | breadth | depth (median worst z) | median worst return | markets | in library |"]
    lines.append("|---|---|---|---|---|---|---|")
    for r in rows:
        lines.append(
            f"| {r['rank']} | {r['date']} | {r['breadth']} | {r['depth_z']:.1f} | {r['depth_return']:+.1%} | "
            f"{', '.join(r['markets'])} | {r['library'] or '-'} |"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["scan"]:
        return scan_main(argv[1:])

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            self.exit(2, f"{self.prog}: {message}\n")

    def markets_arg(raw: str) -> tuple[str, ...]:
        from data_sources import catalog

        keys = tuple(dict.fromkeys(k.strip() for k in raw.split(",") if k.strip()))  # a repeat counts once
        unknown = [k for k in keys if k not in catalog.CATALOG]
        if not keys or unknown:
            raise argparse.ArgumentTypeError(f"unknown market(s): {', '.join(unknown)[:60] or raw[:20]}")
        # the study compares daily closes: an open-interest, funding or odds series has none to compare
        not_markets = [
            k
            for k in keys
            if catalog.get(k).asset_class == "future"
            or catalog.get(k).intraday
            and catalog.get(k).asset_class != "crypto"
        ]
        if not_markets:
            raise argparse.ArgumentTypeError(f"not a market with daily closes: {', '.join(not_markets)[:60]}")
        return keys

    def drawdown_arg(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{raw[:20]}' is not a number") from None
        if not 0.1 <= value <= 20:
            raise argparse.ArgumentTypeError("drawdown is a percentage between 0.1 and 20")
        return value / 100

    parser = Parser(prog="python -m analytics.episodes", description="The episodes compared, as a table.")
    parser.add_argument("--source", choices=("auto", "live", "snapshot"), default="snapshot")
    parser.add_argument("--markets", type=markets_arg, default=STUDY_MARKETS)
    parser.add_argument("--drawdown", type=drawdown_arg, default=DEFAULT_DRAWDOWN, help="percent, default 2")
    parser.add_argument("--episodes", type=lambda raw: tuple(raw.split(",")), default=None)
    parser.add_argument("--format", choices=("json", "md"), default="md")
    args = parser.parse_args(argv)
    if args.episodes is not None and (unknown := [e for e in args.episodes if by_id(e) is None]):
        parser.error(f"unknown episode(s): {', '.join(unknown)[:60]}; known: {', '.join(ids())}")
    records = comparison(args.source, args.markets, args.drawdown, args.episodes)
    if not records:
        sys.stderr.write(f"{parser.prog}: no data for these markets on these episodes from this source\n")
        return 1
    sys.stdout.write((json.dumps(records, indent=2) if args.format == "json" else markdown(records)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
