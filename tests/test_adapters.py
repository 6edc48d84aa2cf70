"""Adapters against recorded, API-shaped payloads: never the network."""

from __future__ import annotations

import ccxt
import pandas as pd
import pytest

from data_sources import ccxt_source as crypto_mod
from data_sources.ccxt_source import CryptoFetcher, transform_klines
from data_sources.errors import NoDataError, SourceUnavailableError
from data_sources.fetcher import Query
from data_sources.fred import FredFetcher, parse_fred_csv
from data_sources.schema import validate
from data_sources.yahoo import YahooFetcher, transform_download
from tests import recorded

UTC = "UTC"
S, E = pd.Timestamp("2025-11-18", tz=UTC), pd.Timestamp("2025-11-26", tz=UTC)


def _q(key, symbol, interval="1d", start=S, end=E, tz="UTC"):
    return Query(key, symbol, start, end, interval, tz)


# ---------------------------------------------------------------- yahoo


@pytest.mark.parametrize("raw", [recorded.yf_download_daily(), recorded.yf_download_daily_grouped_by_ticker()])
def test_yahoo_multiindex_either_layout(raw):
    out = transform_download(raw, [_q("nvda", "NVDA", tz="America/New_York"), _q("nikkei", "^N225", tz="Asia/Tokyo")])
    nvda, nikkei = out["nvda"], out["nikkei"]
    assert validate(nvda) == [] and validate(nikkei) == []
    assert len(nvda) == 6 and len(nikkei) == 5  # the union index's NaN rows are not observations
    # Tokyo's 21 Nov session stays on 21 Nov (not shifted to 20 Nov 15:00 UTC).
    row = nikkei[nikkei["ts"] == pd.Timestamp("2025-11-21", tz=UTC)]
    assert row["close"].item() == pytest.approx(48625.88)
    assert pd.Timestamp("2025-11-24", tz=UTC) not in set(nikkei["ts"])  # Tokyo holiday
    assert nvda["symbol"].unique().tolist() == ["NVDA"] and set(nvda["source"]) == {"yahoo"}
    assert nvda.loc[nvda["ts"] == pd.Timestamp("2025-11-20", tz=UTC), "volume"].item() == 343504800


def test_yahoo_fetcher_batches_one_download(monkeypatch):
    calls = []

    def fake_download(**params):
        calls.append(params)
        return recorded.yf_download_daily()

    import yfinance

    monkeypatch.setattr(yfinance, "download", fake_download)
    monkeypatch.setattr("data_sources.yahoo.resolves", lambda host: True)
    out = YahooFetcher().fetch([_q("nvda", "NVDA"), _q("nikkei", "^N225")])
    assert len(calls) == 1
    assert calls[0]["tickers"] == ["NVDA", "^N225"] and calls[0]["auto_adjust"] is True
    assert calls[0]["start"] == "2025-11-18" and calls[0]["end"] == "2025-11-26"
    assert {k: len(v) for k, v in out.items()} == {"nvda": 6, "nikkei": 5}


def test_yahoo_empty_frame_is_an_error_not_data():
    raw = recorded.yf_download_empty(["NVDA", "^N225"])
    out = transform_download(raw, [_q("nvda", "NVDA"), _q("nikkei", "^N225")])
    assert all(isinstance(v, SourceUnavailableError) for v in out.values())


def test_yahoo_one_unknown_ticker_fails_alone():
    raw = recorded.yf_download_daily()
    out = transform_download(raw, [_q("nvda", "NVDA"), _q("mu", "MU")])
    assert isinstance(out["mu"], NoDataError) and len(out["nvda"]) == 6


def test_yahoo_hourly_converts_local_time_to_utc():
    out = transform_download(
        recorded.yf_download_hourly(),
        [_q("nvda", "NVDA", "1h", pd.Timestamp("2025-11-21", tz=UTC), pd.Timestamp("2025-11-22", tz=UTC))],
    )
    ts = out["nvda"]["ts"]
    assert ts.iloc[0] == pd.Timestamp("2025-11-21 14:30", tz=UTC)  # 09:30 New York = 14:30 UTC in November
    assert validate(out["nvda"]) == []


# ---------------------------------------------------------------- crypto (real ccxt object, fake HTTP)


def _binance(pages: list[list], fail_on_page: int | None = None):
    """A real ccxt.binance whose HTTP layer answers from recorded Binance JSON."""
    calls = []
    ex = ccxt.binance({"options": {"fetchMarkets": {"types": ["spot"]}}})

    def fake_fetch(url, method="GET", headers=None, body=None):
        calls.append(url)
        if "exchangeInfo" in url:
            return recorded.binance_exchange_info()
        if "klines" in url:
            page_no = sum("klines" in c for c in calls) - 1
            if fail_on_page is not None and page_no == fail_on_page:
                raise ccxt.NetworkError("binance GET /api/v3/klines 502 Bad Gateway")
            return pages[page_no] if page_no < len(pages) else []
        raise AssertionError(f"unexpected call {url}")

    ex.fetch = fake_fetch
    return ex, calls


def test_crypto_paginates_and_respects_rate_limit(monkeypatch):
    monkeypatch.setattr(crypto_mod, "PAGE_LIMIT", 3)
    rows = recorded.BTC_DAILY_KLINES
    ex, calls = _binance([rows[0:3], rows[3:6], rows[6:8]])
    assert ex.enableRateLimit and ex.rateLimit > 0
    out = CryptoFetcher(["binance"], factory=lambda _id: ex).fetch([_q("btc", "BTC/USDT")])
    frame = out["btc"]
    assert len(frame) == 8 and validate(frame) == []
    kline_calls = [c for c in calls if "klines" in c]
    assert len(kline_calls) == 3
    assert "startTime=1763424000000" in kline_calls[0] and "startTime=1763683200000" in kline_calls[1]
    assert frame["source"].iloc[0] == "crypto:binance"
    assert frame.loc[frame["ts"] == pd.Timestamp("2025-11-21", tz=UTC), "low"].item() == pytest.approx(80659.81)


def test_crypto_network_error_mid_pagination_fails_the_whole_series(monkeypatch):
    monkeypatch.setattr(crypto_mod, "PAGE_LIMIT", 3)
    rows = recorded.BTC_DAILY_KLINES
    ex, _ = _binance([rows[0:3], rows[3:6], rows[6:8]], fail_on_page=1)
    out = CryptoFetcher(["binance"], factory=lambda _id: ex).fetch([_q("btc", "BTC/USDT")])
    assert isinstance(out["btc"], SourceUnavailableError)
    assert "binance: NetworkError" in str(out["btc"])


def test_crypto_falls_back_to_next_exchange():
    rows = recorded.BTC_DAILY_KLINES
    good, _ = _binance([rows])
    blocked, _ = _binance([rows], fail_on_page=0)

    def factory(exchange_id):
        if exchange_id == "okx":
            raise ccxt.ExchangeNotAvailable("okx 451 restricted location")
        return blocked if exchange_id == "binance" else good

    out = CryptoFetcher(["binance", "okx", "kraken"], factory=factory).fetch([_q("btc", "BTC/USDT")])
    assert len(out["btc"]) == 8
    assert out["btc"]["source"].iloc[0] == "crypto:kraken"  # binance failed mid-fetch, okx refused
    parsed = [[r[0], *map(float, r[1:6])] for r in rows]  # what ccxt's fetch_ohlcv hands back
    assert transform_klines(parsed, symbol="BTC/USDT", exchange_id="x")["close"].iloc[-1] == pytest.approx(87341.89)


# ---------------------------------------------------------------- fred


def test_fred_csv_missing_values_and_headers():
    frame = parse_fred_csv(recorded.FRED_UNRATE_CSV, symbol="UNRATE")
    assert validate(frame) == []
    assert frame["ts"].dt.strftime("%Y-%m").tolist() == [
        "2025-07",
        "2025-08",
        "2025-09",
        "2025-11",
    ]  # Oct never published
    assert frame["close"].tolist() == [4.2, 4.3, 4.4, 4.5]
    assert frame["open"].isna().all()
    old = parse_fred_csv(recorded.FRED_PAYEMS_CSV_OLD_HEADER, symbol="PAYEMS")
    assert old["close"].tolist() == [159485.0, 159593.0]


class _Resp:
    def __init__(self, text, status=200):
        self.text, self.status_code = text, status

    def raise_for_status(self):
        import requests

        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}")


class _Session:
    def __init__(self, bodies):
        self.bodies, self.calls = bodies, []

    def get(self, url, params=None, timeout=None):
        self.calls.append((url, params))
        body = self.bodies[params["id"]]
        return body if isinstance(body, _Resp) else _Resp(body)


def test_fred_fetcher_query_terms_and_http_error():
    session = _Session({"UNRATE": recorded.FRED_UNRATE_CSV, "DGS2": _Resp("Internal error", 500)})
    s, e = pd.Timestamp("2025-07-01", tz=UTC), pd.Timestamp("2025-12-01", tz=UTC)
    out = FredFetcher(session).fetch([_q("unrate", "UNRATE", start=s, end=e), _q("ust2y", "DGS2", start=s, end=e)])
    assert session.calls[0][1] == {"id": "UNRATE", "cosd": "2025-07-01", "coed": "2025-11-30"}
    assert len(out["unrate"]) == 4
    assert isinstance(out["ust2y"], SourceUnavailableError)


def test_fred_html_instead_of_csv_is_unavailable():
    session = _Session({"UNRATE": "<html><body>maintenance</body></html>"})
    out = FredFetcher(session).fetch([_q("unrate", "UNRATE")])
    assert isinstance(out["unrate"], (SourceUnavailableError, NoDataError))


# ------------------------------------------------- derivatives (real ccxt.binanceusdm, fake HTTP)


def _binanceusdm(funding_pages: list[list], oi_pages: list[list]):
    ex = ccxt.binanceusdm({"options": {"defaultType": "swap", "fetchMarkets": {"types": ["linear"]}}})
    calls = []

    def fake_fetch(url, method="GET", headers=None, body=None):
        calls.append(url)
        if "exchangeInfo" in url:
            return recorded.binance_usdm_exchange_info()
        if "fundingRate" in url:
            n = sum("fundingRate" in c for c in calls) - 1
            return funding_pages[n] if n < len(funding_pages) else []
        if "openInterestHist" in url:
            n = sum("openInterestHist" in c for c in calls) - 1
            return oi_pages[n] if n < len(oi_pages) else []
        raise AssertionError(f"unexpected call {url}")

    ex.fetch = fake_fetch
    return ex, calls


def test_derivatives_funding_and_open_interest_through_ccxt():
    from data_sources.derivatives import DerivativesFetcher

    start = pd.Timestamp("2025-11-20", tz="UTC")
    end = pd.Timestamp("2025-11-22", tz="UTC")
    ms = int(start.timestamp() * 1000)
    funding = recorded.binance_funding(ms, 7)  # 8-hourly: six fall inside the two days, one after
    ex, calls = _binanceusdm([funding[:3], funding[3:]], [recorded.binance_open_interest(ms, 48)])
    fetcher = DerivativesFetcher(["binanceusdm"], factory=lambda _id: ex)
    out = fetcher.fetch(
        [Query("btc_funding", "BTC/USDT:USDT", start, end, "1h"), Query("btc_oi", "BTC/USDT:USDT", start, end, "1h")]
    )
    rates, oi = out["btc_funding"], out["btc_oi"]
    assert len(rates) == 6 and rates["close"].iloc[0] == pytest.approx(0.0001)
    assert rates["ts"].iloc[1] - rates["ts"].iloc[0] == pd.Timedelta(hours=8)
    assert rates[["open", "high", "low", "volume"]].isna().all().all()
    assert rates["source"].iloc[0] == "derivatives:binanceusdm"
    assert sum("fundingRate" in c for c in calls) == 2  # paged from the last row of the first page
    assert len(oi) == 48 and oi["close"].iloc[0] == pytest.approx(95000 * 85000)
    assert str(oi["ts"].dt.tz) == "UTC" and oi["ts"].is_monotonic_increasing


def test_derivatives_window_older_than_the_venue_keeps_is_unavailable_not_zero():
    from data_sources.derivatives import DerivativesFetcher, transform_metric

    ex, _ = _binanceusdm([[]], [[]])  # Binance answers an empty list for open interest older than 30 days
    start, end = pd.Timestamp("2025-11-18", tz="UTC"), pd.Timestamp("2025-11-23", tz="UTC")
    out = DerivativesFetcher(["binanceusdm"], factory=lambda _id: ex).fetch(
        [Query("btc_oi", "BTC/USDT:USDT", start, end, "1h")]
    )
    assert isinstance(out["btc_oi"], SourceUnavailableError)
    assert "nothing in this window" in str(out["btc_oi"])
    rows = [{"timestamp": 1763683200000, "openInterestAmount": 94000.0, "openInterestValue": None}]
    assert transform_metric(
        rows, "open_interest", symbol="BTC/USDT:USDT", exchange_id="x"
    ).empty  # contracts are not USD
