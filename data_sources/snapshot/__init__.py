"""The embedded snapshot: real market data committed in ``data/snapshot/`` so an offline clone has numbers.

``manifest.json`` lists every series with its file, sha256, row count, first and last date, and the
provenance of each segment (publisher, symbol, repository, path, commit). A series with no real data
is listed under ``absent`` with the reason, never filled in.

Daily bars sit under ``series`` (one per catalog key); intraday files (hourly perpetual bars, 8-hourly
funding, half-hourly prediction-market odds) sit under ``intraday`` and are served for ``interval="1h"``,
each with the instrument it really is (``BTCUSDT perpetual (Binance)``, not spot BTC).

This module only reads; ``data_sources.snapshot.builder`` writes (so the reader never imports the live
service). Build it with::

    python -m data_sources.snapshot build --from ../shared/data     # the committed real downloads
    python -m data_sources.snapshot build --from live               # where the internet is reachable
    python -m data_sources.snapshot verify                          # checksums and schema
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from pathlib import Path
from typing import Any

import pandas as pd

from data_sources import catalog, config
from data_sources.errors import NoDataError, SnapshotCorruptError
from data_sources.schema import COLUMNS, clip_range, validate

log = logging.getLogger(__name__)
MANIFEST = "manifest.json"
_lock = threading.Lock()
_frames: dict[tuple[str, str], pd.DataFrame] = {}
_manifests: dict[str, tuple[float, dict[str, Any]]] = {}


# ---------------------------------------------------------------- reading


def load_manifest(root: Path | None = None) -> dict[str, Any]:
    """The manifest, re-read only when the file changes."""
    root = Path(root or config.snapshot_dir())
    path = root / MANIFEST
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {"series": {}, "absent": {}, "as_of": None}
    with _lock:
        cached = _manifests.get(str(path))
        if cached and cached[0] == mtime:
            return cached[1]
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("series"), dict):
            raise ValueError("no 'series' table")
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise SnapshotCorruptError(
            f"the embedded snapshot's manifest is unreadable ({type(exc).__name__}); rebuild or restore data/snapshot"
        ) from None
    with _lock:
        _manifests[str(path)] = (mtime, manifest)
    return manifest


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(manifest: dict[str, Any], key: str, interval: str) -> dict[str, Any] | None:
    table = manifest.get("series", {}) if interval == "1d" else manifest.get("intraday", {})
    return table.get(key)


def load_frame(key: str, root: Path | None = None, interval: str = "1d") -> pd.DataFrame:
    """The whole snapshot series (checksum verified once per process)."""
    root = Path(root or config.snapshot_dir())
    manifest = load_manifest(root)
    entry = _entry(manifest, key, interval)
    if entry is None and interval != "1d":
        raise NoDataError(
            f"{catalog.label(key)} {interval} bars are not in the embedded snapshot",
            "snapshot_interval",
            label=catalog.label(key),
            interval=interval,
        )
    if entry is None and key in manifest.get("intraday", {}):
        raise NoDataError(
            f"{catalog.label(key)} is in the embedded snapshot as intraday data only",
            "snapshot_intraday_only",
            label=catalog.label(key),
        )
    if entry is None:
        absent = manifest.get("absent", {})
        reason = absent.get(key, "not in the embedded snapshot")
        raise NoDataError(
            f"{catalog.label(key)} is not available offline: {reason}",
            "snapshot_absent" if key in absent else "snapshot_missing",
            label=catalog.label(key),
        )
    cache_key = (str(root), entry["sha256"])
    with _lock:
        frame = _frames.get(cache_key)
    if frame is None:
        path = root / entry["file"]
        try:
            ok = sha256(path) == entry["sha256"]
        except OSError:
            ok = False
        if not ok:
            raise SnapshotCorruptError(
                f"the embedded snapshot failed its checksum for {catalog.label(key)}; rebuild or restore data/snapshot",
                label=catalog.label(key),
            )
        frame = pd.read_parquet(path)[COLUMNS]
        with _lock:
            _frames[cache_key] = frame
    return frame


def read(
    key: str, start: pd.Timestamp, end: pd.Timestamp, interval: str = "1d", root: Path | None = None
) -> pd.DataFrame:
    """Snapshot rows of one series in ``[start, end)``; ``NoDataError`` when there are none."""
    frame = load_frame(key, root, interval)
    out = clip_range(frame, start, end)
    if out.empty:
        first, last = frame["ts"].iloc[0].date(), frame["ts"].iloc[-1].date()
        raise NoDataError(
            f"the snapshot holds {catalog.label(key)} only from {first} to {last}",
            "snapshot_range",
            label=catalog.label(key),
            first=first,
            last=last,
        )
    return out


STALE_BUILD_S = 3600.0  # a build takes seconds: a .new- folder older than this belongs to a build that was killed


def problem(root: Path | None = None) -> str | None:
    """Why the snapshot cannot be read at all, in words for a reader (no path), or None.

    A missing folder or manifest is damage, not "no data": every page names it."""
    root = Path(root or config.snapshot_dir())
    if not root.is_dir():
        return "the embedded snapshot is missing (no data/snapshot folder); rebuild or restore it"
    if not (root / MANIFEST).is_file():
        return "the embedded snapshot has no manifest; rebuild or restore data/snapshot"
    try:
        load_manifest(root)
    except SnapshotCorruptError as exc:
        return str(exc)
    return None


def recover(root: Path | None = None, now: float | None = None) -> list[str]:
    """Repair what a killed build leaves, once at start (returns what it did, as sentences for the log).

    A build swaps folders with two renames (``builder._swap``): killed between them, ``data/snapshot`` is missing and
    the previous snapshot sits in ``.snapshot.old-*``, which is put back. ``.snapshot.new-*`` folders older than
    ``STALE_BUILD_S`` belong to killed builds and are removed; so are ``.old-*`` folders once the snapshot is in place.
    """
    import shutil
    import time

    root = Path(root or config.snapshot_dir())
    parent, done = root.parent, []
    if not parent.is_dir():
        return done
    olds = sorted(parent.glob(f".{root.name}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not root.exists():
        for old in olds:
            if (old / MANIFEST).is_file() and not verify(old):
                old.rename(root)
                done.append(f"restored the snapshot a killed build had set aside ({old.name})")
                olds.remove(old)
                break
    now = time.time() if now is None else now
    stale = [p for p in parent.glob(f".{root.name}.new-*") if now - p.stat().st_mtime > STALE_BUILD_S]
    for leftover in stale + (olds if root.exists() else []):
        shutil.rmtree(leftover, ignore_errors=True)
        done.append(f"removed {leftover.name}, left by a killed build")
    if done:
        reset()
        for line in done:
            log.warning("snapshot: %s", line)
    return done


def reset() -> None:
    """Forget every manifest and frame read so far (after a rebuild, or between tests)."""
    with _lock:
        _manifests.clear()
        _frames.clear()


def series_info(key: str, root: Path | None = None, interval: str = "1d") -> dict[str, Any] | None:
    return _entry(load_manifest(root), key, interval)


def last_date(root: Path | None = None) -> dt.date | None:
    """The last date any snapshot series has: where presets anchor when offline."""
    as_of = load_manifest(root).get("as_of")
    return dt.date.fromisoformat(as_of) if as_of else None


def verify(root: Path | None = None) -> list[str]:
    """Problems with a snapshot folder, as sentences (empty when sound).

    A missing, unreadable or empty snapshot is a problem: an app without it has nothing to show offline.
    """
    root = Path(root or config.snapshot_dir())
    if not (root / MANIFEST).is_file():
        return [f"no snapshot manifest in {root.name}/"]
    try:
        manifest = load_manifest(root)
    except SnapshotCorruptError as exc:
        return [str(exc)]
    entries = [(k, e, "1d") for k, e in manifest.get("series", {}).items()]
    entries += [(k, e, "1h") for k, e in manifest.get("intraday", {}).items()]
    if not entries:
        return ["the snapshot holds no series"]
    problems = []
    for key, entry, interval in entries:
        if key not in catalog.CATALOG:
            problems.append(f"{key}: not a catalog key")
            continue
        path = root / str(entry.get("file", ""))
        if not path.is_file() or sha256(path) != entry.get("sha256"):
            problems.append(f"{key} ({interval}): checksum mismatch or missing file")
            continue
        frame = pd.read_parquet(path)
        problems += [f"{key} ({interval}): {p}" for p in validate(frame)]
        if len(frame) != entry.get("rows"):
            problems.append(f"{key} ({interval}): {len(frame)} rows, manifest says {entry.get('rows')}")
    return problems
