"""Cache, snapshot and the fallback order of get_series/get_many."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from data_sources import CATALOG, InvalidRangeError, NoDataError, SourceUnavailableError, UnknownSeriesError
from data_sources import catalog, get_many, get_series, service, snapshot
from data_sources.cache import DiskCache
from data_sources.fetcher import Fetcher
from data_sources.schema import validate
from data_sources.yahoo import transform_download
from tests import recorded

ROOT = Path(__file__).resolve().parent.parent
UTC = "UTC"


def _frame():
    raw = recorded.yf_download_daily()
    from data_sources.fetcher import Query

    q = Query("nvda", "NVDA", pd.Timestamp("2025-11-18", tz=UTC), pd.Timestamp("2025-11-26", tz=UTC))
    return transform_download(raw, [q])["nvda"]


# ---------------------------------------------------------------- cache

def test_cache_round_trip_and_ttl(tmp_path):
    cache = DiskCache(tmp_path, ttl=60)
    s, e = pd.Timestamp("2025-11-18", tz=UTC), pd.Timestamp("2025-11-26", tz=UTC)
    assert cache.put("yahoo", "NVDA", "1d", _frame(), s, e, served_by="yahoo")
    hit = cache.get("yahoo", "NVDA", "1d", pd.Timestamp("2025-11-20", tz=UTC), e)
    assert hit is not None and len(hit.frame) == 4 and validate(hit.frame) == []
    assert cache.get("yahoo", "NVDA", "1d", pd.Timestamp("2025-11-01", tz=UTC), e) is None  # not covered
    path = cache.path("yahoo", "NVDA", "1d")
    old = path.stat().st_mtime
    expired = DiskCache(tmp_path, ttl=0)
    os.utime(path, (old, old))
    assert expired.get("yahoo", "NVDA", "1d", s, e) is None
    assert expired.get("yahoo", "NVDA", "1d", s, e, allow_stale=True) is not None
    assert not list(tmp_path.glob(".tmp-*"))  # atomic write leaves no temp file


def test_cache_corrupt_or_truncated_file_is_a_miss(tmp_path, caplog):
    cache = DiskCache(tmp_path, ttl=60)
    s, e = pd.Timestamp("2025-11-18", tz=UTC), pd.Timestamp("2025-11-26", tz=UTC)
    cache.put("yahoo", "NVDA", "1d", _frame(), s, e, served_by="yahoo")
    path = cache.path("yahoo", "NVDA", "1d")
    path.write_bytes(path.read_bytes()[:100])
    assert cache.get("yahoo", "NVDA", "1d", s, e) is None
    assert "unreadable" in caplog.text and not path.exists()
    path.write_bytes(b"not parquet at all")
    assert cache.get("yahoo", "NVDA", "1d", s, e) is None


def test_cache_keys_never_become_paths(tmp_path):
    cache = DiskCache(tmp_path / "c", ttl=60)
    for hostile in ["../../etc/passwd", "/abs/path", "..", "a/../../b", "x\x00y"]:
        path = cache.path("yahoo", hostile, "1d")
        assert path.parent == tmp_path / "c"
        assert re.fullmatch(r"[0-9a-f]{32}\.parquet", path.name)


def test_cache_unwritable_folder_is_logged_not_raised(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = DiskCache(blocker / "sub", ttl=60)  # cannot mkdir under a file
    s, e = pd.Timestamp("2025-11-18", tz=UTC), pd.Timestamp("2025-11-26", tz=UTC)
    assert cache.put("yahoo", "NVDA", "1d", _frame(), s, e, served_by="yahoo") is False
    assert "skipped" in caplog.text


# ---------------------------------------------------------------- snapshot

def test_snapshot_every_manifest_entry_loads_with_schema_and_checksum():
    manifest = snapshot.load_manifest()
    assert manifest["series"], "the committed snapshot is empty"
    assert snapshot.verify() == []
    for key, entry in manifest["series"].items():
        assert key in CATALOG
        frame = snapshot.load_frame(key)
        assert validate(frame) == [], key
        assert len(frame) == entry["rows"]
        assert frame["ts"].iloc[0].date().isoformat() == entry["first"]
        assert entry["segments"] and all(seg.get("repository") for seg in entry["segments"]), key
    # what the snapshot lacks is declared absent, not invented
    for key in ["eth", "sol", "ndx", "mu", "zq_dec25", "zq_jan26"]:
        assert key in manifest["absent"] and key not in manifest["series"]


def test_snapshot_matches_shared_data_files():
    shared = ROOT.parent / "shared" / "data" / "daily" / "btc.csv"
    if not shared.exists():
        pytest.skip("../shared/data is not beside this clone")
    raw = pd.read_csv(shared)
    frame = snapshot.load_frame("btc")
    assert len(frame) == len(raw)
    assert frame["close"].to_numpy() == pytest.approx(raw["close"].to_numpy())


def test_snapshot_build_is_reproducible(tmp_path):
    shared = ROOT.parent / "shared" / "data"
    if not shared.exists():
        pytest.skip("../shared/data is not beside this clone")
    manifest = snapshot.build(str(shared), tmp_path)
    committed = snapshot.load_manifest()
    assert {k: v["sha256"] for k, v in manifest["series"].items()} == {
        k: v["sha256"] for k, v in committed["series"].items()
    }


def test_snapshot_backfill_keeps_provenance_per_row():
    spx = snapshot.load_frame("spx")
    early = spx[spx["ts"] < pd.Timestamp("2025-09-08", tz=UTC)]
    late = spx[spx["ts"] >= pd.Timestamp("2025-09-08", tz=UTC)]
    assert set(early["source"]) == {"fred"} and set(early["symbol"]) == {"SP500"}
    assert set(late["source"]) == {"yahoo"} and early["open"].isna().all()


# ---------------------------------------------------------------- service / fallback

class _FakeFetcher(Fetcher):
    source = "yahoo"

    def __init__(self, result):
        self.result = result
        self.calls = 0

    def transform_query(self, queries):
        return queries

    def extract_data(self, params):
        self.calls += 1
        if isinstance(self.result, Exception):
            raise self.result
        return self.result

    def transform_data(self, raw, queries):
        return transform_download(raw, queries)


def test_get_series_snapshot_tags_source_and_as_of():
    df = get_series("btc", "2025-11-01", "2025-11-30", source="snapshot")
    assert df.attrs["source"] == "snapshot" and df.attrs["as_of"] == snapshot.series_info("btc")["last"]
    assert df["ts"].iloc[0] == pd.Timestamp("2025-11-01", tz=UTC)
    assert df["ts"].iloc[-1] == pd.Timestamp("2025-11-30", tz=UTC)  # end is inclusive


def test_auto_falls_back_live_then_cache_then_snapshot(monkeypatch, tmp_path):
    monkeypatch.setenv("SELLOFF_LIVE", "on")
    cache = DiskCache(tmp_path / "c", ttl=3600)
    good = _FakeFetcher(recorded.yf_download_daily())
    monkeypatch.setitem(service.FETCHERS, "yahoo", lambda: good)
    live = get_series("nvda", "2025-11-18", "2025-11-25", cache=cache)
    assert live.attrs["source"] == "yahoo" and live.attrs["fallback"] is None and len(live) == 6

    # fresh cache answers without calling the source
    again = get_series("nvda", "2025-11-19", "2025-11-25", cache=cache)
    assert again.attrs["source"] == "cache:yahoo" and good.calls == 1

    # live fails and the cache is stale -> stale cache, with the reason
    stale = DiskCache(tmp_path / "c", ttl=0)
    bad = _FakeFetcher(recorded.yf_download_empty(["NVDA"]))
    monkeypatch.setitem(service.FETCHERS, "yahoo", lambda: bad)
    df = get_series("nvda", "2025-11-18", "2025-11-25", cache=stale)
    assert df.attrs["source"] == "cache:yahoo (stale)" and "empty frame" in df.attrs["fallback"]

    # live fails, no cache -> snapshot, with the reason
    service.BREAKER.reset()
    df = get_series("nvda", "2025-11-18", "2025-11-25", cache=DiskCache(tmp_path / "empty", ttl=0))
    assert df.attrs["source"] == "snapshot" and "empty frame" in df.attrs["fallback"]
    assert len(df) == 6


def test_breaker_skips_a_failed_source_for_a_while(monkeypatch, tmp_path):
    monkeypatch.setenv("SELLOFF_LIVE", "on")
    bad = _FakeFetcher(SourceUnavailableError("offline"))
    monkeypatch.setitem(service.FETCHERS, "yahoo", lambda: bad)
    cache = DiskCache(tmp_path / "c")
    get_many(["nvda", "msft"], "2025-11-18", "2025-11-25", cache=cache)
    get_many(["nvda", "msft"], "2025-11-18", "2025-11-25", cache=cache)
    assert bad.calls == 1


def test_live_mode_raises_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv("SELLOFF_LIVE", "on")
    monkeypatch.setitem(service.FETCHERS, "yahoo", lambda: _FakeFetcher(recorded.yf_download_empty(["NVDA"])))
    with pytest.raises(SourceUnavailableError, match="live source failed"):
        get_series("nvda", "2025-11-18", "2025-11-25", source="live", cache=DiskCache(tmp_path))


def test_live_failure_leaves_no_cache_file(monkeypatch, tmp_path):
    monkeypatch.setenv("SELLOFF_LIVE", "on")
    monkeypatch.setitem(service.FETCHERS, "yahoo", lambda: _FakeFetcher(RuntimeError("boom mid-download")))
    cache = DiskCache(tmp_path / "c")
    df = get_series("nvda", "2025-11-18", "2025-11-25", cache=cache)
    assert df.attrs["source"] == "snapshot"
    assert not (tmp_path / "c").exists() or not list((tmp_path / "c").iterdir())


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(UnknownSeriesError, match="Unknown series 'btcc'.*btc"):
        get_series("btcc", "2025-11-01", "2025-11-30")
    with pytest.raises(InvalidRangeError, match="after"):
        get_series("btc", "2025-12-01", "2025-11-01")
    with pytest.raises(InvalidRangeError, match="not a date"):
        get_series("btc", "yesterday-ish", "2025-11-01")
    with pytest.raises(NoDataError, match="not available offline"):
        get_series("eth", "2025-11-01", "2025-11-30")
    with pytest.raises(NoDataError, match="only from"):
        get_series("nikkei", "2024-01-01", "2024-02-01", source="snapshot")


def test_done_when_get_many_all_keys_offline():
    out = get_many(list(CATALOG), dt.date(2025, 10, 1), dt.date(2025, 12, 5))
    assert set(out) == set(CATALOG)
    held = snapshot.load_manifest()["series"]
    for key, frame in out.items():
        if key in held:
            assert not frame.empty and frame.attrs["source"] == "snapshot", key
            assert "switched off" in frame.attrs["fallback"]
        else:
            assert frame.empty and "not available offline" in frame.attrs["error"], key


def test_no_ticker_literal_outside_the_catalog():
    symbols = {s.symbol for s in CATALOG.values()} | {sym for s in CATALOG.values() for _, sym in s.alternates}
    pattern = re.compile("|".join(re.escape(f'"{sym}"') for sym in sorted(symbols)))
    offenders = []
    for folder in ["app.py", "pages", "components", "analytics", "data_sources"]:
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else [ROOT / folder]:
            if path.name == "catalog.py" or not path.exists():
                continue
            for n, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_catalog_covers_required_keys():
    required = ("btc eth sol ndx nasdaq spx dji hood coin mstr nvda msft aapl amzn googl meta tsla mu tsm amat asml "
                "intc qcom softbank sk_hynix samsung nikkei kospi hsi twii sox vix ust10y ust2y ust3m dxy gold unrate "
                "payems fedfunds dff zq_dec25 zq_jan26").split()
    assert set(required) <= set(CATALOG)
    for s in CATALOG.values():
        assert s.tz and s.unit and s.name and s.asset_class
    assert catalog.get("softbank").tz == "Asia/Tokyo"


def test_loaded_frames_are_the_callers_own_copies():
    """Pages may change what they load (labels, columns) without touching the cached frames."""
    from components import data

    first = data.load(("btc",), dt.date(2025, 11, 1), dt.date(2025, 11, 30), "snapshot")["btc"]
    assert not first.empty
    first.loc[first.index[0], "close"] = -1.0
    first.attrs["label"] = "changed"
    again = data.load(("btc",), dt.date(2025, 11, 1), dt.date(2025, 11, 30), "snapshot")["btc"]
    assert again["close"].iloc[0] > 0 and again.attrs["label"] != "changed"
