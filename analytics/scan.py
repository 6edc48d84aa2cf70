"""Sell-offs found in the data: a stated, simple rule that proposes episodes the library may lack.

The rule (every parameter below is a keyword of ``scan``):

1. Each market's daily return ``r_t`` (close to close over its own sessions, never across a data gap) is scored
   against the standard deviation of its previous ``window`` returns: ``z_t = r_t / sd(r_{t-window} .. r_{t-1})``.
   Only returns that closed before ``t`` enter the estimate (no look-ahead); a market needs ``window`` returns first.
2. A *hit* is a session with ``z_t <= -k``, placed at the UTC instant that session closed (exchange calendar; a
   crypto day closes at 24:00 UTC).
3. Hits are chained in time: a hit whose close falls within ``merge_hours`` of the latest hit of the current cluster
   joins it (any market); a later one starts a new cluster. A sell-off that travels from Asia to New York over a
   weekend stays one cluster.
4. A cluster with at least ``min_breadth`` distinct markets is a sell-off. Breadth is that count; depth is the median
   over its markets of each market's worst z (and, for reading, of its worst return). They rank by breadth, then
   by depth.

A found sell-off is "in the library" when a library episode's anchor lies between 72 hours before its first hit and
its last hit.

What the rule cannot find: a market needs ``window`` returns before its first score, so with histories from January
2020 nothing before about April 2020 is scored (the COVID crash of March 2020 is in the library, not in the scan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.returns import gap_after

SCAN_MARKETS = ("spx", "ndx", "nikkei", "kospi", "hsi", "twii", "btc")  # broad markets with history from 2020
WINDOW, K, MERGE_HOURS, MIN_BREADTH = 60, 2.5, 72, 3


@dataclass(frozen=True)
class Hit:
    key: str
    at: pd.Timestamp  # the session's close, UTC
    ret: float
    z: float


@dataclass(frozen=True)
class Found:
    """One proposed sell-off: its hits, breadth and depth, and the library episode it matches (if any)."""

    hits: tuple[Hit, ...]
    breadth: int
    depth_z: float  # median over markets of each market's worst z
    depth_ret: float  # median over markets of each market's worst return
    library_id: str | None

    @property
    def first(self) -> pd.Timestamp:
        return min(h.at for h in self.hits)

    @property
    def last(self) -> pd.Timestamp:
        return max(h.at for h in self.hits)

    @property
    def day(self) -> dt.date:
        """The UTC date of the first hit's close: the date a custom episode opens on."""
        return self.first.date()

    @property
    def markets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.key for h in sorted(self.hits, key=lambda h: h.at)))


def hits(closes: pd.Series, key: str, *, window: int = WINDOW, k: float = K) -> list[Hit]:
    """One market's hits: ``closes`` indexed by the UTC instant each session closed (sorted)."""
    clean = closes.dropna()
    if len(clean) <= window + 1:
        return []
    rets = clean.pct_change()
    rets[gap_after(clean.index)] = np.nan  # no return across a data gap
    sd = rets.rolling(window, min_periods=window).std().shift(1)  # the window before t: t itself is not in it
    z = rets / sd
    out = z[z <= -k].dropna()
    return [Hit(key, at, float(rets[at]), float(zv)) for at, zv in out.items()]


def cluster(all_hits: Sequence[Hit], *, merge_hours: float = MERGE_HOURS) -> list[list[Hit]]:
    """Hits grouped in time: a hit within ``merge_hours`` of its cluster's latest hit joins that cluster."""
    groups: list[list[Hit]] = []
    for hit in sorted(all_hits, key=lambda h: (h.at, h.key)):
        if groups and hit.at - groups[-1][-1].at <= pd.Timedelta(hours=merge_hours):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


def scan(
    closes: Mapping[str, pd.Series],
    anchors: Mapping[str, pd.Timestamp] | None = None,
    *,
    window: int = WINDOW,
    k: float = K,
    merge_hours: float = MERGE_HOURS,
    min_breadth: int = MIN_BREADTH,
) -> list[Found]:
    """Sell-offs by the module's rule, ranked (broadest first, then deepest). ``closes``: market -> closes indexed by
    session close (UTC); ``anchors``: library episode id -> anchor, to mark the ones already in the library."""
    every = [h for key, series in closes.items() for h in hits(series, key, window=window, k=k)]
    found = []
    for group in cluster(every, merge_hours=merge_hours):
        worst: dict[str, Hit] = {}
        for h in group:
            if h.key not in worst or h.z < worst[h.key].z:
                worst[h.key] = h
        if len(worst) < min_breadth:
            continue
        first, last = min(h.at for h in group), max(h.at for h in group)
        match = next(
            (eid for eid, at in (anchors or {}).items() if first - pd.Timedelta(hours=MERGE_HOURS) <= at <= last),
            None,
        )
        found.append(
            Found(
                tuple(sorted(group, key=lambda h: h.at)),
                len(worst),
                float(np.median([h.z for h in worst.values()])),
                float(np.median([h.ret for h in worst.values()])),
                match,
            )
        )
    return sorted(found, key=lambda f: (-f.breadth, f.depth_z, f.first))


def records(found: Sequence[Found], labels: Mapping[str, str] | None = None) -> list[dict]:
    """Plain rows for a table, a CSV or JSON (rank from 1; returns as fractions)."""
    labels = labels or {}
    return [
        {
            "rank": i,
            "date": f.day.isoformat(),
            "first_close_utc": f.first.strftime("%Y-%m-%dT%H:%MZ"),
            "last_close_utc": f.last.strftime("%Y-%m-%dT%H:%MZ"),
            "breadth": f.breadth,
            "depth_z": round(f.depth_z, 2),
            "depth_return": round(f.depth_ret, 4),
            "markets": [labels.get(m, m) for m in f.markets],
            "library": f.library_id,
        }
        for i, f in enumerate(found, start=1)
    ]
