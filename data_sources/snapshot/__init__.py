"""The embedded snapshot: real market data committed in ``data/snapshot/`` so an offline clone has numbers.

``manifest.json`` lists every series with its file, sha256, row count, first and last date, and the
provenance of each segment (publisher, symbol, repository, path, commit). A series with no real data
is listed under ``absent`` with the reason, never filled in.

Build it with::

    python -m data_sources.snapshot build --from ../shared/data     # the committed real downloads
    python -m data_sources.snapshot build --from live               # where the internet is reachable
    python -m data_sources.snapshot verify                          # checksums and schema
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

import pandas as pd

from data_sources import catalog, config
from data_sources.errors import NoDataError
from data_sources.fred import parse_fred_csv
from data_sources.schema import COLUMNS, clip_range, session_dates_to_utc, tidy, validate

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
    manifest = json.loads(path.read_text(encoding="utf-8"))
    with _lock:
        _manifests[str(path)] = (mtime, manifest)
    return manifest


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_frame(key: str, root: Path | None = None) -> pd.DataFrame:
    """The whole snapshot series (checksum verified once per process)."""
    root = Path(root or config.snapshot_dir())
    manifest = load_manifest(root)
    entry = manifest["series"].get(key)
    if entry is None:
        absent = manifest.get("absent", {})
        reason = absent.get(key, "not in the embedded snapshot")
        raise NoDataError(f"{catalog.label(key)} is not available offline: {reason}",
                          "snapshot_absent" if key in absent else "snapshot_missing", label=catalog.label(key))
    cache_key = (str(root), entry["sha256"])
    with _lock:
        frame = _frames.get(cache_key)
    if frame is None:
        path = root / entry["file"]
        if _sha256(path) != entry["sha256"]:
            raise NoDataError(f"snapshot file for {key} fails its checksum; rebuild the snapshot")
        frame = pd.read_parquet(path)[COLUMNS]
        with _lock:
            _frames[cache_key] = frame
    return frame


def read(key: str, start: pd.Timestamp, end: pd.Timestamp, interval: str = "1d",
         root: Path | None = None) -> pd.DataFrame:
    """Snapshot rows of one series in ``[start, end)``; ``NoDataError`` when there are none."""
    if interval != "1d":
        raise NoDataError(f"{catalog.label(key)} {interval} bars are not in the embedded snapshot (daily only)",
                          "snapshot_interval", label=catalog.label(key), interval=interval)
    frame = load_frame(key, root)
    out = clip_range(frame, start, end)
    if out.empty:
        first, last = frame["ts"].iloc[0].date(), frame["ts"].iloc[-1].date()
        raise NoDataError(f"the snapshot holds {catalog.label(key)} only from {first} to {last}", "snapshot_range",
                          label=catalog.label(key), first=first, last=last)
    return out


def series_info(key: str, root: Path | None = None) -> dict[str, Any] | None:
    return load_manifest(root)["series"].get(key)


def last_date(root: Path | None = None) -> dt.date | None:
    """The last date any snapshot series has: where presets anchor when offline."""
    as_of = load_manifest(root).get("as_of")
    return dt.date.fromisoformat(as_of) if as_of else None


# ---------------------------------------------------------------- building

def parse_provenance(text: str) -> dict[str, dict[str, str]]:
    """Rows of PROVENANCE.md's markdown table, by their first column."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: "):
            rows[cells[0]] = dict(zip(header, cells))
    return rows


def _read_daily_csv(path: Path, symbol: str, publisher: str) -> pd.DataFrame:
    table = pd.read_csv(path)
    table["ts"] = session_dates_to_utc(pd.DatetimeIndex(pd.to_datetime(table["date"], format="%Y-%m-%d")))
    return tidy(table, symbol=symbol, source=publisher)


def _segment(prov: dict[str, str] | None, frame: pd.DataFrame, publisher: str, symbol: str) -> dict[str, Any]:
    seg: dict[str, Any] = {
        "publisher": publisher,
        "symbol": symbol,
        "first": frame["ts"].iloc[0].date().isoformat(),
        "last": frame["ts"].iloc[-1].date().isoformat(),
        "rows": int(len(frame)),
    }
    if prov:
        seg.update({k: prov.get(k, "") for k in ("repository", "path", "commit", "note")})
    return seg


def _from_directory(src: Path) -> tuple[dict[str, tuple[pd.DataFrame, list[dict[str, Any]]]], dict[str, str]]:
    prov_path = src / "PROVENANCE.md"
    provenance = parse_provenance(prov_path.read_text(encoding="utf-8")) if prov_path.exists() else {}
    built: dict[str, tuple[pd.DataFrame, list[dict[str, Any]]]] = {}
    for series in catalog.CATALOG.values():
        daily = src / "daily" / f"{series.key}.csv"
        fred = src / "fred" / f"{series.symbol}.csv"
        if daily.exists():
            prov = provenance.get(series.key)
            symbol = (prov or {}).get("symbol") or series.symbol
            frame = _read_daily_csv(daily, symbol, "yahoo")
        elif series.source == "fred" and fred.exists():
            prov = provenance.get(series.symbol)
            symbol = series.symbol
            frame = parse_fred_csv(fred.read_text(encoding="utf-8"), symbol=symbol)
        else:
            continue
        if frame.empty:
            continue
        built[series.key] = (frame, [_segment(prov, frame, frame["source"].iloc[0], symbol)])
    # Back-fill: the same quantity from another publisher, only for dates before the primary file starts.
    for series in catalog.CATALOG.values():
        if series.backfill and series.key in built and series.backfill in built:
            primary, segs = built[series.key]
            filler, filler_segs = built[series.backfill]
            first = primary["ts"].iloc[0]
            older = filler[filler["ts"] < first]
            if older.empty:
                continue
            overlap = primary.merge(filler, on="ts", suffixes=("", "_b"))
            seg = _segment(None, older, "fred", filler_segs[0]["symbol"])
            seg.update({k: filler_segs[0].get(k, "") for k in ("repository", "path", "commit")})
            seg["note"] = f"back-fill from {catalog.get(series.backfill).name}: closes only, before {first.date()}"
            if not overlap.empty:
                rel = (overlap["close"] - overlap["close_b"]).abs() / overlap["close"].abs()
                worst = overlap.loc[rel.idxmax(), "ts"].date()
                seg["overlap_check"] = (
                    f"{len(overlap)} common dates; {int((rel > 1e-3).sum())} differ by more than 0.1% "
                    f"(largest {rel.max():.2%} on {worst})"
                )
            built[series.key] = (pd.concat([older, primary], ignore_index=True), [seg, *segs])
    absent = {
        key: "no real data for it in the snapshot source (live sources provide it where reachable)"
        for key in catalog.CATALOG
        if key not in built
    }
    return built, absent


def _from_live(start: dt.date, end: dt.date) -> tuple[dict[str, tuple[pd.DataFrame, list[dict[str, Any]]]], dict[str, str]]:
    from data_sources.service import get_many

    frames = get_many(list(catalog.CATALOG), start, end, source="live")
    built, absent = {}, {}
    today = dt.date.today().isoformat()
    for key, frame in frames.items():
        if frame.empty:
            absent[key] = str(frame.attrs.get("error", "live source returned nothing"))
            continue
        seg = _segment(None, frame, str(frame.attrs.get("source")), str(frame["symbol"].iloc[0]))
        seg["note"] = f"live download on {today}"
        built[key] = (frame, [seg])
    return built, absent


def build(src: str, out: Path | None = None, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """Write the snapshot folder (parquet per series + manifest) and return the manifest."""
    out = Path(out or config.snapshot_dir())
    if src == "live":
        built, absent = _from_live(start or dt.date(2024, 12, 1), end or dt.date.today())
        origin = "live download"
    else:
        built, absent = _from_directory(Path(src))
        origin = f"real Yahoo/FRED downloads in {Path(src).name}/ (see each series' provenance)"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.parquet"):
        old.unlink()
    series: dict[str, Any] = {}
    for key, (frame, segments) in sorted(built.items()):
        problems = validate(frame)
        if problems:
            raise ValueError(f"{key}: {problems}")
        path = out / f"{re.sub(r'[^a-z0-9_]', '_', key)}.parquet"
        frame[COLUMNS].to_parquet(path, index=False, compression="zstd")
        series[key] = {
            "file": path.name,
            "sha256": _sha256(path),
            "interval": "1d",
            "rows": int(len(frame)),
            "first": frame["ts"].iloc[0].date().isoformat(),
            "last": frame["ts"].iloc[-1].date().isoformat(),
            "segments": segments,
        }
    manifest = {
        "format": 1,
        "built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "origin": origin,
        "as_of": max(s["last"] for s in series.values()) if series else None,
        "series": series,
        "absent": dict(sorted(absent.items())),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    with _lock:
        _manifests.clear()
        _frames.clear()
    return manifest


def verify(root: Path | None = None) -> list[str]:
    """Problems with the committed snapshot, as sentences (empty when sound)."""
    root = Path(root or config.snapshot_dir())
    problems = []
    for key, entry in load_manifest(root)["series"].items():
        path = root / entry["file"]
        if not path.exists() or _sha256(path) != entry["sha256"]:
            problems.append(f"{key}: checksum mismatch or missing file")
            continue
        problems += [f"{key}: {p}" for p in validate(pd.read_parquet(path))]
    return problems
