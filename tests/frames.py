"""Constructed tidy frames for unit tests (test input, never market data)."""

from __future__ import annotations

import pandas as pd

from data_sources.schema import tidy


def bars(rows, start="2025-11-17", freq="D"):
    """Tidy frame from (open, high, low, close, volume) rows."""
    ts = pd.date_range(start, periods=len(rows), freq=freq, tz="UTC")
    frame = pd.DataFrame(rows, columns=["open", "high", "low", "close", "volume"])
    frame["ts"] = ts
    return tidy(frame, symbol="T", source="test")
