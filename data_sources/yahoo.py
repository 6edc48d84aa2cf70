"""Yahoo Finance through ``yfinance``: one batched ``yf.download`` per request.

Quirks hidden here: columns come back as a MultiIndex (field, ticker) or (ticker, field) depending on
``group_by``; daily rows are labelled with the exchange's local session date (tz-naive), intraday rows
with tz-aware local times; and when Yahoo is unreachable or rate-limits, ``yf.download`` does not
raise: it logs and returns an EMPTY frame, which we turn into ``SourceUnavailableError``.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import pandas as pd

from data_sources import config
from data_sources.errors import NoDataError, SourceUnavailableError
from data_sources.fetcher import Fetcher, Query
from data_sources.net import resolves
from data_sources.schema import instants_to_utc, session_dates_to_utc, tidy

log = logging.getLogger(__name__)
# yfinance logs every failed ticker at ERROR with a traceback; we log one line of our own instead.
logging.getLogger("yfinance").setLevel(logging.CRITICAL)

_FIELDS = {"Open": "open", "High": "high", "Low": "low", "Close": "close", "Volume": "volume"}
_YF_INTERVAL = {"1d": "1d", "1h": "1h"}
YAHOO_HOST = "query2.finance.yahoo.com"


class YahooFetcher(Fetcher):
    source = "yahoo"

    def transform_query(self, queries: list[Query]) -> dict[str, Any]:
        first = queries[0]
        if any((q.start, q.end, q.interval) != (first.start, first.end, first.interval) for q in queries):
            raise ValueError("one yf.download batch needs one range and interval")
        daily = first.interval == "1d"
        return {
            "tickers": sorted({q.symbol for q in queries}),
            # yfinance's end is exclusive; daily requests are by calendar date.
            "start": first.start.strftime("%Y-%m-%d") if daily else first.start.tz_convert("UTC").to_pydatetime(),
            "end": first.end.strftime("%Y-%m-%d") if daily else first.end.tz_convert("UTC").to_pydatetime(),
            "interval": _YF_INTERVAL[first.interval],
            "auto_adjust": True,
            "group_by": "column",
            "multi_level_index": True,
            "progress": False,
            "threads": True,
            "timeout": config.http_timeout(),
        }

    def extract_data(self, params: dict[str, Any]) -> pd.DataFrame:
        if not resolves(YAHOO_HOST):
            raise SourceUnavailableError(f"cannot resolve {YAHOO_HOST} (offline?)")
        import yfinance as yf

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas-3 deprecations inside yfinance
            try:
                return yf.download(**params)
            except Exception as exc:  # yfinance rarely raises, but when it does it is a source failure
                raise SourceUnavailableError(f"Yahoo download failed: {exc}") from exc

    def transform_data(self, raw: pd.DataFrame | None, queries: list[Query]) -> dict[str, pd.DataFrame | Exception]:
        return transform_download(raw, queries)


def _columns_for(raw: pd.DataFrame, symbol: str, n_symbols: int) -> pd.DataFrame | None:
    """The (field -> series) frame of one ticker, whatever the column layout."""
    cols = raw.columns
    if isinstance(cols, pd.MultiIndex):
        for level in range(cols.nlevels):
            if symbol in set(cols.get_level_values(level)):
                return raw.xs(symbol, axis=1, level=level)
        return None
    if n_symbols == 1 and any(f in cols for f in _FIELDS):
        return raw
    return None


def transform_download(raw: pd.DataFrame | None, queries: list[Query]) -> dict[str, pd.DataFrame | Exception]:
    """Pure: a frame shaped like ``yf.download``'s -> tidy frames per catalog key."""
    if raw is None or raw.empty:
        err = SourceUnavailableError("Yahoo returned an empty frame (offline, rate-limited or all symbols unknown)")
        return {q.key: err for q in queries}
    n_symbols = len({q.symbol for q in queries})
    out: dict[str, pd.DataFrame | Exception] = {}
    for q in queries:
        sub = _columns_for(raw, q.symbol, n_symbols)
        if sub is None or "Close" not in sub or sub["Close"].dropna().empty:
            out[q.key] = NoDataError(f"Yahoo has no rows for {q.symbol} in this range")
            continue
        frame = sub.rename(columns=_FIELDS)
        if q.interval == "1d":
            ts = session_dates_to_utc(frame.index)
        else:
            ts = instants_to_utc(frame.index, assume_tz=q.tz)
        frame = frame.assign(ts=ts)
        tidy_frame = tidy(frame.reset_index(drop=True), symbol=q.symbol, source="yahoo")
        out[q.key] = tidy_frame[(tidy_frame["ts"] >= q.start) & (tidy_frame["ts"] < q.end)].reset_index(drop=True)
    return out
