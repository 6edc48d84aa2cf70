"""Comparing markets that trade on different calendars and in different time zones.

Returns are always taken over each market's own sessions (a holiday is a gap, not a zero and not a
shifted day). Two markets are paired in time only by ``analytics.timeline`` (session intervals in UTC); the
heatmap's columns are the UTC days each session opened in, Asia's before New York's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analytics.returns import gap_after, simple_returns


def returns_by_date(wide: pd.DataFrame) -> pd.DataFrame:
    """Per column, returns over its own sessions, on the union of dates (NaN where a market was closed)."""
    return pd.DataFrame({c: simple_returns(wide[c]) for c in wide.columns}).sort_index()


def hit_rate(pairs: pd.DataFrame) -> float | None:
    nz = pairs[(pairs["lead"] != 0) & (pairs["follow"] != 0)]
    if nz.empty:
        return None
    return float((np.sign(nz["lead"]) == np.sign(nz["follow"])).mean())


def relative(a: pd.Series, b: pd.Series) -> pd.Series:
    """a / b, both rebased to 100 at their first common date: above 100 means a outperformed."""
    both = pd.DataFrame({"a": a, "b": b}).dropna()
    if both.empty:
        return pd.Series(dtype=float)
    return (both["a"] / both["a"].iloc[0]) / (both["b"] / both["b"].iloc[0]) * 100


def move_between(series: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> float | None:
    """Change from the last value at or before ``start`` to the last at or before ``end``."""
    clean = series.dropna()
    a, b = clean[clean.index <= start], clean[clean.index <= end]
    if a.empty or b.empty:
        return None
    return float(b.iloc[-1] / a.iloc[-1] - 1)


HEATMAP_RULES = {"W": "W-FRI", "M": "ME"}


def heatmap_period(start: dt.date, end: dt.date) -> str:
    """Daily cells up to ~3 months, weekly up to 2 years, then monthly: a cell stays wide enough to see."""
    days = (end - start).days
    return "D" if days <= 100 else "W" if days <= 731 else "M"


def period_end(day: pd.Timestamp, period: str) -> pd.Timestamp:
    """The column a day falls in: itself, its week (to Friday) or its month."""
    if period == "D":
        return day
    return pd.Series([0], index=[day]).resample(HEATMAP_RULES[period]).last().index[0]


def _by_open_day(rets: pd.Series, key: str) -> pd.Series:
    """A market's session returns keyed by the UTC date its session opened (from the exchange calendar)."""
    from analytics import timeline
    from data_sources import catalog

    if key not in catalog.CATALOG or rets.empty:
        return rets
    opened = timeline.market_intervals(rets.index, key)["open"]
    out = pd.Series(rets.to_numpy(), index=pd.DatetimeIndex(opened).tz_convert("UTC").tz_localize(None).normalize())
    return out[~out.index.duplicated(keep="last")]


def heatmap_matrix(wide: pd.DataFrame, labels: Mapping[str, str] | None = None, period: str = "D") -> pd.DataFrame:
    """Assets x periods of returns, each asset on its own sessions; rows in the given column order.

    Weekly (to Friday) and monthly returns compound the asset's own closes: the last close in the period
    over the last close before it. A period with no session for an asset stays empty, never zero.
    """
    if period == "D":  # a column is the UTC day each session opened in (``timeline``): Asia's before New York's
        rets = pd.DataFrame({c: _by_open_day(simple_returns(wide[c]), c) for c in wide.columns}).sort_index()
    else:
        last = wide.resample(HEATMAP_RULES[period]).last()
        rets = last / last.ffill().shift(1) - 1
        # the period of a bar that follows a data gap (MAX_GAP) has no return: its previous close is before the gap
        for col in wide.columns:
            own = wide[col].dropna()
            for at in own.index[gap_after(own.index)]:
                rets.loc[period_end(at, period), col] = np.nan
    rets = rets.dropna(how="all")
    matrix = rets.T
    if labels:
        matrix.index = [labels.get(k, k) for k in matrix.index]
    return matrix
