"""Write the embedded snapshot: from a folder of real downloads (``../shared/data``) or from live sources.

A build never damages the snapshot it replaces: it writes a new folder beside it, checks it (checksums,
schema, and that every series the old snapshot held still has at least as many rows), and only then swaps
it in. Any failure raises ``BuildError`` and leaves the old folder untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from data_sources import catalog, config
from data_sources.fred import parse_fred_csv
from data_sources.schema import COLUMNS, session_dates_to_utc, tidy, validate
from data_sources.snapshot import MANIFEST, load_manifest, reset, sha256, verify

log = logging.getLogger(__name__)

Built = dict[str, tuple[pd.DataFrame, list[dict[str, Any]]]]

# Intraday files of ../shared/data: (folder/name, catalog key, instrument as it must be labelled, reader)
INTRADAY_FILES = (
    ("hourly/btc_perp_binance", "btc", "BTCUSDT perpetual (Binance)", "bars"),
    ("hourly/eth_perp_binance", "eth", "ETHUSDT perpetual (Binance)", "bars"),
    ("derivatives/btc_funding_binance_8h", "btc_funding", "BTCUSDT perpetual funding rate (Binance)", "funding"),
    # open interest in USD (the value the live adapter serves, ccxt's ``openInterestValue``), not in BTC
    ("derivatives/btcusdt_perp_oi_ls_binance_1h_2025-11-13_2025-11-28", "btc_oi", "", "open_interest"),
    ("derivatives/btcusdt_perp_oi_ls_binance_5m_2025-11-21", "btc_oi_5m", "", "open_interest"),
    ("derivatives/btc_liquidations_coinglass_4h_2025-05-18_2025-11-14", "btc_liq_long", "", "liq_long"),
    ("derivatives/btc_liquidations_coinglass_4h_2025-05-18_2025-11-14", "btc_liq_short", "", "liq_short"),
)
# the column of each derivatives file that goes into ``close`` (the schema's one value per timestamp)
VALUE_COLUMNS = {
    "funding": "funding_rate",
    "open_interest": "sum_open_interest_value_usd",
    "liq_long": "long_liq_usd",
    "liq_short": "short_liq_usd",
}
SEGMENTS = "segments.csv"
# PROVENANCE.md gives the derivatives files in prose sections ("Open interest, long/short ratios and liquidations"),
# not in its table: their repository, path and commit, as that section names them.
DERIVATIVES_PROVENANCE = {
    "derivatives/btcusdt_perp_oi_ls_binance_1h_2025-11-13_2025-11-28": {
        "repository": "millbo01/IPF-data",
        "path": "data/metrics/BTCUSDT_2025.csv",
        "commit": "82a32595da2dc51c3001e90634fd09262aec2068",
        "note": "Binance Vision futures/um metrics (sum_open_interest_value, USD), the row at each full hour, sampled "
        "not averaged; transcribed row by row and cross-checked against a second copy and the perp price bars",
    },
    "derivatives/btcusdt_perp_oi_ls_binance_5m_2025-11-21": {
        "repository": "millbo01/IPF-data",
        "path": "data/metrics/BTCUSDT_2025.csv",
        "commit": "82a32595da2dc51c3001e90634fd09262aec2068",
        "note": "Binance Vision futures/um metrics (sum_open_interest_value, USD), every 5 minutes on 21 Nov 2025; "
        "transcribed row by row and cross-checked against a second copy and the perp price bars",
    },
    "derivatives/btc_liquidations_coinglass_4h_2025-05-18_2025-11-14": {
        "repository": "FelipeODonnell/liquidity-report",
        "path": "data/20251114/futures/liquidation/api_futures_liquidation_aggregated_coin_history_BTC.parquet",
        "commit": "7b21f7c7ccaaade9c48cd6fe26f64c3d1e330b26",
        "note": "CoinGlass v4 aggregated liquidation history, BTC, 4 h, exchange_list=Binance: Binance BTC "
        "liquidations as CoinGlass counts them (an undercount of the market); ends 2025-11-14 16:00 UTC",
    },
}
ODDS_FILE = "odds/fomc_2025-12-10_no_change_30min"
ODDS_COLUMNS = {
    "cut_odds_poly": ("poly_nochange_mid", "Polymarket"),
    "cut_odds_kalshi": ("kalshi_nochange_mid", "Kalshi"),
}


class BuildError(RuntimeError):
    """A build that must not replace the current snapshot (nothing read, a check failed, rows lost)."""


class OutRefused(BuildError):
    """An ``--out`` a build must not touch: a folder with other things in it, or a place that cannot be written."""


def check_out(out: Path) -> None:
    """Refuse an output that is not a snapshot folder: a build swaps the whole folder, so an existing folder that
    holds anything but a snapshot (``--out data`` holds claims.csv, episodes.csv, ...) would be deleted."""
    if out.exists() and not out.is_dir():
        raise OutRefused(f"--out {out.name}: exists and is not a folder")
    if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise OutRefused(
            f"--out {out.name}: a folder that holds other files and no snapshot; give a new or snapshot folder"
        )
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutRefused(
            f"--out: cannot create {parent.name or parent} ({exc.strerror or type(exc).__name__})"
        ) from None
    if not os.access(parent, os.W_OK):
        raise OutRefused(f"--out: cannot write in {parent.name or parent}")


def parse_provenance(text: str) -> dict[str, dict[str, str]]:
    """Rows of PROVENANCE.md's per-file tables (those with a ``repository`` column), by their first column.

    Each table has its own header (the file holds several, in other shapes too); the first row given for a name
    wins, so a later summary table never overwrites a file's own row.
    """
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None  # a table ends at its first non-table line
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: ") and "repository" in header:
            rows.setdefault(cells[0], dict(zip(header, cells, strict=False)))  # a short row leaves its last cells out
    return rows


_RANGED = re.compile(r"^([\w/]+) \(([\d\-., ]+)\)$")


def provenance_rows(
    provenance: dict[str, dict[str, str]], key: str
) -> list[tuple[dict[str, str], list[tuple[str, str]]]]:
    """Every provenance row of one file, with the date ranges it covers.

    A plain row (``spx``) covers its own first..last; a ranged row (``spx (2024-01-02..2025-09-05, ...)``)
    covers the ranges in its name: a series assembled from several repositories keeps each one's rows.
    """
    out = []
    for name, row in provenance.items():
        m = _RANGED.match(name)
        if name == key:
            out.append((row, [(row.get("first", "")[:10], row.get("last", "")[:10])]))
        elif m and m.group(1) == key:
            out.append((row, [tuple(part.strip().split("..")) for part in m.group(2).split(",")]))
    return out


def _segment(
    prov: dict[str, str] | None, frame: pd.DataFrame, publisher: str, symbol: str, intraday: bool = False
) -> dict[str, Any]:
    stamp = (lambda ts: ts.isoformat()) if intraday else (lambda ts: ts.date().isoformat())
    seg: dict[str, Any] = {
        "publisher": publisher,
        "symbol": symbol,
        "first": stamp(frame["ts"].iloc[0]),
        "last": stamp(frame["ts"].iloc[-1]),
        "rows": int(len(frame)),
    }
    if prov:
        seg.update({k: prov.get(k, "") for k in ("repository", "path", "commit", "note")})
    return seg


def _segments(
    provenance: dict[str, dict[str, str]],
    name: str,
    frame: pd.DataFrame,
    publisher: str,
    symbol: str,
    intraday: bool = False,
) -> list[dict[str, Any]]:
    rows = provenance_rows(provenance, name)
    if not rows:
        return [_segment(None, frame, publisher, symbol, intraday)]
    segs = []
    day = frame["ts"].dt.strftime("%Y-%m-%d")
    for prov, ranges in rows:
        mask = pd.Series(False, index=frame.index)
        for first, last in ranges:
            mask |= (day >= first) & (day <= last)
        part = frame[mask]
        if not part.empty:
            seg = _segment(prov, part, publisher, prov.get("symbol") or symbol, intraday)
            if len(ranges) > 1:
                seg["covers"] = ", ".join(f"{a}..{b}" for a, b in ranges)
            segs.append(seg)
    return sorted(segs, key=lambda s: s["first"]) or [_segment(None, frame, publisher, symbol, intraday)]


def _read_daily_csv(path: Path, symbol: str, publisher: str) -> pd.DataFrame:
    table = pd.read_csv(path)
    table["ts"] = session_dates_to_utc(pd.DatetimeIndex(pd.to_datetime(table["date"], format="%Y-%m-%d")))
    return tidy(table, symbol=symbol, source=publisher)


def _read_intraday_csv(path: Path, instrument: str, kind: str) -> pd.DataFrame:
    table = pd.read_csv(path)
    table["ts"] = pd.to_datetime(table["ts"], utc=True)
    if kind in VALUE_COLUMNS:  # one value per stamp sits in ``close``, as the live derivatives adapter returns it
        table = pd.DataFrame({"ts": table["ts"], "close": table[VALUE_COLUMNS[kind]]})
    source = "coinglass" if kind.startswith("liq") else "binance-perp"
    return tidy(table, symbol=instrument, source=source)


def read_segments(src: Path) -> dict[str, list[dict[str, str]]]:
    """``segments.csv``: the provenance segments of each file, by its key (``nvda``, ``hourly/<file>.csv``)."""
    path = src / SEGMENTS
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    out: dict[str, list[dict[str, str]]] = {}
    for row in table.to_dict("records"):
        out.setdefault(row["key"], []).append(row)
    return out


def _listed_segments(
    listed: list[dict[str, str]], name: str, frame: pd.DataFrame, publisher: str, symbol: str, intraday: bool
) -> list[dict[str, Any]]:
    """One manifest segment per ``segments.csv`` row; each must hold exactly the rows it says, and together all rows.

    A mismatch means the file and its provenance disagree: the build stops rather than misattribute a row.
    """
    segs = []
    covered = 0
    for row in listed:
        first, last = pd.Timestamp(row["first"]), pd.Timestamp(row["last"])
        if first.tz is None:
            first, last = first.tz_localize("UTC"), last.tz_localize("UTC")
        part = frame[(frame["ts"] >= first) & (frame["ts"] <= last)]
        if len(part) != int(row["rows"]):
            span = f"{row['first']}..{row['last']}"
            raise BuildError(f"{name}: segments.csv says {row['rows']} rows {span}, found {len(part)}")
        covered += len(part)
        seg = _segment(row, part, publisher, symbol, intraday)
        segs.append(seg)
    if covered != len(frame):
        raise BuildError(f"{name}: segments.csv covers {covered} rows of {len(frame)}")
    return sorted(segs, key=lambda seg: seg["first"])


def utc_days(hourly: pd.DataFrame, symbol: str) -> pd.DataFrame:
    """Daily bars from hourly ones: first open, highest high, lowest low, last close, summed volume per UTC day.

    Only days with all 24 hours are kept: a day with a missing hour is left out, never filled in.
    """
    day = hourly["ts"].dt.floor("D")
    grouped = hourly.groupby(day)
    table = pd.DataFrame(
        {
            "open": grouped["open"].first(),
            "high": grouped["high"].max(),
            "low": grouped["low"].min(),
            "close": grouped["close"].last(),
            "volume": grouped["volume"].sum(),
            "hours": grouped["close"].count(),
        }
    )
    table = table[table["hours"] == 24].drop(columns="hours").reset_index(names="ts")
    return tidy(table, symbol=symbol, source="binance-perp")


def _read_odds(path: Path) -> dict[str, pd.DataFrame]:
    """Each market's cut odds: 1 - mid of "no change" (rounded to the quotes' precision; blank mids dropped)."""
    table = pd.read_csv(path)
    table["ts"] = pd.to_datetime(table["ts"], utc=True)
    out = {}
    for key, (column, market) in ODDS_COLUMNS.items():
        odds = pd.DataFrame({"ts": table["ts"], "close": (1 - table[column]).round(6)})
        out[key] = tidy(odds, symbol=catalog.get(key).symbol, source=market.lower())
    return out


def _from_directory(src: Path) -> tuple[Built, Built, dict[str, str]]:
    if not src.is_dir():
        raise BuildError(f"no such folder: {src}")
    prov_path = src / "PROVENANCE.md"
    provenance = parse_provenance(prov_path.read_text(encoding="utf-8")) if prov_path.exists() else {}
    listed = read_segments(src)
    built: Built = {}
    for series in catalog.CATALOG.values():
        daily = src / "daily" / f"{series.key}.csv"
        fred = src / "fred" / f"{series.symbol}.csv"
        if daily.exists():
            name = series.key
            symbol = (provenance.get(name) or {}).get("symbol") or series.symbol
            frame = _read_daily_csv(daily, symbol, "yahoo")
        elif series.source == "fred" and fred.exists():
            name = symbol = series.symbol
            frame = parse_fred_csv(fred.read_text(encoding="utf-8"), symbol=symbol)
        else:
            continue
        if frame.empty:
            continue
        publisher = frame["source"].iloc[0]
        if daily.exists() and series.key in listed:
            segs = _listed_segments(listed[series.key], series.key, frame, publisher, symbol, intraday=False)
        else:
            segs = _segments(provenance, name, frame, publisher, symbol)
        built[series.key] = (frame, segs)
    _backfill(built)
    intraday: Built = {}
    for name, key, instrument, kind in INTRADAY_FILES:
        path = src / f"{name}.csv"
        if path.exists():
            instrument = instrument or catalog.get(key).symbol
            frame = _read_intraday_csv(path, instrument, kind)
            publisher = frame["source"].iloc[0]
            if f"{name}.csv" in listed:
                segs = _listed_segments(listed[f"{name}.csv"], name, frame, publisher, instrument, intraday=True)
            else:
                prov = DERIVATIVES_PROVENANCE.get(name)
                if prov:
                    segs = [_segment(prov, frame, publisher, instrument, intraday=True)]
                else:
                    segs = _segments(provenance, name, frame, publisher, instrument, intraday=True)
            intraday[key] = (frame, segs)
    if "btc" in intraday:  # the perpetual's UTC days, for dates the spot daily bars do not reach
        hourly, segs = intraday["btc"]
        daily = utc_days(hourly, catalog.get("btc_perp_daily").symbol)
        built["btc_perp_daily"] = (daily, _derived_day_segments(daily, segs))
    odds_path = src / f"{ODDS_FILE}.csv"
    if odds_path.exists():
        for key, frame in _read_odds(odds_path).items():
            intraday[key] = (
                frame,
                _segments(
                    provenance, ODDS_FILE, frame, frame["source"].iloc[0], catalog.get(key).symbol, intraday=True
                ),
            )
    absent = {
        key: "no real data for it in the snapshot source (live sources provide it where reachable)"
        for key in catalog.CATALOG
        if key not in built and key not in intraday
    }
    return built, intraday, absent


def _derived_day_segments(daily: pd.DataFrame, hourly_segs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A UTC day aggregated from hourly bars is credited to the hourly segment that holds its last hour (its close)."""
    last_hour = daily["ts"] + pd.Timedelta(hours=23)
    out = []
    for seg in hourly_segs:
        inside = (last_hour >= pd.Timestamp(seg["first"])) & (last_hour <= pd.Timestamp(seg["last"]))
        part = daily[inside.to_numpy()]
        if part.empty:
            continue
        derived = _segment(None, part, "binance-perp", daily["symbol"].iloc[0])
        derived.update({k: seg.get(k, "") for k in ("repository", "path", "commit")})
        derived["note"] = "UTC-day bars aggregated from the hourly perpetual bars (complete days only)"
        out.append(derived)
    return out


def _backfill(built: Built) -> None:
    """The same quantity from another publisher, only for dates before the primary file starts."""
    for series in catalog.CATALOG.values():
        if not (series.backfill and series.key in built and series.backfill in built):
            continue
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


def _from_live(start: dt.date, end: dt.date) -> tuple[Built, dict[str, str]]:
    from data_sources.service import (
        get_many,  # the live path only; the reader never imports the service
        network_budget,
    )

    with network_budget(3600.0):  # a build may wait on slow sources; a page never does
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


def _write(out: Path, table: Built, suffix: str, intraday: bool) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    stamp = (lambda ts: ts.isoformat()) if intraday else (lambda ts: ts.date().isoformat())
    for key, (frame, segments) in sorted(table.items()):
        problems = validate(frame)
        if problems:
            raise BuildError(f"{key}: {problems}")
        path = out / f"{re.sub(r'[^a-z0-9_]', '_', key)}{suffix}.parquet"
        frame[COLUMNS].to_parquet(path, index=False, compression="zstd")
        entries[key] = {
            "file": path.name,
            "sha256": sha256(path),
            "interval": "1h" if intraday else "1d",
            "rows": int(len(frame)),
            "first": stamp(frame["ts"].iloc[0]),
            "last": stamp(frame["ts"].iloc[-1]),
            "instrument": str(frame["symbol"].iloc[-1]),
            "segments": segments,
        }
    return entries


def _lost_rows(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lost = []
    for table in ("series", "intraday"):
        for key, entry in (old.get(table) or {}).items():
            now = (new.get(table) or {}).get(key)
            if now is None or now["rows"] < entry.get("rows", 0):
                lost.append(f"{key} ({table}): {entry.get('rows')} rows before, {now['rows'] if now else 0} now")
    return lost


def build(
    src: str,
    out: Path | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    allow_fewer_rows: bool = False,
) -> dict[str, Any]:
    """Build, check, then swap in the snapshot folder (parquet per series + manifest); return the manifest."""
    out = Path(out or config.snapshot_dir())
    check_out(out)
    carried: dict[str, Any] = {}
    try:
        old = load_manifest(out)
    except Exception:  # a damaged snapshot is what a rebuild repairs
        old = {}
    if src == "live":
        built, absent = _from_live(start or dt.date(2024, 1, 1), end or dt.date.today())
        intraday: Built = {}
        carried = dict(old.get("intraday") or {})  # live intraday bars are spot, not these perpetuals: keep them
        origin = "live download"
    else:
        built, intraday, absent = _from_directory(Path(src))
        origin = (
            f"real Yahoo/FRED/Binance/prediction-market downloads in {Path(src).name}/ (see each series' provenance)"
        )
    if not built:
        raise BuildError(f"nothing to build from {src}: no series could be read; the current snapshot is kept")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    # mkdtemp makes 0700: the new folder takes the old one's mode (0755 for a first build) so every reader keeps it
    tmp.chmod(out.stat().st_mode & 0o777 if out.is_dir() else 0o755)
    try:
        series = _write(tmp, built, "", intraday=False)
        hourly = _write(tmp, intraday, "_1h", intraday=True)
        for key, entry in carried.items():
            shutil.copy2(out / entry["file"], tmp / entry["file"])
            hourly[key] = entry
        manifest = {
            "format": 3,
            "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "origin": origin,
            "as_of": max(s["last"] for s in series.values()),
            "series": series,
            "intraday": hourly,
            "absent": {k: v for k, v in sorted(absent.items()) if k not in hourly},
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        problems = verify(tmp)
        if not allow_fewer_rows:
            problems += _lost_rows(old, manifest)
        if problems:
            raise BuildError("the new snapshot failed its checks, the current one is kept: " + "; ".join(problems[:8]))
        _swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        reset()
    return manifest


def _swap(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` with two renames, so a reader never sees a half-written folder for long."""
    if not out.exists():
        new.rename(out)
        return
    old = out.with_name(f".{out.name}.old-{dt.datetime.now().strftime('%H%M%S%f')}")
    out.rename(old)
    try:
        new.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
