"""The tidy price schema every adapter returns, and the helpers that enforce it.

A frame has columns ``ts open high low close volume symbol source``: ``ts`` is tz-aware UTC, sorted and
unique; prices are floats with NaN where a source has none (FRED publishes closes only).

Daily bars are stamped at 00:00 UTC *of the exchange's own session date*: a Tokyo session of
21 Nov 2025 is ``2025-11-21 00:00 UTC``, not Tokyo midnight converted to UTC (which would land on
20 Nov). That keeps "the same calendar day" comparisons across markets honest. Hourly bars are
real instants in UTC.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PRICE_COLUMNS = ["open", "high", "low", "close", "volume"]
COLUMNS = ["ts", *PRICE_COLUMNS, "symbol", "source"]
INTERVALS = ("1d", "1h")


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in PRICE_COLUMNS})
    frame.insert(0, "ts", pd.Series(dtype="datetime64[ns, UTC]"))
    frame["symbol"] = pd.Series(dtype="object")
    frame["source"] = pd.Series(dtype="object")
    return frame[COLUMNS]


def session_dates_to_utc(index: pd.Index) -> pd.DatetimeIndex:
    """Daily labels -> 00:00 UTC of the same local date, whatever tz the labels carried."""
    idx = pd.DatetimeIndex(index)
    if idx.tz is not None:
        idx = idx.tz_localize(None)  # keep the wall-clock (local) date
    return idx.normalize().tz_localize("UTC").as_unit("ns")


def instants_to_utc(index: pd.Index, assume_tz: str = "UTC") -> pd.DatetimeIndex:
    """Intraday labels -> UTC instants; naive labels are read in ``assume_tz``."""
    idx = pd.DatetimeIndex(index)
    if idx.tz is None:
        idx = idx.tz_localize(assume_tz)
    return idx.tz_convert("UTC").as_unit("ns")


def tidy(frame: pd.DataFrame, *, symbol: str, source: str) -> pd.DataFrame:
    """Coerce a frame that already has ``ts`` and some price columns into the schema.

    Missing price columns become NaN; rows without a close are dropped (they are not observations);
    duplicate timestamps keep the last row (a re-sent bar supersedes the first).
    """
    out = pd.DataFrame({"ts": pd.DatetimeIndex(frame["ts"]).as_unit("ns")})
    if out["ts"].dt.tz is None:
        raise ValueError("ts must be tz-aware")
    out["ts"] = out["ts"].dt.tz_convert("UTC")
    for col in PRICE_COLUMNS:
        values = frame[col] if col in frame else np.nan
        out[col] = pd.to_numeric(pd.Series(values, index=frame.index), errors="coerce").astype("float64").to_numpy()
    out["symbol"] = symbol
    out["source"] = frame["source"].to_numpy() if "source" in frame else source
    out = out.dropna(subset=["close"])
    out = out.drop_duplicates(subset="ts", keep="last").sort_values("ts", kind="stable")
    return out.reset_index(drop=True)[COLUMNS]


def validate(frame: pd.DataFrame) -> list[str]:
    """Problems with a frame, as sentences; empty when it holds to the schema."""
    problems: list[str] = []
    if list(frame.columns[: len(COLUMNS)]) != COLUMNS:
        problems.append(f"columns {list(frame.columns)} != {COLUMNS}")
        return problems
    ts = frame["ts"]
    if str(getattr(ts.dt, "tz", None)) != "UTC":
        problems.append("ts is not tz-aware UTC")
    if not ts.is_monotonic_increasing:
        problems.append("ts is not sorted")
    if ts.duplicated().any():
        problems.append("ts has duplicates")
    for col in PRICE_COLUMNS:
        if frame[col].dtype != "float64":
            problems.append(f"{col} is {frame[col].dtype}, not float64")
    both = frame[["high", "low"]].dropna()
    if (both["high"] < both["low"]).any():
        problems.append("high < low on some rows")
    return problems


def clip_range(frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Rows with ``start <= ts < end`` (both UTC)."""
    mask = (frame["ts"] >= start) & (frame["ts"] < end)
    return frame.loc[mask].reset_index(drop=True)
