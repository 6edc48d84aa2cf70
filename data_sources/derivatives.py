"""Perpetual-futures context for the liquidation wick: open interest and funding rates, through ``ccxt``.

Both ride in the tidy price schema as a value per timestamp in ``close`` (``open high low volume`` are
NaN), so the cache, the fallbacks and the source badges treat them like any other series. Venues are
tried in order (``SELLOFF_DERIV_EXCHANGES``, default Binance USD-M, then OKX, then Bybit). Binance keeps
open-interest history for the last 30 days only; an older window comes back empty and is reported as
"no data from this source", never filled in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pandas as pd

from data_sources import catalog, config
from data_sources.errors import NoDataError
from data_sources.fetcher import Fetcher, Query
from data_sources.schema import tidy
from data_sources.venues import first_serving, transform_each

DEFAULT_EXCHANGES = ("binanceusdm", "okx", "bybit")
OI_PAGE = 500
FUNDING_PAGE = 1000
MAX_PAGES = 50


def derivative_exchanges() -> list[str]:
    raw = os.environ.get("SELLOFF_DERIV_EXCHANGES", "")
    names = [n.strip() for n in raw.split(",") if n.strip()]
    return names or list(DEFAULT_EXCHANGES)


def make_exchange(exchange_id: str) -> Any:
    """A ccxt exchange on its linear-swap markets, rate limited, with a bounded timeout."""
    import ccxt

    return getattr(ccxt, exchange_id)(
        {
            "enableRateLimit": True,
            "timeout": int(config.http_timeout() * 1000),
            "options": {"defaultType": "swap", "fetchMarkets": {"types": ["linear"]}},
        }
    )


make_exchange.needs_network = True  # type: ignore[attr-defined]  # first_serving checks DNS first


def metric_of(key: str) -> str:
    """Which quantity a catalog key holds: ``open_interest`` or ``funding``."""
    tags = catalog.get(key).tags
    for metric in ("open_interest", "funding"):
        if metric in tags:
            return metric
    raise NoDataError(f"{key} is not a derivatives series")


def _paged(fetch: Callable[[int], list[dict]], start_ms: int, end_ms: int) -> list[dict]:
    """Rows with ``start_ms <= timestamp < end_ms``, page by page (each page asked from the last one's end)."""
    rows: list[dict] = []
    since = start_ms
    for _ in range(MAX_PAGES):
        page = fetch(since)
        if not page:
            break
        rows.extend(r for r in page if start_ms <= r["timestamp"] < end_ms)
        last = page[-1]["timestamp"]
        if last >= end_ms - 1 or last < since:
            break
        since = last + 1
    return rows


class DerivativesFetcher(Fetcher):
    source = "derivatives"

    def __init__(self, exchanges: list[str] | None = None, factory: Callable[[str], Any] = make_exchange) -> None:
        self.exchanges = exchanges if exchanges is not None else derivative_exchanges()
        self.factory = factory

    def transform_query(self, queries: list[Query]) -> list[dict[str, Any]]:
        return [
            {
                "key": q.key,
                "symbol": q.symbol,
                "metric": metric_of(q.key),
                "timeframe": q.interval,
                "start_ms": int(q.start.timestamp() * 1000),
                "end_ms": int(q.end.timestamp() * 1000),
            }
            for q in queries
        ]

    def _rows(self, exchange: Any, p: dict[str, Any]) -> list[dict]:
        if p["metric"] == "open_interest":
            return _paged(
                lambda since: exchange.fetch_open_interest_history(
                    p["symbol"], p["timeframe"], since=since, limit=OI_PAGE
                ),
                p["start_ms"],
                p["end_ms"],
            )
        return _paged(
            lambda since: exchange.fetch_funding_rate_history(p["symbol"], since=since, limit=FUNDING_PAGE),
            p["start_ms"],
            p["end_ms"],
        )

    def extract_data(self, params: list[dict[str, Any]]) -> dict[str, tuple[str, list[dict]] | Exception]:
        return first_serving(
            self.exchanges,
            self.factory,
            params,
            self._rows,
            empty="nothing in this window",
            unavailable=lambda p, tried: (
                f"no derivatives venue served {p['metric'].replace('_', ' ')} for "
                f"{p['symbol']} in this window ({tried or 'no venue configured'})"
            ),
        )

    def transform_data(self, raw: dict[str, Any], queries: list[Query]) -> dict[str, pd.DataFrame | Exception]:
        return transform_each(
            raw,
            queries,
            lambda q, exchange_id, rows: transform_metric(
                rows, metric_of(q.key), symbol=q.symbol, exchange_id=exchange_id
            ),
        )


def transform_metric(rows: list[dict], metric: str, *, symbol: str, exchange_id: str) -> pd.DataFrame:
    """Pure: ccxt's unified open-interest or funding-rate rows -> tidy frame with the value in ``close``.

    Open interest is in USD (``openInterestValue``; a row with only a count of contracts is dropped, since
    contracts are not dollars). Funding is the rate per funding interval (0.0001 = 0.01%).
    """
    field = "openInterestValue" if metric == "open_interest" else "fundingRate"
    values = [(r["timestamp"], r.get(field)) for r in rows if r.get(field) is not None]
    frame = pd.DataFrame(values, columns=["ms", "close"])
    frame["ts"] = pd.to_datetime(frame["ms"].astype("int64"), unit="ms", utc=True)
    return tidy(frame, symbol=symbol, source=f"derivatives:{exchange_id}")  # open/high/low/volume: NaN
