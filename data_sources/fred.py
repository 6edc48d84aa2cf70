"""FRED through its public CSV download (``fredgraph.csv``), which needs no API key.

Quirks hidden here: the date column is ``observation_date`` (``DATE`` in older files), a missing
observation is ``.`` or empty (e.g. October 2025 household-survey figures, never collected during the
shutdown), and monthly series are dated by the first day of their reference month.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pandas as pd

from data_sources import config
from data_sources.errors import NoDataError, SourceUnavailableError
from data_sources.fetcher import Fetcher, Query
from data_sources.net import resolves
from data_sources.schema import session_dates_to_utc, tidy

log = logging.getLogger(__name__)

FRED_HOST = "fred.stlouisfed.org"
FRED_CSV_URL = f"https://{FRED_HOST}/graph/fredgraph.csv"


class FredFetcher(Fetcher):
    source = "fred"
    intervals = ("1d",)  # FRED publishes daily and coarser observations only

    def __init__(self, session: Any = None) -> None:
        self.session = session

    def transform_query(self, queries: list[Query]) -> list[tuple[str, dict[str, str]]]:
        return [
            (
                q.key,
                {
                    "id": q.symbol,
                    "cosd": q.start.strftime("%Y-%m-%d"),
                    "coed": (q.end - pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                },
            )
            for q in queries
        ]

    def extract_data(self, params: list[tuple[str, dict[str, str]]]) -> dict[str, str | Exception]:
        import requests

        raw: dict[str, str | Exception] = {}
        if self.session is None and not resolves(FRED_HOST):
            down = SourceUnavailableError(f"cannot resolve {FRED_HOST} (offline?)")
            return {key: down for key, _ in params}
        session = self.session or requests.Session()
        for key, query in params:
            if isinstance(raw.get("_down"), Exception):
                raw[key] = raw["_down"]
                continue
            try:
                resp = session.get(FRED_CSV_URL, params=query, timeout=config.http_timeout())
                resp.raise_for_status()
                raw[key] = resp.text
            except requests.RequestException as exc:
                raw[key] = SourceUnavailableError(f"FRED download of {query['id']} failed: {type(exc).__name__}")
                if isinstance(exc, (requests.ConnectionError, requests.Timeout)):
                    raw["_down"] = raw[key]  # the host is down: do not wait on it once per series
        raw.pop("_down", None)
        return raw

    def transform_data(
        self, raw: dict[str, str | Exception], queries: list[Query]
    ) -> dict[str, pd.DataFrame | Exception]:
        out: dict[str, pd.DataFrame | Exception] = {}
        for q in queries:
            body = raw.get(q.key)
            if isinstance(body, Exception) or body is None:
                out[q.key] = body or SourceUnavailableError(f"no answer for {q.symbol}")
                continue
            try:
                frame = parse_fred_csv(body, symbol=q.symbol)
            except ValueError as exc:
                out[q.key] = SourceUnavailableError(f"FRED sent something that is not its CSV for {q.symbol}: {exc}")
                continue
            frame = frame[(frame["ts"] >= q.start) & (frame["ts"] < q.end)].reset_index(drop=True)
            out[q.key] = frame if not frame.empty else NoDataError(f"FRED has no {q.symbol} observations in range")
        return out


def parse_fred_csv(body: str, *, symbol: str, source: str = "fred") -> pd.DataFrame:
    """Pure: FRED CSV text -> tidy frame (close = value; unpublished observations dropped)."""
    table = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    if table.shape[1] < 2:
        raise ValueError("expected a date column and a value column")
    date_col = table.columns[0]
    value_col = symbol if symbol in table.columns else table.columns[1]
    dates = pd.to_datetime(table[date_col], format="%Y-%m-%d", errors="coerce")
    values = pd.to_numeric(table[value_col].str.strip().replace({".": "", "": None}), errors="coerce")
    keep = dates.notna()
    frame = pd.DataFrame({"ts": session_dates_to_utc(pd.DatetimeIndex(dates[keep])), "close": values[keep].to_numpy()})
    return tidy(frame, symbol=symbol, source=source)
