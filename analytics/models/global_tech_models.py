"""The global-tech page's section models (thesis section 2.2): the Magnificent 7, SoftBank's exit, the HBM cycle,
whether Asia leads, and the daily-returns heatmap. Each returns what its chart draws and, where the section tests a
claim, the verdict computed from the same numbers. Keys are catalog keys; the page labels them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analytics import claims
from analytics import markets as mk
from analytics.returns import (
    REBASE_LOOKBACK,
    closes,
    drawdown_from_high,
    rebase_on,
    simple_returns,
    total_change,
    window,
)
from analytics.stats import Fit, ols

Frames = Mapping[str, pd.DataFrame]
HBM = ("sk_hynix", "samsung", "mu", "tsm", "nvda")
ASIA = ("nikkei", "kospi")
US = ("spx", "ndx")
SALE_MONTH = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))  # SoftBank's sale, per its 11 Nov 2025 results


@dataclass(frozen=True)
class Rebased:
    """Closes over the range and the same closes rebased on one date (each market's last close on or before it);
    ``late`` names markets whose first close came after that date."""

    closes: pd.DataFrame
    rebased: pd.DataFrame
    late: dict[str, pd.Timestamp]


def rebased(frames: Frames, keys: Sequence[str], start: dt.date, end: dt.date, anchor: dt.date) -> Rebased:
    wide = closes({k: window(frames[k], start, end) for k in keys})
    reb, late = rebase_on(closes({k: window(frames[k], start - REBASE_LOOKBACK, end) for k in keys}), anchor)
    return Rebased(wide, reb, late)


@dataclass(frozen=True)
class Mag7Model:
    lines: Rebased
    anchor: dt.date | None  # the reader's rebase date (None: the range's start)
    moves: dict[str, float]  # each market's change from the anchor (or the range's start) to the range's end


def mag7_model(
    frames: Frames, keys: Sequence[str], start: dt.date, end: dt.date, anchor: dt.date | None
) -> Mag7Model | None:
    """None when no chosen asset has data in the range."""
    keys = [k for k in keys if k in frames]
    anchor = anchor if anchor and start <= anchor <= end else None
    lines = rebased(frames, keys, start, end, anchor or start)
    if lines.closes.empty:
        return None
    wide = lines.closes
    moves = {c: total_change(wide[c][wide.index >= pd.Timestamp(anchor)] if anchor else wide[c]) for c in wide.columns}
    return Mag7Model(lines, anchor, {k: v for k, v in moves.items() if v is not None})


@dataclass(frozen=True)
class SoftbankModel:
    lines: Rebased
    ratio: pd.Series  # SoftBank relative to Nvidia
    sale_band: tuple[pd.Timestamp, pd.Timestamp] | None  # the sale month, as far as the range holds it
    verdict: claims.Result


def softbank_model(frames: Frames, ctx: claims.Context) -> SoftbankModel | None:
    """None unless both SoftBank and Nvidia have closes in the range."""
    start, end = ctx.start, ctx.end
    lines = rebased(frames, ("softbank", "nvda"), start, end, start)
    if lines.closes.shape[1] < 2:
        return None
    s, e = pd.Timestamp(max(SALE_MONTH[0], start)), pd.Timestamp(min(SALE_MONTH[1], end))
    return SoftbankModel(
        lines,
        mk.relative(lines.closes["softbank"], lines.closes["nvda"]),
        (s, e) if s <= e else None,
        claims.evaluate("softbank-exit", frames, ctx),
    )


@dataclass(frozen=True)
class HbmModel:
    lines: Rebased
    missing: tuple[str, ...]  # HBM names the source has no data for
    table: pd.DataFrame  # per key: its event session, that session's return, that close vs the range's high so far
    verdict: claims.Result

    COLUMNS = ("sell-off session", "return that session", "that close vs range high so far")


def hbm_model(frames: Frames, ctx: claims.Context) -> HbmModel | None:
    start, end = ctx.start, ctx.end
    keys = [k for k in HBM if not frames[k].empty]
    lines = rebased(frames, keys, start, end, start)
    if lines.closes.empty:
        return None
    wide, rows = lines.closes, {}
    for k in wide.columns:
        day = claims.sell_off_session(wide[k], ctx, k)  # the episode decides it: first session closing after the anchor
        rets = simple_returns(wide[k])
        rows[k] = dict(
            zip(
                HbmModel.COLUMNS,
                (
                    day.date().isoformat() if day is not None else None,
                    rets.get(day) if day is not None else None,
                    drawdown_from_high(wide[k], day) if day is not None else None,
                ),
                strict=True,
            )
        )
    return HbmModel(
        lines,
        tuple(k for k in HBM if frames[k].empty),
        pd.DataFrame(rows).T,
        claims.evaluate("hbm-cycle", frames, ctx),
    )


@dataclass(frozen=True)
class SameDay:
    asia: str
    us: str
    pairs: pd.DataFrame  # Asia's return (``lead``), the next US session's (``follow``) and its date (``us_day``)
    fit: Fit | None

    def before(self, us_day: pd.Timestamp | None) -> list[pd.Timestamp]:
        """The Asian session(s) whose next US session is ``us_day`` (the verdict's pair: Asia, then the US sell-off)."""
        if us_day is None:
            return []
        return list(self.pairs.index[pd.DatetimeIndex(self.pairs["us_day"]) == us_day])


@dataclass(frozen=True)
class AsiaModel:
    """Each Asian session's return beside the US session that opened next after it closed (``timeline``'s
    "following" pairing) over the range (scatters and a table), and the verdict's own lead-lag profiles: per Asian
    index, correlations at lags -1, 0, +1 US sessions over the 250 pairs seen before the US sell-off session."""

    returns: pd.DataFrame
    stats: pd.DataFrame  # per pair "a|u": corr with the next US session, sign hit-rate, pairs
    scatters: tuple[SameDay, ...]
    lag_day: pd.Timestamp | None
    profiles: dict[str, dict[int, object]]
    verdict: claims.Result

    STATS = ("corr next", "sign hit-rate", "pairs")


def next_us_session(asia: pd.Series, asia_key: str, us: pd.Series, us_key: str) -> pd.DataFrame:
    """Asia's session returns (``lead``) beside the returns of the US session that opened next after each closed
    (``follow``), over paired closes (``timeline``): a US holiday folds into the next pair, never a shifted row."""
    from analytics import timeline

    pairs = timeline.market_pairs(asia, asia_key, us, us_key, "following")
    out = pairs[["a", "b"]].rename(columns={"a": "lead", "b": "follow"}).astype(float)
    return out.assign(us_day=pairs["b_day"])


def asia_model(frames: Frames, long: Frames, ctx: claims.Context) -> AsiaModel | None:
    """``long`` reaches back the rule's own lookback. None when the range lacks both Asian indices or any US one."""
    start, end = ctx.start, ctx.end
    wide = closes({k: window(frames[k], start, end) for k in (*ASIA, *US) if not frames[k].empty})
    if not set(ASIA) <= set(wide) or not set(US) & set(wide):
        return None
    rets = mk.returns_by_date(wide)
    pairs = [(a, u) for a in ASIA for u in US if u in rets]
    following = {(a, u): next_us_session(wide[a], a, wide[u], u) for a, u in pairs}
    stats = {}
    for (a, u), same in following.items():
        stats[(a, u)] = dict(
            zip(AsiaModel.STATS, (same["lead"].corr(same["follow"]), mk.hit_rate(same), len(same)), strict=True)
        )
    scatters = []
    for a, u in [p for p in pairs if p[1] == "spx"] or pairs[:2]:
        same = following[(a, u)]
        scatters.append(SameDay(a, u, same, ols(same["lead"], same["follow"])))
    try:
        day, profiles = claims.asia_profiles(long, ctx)
    except claims.NotTestable:
        day, profiles = None, {}
    return AsiaModel(
        rets,
        pd.DataFrame(stats).T,
        tuple(scatters),
        day,
        profiles,
        claims.evaluate("asia-leads", long, ctx),
    )


@dataclass(frozen=True)
class HeatmapModel:
    matrix: pd.DataFrame  # rows: markets (as labelled), columns: period ends; values: the period's return
    period: str  # D, W or M
    event_column: pd.Timestamp | None


def heatmap_model(
    frames: Frames, keys: Sequence[str], labels: Mapping[str, str], start: dt.date, end: dt.date, event: dt.date
) -> HeatmapModel | None:
    keys = [k for k in keys if not frames[k].empty]
    wide = closes({k: window(frames[k], start, end) for k in keys})
    if wide.empty:
        return None
    period = mk.heatmap_period(start, end)
    matrix = mk.heatmap_matrix(wide, {k: labels[k] for k in keys}, period)
    column = mk.period_end(pd.Timestamp(event), period) if start <= event <= end else None
    return HeatmapModel(matrix, period, column)
