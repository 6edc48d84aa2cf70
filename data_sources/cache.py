"""On-disk parquet cache of live downloads.

One file per (source, symbol, interval), named by a hash so no key or symbol ever becomes a path
(``../etc`` hashes like anything else). The covered range and download time travel in the parquet
metadata. Writes go to a temp file in the same folder and are renamed into place, so readers see
the old file or the new one, never half of one. A file that cannot be read is logged, removed and
treated as a miss; a cache that cannot be written (read-only folder, full disk) is logged and skipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data_sources import config
from data_sources.schema import COLUMNS, clip_range, validate

log = logging.getLogger(__name__)
_META_KEY = b"selloff_lens"


@dataclass(frozen=True)
class Entry:
    frame: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp
    fetched_at: float
    source: str

    def covers(self, start: pd.Timestamp, end: pd.Timestamp) -> bool:
        return self.start <= start and end <= self.end

    def age(self, now: float | None = None) -> float:
        return (now or time.time()) - self.fetched_at


class DiskCache:
    def __init__(self, root: Path | None = None, ttl: float | None = None) -> None:
        self.root = Path(root) if root is not None else config.cache_dir()
        self.ttl = config.cache_ttl() if ttl is None else ttl

    @staticmethod
    def filename(source: str, symbol: str, interval: str) -> str:
        digest = hashlib.sha256(f"{source}\x1f{symbol}\x1f{interval}".encode()).hexdigest()[:32]
        return f"{digest}.parquet"

    def path(self, source: str, symbol: str, interval: str) -> Path:
        return self.root / self.filename(source, symbol, interval)

    def read(self, source: str, symbol: str, interval: str) -> Entry | None:
        path = self.path(source, symbol, interval)
        if not path.exists():
            return None
        try:
            table = pq.read_table(path)
            meta = json.loads(table.schema.metadata[_META_KEY])
            frame = table.to_pandas()
            problems = validate(frame)
            if problems:
                raise ValueError("; ".join(problems))
            return Entry(
                frame=frame[COLUMNS],
                start=pd.Timestamp(meta["start"]),
                end=pd.Timestamp(meta["end"]),
                fetched_at=float(meta["fetched_at"]),
                source=str(meta["source"]),
            )
        except Exception as exc:  # corrupt, truncated, foreign: all the same to us
            log.warning("cache file %s unreadable (%s): removed, will refetch", path.name, exc)
            try:
                path.unlink()
            except OSError:
                pass
            return None

    def get(
        self,
        source: str,
        symbol: str,
        interval: str,
        start: pd.Timestamp,
        end: pd.Timestamp,
        *,
        allow_stale: bool = False,
    ) -> Entry | None:
        """The cached rows for a range, if the cache covers it (and is fresh unless ``allow_stale``)."""
        entry = self.read(source, symbol, interval)
        if entry is None or not entry.covers(start, end):
            return None
        if not allow_stale and entry.age() > self.ttl:
            return None
        return Entry(clip_range(entry.frame, start, end), start, end, entry.fetched_at, entry.source)

    def put(
        self,
        source: str,
        symbol: str,
        interval: str,
        frame: pd.DataFrame,
        start: pd.Timestamp,
        end: pd.Timestamp,
        *,
        served_by: str,
    ) -> bool:
        """Store a complete download; merges with a fresh overlapping entry. False when it could not write."""
        old = self.read(source, symbol, interval)
        if old is not None and old.age() <= self.ttl and old.start <= end and start <= old.end:
            frame = (
                pd.concat([old.frame, frame], ignore_index=True)
                .drop_duplicates(subset="ts", keep="last")
                .sort_values("ts")
                .reset_index(drop=True)
            )
            start, end = min(start, old.start), max(end, old.end)
        meta = {"start": start.isoformat(), "end": end.isoformat(), "fetched_at": time.time(), "source": served_by}
        table = pa.Table.from_pandas(frame[COLUMNS], preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META_KEY: json.dumps(meta).encode()})
        tmp_name = None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".tmp-", suffix=".parquet", delete=False) as tmp:
                tmp_name = tmp.name
                pq.write_table(table, tmp)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp_name, self.path(source, symbol, interval))
            return True
        except Exception as exc:
            log.warning("cache write for %s %s skipped: %s", source, symbol, exc)
            if tmp_name:
                try:
                    os.unlink(tmp_name)
                except OSError:
                    pass
            return False
