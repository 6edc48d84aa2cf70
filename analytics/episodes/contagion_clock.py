"""The contagion clock: which market broke first, and when, around an episode's anchor (README, *Episodes*).

- **Contagion clock**: the 72 hours from 24 h before the anchor to 48 h after it, measured from one instant, the
  anchor: each market's *reference close* is its last close at or before the anchor. A market *breaks* at the
  first bar closing in the 48 hours after the anchor more than the drawdown (default 2%) below that close; a
  market that never does is placed at its worst bar, marked so. What it did in the 24 hours before the anchor
  (reference close against its last close at or before the window opens) stands apart: "already falling" when
  that fall exceeds the drawdown, never counted as a break. Hourly bars (BTC and ETH perpetuals) close on the
  hour; markets known only at daily resolution sit at their session close (from the exchange calendar) and are
  marked "daily".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from analytics import sessions
from analytics.episodes import CLOCK_MARKETS, Episode, Loaders, daily_closes, hourly_closes, zone

DEFAULT_DRAWDOWN = 0.02


HOURLY = ("btc", "eth")  # markets the snapshot holds as hourly bars (perpetuals)


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


def clock_dates(episode: Episode) -> tuple[dt.date, dt.date]:
    """The bars the clock needs: a few days before the window (a pre-episode close over a long weekend) to its end."""
    start, end = episode.window
    return (start - pd.Timedelta(days=5)).date(), (end + pd.Timedelta(days=1)).date()


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
