"""``get_series`` / ``get_many``: the data layer's public API, and the fallback order behind it.

``source="auto"``: a fresh cache entry of an earlier live download, else the live adapter (and the
catalog's alternates), else a stale cache entry, else the embedded snapshot. ``"live"`` and
``"snapshot"`` force one. Every frame says where it came from in ``attrs``:
``source`` (``yahoo``, ``crypto:binance``, ``fred``, ``cache:yahoo``, ``snapshot``), ``as_of``
(ISO time of the download, or the snapshot's last date for the series), ``fallback`` (why a live
source was not used, or None) and, for empty frames from ``get_many``, ``error``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import pandas as pd

from data_sources import catalog, config, snapshot
from data_sources.cache import DiskCache
from data_sources.errors import (
    DataSourceError,
    InvalidRangeError,
    NoDataError,
    SourceUnavailableError,
)
from data_sources.fetcher import Fetcher, Query
from data_sources.schema import INTERVALS, empty_frame

log = logging.getLogger(__name__)

SOURCES = ("auto", "live", "snapshot")
MAX_RANGE_DAYS = 366 * 25


def _default_fetchers() -> dict[str, Callable[[], Fetcher]]:
    from data_sources.ccxt_source import CryptoFetcher
    from data_sources.derivatives import DerivativesFetcher
    from data_sources.fred import FredFetcher
    from data_sources.yahoo import YahooFetcher

    return {"yahoo": YahooFetcher, "crypto": CryptoFetcher, "fred": FredFetcher, "derivatives": DerivativesFetcher}


# Factories of live adapters; tests replace entries to inject recorded payloads.
FETCHERS: dict[str, Callable[[], Fetcher]] = _default_fetchers()


class _Breaker:
    """Remembers a live source that just failed, so ``auto`` does not wait on it at every request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down: dict[str, tuple[float, str]] = {}

    def down(self, source: str) -> str | None:
        with self._lock:
            until, reason = self._down.get(source, (0.0, ""))
        return reason if until > time.time() else None

    def trip(self, source: str, reason: str) -> None:
        with self._lock:
            self._down[source] = (time.time() + config.retry_after(), reason)

    def reset(self, source: str | None = None) -> None:
        with self._lock:
            if source is None:
                self._down.clear()
            else:
                self._down.pop(source, None)


BREAKER = _Breaker()


def _to_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as exc:
        raise InvalidRangeError(f"{name} '{str(value)[:30]}' is not a date") from exc


def normalise_range(start: Any, end: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Inclusive calendar dates -> ``[start 00:00 UTC, end+1 00:00 UTC)``."""
    s, e = _to_date(start, "start"), _to_date(end, "end")
    if s > e:
        raise InvalidRangeError(f"start {s} is after end {e}")
    if (e - s).days > MAX_RANGE_DAYS:
        raise InvalidRangeError(f"range {s} to {e} is longer than 25 years")
    return pd.Timestamp(s, tz="UTC"), pd.Timestamp(e + dt.timedelta(days=1), tz="UTC")


def _stamp(frame: pd.DataFrame, key: str, source: str, as_of: str, fallback: str | None, **extra: Any) -> pd.DataFrame:
    frame.attrs.update(
        {"key": key, "label": catalog.label(key), "source": source, "as_of": as_of, "fallback": fallback}
    )
    frame.attrs.update(extra)
    return frame


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _attempts(key: str) -> list[tuple[str, str]]:
    series = catalog.get(key)
    return [(series.source, series.symbol), *series.alternates]


def _live(
    keys: list[str], s: pd.Timestamp, e: pd.Timestamp, interval: str, *, honour_breaker: bool, cache: DiskCache
) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]]]:
    """Try each key's live (source, symbol) pairs in order; batch keys that share a source."""
    got: dict[str, pd.DataFrame] = {}
    why: dict[str, list[str]] = {k: [] for k in keys}
    depth = max((len(_attempts(k)) for k in keys), default=0)
    for level in range(depth):
        groups: dict[str, list[Query]] = {}
        for key in keys:
            tries = _attempts(key)
            if key in got or level >= len(tries):
                continue
            src, symbol = tries[level]
            fetcher = FETCHERS.get(src)
            if fetcher is None:
                why[key].append(f"no live adapter for {src} (embedded snapshot only)")
                continue
            if interval not in getattr(fetcher, "intervals", INTERVALS):
                why[key].append(f"{src} has no {interval} data")
                continue
            groups.setdefault(src, []).append(Query(key, symbol, s, e, interval, catalog.get(key).tz))
        for src, queries in groups.items():
            if not config.live_enabled():
                for q in queries:
                    why[q.key].append(f"{src}: live sources are switched off on this server")
                continue
            reason = BREAKER.down(src) if honour_breaker else None
            if reason:
                for q in queries:
                    why[q.key].append(f"{src} unreachable ({reason}); retrying later")
                continue
            try:
                results = FETCHERS[src]().fetch(queries)
            except DataSourceError as exc:
                results = {q.key: exc for q in queries}
            except Exception as exc:  # an adapter bug or an API surprise must not take the page down
                log.warning("%s adapter failed: %r", src, exc)
                results = {q.key: SourceUnavailableError(f"{src} failed: {type(exc).__name__}") for q in queries}
            unavailable = 0
            for q in queries:
                res = results.get(q.key)
                if isinstance(res, pd.DataFrame) and not res.empty:
                    served_by = str(res["source"].iloc[0])
                    cache.put(src, q.symbol, interval, res, s, e, served_by=served_by)
                    got[q.key] = _stamp(res, q.key, served_by, _now_iso(), None)
                else:
                    unavailable += isinstance(res, SourceUnavailableError) or res is None
                    why[q.key].append(str(res) if res is not None else f"{src}: no answer")
            if queries and unavailable == len(queries):
                BREAKER.trip(src, str(results.get(queries[0].key)))
                log.warning("live source %s unavailable: %s", src, results.get(queries[0].key))
    return got, why


# ---------------------------------------------------------------- network budget and single flight
#
# A live fetch runs on a small pool of worker threads. A caller waits for it at most until its deadline (the
# page run's budget, ``network_budget``); a fetch still running then carries on in the background and fills the
# disk cache, so the next run is served from it (stale-while-revalidate). The same request is fetched at most
# once at a time, however many visitors ask for it.

POOL_WORKERS = 4
_POOL = ThreadPoolExecutor(max_workers=POOL_WORKERS, thread_name_prefix="selloff-live")
_INFLIGHT: dict[tuple, Future] = {}
_INFLIGHT_LOCK = threading.Lock()
_DEADLINE: ContextVar[float | None] = ContextVar("selloff_network_deadline", default=None)


@contextmanager
def network_budget(seconds: float | None = None) -> Iterator[None]:
    """Within this block, live sources are waited on for at most ``seconds`` in total (default: the setting)."""
    token = _DEADLINE.set(time.monotonic() + (config.network_budget() if seconds is None else seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _remaining() -> float:
    deadline = _DEADLINE.get()
    budget = config.network_budget()
    if deadline is None:  # outside a page run (scripts, refresh): one budget per call
        return budget
    return max(0.0, deadline - time.monotonic())


def _live_single_flight(
    keys: list[str], s: pd.Timestamp, e: pd.Timestamp, interval: str, *, honour_breaker: bool, cache: DiskCache
) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]], bool]:
    """``_live`` on the pool, waited on within the budget; (frames, reasons, finished in time)."""
    request = (tuple(keys), s, e, interval, honour_breaker, str(cache.root))
    sources = sorted({_attempts(k)[0][0] for k in keys})
    with _INFLIGHT_LOCK:
        future = _INFLIGHT.get(request)
        started = future is None
        if started and len(_INFLIGHT) >= POOL_WORKERS:
            # every worker holds a fetch still running (a hung connection ignores its timeout and cannot be killed):
            # a new one would queue behind them, so it is not started; the page is served at once from cache/snapshot
            busy = "live sources are busy with fetches that have not answered; serving what is stored"
            return {}, {k: [busy] for k in keys}, False
        if started:
            future = _POOL.submit(_live, keys, s, e, interval, honour_breaker=honour_breaker, cache=cache)
            _INFLIGHT[request] = future
    if started:  # outside the lock: a future already done runs its callback here, at once
        future.add_done_callback(lambda _f, r=request: _forget(r))
        future.add_done_callback(lambda f, srcs=tuple(sources): _recovered(f, srcs))
    try:
        got, why = future.result(timeout=_remaining())
        return got, why, True
    except FutureTimeout:
        slow = (
            f"live sources did not answer within the {config.network_budget():g} s budget; "
            "still fetching in the background"
        )
        if honour_breaker:  # remembered for the breaker window: the next view does not wait on it again
            for src in sources:
                BREAKER.trip(src, f"stalled: no answer within the {config.network_budget():g} s budget")
        return {}, {k: [slow] for k in keys}, False


def _recovered(future: Future, sources: tuple[str, ...]) -> None:
    """A background fetch that finally brought data clears its sources' stall at once (no need to wait out the
    breaker window)."""
    try:
        got, _why = future.result()
    except Exception:  # noqa: BLE001 - a failed fetch changes nothing here; _live logs and trips on its own
        return
    if got:
        for src in sources:
            if (BREAKER.down(src) or "").startswith("stalled"):
                BREAKER.reset(src)


_GENERATION = [0]


def generation() -> int:
    """Bumped each time a live fetch finishes with data: a memory cache keyed by it sees background refreshes."""
    return _GENERATION[0]


def _forget(request: tuple) -> None:
    with _INFLIGHT_LOCK:
        future = _INFLIGHT.pop(request, None)
    if future is not None and not future.cancelled() and future.exception() is None and future.result()[0]:
        _GENERATION[0] += 1


def _from_cache(
    keys: Iterable[str],
    s: pd.Timestamp,
    e: pd.Timestamp,
    interval: str,
    cache: DiskCache,
    *,
    allow_stale: bool,
    why: dict[str, list[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    out = {}
    for key in keys:
        for src, symbol in _attempts(key):
            entry = cache.get(src, symbol, interval, s, e, allow_stale=allow_stale)
            if entry is not None and not entry.frame.empty:
                as_of = dt.datetime.fromtimestamp(entry.fetched_at, dt.UTC).replace(microsecond=0).isoformat()
                reason = "; ".join((why or {}).get(key, [])) or None
                label = f"cache:{entry.source}" + (" (stale)" if allow_stale and entry.age() > cache.ttl else "")
                out[key] = _stamp(entry.frame.copy(), key, label, as_of, reason)
                break
    return out


def _from_snapshot(key: str, s: pd.Timestamp, e: pd.Timestamp, interval: str, fallback: str | None) -> pd.DataFrame:
    frame = snapshot.read(key, s, e, interval).copy()
    info = snapshot.series_info(key, interval=interval) or {}
    extra = {}
    if interval != "1d":  # intraday files are named for what they are (a perpetual is not spot BTC)
        extra = {"label": info.get("instrument") or catalog.label(key), "instrument": info.get("instrument")}
    return _stamp(frame, key, "snapshot", info.get("last", ""), fallback, provenance=info.get("segments", []), **extra)


def _error_frame(key: str, message: str, source: str, exc: Exception | None = None) -> pd.DataFrame:
    """An empty frame saying why; ``error_code``/``error_params`` let a page word it in the reader's language."""
    return _stamp(
        empty_frame(),
        key,
        source,
        "",
        None,
        error=message,
        error_code=getattr(exc, "code", None),
        error_params=dict(getattr(exc, "params", {}) or {}),
    )


def get_many(
    keys: Iterable[str],
    start: Any,
    end: Any,
    interval: str = "1d",
    source: str = "auto",
    *,
    cache: DiskCache | None = None,
    proxies: bool = False,
) -> dict[str, pd.DataFrame]:
    """Frames for many series over one range; one batched live call per source.

    Raises for bad arguments (unknown key, reversed range, unknown source). A series that no source can
    serve comes back as an empty frame whose ``meta(frame).error`` says why, so one missing series never
    hides the others. With ``proxies``, such a series is replaced by its catalog stand-in, labelled as one
    (``with_stand_ins``).
    """
    frames = _get_many(keys, start, end, interval, source, cache)
    if not proxies:
        return frames
    return with_stand_ins(frames, lambda wanted: _get_many(wanted, start, end, interval, source, cache))


def _get_many(
    keys: Iterable[str], start: Any, end: Any, interval: str, source: str, cache: DiskCache | None
) -> dict[str, pd.DataFrame]:
    keys = list(dict.fromkeys(keys))
    for key in keys:
        catalog.get(key)
    if source not in SOURCES:
        raise DataSourceError(f"unknown source '{str(source)[:20]}'; use one of {', '.join(SOURCES)}")
    if interval not in INTERVALS:
        raise DataSourceError(f"unknown interval '{str(interval)[:10]}'; use one of {', '.join(INTERVALS)}")
    s, e = normalise_range(start, end)
    cache = cache or DiskCache()
    out: dict[str, pd.DataFrame] = {}

    if source == "snapshot":
        for key in keys:
            try:
                out[key] = _from_snapshot(key, s, e, interval, None)
            except DataSourceError as exc:
                out[key] = _error_frame(key, str(exc), "snapshot", exc)
        return out

    pending = keys
    if source == "auto":
        out.update(_from_cache(pending, s, e, interval, cache, allow_stale=False))
        pending = [k for k in keys if k not in out]
    got, why, finished = _live_single_flight(pending, s, e, interval, honour_breaker=(source == "auto"), cache=cache)
    out.update(got)
    pending = [k for k in pending if k not in out]

    if source == "live":
        for key in pending:
            out[key] = _error_frame(key, f"{catalog.label(key)}: live source failed ({'; '.join(why[key])})", "live")
        return {k: out[k] for k in keys}

    if pending:
        out.update(_from_cache(pending, s, e, interval, cache, allow_stale=True, why=why))
        pending = [k for k in pending if k not in out]
    for key in pending:
        reason = "; ".join(why.get(key, [])) or None
        try:
            out[key] = _from_snapshot(key, s, e, interval, reason)
            # why live was not used: switched off on purpose, or tried and unreachable (worded differently)
            out[key].attrs["fallback_kind"] = (
                "live_off" if not config.live_enabled() else "unreachable" if finished else "slow"
            )
        except DataSourceError as exc:
            out[key] = _error_frame(key, str(exc), "snapshot", exc)
        if reason and config.live_enabled():
            if out[key].empty:  # never claim the snapshot served what it could not
                log.warning("%s: live unavailable (%s) and not served: %s", key, reason, out[key].attrs.get("error"))
            else:
                log.info("%s: live unavailable, served from %s (%s)", key, out[key].attrs["source"], reason)
    return {k: out[k] for k in keys}


def with_stand_ins(
    frames: dict[str, pd.DataFrame], fetch: Callable[[tuple[str, ...]], dict[str, pd.DataFrame]]
) -> dict[str, pd.DataFrame]:
    """Series with no data replaced by their catalog proxy, always under its own name.

    ``fetch`` loads the proxies over the same range (``get_many``, or the app's memory-cached loader). E.g. ``ndx``
    offline becomes QQQ labelled "QQQ (stands in for Nasdaq-100)", never passed off as the index; when the stand-in
    has nothing either, the series' empty frame says so in ``attrs["stand_in"]``.
    """
    # a damaged snapshot series is named as damaged (its frame says so), never quietly replaced by another
    wanted = {
        k: catalog.get(k).proxy
        for k, f in frames.items()
        if f.empty and catalog.get(k).proxy and f.attrs.get("error_code") != "snapshot_corrupt"
    }
    if not wanted:
        return frames
    proxies = fetch(tuple(dict.fromkeys(wanted.values())))
    for key, proxy_key in wanted.items():
        frame = proxies[proxy_key].copy()
        frame.attrs = dict(proxies[proxy_key].attrs)
        if frame.empty:
            frames[key].attrs["stand_in"] = {
                k: frame.attrs.get(k) for k in ("label", "error", "error_code", "error_params")
            }
        else:
            frame.attrs.update(
                label=f"{catalog.label(proxy_key)} (stands in for {catalog.label(key)})",
                proxy_for=key,
                served_key=proxy_key,
            )
            frames[key] = frame
    return frames


def get_series(
    key: str, start: Any, end: Any, interval: str = "1d", source: str = "auto", *, cache: DiskCache | None = None
) -> pd.DataFrame:
    """One series as a tidy frame; raises ``NoDataError`` / ``SourceUnavailableError`` when none can serve it."""
    frame = get_many([key], start, end, interval, source, cache=cache)[key]
    if frame.empty:
        message = frame.attrs.get("error", f"no data for {key}")
        if source == "live":
            raise SourceUnavailableError(message)
        raise NoDataError(message)
    return frame


def data_end(source: str = "auto", keys: Iterable[str] = ("spx",), *, cache: DiskCache | None = None) -> dt.date:
    """The latest date that all of ``keys`` share, where trailing ("to date") ranges end.

    Never waits on the network: ``live`` is today; ``snapshot`` the earliest last date of the keys' snapshot
    series; ``auto`` the later of that and what a fresh disk cache (an earlier live download, or the scheduled
    ``refresh``) holds for all of them.
    """
    keys = [k for k in keys if k in catalog.CATALOG]
    today = dt.date.today()
    if source == "live":
        return today
    ends = [info["last"] for k in keys if (info := snapshot.series_info(k))]
    snap = min((dt.date.fromisoformat(e) for e in ends), default=snapshot.last_date() or today)
    if source == "snapshot" or not keys:
        return snap
    cache = cache or DiskCache()
    cached = []
    for key in keys:
        entries = [cache.read(src, symbol, "1d") for src, symbol in _attempts(key)]
        lasts = [
            e.frame["ts"].iloc[-1].date()
            for e in entries
            if e is not None and not e.frame.empty and e.age() <= cache.ttl
        ]
        if not lasts:
            return snap
        cached.append(max(lasts))
    return max(snap, min(cached))
