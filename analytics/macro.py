"""Rates, the labour market and the duration trade: daily and monthly series side by side.

Monthly series are kept by *reference month* (FRED dates them on the 1st) and labelled with the day
the market learned them, from ``data/release_dates.csv`` (BLS Employment Situation schedule,
https://www.bls.gov/schedule/news_release/empsit.htm). A month with no release date there keeps its
reference label only: a release date is never guessed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

RELEASES_FILE = Path(__file__).resolve().parent.parent / "data" / "release_dates.csv"


@lru_cache(maxsize=2)
def release_dates(path: Path = RELEASES_FILE) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["reference"] = pd.to_datetime(table["reference_month"] + "-01")
    table["released"] = pd.to_datetime(table["release_date"])
    return table.set_index("reference")[["released", "note", "note_zh"]]


def value_on_or_before(series: pd.Series, day: pd.Timestamp) -> tuple[pd.Timestamp, float] | None:
    s = series.dropna()
    s = s[s.index <= day]
    return (s.index[-1], float(s.iloc[-1])) if not s.empty else None


def bp_change(series: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> float | None:
    """Change in basis points of a yield (in %) between the last values on or before two dates."""
    a, b = value_on_or_before(series, start), value_on_or_before(series, end)
    if a is None or b is None:
        return None
    return (b[1] - a[1]) * 100


def spread(long: pd.Series, short: pd.Series) -> pd.Series:
    """long - short on dates where both exist (percentage points)."""
    both = pd.DataFrame({"l": long, "s": short}).dropna()
    return (both["l"] - both["s"]).rename("spread")


def daily_change_bp(series: pd.Series) -> pd.Series:
    return series.dropna().diff().dropna() * 100


def monthly_change(levels: pd.Series) -> pd.Series:
    """Month-on-month change of a level series by reference month; a missing month makes both sides NaN."""
    s = levels.copy()
    s.index = pd.DatetimeIndex(s.index).to_period("M")
    s = s[~s.index.duplicated(keep="last")]
    full = s.reindex(pd.period_range(s.index.min(), s.index.max(), freq="M"))
    out = full.diff()
    out.index = out.index.to_timestamp()
    return out


def labour_table(
    payems: pd.Series, unrate: pd.Series, months: int = 24, until: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Last ``months`` reference months up to ``until``: payroll change (thousands), unemployment rate, release date."""
    change = monthly_change(payems)
    ur = unrate.copy()
    ur.index = pd.DatetimeIndex(ur.index).to_period("M").to_timestamp()
    table = pd.DataFrame({"payrolls_change_k": change, "unemployment_rate": ur[~ur.index.duplicated(keep="last")]})
    rel = release_dates()
    table["released"] = rel["released"].reindex(table.index)
    table["note"] = rel["note"].reindex(table.index).fillna("")
    table["note_zh"] = rel["note_zh"].reindex(table.index).fillna("")
    if until is not None:  # only what had been published by then (no look-ahead)
        known = table["released"].notna()
        # A month missing from the release calendar is taken as published no earlier than the 7th of the
        # next month (the jobs report comes out on the first Friday at the soonest): never shown early.
        earliest = table.index + pd.DateOffset(months=1) + pd.Timedelta(days=6)
        table = table[(known & (table["released"] <= until)) | (~known & (earliest <= until))]
    return table.tail(months)


def latest_release_before(day: pd.Timestamp) -> pd.Timestamp | None:
    """Reference month of the last jobs report published on or before ``day``."""
    rel = release_dates()
    past = rel[rel["released"] <= day]
    if past.empty:
        return None
    # the latest release; of two reports released the same day (Oct and Nov 2025, after the shutdown), the later month
    return past.reset_index().sort_values(["released", "reference"])["reference"].iloc[-1]


def duration_table(yield_10y: pd.Series, growth: pd.Series, broad: pd.Series) -> pd.DataFrame:
    """Yield changes (bp) and returns over the same intervals: the three series are aligned on the dates all of
    them have *before* differencing, so a bond-market holiday never pairs a two-day yield change with a one-day
    return. Columns ``dy``, ``g`` (growth), ``b`` (broad), ``gmb`` (growth minus broad)."""
    levels = pd.DataFrame({"y": yield_10y, "g": growth, "b": broad}).dropna()
    out = pd.DataFrame({"dy": levels["y"].diff() * 100, "g": levels["g"].pct_change(), "b": levels["b"].pct_change()})
    out["gmb"] = out["g"] - out["b"]
    return out.dropna()


def duration_stats(yield_10y: pd.Series, growth: pd.Series, broad: pd.Series) -> dict[str, float]:
    """How growth stocks moved with the 10-year yield: slope/corr of returns on yield changes (bp), with the
    two-sided p-value of the growth-minus-broad correlation (t-test)."""

    both = duration_table(yield_10y, growth, broad)
    if len(both) < 5:
        return {}
    return table_stats(both)


def table_stats(both: pd.DataFrame) -> dict[str, float]:
    """``duration_stats`` of a ``duration_table``: the growth-minus-broad slope is in return per +10 bp (OLS)."""
    from analytics.stats import corr_test

    if len(both) < 5:
        return {}
    slope = float(np.polyfit(both["dy"], both["gmb"], 1)[0]) if both["dy"].var() > 0 else float("nan")
    return {
        "corr_growth": float(both["dy"].corr(both["g"])),
        "corr_growth_minus_broad": float(both["dy"].corr(both["gmb"])),
        "slope_per_10bp": slope * 10,
        "n": float(len(both)),
        "p_growth_minus_broad": (test.p if (test := corr_test(both["dy"], both["gmb"])) else float("nan")),
    }


def cumulative_spread(growth: pd.Series, broad: pd.Series) -> pd.Series:
    """Growth minus broad market, cumulative % return from the first common date (percentage points)."""
    both = pd.DataFrame({"g": growth, "b": broad}).dropna()
    if both.empty:
        return pd.Series(dtype=float)
    return ((both["g"] / both["g"].iloc[0]) - (both["b"] / both["b"].iloc[0])) * 100
