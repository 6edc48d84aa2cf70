"""Crypto exchanges through ``ccxt``: daily and hourly OHLCV, with an ordered list of exchanges.

Some exchanges are geo-blocked from some hosts (Binance from US clouds, for one), so each series is
tried on ``config.crypto_exchanges()`` in order. Long ranges are paginated (1000 candles a call) and
ccxt's own throttle keeps us within each exchange's ``rateLimit``. A failure in the middle of the
pages fails the whole series: a half-downloaded range never reaches the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from data_sources import config
from data_sources.errors import NoDataError
from data_sources.fetcher import Fetcher, Query
from data_sources.schema import tidy
from data_sources.venues import first_serving, transform_each

_TIMEFRAME_MS = {"1d": 86_400_000, "1h": 3_600_000}
PAGE_LIMIT = 1000
MAX_PAGES = 100


def make_exchange(exchange_id: str) -> Any:
    """A ccxt exchange with rate limiting on and a bounded timeout (spot markets only)."""
    import ccxt

    klass = getattr(ccxt, exchange_id)
    return klass(
        {
            "enableRateLimit": True,
            "timeout": int(config.http_timeout() * 1000),
            "options": {"fetchMarkets": {"types": ["spot"]}, "defaultType": "spot"},
        }
    )


make_exchange.needs_network = True  # type: ignore[attr-defined]  # first_serving checks DNS first


def _market_symbol(exchange: Any, symbol: str) -> str:
    """The exchange's spelling of a unified symbol (USD-quoted venues lack the USDT pair)."""
    markets = exchange.markets or {}
    if symbol in markets or not markets:
        return symbol
    usd = symbol.replace("/USDT", "/USD")
    if usd in markets:
        return usd
    raise NoDataError(f"{exchange.id} does not list {symbol}")


def fetch_ohlcv_range(exchange: Any, symbol: str, timeframe: str, start_ms: int, end_ms: int) -> list[list[float]]:
    """All candles with ``start_ms <= t < end_ms``, page by page."""
    step = _TIMEFRAME_MS[timeframe]
    rows: list[list[float]] = []
    since = start_ms
    for _ in range(MAX_PAGES):
        page = exchange.fetch_ohlcv(symbol, timeframe, since=since, limit=PAGE_LIMIT)
        if not page:
            break
        rows.extend(r for r in page if start_ms <= r[0] < end_ms)
        last = page[-1][0]
        if last + step >= end_ms or last < since:
            break
        since = last + step
    return rows


class CryptoFetcher(Fetcher):
    source = "crypto"

    def __init__(
        self,
        exchanges: list[str] | None = None,
        factory: Callable[[str], Any] = make_exchange,
    ) -> None:
        self.exchanges = exchanges if exchanges is not None else config.crypto_exchanges()
        self.factory = factory

    def transform_query(self, queries: list[Query]) -> list[dict[str, Any]]:
        return [
            {
                "key": q.key,
                "symbol": q.symbol,
                "timeframe": q.interval,
                "start_ms": int(q.start.timestamp() * 1000),
                "end_ms": int(q.end.timestamp() * 1000),
            }
            for q in queries
        ]

    def extract_data(self, params: list[dict[str, Any]]) -> dict[str, tuple[str, list[list[float]]] | Exception]:
        return first_serving(
            self.exchanges,
            self.factory,
            params,
            lambda exchange, p: fetch_ohlcv_range(
                exchange, _market_symbol(exchange, p["symbol"]), p["timeframe"], p["start_ms"], p["end_ms"]
            ),
            empty="no candles",
            unavailable=lambda p, tried: (
                f"no crypto exchange served {p['symbol']} ({tried or 'no exchange configured'})"
            ),
        )

    def transform_data(self, raw: dict[str, Any], queries: list[Query]) -> dict[str, pd.DataFrame | Exception]:
        return transform_each(
            raw, queries, lambda q, exchange_id, rows: transform_klines(rows, symbol=q.symbol, exchange_id=exchange_id)
        )


def transform_klines(rows: list[list[float]], *, symbol: str, exchange_id: str) -> pd.DataFrame:
    """Pure: ccxt OHLCV rows ``[ms, o, h, l, c, v]`` -> tidy frame (crypto days are UTC days)."""
    frame = pd.DataFrame(rows, columns=["ms", "open", "high", "low", "close", "volume"])
    frame["ts"] = pd.to_datetime(frame["ms"].astype("int64"), unit="ms", utc=True)
    return tidy(frame, symbol=symbol, source=f"crypto:{exchange_id}")
