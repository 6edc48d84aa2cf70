"""Recorded API payloads, shaped exactly as each API returns them (values copied from real downloads)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"

# yf.download(["NVDA", "^N225"], start="2025-11-18", end="2025-11-26", interval="1d") with group_by="column":
# columns MultiIndex (Price, Ticker), naive DatetimeIndex named Date = each exchange's session date,
# the union of both calendars (24 Nov is a Tokyo holiday) with NaN where a market was closed.
_DAILY = {
    "NVDA": {
        "2025-11-18": (183.37, 184.79, 179.64, 181.35, 213598900),
        "2025-11-19": (184.78, 187.85, 182.82, 186.51, 247246400),
        "2025-11-20": (195.94, 195.99, 179.84, 180.63, 343504800),
        "2025-11-21": (181.23, 184.55, 172.92, 178.87, 346926200),
        "2025-11-24": (179.48, 183.49, 176.47, 182.54, 256618300),
        "2025-11-25": (174.90, 178.15, 169.54, 177.81, 320600300),
    },
    "^N225": {
        "2025-11-18": (49812.95, 49971.55, 48661.52, 48702.98, 137400000),
        "2025-11-19": (48822.88, 49087.11, 48235.30, 48537.70, 136500000),
        "2025-11-20": (49129.29, 50574.82, 49113.39, 49823.94, 139400000),
        "2025-11-21": (49251.26, 49459.59, 48490.03, 48625.88, 212200000),
        "2025-11-25": (49113.82, 49182.32, 48511.95, 48659.52, 144500000),
    },
}


def yf_download_daily() -> pd.DataFrame:
    dates = sorted({d for rows in _DAILY.values() for d in rows})
    index = pd.DatetimeIndex(pd.to_datetime(dates), name="Date")
    cols, data = [], []
    for field_pos, field in enumerate(["Open", "High", "Low", "Close", "Volume"]):
        for ticker in sorted(_DAILY):
            cols.append((field, ticker))
            data.append([_DAILY[ticker][d][field_pos] if d in _DAILY[ticker] else np.nan for d in dates])
    frame = pd.DataFrame(
        np.array(data).T, index=index, columns=pd.MultiIndex.from_tuples(cols, names=["Price", "Ticker"])
    )
    return frame.sort_index(axis=1, level=0)


def yf_download_daily_grouped_by_ticker() -> pd.DataFrame:
    frame = yf_download_daily()
    frame.columns = frame.columns.swaplevel(0, 1)
    frame.columns.names = ["Ticker", "Price"]
    return frame.sort_index(axis=1, level=0)


def yf_download_hourly() -> pd.DataFrame:
    """yf.download("NVDA", interval="1h"): tz-aware index in the exchange's zone, named Datetime.

    Shape only: no real hourly download is available offline, so these three bars are made-up test
    values that never reach the app.
    """
    index = pd.DatetimeIndex(["2025-11-21 09:30", "2025-11-21 10:30", "2025-11-21 11:30"], name="Datetime").tz_localize(
        "America/New_York"
    )
    cols = pd.MultiIndex.from_tuples(
        [("Close", "NVDA"), ("High", "NVDA"), ("Low", "NVDA"), ("Open", "NVDA"), ("Volume", "NVDA")],
        names=["Price", "Ticker"],
    )
    data = [
        [183.10, 184.56, 180.20, 181.24, 60123400],
        [178.30, 183.40, 177.90, 183.10, 41234500],
        [176.10, 178.70, 172.93, 178.30, 38876500],
    ]
    return pd.DataFrame(data, index=index, columns=cols, dtype="float64")


def yf_download_empty(tickers: list[str]) -> pd.DataFrame:
    """What yf.download returns offline: no rows, the full column MultiIndex, and no exception."""
    fields = ["Adj Close", "Close", "High", "Low", "Open", "Volume"]
    cols = pd.MultiIndex.from_tuples([(f, t) for f in fields for t in sorted(tickers)], names=["Price", "Ticker"])
    return pd.DataFrame(index=pd.DatetimeIndex([], dtype="datetime64[s]"), columns=cols, dtype="float64")


def binance_exchange_info() -> dict:
    return json.loads((FIXTURES / "binance_exchange_info.json").read_text())


# Binance /api/v3/klines rows: [open time, open, high, low, close, volume, close time, quote volume,
# trades, taker buy base, taker buy quote, ignore], numbers as strings, 1d candles 18-25 Nov 2025. The
# prices are the real BTC-USD daily bars of shared/data (no Binance download is available offline);
# base volume is quote volume / close.
BTC_DAILY_KLINES = [
    [
        1763424000000,
        "92094.53",
        "93745.08",
        "89300.46",
        "92948.88",
        "1090207.59",
        1763510399999,
        "101333569062",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1763510400000,
        "92946.16",
        "92946.16",
        "88526.83",
        "91465.99",
        "878472.45",
        1763596799999,
        "80350354656",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1763596800000,
        "91459.35",
        "93025.07",
        "86040.80",
        "86631.90",
        "1130884.21",
        1763683199999,
        "97970645638",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1763683200000,
        "86528.77",
        "87380.80",
        "80659.81",
        "85090.69",
        "1517880.63",
        1763769599999,
        "129157506112",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1763769600000,
        "85098.56",
        "85503.01",
        "83490.90",
        "84648.36",
        "481912.46",
        1763855999999,
        "40793099246",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1763856000000,
        "84648.61",
        "88038.47",
        "84641.77",
        "86805.01",
        "669125.40",
        1763942399999,
        "58083435576",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1763942400000,
        "86798.77",
        "89206.34",
        "85272.20",
        "88270.56",
        "843247.10",
        1764028799999,
        "74433896110",
        0,
        "0",
        "0",
        "0",
    ],
    [
        1764028800000,
        "88269.96",
        "88457.34",
        "86131.43",
        "87341.89",
        "742339.59",
        1764115199999,
        "64837343545",
        0,
        "0",
        "0",
        "0",
    ],
]

FRED_UNRATE_CSV = """observation_date,UNRATE
2025-07-01,4.2
2025-08-01,4.3
2025-09-01,4.4
2025-10-01,.
2025-11-01,4.5
"""

FRED_PAYEMS_CSV_OLD_HEADER = """DATE,PAYEMS
2025-08-01,159485.0
2025-09-01,159593.0
2025-10-01,
"""


def binance_usdm_exchange_info() -> dict:
    """GET fapi/v1/exchangeInfo, trimmed to the BTCUSDT perpetual (field for field as Binance sends it)."""
    return json.loads((FIXTURES / "binance_usdm_exchange_info.json").read_text())


# GET fapi/v1/fundingRate and futures/data/openInterestHist: Binance's shapes (strings for numbers, ms
# timestamps). The values are illustrative, for the adapter's tests only; the app never ships them.
def binance_funding(start_ms: int, n: int) -> list[dict]:
    step = 8 * 3_600_000
    return [
        {
            "symbol": "BTCUSDT",
            "fundingTime": start_ms + i * step,
            "fundingRate": f"{0.0001 - i * 0.00002:.8f}",
            "markPrice": f"{90000 - 500 * i:.8f}",
        }
        for i in range(n)
    ]


def binance_open_interest(start_ms: int, n: int) -> list[dict]:
    step = 3_600_000
    return [
        {
            "symbol": "BTCUSDT",
            "sumOpenInterest": f"{95000 - 100 * i:.8f}",
            "sumOpenInterestValue": f"{(95000 - 100 * i) * 85000:.8f}",
            "CMCCirculatingSupply": "19950000.0",
            "timestamp": start_ms + i * step,
        }
        for i in range(n)
    ]
