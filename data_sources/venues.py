"""Trying exchanges in order through ``ccxt``: shared by the spot (crypto) and derivatives adapters.

Some venues are geo-blocked from some hosts, so each request goes to the first exchange that answers
with rows; why each one failed is kept for the error message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from data_sources.errors import NoDataError, SourceUnavailableError
from data_sources.net import resolves

# The REST host each venue's ccxt client calls first: a DNS lookup of it says "offline" in a millisecond.
API_HOSTS = {
    "binance": "api.binance.com",
    "binanceusdm": "fapi.binance.com",
    "okx": "www.okx.com",
    "kraken": "api.kraken.com",
    "coinbase": "api.coinbase.com",
    "bybit": "api.bybit.com",
}


def first_serving(
    exchanges: Iterable[str],
    factory: Callable[[str], Any],
    params: list[dict[str, Any]],
    rows_for: Callable[[Any, dict[str, Any]], list],
    *,
    empty: str,
    unavailable: Callable[[dict[str, Any], str], str],
) -> dict[str, tuple[str, list] | Exception]:
    """Per ``params[i]["key"]``: ``(exchange_id, rows)`` from the first exchange with rows, else the error.

    ``rows_for(exchange, p)`` fetches one request; ``empty`` names an exchange that answered with nothing;
    ``unavailable(p, tried)`` words the final error from the per-exchange reasons.
    """
    raw: dict[str, tuple[str, list] | Exception] = {}
    failures: dict[str, list[str]] = {p["key"]: [] for p in params}
    if getattr(factory, "needs_network", False):  # the real ccxt clients: skip venues whose API host does not resolve
        reachable = []
        for exchange_id in exchanges:
            host = API_HOSTS.get(exchange_id)
            if host is None or resolves(host):
                reachable.append(exchange_id)
            else:
                for p in params:
                    failures[p["key"]].append(f"{exchange_id}: cannot resolve {host} (offline?)")
        exchanges = reachable
    if not exchanges:  # offline: never pay for importing ccxt (~1 s and a heavier heap) to learn nothing
        return {p["key"]: SourceUnavailableError(unavailable(p, "; ".join(failures[p["key"]]))) for p in params}

    import ccxt

    for exchange_id in exchanges:
        pending = [p for p in params if p["key"] not in raw]
        if not pending:
            break
        try:
            exchange = factory(exchange_id)
            exchange.load_markets()
        except (ccxt.BaseError, AttributeError) as exc:
            for p in pending:
                failures[p["key"]].append(f"{exchange_id}: {type(exc).__name__}")
            continue
        for p in pending:
            try:
                rows = rows_for(exchange, p)
            except (ccxt.BaseError, NoDataError) as exc:
                failures[p["key"]].append(f"{exchange_id}: {type(exc).__name__}")
                continue
            if rows:
                raw[p["key"]] = (exchange_id, rows)
            else:
                failures[p["key"]].append(f"{exchange_id}: {empty}")
    for p in params:
        if p["key"] not in raw:
            raw[p["key"]] = SourceUnavailableError(unavailable(p, "; ".join(failures[p["key"]])))
    return raw


def transform_each(
    raw: dict[str, Any], queries: list[Any], transform: Callable[[Any, str, list], Any]
) -> dict[str, Any]:
    """Per query: ``transform(query, exchange_id, rows)`` of what ``first_serving`` got, or its error as is."""
    out: dict[str, Any] = {}
    for q in queries:
        item = raw.get(q.key)
        if isinstance(item, Exception) or item is None:
            out[q.key] = item or SourceUnavailableError(f"no answer for {q.symbol}")
        else:
            out[q.key] = transform(q, *item)
    return out
