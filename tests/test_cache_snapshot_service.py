"""Cache, snapshot and the fallback order of get_series/get_many."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data_sources import (
    CATALOG,
    InvalidRangeError,
    NoDataError,
    SourceUnavailableError,
    UnknownSeriesError,
    catalog,
    get_many,
    get_series,
    service,
    snapshot,
)
from data_sources.cache import DiskCache
from data_sources.schema import validate
from data_sources.snapshot import builder
from data_sources.yahoo import transform_download
from tests import recorded
from tests.fakes import Scripted

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
    assert manifest["series"] and manifest["intraday"], "the committed snapshot is empty"
    assert snapshot.verify() == []
    for table, interval in (("series", "1d"), ("intraday", "1h")):
        for key, entry in manifest[table].items():
            assert key in CATALOG
            frame = snapshot.load_frame(key, interval=interval)
            assert validate(frame) == [], key
            assert len(frame) == entry["rows"]
            assert entry["segments"] and all(seg.get("repository") for seg in entry["segments"]), key
            assert sum(seg["rows"] for seg in entry["segments"]) == entry["rows"], key
    # v2: the series that used to be missing are real now; what is still lacking is declared absent
    for key in ["eth", "sol", "ndx", "mu"]:
        assert key in manifest["series"] and key not in manifest["absent"]
    for key in ["zq_dec25", "zq_jan26", "dff"]:
        assert key in manifest["absent"] and key not in manifest["series"] and key not in manifest["intraday"]
    # v3: Binance BTC open interest (hourly and 5-minute) and CoinGlass liquidations, intraday only
    for key in ["btc_oi", "btc_oi_5m", "btc_liq_long", "btc_liq_short"]:
        assert key in manifest["intraday"] and key not in manifest["absent"] and key not in manifest["series"]


def _shared() -> Path:
    shared = ROOT.parent / "shared" / "data"
    if not shared.exists():
        pytest.skip("../shared/data is not beside this clone")
    return shared


def test_snapshot_matches_shared_data_files_row_for_row():
    """Every daily file and both hourly files: the same rows, dates and values (NaN where the file is empty, as in
    the closes-only spans), nothing added, nothing filled in."""
    shared = _shared()
    for path in sorted((shared / "daily").glob("*.csv")):
        key = path.stem
        raw = pd.read_csv(path).dropna(subset=["close"])
        frame = snapshot.load_frame(key)
        if key in ("nasdaq",):  # back-filled from FRED before its Yahoo file starts (its provenance says so)
            frame = frame[frame["source"] == "yahoo"].reset_index(drop=True)
        assert len(frame) == len(raw), key
        assert list(frame["ts"].dt.strftime("%Y-%m-%d")) == list(raw["date"]), key
        for col in ("open", "high", "low", "close", "volume"):
            np.testing.assert_allclose(frame[col].to_numpy(), raw[col].to_numpy(dtype=float), rtol=1e-12, err_msg=key)
    for name, key in (("btc_perp_binance", "btc"), ("eth_perp_binance", "eth")):
        raw = pd.read_csv(shared / "hourly" / f"{name}.csv")
        frame = snapshot.load_frame(key, interval="1h")
        assert len(frame) == len(raw), key
        assert (frame["ts"] == pd.to_datetime(raw["ts"], utc=True)).all(), key
        for col in ("open", "high", "low", "close", "volume"):
            np.testing.assert_allclose(frame[col].to_numpy(), raw[col].to_numpy(dtype=float), rtol=1e-12, err_msg=key)


def test_snapshot_build_is_reproducible(tmp_path):
    manifest = builder.build(str(_shared()), tmp_path / "snap")
    committed = snapshot.load_manifest()
    for table in ("series", "intraday"):
        assert {k: v["sha256"] for k, v in manifest[table].items()} == {
            k: v["sha256"] for k, v in committed[table].items()
        }


def test_hourly_perpetual_bars_are_served_on_utc_hours_and_named_as_perpetuals():
    bars = get_series("btc", "2025-11-21", "2025-11-21", interval="1h", source="snapshot")
    assert len(bars) == 24 and bars["ts"].iloc[0] == pd.Timestamp("2025-11-21 00:00", tz=UTC)
    assert (bars["ts"].diff().dropna() == pd.Timedelta(hours=1)).all()
    assert bars.attrs["label"] == "BTCUSDT perpetual (Binance)" and set(bars["symbol"]) == {bars.attrs["label"]}
    # the day's low, in the bar PROVENANCE names (12:00 UTC), not a daily bar
    low = bars.loc[bars["low"].idxmin()]
    assert low["ts"] == pd.Timestamp("2025-11-21 12:00", tz=UTC) and low["low"] == 80600.0
    eth = get_series("eth", "2025-11-21", "2025-11-21", interval="1h", source="snapshot")
    assert eth.attrs["label"] == "ETHUSDT perpetual (Binance)"


def test_new_daily_series_keep_their_own_session_dates():
    nikkei = get_series("nikkei", "2024-08-05", "2024-08-05", source="snapshot")  # the Tokyo crash session
    assert nikkei["ts"].tolist() == [pd.Timestamp("2024-08-05", tz=UTC)]
    raw = pd.read_csv(_shared() / "daily" / "nikkei.csv").set_index("date")
    assert nikkei["close"].iloc[0] == pytest.approx(raw.loc["2024-08-05", "close"])
    ndx = get_series("ndx", "2025-11-21", "2025-11-21", source="snapshot")
    assert ndx["symbol"].iloc[0] == "^NDX" and "stand" not in ndx.attrs["label"].lower()


def test_funding_and_prediction_market_odds_are_served_offline_under_their_own_names():
    funding = get_series("btc_funding", "2025-11-20", "2025-11-22", interval="1h", source="snapshot")
    assert (funding["ts"].dt.hour % 8 == 0).all() and funding["close"].abs().max() < 0.01
    poly = get_series("cut_odds_poly", "2025-11-16", "2025-12-07", interval="1h", source="snapshot")
    raw = pd.read_csv(_shared() / "odds" / "fomc_2025-12-10_no_change_30min.csv").dropna(subset=["poly_nochange_mid"])
    assert poly["close"].to_numpy() == pytest.approx(1 - raw["poly_nochange_mid"].to_numpy())
    assert "FedWatch" not in poly.attrs["label"] and "Polymarket" in poly.attrs["label"]
    with pytest.raises(NoDataError):  # intraday-only series have no daily bars to pretend with
        get_series("cut_odds_poly", "2025-11-16", "2025-12-07", source="snapshot")


def test_multi_source_series_keep_a_provenance_segment_per_repository():
    """Each segment of segments.csv is one manifest segment, with exactly the rows that file gives it."""
    listed = pd.read_csv(_shared() / "segments.csv", dtype=str, keep_default_na=False)
    for key in ("kospi", "twii", "softbank", "btc"):
        rows = listed[listed["key"] == key].sort_values("first")
        segs = snapshot.series_info(key)["segments"]
        assert [s["repository"] for s in segs] == list(rows["repository"]), key
        assert [s["rows"] for s in segs] == [int(r) for r in rows["rows"]], key
        assert [s["first"] for s in segs] == list(rows["first"]), key
    hourly = listed[listed["key"] == "hourly/btc_perp_binance.csv"]
    assert [s["repository"] for s in snapshot.series_info("btc", interval="1h")["segments"]] == list(
        hourly["repository"]
    )


def _copy_snapshot(tmp_path: Path) -> Path:
    import shutil

    out = tmp_path / "snapshot"
    shutil.copytree(snapshot.config.snapshot_dir(), out)
    return out


def test_a_build_from_nothing_is_refused_and_keeps_the_old_snapshot(tmp_path, monkeypatch):
    out = _copy_snapshot(tmp_path)
    before = (out / "manifest.json").read_text()
    with pytest.raises(builder.BuildError):
        builder.build(str(tmp_path / "nonexistent"), out)
    monkeypatch.setattr(service, "get_many", lambda keys, *a, **k: {key: service.empty_frame() for key in keys})
    with pytest.raises(builder.BuildError):  # live offline: every series empty
        builder.build("live", out)
    assert (out / "manifest.json").read_text() == before and snapshot.verify(out) == []


def test_a_build_that_loses_rows_is_refused(tmp_path):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(_shared(), src)
    os.chmod(src / "daily", 0o755)
    (src / "daily" / "btc.csv").chmod(0o644)
    lines = (src / "daily" / "btc.csv").read_text().splitlines()
    (src / "daily" / "btc.csv").write_text("\n".join(lines[:100]) + "\n")
    out = _copy_snapshot(tmp_path)
    with pytest.raises(builder.BuildError, match="btc"):
        builder.build(str(src), out)
    assert snapshot.verify(out) == [] and snapshot.load_manifest(out)["series"]["btc"]["rows"] > 100


def test_verify_fails_on_a_missing_empty_or_corrupt_snapshot(tmp_path):
    assert snapshot.verify(tmp_path / "nonexistent")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "manifest.json").write_text('{"series": {}, "intraday": {}}')
    assert snapshot.verify(tmp_path / "empty") == ["the snapshot holds no series"]
    out = _copy_snapshot(tmp_path)
    text = (out / "manifest.json").read_text()
    (out / "manifest.json").write_text(text.replace("{", "[", 1))
    snapshot.reset()
    problems = snapshot.verify(out)
    assert len(problems) == 1 and "manifest is unreadable" in problems[0] and str(tmp_path) not in problems[0]


def test_a_tampered_snapshot_is_named_as_damaged_not_as_missing_data(tmp_path, monkeypatch):
    out = _copy_snapshot(tmp_path)
    monkeypatch.setenv("SELLOFF_SNAPSHOT_DIR", str(out))
    snapshot.reset()
    path = out / snapshot.load_manifest(out)["series"]["btc"]["file"]
    path.write_bytes(path.read_bytes()[:-7] + b"tamper!")
    frame = get_many(["btc", "nvda"], "2025-11-01", "2025-11-30", source="snapshot")
    assert frame["btc"].empty and frame["btc"].attrs["error_code"] == "snapshot_corrupt"
    assert "failed its checksum for BTC" in frame["btc"].attrs["error"]
    assert not frame["nvda"].empty
    (out / "manifest.json").write_text("{ not json")
    snapshot.reset()
    frame = get_many(["nvda"], "2025-11-01", "2025-11-30", source="snapshot")["nvda"]
    assert frame.attrs["error_code"] == "snapshot_corrupt" and str(out) not in frame.attrs["error"]
    snapshot.reset()


@pytest.mark.parametrize(
    "argv, code",
    [
        (["build", "--from", "/nonexistent"], 2),
        (["verify"], 1),
    ],
)
def test_snapshot_cli_exits_non_zero_on_failure(argv, code, tmp_path, monkeypatch):
    from data_sources.snapshot.__main__ import main

    monkeypatch.setenv("SELLOFF_SNAPSHOT_DIR", str(tmp_path / "nothing"))
    assert main(argv) == code
    assert not (tmp_path / "nothing").exists()


def test_snapshot_backfill_keeps_provenance_per_row():
    """The Nasdaq Composite is back-filled from FRED's closes before the Yahoo file starts; each row keeps its
    publisher, and the back-filled rows have no open/high/low (FRED publishes closes only)."""
    nasdaq = snapshot.load_frame("nasdaq")
    first_yahoo = nasdaq.loc[nasdaq["source"] == "yahoo", "ts"].min()
    early = nasdaq[nasdaq["ts"] < first_yahoo]
    assert not early.empty and set(early["source"]) == {"fred"} and set(early["symbol"]) == {"NASDAQCOM"}
    assert early["open"].isna().all() and set(nasdaq.loc[nasdaq["ts"] >= first_yahoo, "source"]) == {"yahoo"}
    assert snapshot.series_info("nasdaq")["segments"][0]["note"].startswith("back-fill from")


# ---------------------------------------------------------------- service / fallback


def test_get_series_snapshot_tags_source_and_as_of():
    df = get_series("btc", "2025-11-01", "2025-11-30", source="snapshot")
    assert df.attrs["source"] == "snapshot" and df.attrs["as_of"] == snapshot.series_info("btc")["last"]
    assert df["ts"].iloc[0] == pd.Timestamp("2025-11-01", tz=UTC)
    assert df["ts"].iloc[-1] == pd.Timestamp("2025-11-30", tz=UTC)  # end is inclusive


def test_auto_falls_back_live_then_cache_then_snapshot(live_on, tmp_path):
    cache = DiskCache(tmp_path / "c", ttl=3600)
    good = Scripted(recorded.yf_download_daily())
    live_on.setitem(service.FETCHERS, "yahoo", lambda: good)
    live = get_series("nvda", "2025-11-18", "2025-11-25", cache=cache)
    assert live.attrs["source"] == "yahoo" and live.attrs["fallback"] is None and len(live) == 6

    # fresh cache answers without calling the source
    again = get_series("nvda", "2025-11-19", "2025-11-25", cache=cache)
    assert again.attrs["source"] == "cache:yahoo" and good.calls == 1

    # live fails and the cache is stale -> stale cache, with the reason
    stale = DiskCache(tmp_path / "c", ttl=0)
    bad = Scripted(recorded.yf_download_empty(["NVDA"]))
    live_on.setitem(service.FETCHERS, "yahoo", lambda: bad)
    df = get_series("nvda", "2025-11-18", "2025-11-25", cache=stale)
    assert df.attrs["source"] == "cache:yahoo (stale)" and "empty frame" in df.attrs["fallback"]

    # live fails, no cache -> snapshot, with the reason
    service.BREAKER.reset()
    df = get_series("nvda", "2025-11-18", "2025-11-25", cache=DiskCache(tmp_path / "empty", ttl=0))
    assert df.attrs["source"] == "snapshot" and "empty frame" in df.attrs["fallback"]
    assert len(df) == 6


def test_breaker_skips_a_failed_source_for_a_while(live_on, tmp_path):
    bad = Scripted(SourceUnavailableError("offline"))
    live_on.setitem(service.FETCHERS, "yahoo", lambda: bad)
    cache = DiskCache(tmp_path / "c")
    get_many(["nvda", "msft"], "2025-11-18", "2025-11-25", cache=cache)
    get_many(["nvda", "msft"], "2025-11-18", "2025-11-25", cache=cache)
    assert bad.calls == 1


def test_live_mode_raises_clearly(live_on, tmp_path):
    live_on.setitem(service.FETCHERS, "yahoo", lambda: Scripted(recorded.yf_download_empty(["NVDA"])))
    with pytest.raises(SourceUnavailableError, match="live source failed"):
        get_series("nvda", "2025-11-18", "2025-11-25", source="live", cache=DiskCache(tmp_path))


def test_live_failure_leaves_no_cache_file(live_on, tmp_path):
    live_on.setitem(service.FETCHERS, "yahoo", lambda: Scripted(RuntimeError("boom mid-download")))
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
        get_series("zq_dec25", "2025-11-01", "2025-11-30")
    with pytest.raises(NoDataError, match="only from"):  # the Nikkei in the snapshot starts on 6 Jan 2020
        get_series("nikkei", "2019-11-01", "2019-12-01", source="snapshot")


def test_done_when_get_many_all_keys_offline():
    out = get_many(list(CATALOG), dt.date(2025, 10, 1), dt.date(2025, 12, 5))
    assert set(out) == set(CATALOG)
    held = snapshot.load_manifest()["series"]
    intraday_only = set(snapshot.load_manifest()["intraday"]) - set(held)
    for key, frame in out.items():
        if key in held:
            assert not frame.empty and frame.attrs["source"] == "snapshot", key
            live = "no live adapter" if catalog.get(key).source in ("derived", "prediction_markets") else "switched off"
            assert live in frame.attrs["fallback"], key
        elif key in intraday_only:
            assert frame.empty and "intraday data only" in frame.attrs["error"], key
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
    required = (
        "btc eth sol ndx nasdaq spx dji hood coin mstr nvda msft aapl amzn googl meta tsla mu tsm amat asml "
        "intc qcom softbank sk_hynix samsung nikkei kospi hsi twii sox vix ust10y ust2y ust3m dxy gold unrate "
        "payems fedfunds dff zq_dec25 zq_jan26"
    ).split()
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
