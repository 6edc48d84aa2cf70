"""The event study: each market's sell-off beside the library's, day 0 aligned (README, *Episodes*).

- **Event study**: day 0 is each market's first session closing after the anchor; day -1's close is the
  pre-episode close. Depth is the lowest close of days 0..20 against it (peak-to-trough from that close),
  days to trough its day, and days to recover half the first day after the trough whose close has regained
  half the loss. Correlation with the Nasdaq-100 (daily returns paired in time by ``analytics.timeline``:
  overlapping sessions, else the partner's last session closed before this one opened) is measured over the 60
  pairs closed before day 0's session opened and over days 0..20, windows that do not overlap, with a Fisher
  z-test of the change.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import scan
from analytics.episodes import Episode, Load, Loaders, daily_closes, library, zone
from analytics.episodes.contagion_clock import DEFAULT_DRAWDOWN, Break, ClockModel, clock_model
from analytics.returns import close_series
from analytics.stats import CorrTest, corr_difference_p, corr_test, p_text
from data_sources.meta import label as served_label
from data_sources.meta import meta

STUDY_BEFORE, STUDY_AFTER = 10, 20  # trading days drawn before and after day 0


CORR_BEFORE = 60  # sessions before day 0 for the "before" correlation


REFERENCE, REFERENCE_FOR_REFERENCE = "ndx", "btc"  # correlation partner (and the Nasdaq-100's own)


STUDY_MARKETS = ("ndx", "nikkei", "btc")


STUDY_LOOKBACK_DAYS, STUDY_AHEAD_DAYS = 100, 35  # calendar days holding 60 sessions before day 0 and 20 after


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


def study_dates(episode: Episode) -> tuple[dt.date, dt.date]:
    """The daily bars an episode's study needs: the 60 sessions before day 0 and 20 after, with room for holidays."""
    day = episode.anchor.date()
    return day - dt.timedelta(days=STUDY_LOOKBACK_DAYS), day + dt.timedelta(days=STUDY_AHEAD_DAYS)


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
