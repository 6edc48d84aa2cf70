"""The one place where tickers live.

Every series the app can draw is declared here once: pages, analytics and tests refer to the stable
key (``"btc"``, ``"ndx"``), never to an exchange symbol. Adding a series is adding a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from data_sources.errors import UnknownSeriesError

AssetClass = Literal["crypto", "us_equity", "index", "asia_equity", "rate", "macro", "future", "fx", "commodity"]
SourceName = Literal["yahoo", "crypto", "fred", "derivatives", "prediction_markets", "derived", "archive"]
# "archive": recorded files only (the embedded snapshot); no live adapter serves them


@dataclass(frozen=True)
class Series:
    """One catalog row.

    ``source``/``symbol`` name the live adapter and the symbol in that API's terms. ``alternates`` are
    further live (source, symbol) pairs tried in order when the first one fails (e.g. BTC from Yahoo when
    every crypto exchange is blocked). ``backfill`` names another catalog key holding the same quantity
    from another publisher (FRED's S&P 500 close for ``^GSPC``), used by the snapshot builder for dates
    the primary file lacks. ``proxy`` is a different instrument that may stand in for this one when it
    has no data, always under its own name (QQQ for the Nasdaq-100 index).
    """

    key: str
    name: str
    asset_class: AssetClass
    source: SourceName
    symbol: str
    tz: str
    unit: str
    frequency: Literal["daily", "monthly", "weekly"] = "daily"
    short: str = ""
    alternates: tuple[tuple[SourceName, str], ...] = ()
    backfill: str | None = None
    proxy: str | None = None
    intraday: bool = False
    close_time: str = "16:00"  # local time a daily bar closes ("24:00" = midnight ending the UTC day)
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    # How long after its timestamp an intraday row is known (``analytics.asof``): "" = the bar's interval (a bar
    # stamped at its open is known when it ends); "0h" = a reading at its instant (open interest, funding, a mid).
    known_after: str = ""

    @property
    def label(self) -> str:
        """Short label for legends and tiles."""
        return self.short or self.name


NY = "America/New_York"
TOKYO = "Asia/Tokyo"
SEOUL = "Asia/Seoul"
UTC = "UTC"


def _stock(key: str, name: str, symbol: str, short: str, *tags: str) -> Series:
    return Series(key, name, "us_equity", "yahoo", symbol, NY, "USD", short=short, tags=tags)


_ROWS: tuple[Series, ...] = (
    # Crypto: 24/7, UTC days. Live from an exchange via ccxt, Yahoo as an alternate.
    Series(
        "btc",
        "Bitcoin",
        "crypto",
        "crypto",
        "BTC/USDT",
        UTC,
        "USD",
        short="BTC",
        alternates=(("yahoo", "BTC-USD"),),
        proxy="btc_perp_daily",
        intraday=True,
        close_time="24:00",
        tags=("crypto",),
    ),
    # UTC-day bars aggregated from the real hourly Binance BTCUSDT perpetual bars (first open, max high, min low,
    # last close, summed volume; only complete 24-hour days): stands in for spot BTC where daily spot bars are
    # missing (before Dec 2024 in the snapshot), always under its own name. Built by the snapshot builder.
    Series(
        "btc_perp_daily",
        "BTCUSDT perpetual (Binance), UTC-day bars",
        "crypto",
        "derived",
        "BTCUSDT perpetual (Binance) daily",
        UTC,
        "USD",
        short="BTCUSDT perp (daily)",
        close_time="24:00",
        note="aggregated from hourly perpetual bars; a perpetual future, not spot",
    ),
    Series(
        "eth",
        "Ether",
        "crypto",
        "crypto",
        "ETH/USDT",
        UTC,
        "USD",
        short="ETH",
        alternates=(("yahoo", "ETH-USD"),),
        intraday=True,
        close_time="24:00",
        tags=("crypto",),
    ),
    Series(
        "sol",
        "Solana",
        "crypto",
        "crypto",
        "SOL/USDT",
        UTC,
        "USD",
        short="SOL",
        alternates=(("yahoo", "SOL-USD"),),
        intraday=True,
        close_time="24:00",
        tags=("crypto",),
    ),
    # BTC perpetual futures (USDT-margined): context for the liquidation wick. The value sits in ``close``.
    Series(
        "btc_oi",
        "BTC perpetual open interest",
        "future",
        "derivatives",
        "BTC/USDT:USDT",
        UTC,
        "USD",
        short="BTC perp OI",
        intraday=True,
        close_time="24:00",
        tags=("open_interest",),
        known_after="0h",
    ),
    # The same Binance open interest every 5 minutes on 21 Nov 2025 (copied from the exchange's data archive): the
    # wick's timing at a finer step than the hourly series. Recorded only; no live adapter serves it.
    Series(
        "btc_oi_5m",
        "BTC perpetual open interest, 5-minute (Binance)",
        "future",
        "archive",
        "BTCUSDT perpetual open interest (Binance, 5 min)",
        UTC,
        "USD",
        short="BTC perp OI (5 min)",
        intraday=True,
        close_time="24:00",
        tags=("open_interest",),
        known_after="0h",
    ),
    # Binance BTC liquidations as CoinGlass counts them (4-hour sums, USD; an undercount of the whole market), to
    # 14 Nov 2025: they cover the 10 Oct 2025 cascade, not 21 Nov. Recorded only.
    Series(
        "btc_liq_long",
        "BTC long liquidations on Binance (CoinGlass, 4 h)",
        "future",
        "archive",
        "BTC long liquidations, Binance (CoinGlass)",
        UTC,
        "USD",
        short="BTC long liquidations",
        intraday=True,
        close_time="24:00",
        tags=("liquidations",),
        known_after="4h",
    ),
    Series(
        "btc_liq_short",
        "BTC short liquidations on Binance (CoinGlass, 4 h)",
        "future",
        "archive",
        "BTC short liquidations, Binance (CoinGlass)",
        UTC,
        "USD",
        short="BTC short liquidations",
        intraday=True,
        close_time="24:00",
        tags=("liquidations",),
        known_after="4h",
    ),
    Series(
        "btc_funding",
        "BTC perpetual funding rate",
        "future",
        "derivatives",
        "BTC/USDT:USDT",
        UTC,
        "rate per interval",
        short="BTC funding",
        intraday=True,
        close_time="24:00",
        tags=("funding",),
        known_after="0h",
    ),
    # US indices.
    Series("ndx", "Nasdaq-100", "index", "yahoo", "^NDX", NY, "points", short="NDX", proxy="qqq", tags=("us_index",)),
    Series(
        "nasdaq",
        "Nasdaq Composite",
        "index",
        "yahoo",
        "^IXIC",
        NY,
        "points",
        short="Nasdaq Comp.",
        backfill="nasdaqcom",
        tags=("us_index",),
    ),
    Series(
        "spx",
        "S&P 500",
        "index",
        "yahoo",
        "^GSPC",
        NY,
        "points",
        short="S&P 500",
        backfill="sp500_fred",
        tags=("us_index",),
    ),
    Series(
        "dji", "Dow Jones Industrial Average", "index", "yahoo", "^DJI", NY, "points", short="Dow", tags=("us_index",)
    ),
    Series(
        "sox", "PHLX Semiconductor", "index", "yahoo", "^SOX", NY, "points", short="SOX", tags=("us_index", "semis")
    ),
    Series(
        "qqq",
        "Invesco QQQ (Nasdaq-100 tracker)",
        "us_equity",
        "yahoo",
        "QQQ",
        NY,
        "USD",
        short="QQQ",
        note="ETF tracking the Nasdaq-100; stands in for ^NDX only where the index itself has no data",
    ),
    # Retail beta.
    _stock("hood", "Robinhood", "HOOD", "HOOD", "retail"),
    _stock("coin", "Coinbase", "COIN", "COIN", "retail"),
    _stock("mstr", "Strategy (MicroStrategy)", "MSTR", "MSTR", "retail"),
    # Magnificent 7.
    _stock("nvda", "NVIDIA", "NVDA", "NVDA", "mag7", "hbm"),
    _stock("msft", "Microsoft", "MSFT", "MSFT", "mag7"),
    _stock("aapl", "Apple", "AAPL", "AAPL", "mag7"),
    _stock("amzn", "Amazon", "AMZN", "AMZN", "mag7"),
    _stock("googl", "Alphabet", "GOOGL", "GOOGL", "mag7"),
    _stock("meta", "Meta Platforms", "META", "META", "mag7"),
    _stock("tsla", "Tesla", "TSLA", "TSLA", "mag7"),
    # Semis and equipment.
    _stock("mu", "Micron", "MU", "MU", "hbm", "semis"),
    _stock("tsm", "TSMC (ADR)", "TSM", "TSM", "hbm", "semis"),
    _stock("amat", "Applied Materials", "AMAT", "AMAT", "semis"),
    _stock("asml", "ASML (ADR)", "ASML", "ASML", "semis"),
    _stock("intc", "Intel", "INTC", "INTC", "semis"),
    _stock("qcom", "Qualcomm", "QCOM", "QCOM", "semis"),
    # Asia.
    Series(
        "softbank",
        "SoftBank Group",
        "asia_equity",
        "yahoo",
        "9984.T",
        TOKYO,
        "JPY",
        short="SoftBank",
        close_time="15:30",
        note="split-adjusted for the 1:4 split of 1 Jan 2026",
        tags=("asia",),
    ),
    Series(
        "sk_hynix",
        "SK Hynix",
        "asia_equity",
        "yahoo",
        "000660.KS",
        SEOUL,
        "KRW",
        short="SK Hynix",
        close_time="15:30",
        tags=("asia", "hbm"),
    ),
    Series(
        "samsung",
        "Samsung Electronics",
        "asia_equity",
        "yahoo",
        "005930.KS",
        SEOUL,
        "KRW",
        short="Samsung",
        close_time="15:30",
        tags=("asia", "hbm"),
    ),
    Series(
        "nikkei",
        "Nikkei 225",
        "index",
        "yahoo",
        "^N225",
        TOKYO,
        "points",
        short="Nikkei",
        close_time="15:30",
        tags=("asia",),
    ),
    Series(
        "kospi", "KOSPI", "index", "yahoo", "^KS11", SEOUL, "points", short="KOSPI", close_time="15:30", tags=("asia",)
    ),
    Series(
        "hsi",
        "Hang Seng",
        "index",
        "yahoo",
        "^HSI",
        "Asia/Hong_Kong",
        "points",
        short="Hang Seng",
        close_time="16:00",
        tags=("asia",),
    ),
    Series(
        "twii",
        "Taiwan Weighted",
        "index",
        "yahoo",
        "^TWII",
        "Asia/Taipei",
        "points",
        short="TAIEX",
        close_time="13:30",
        tags=("asia",),
    ),
    # Risk gauges.
    Series(
        "vix",
        "CBOE Volatility Index",
        "index",
        "yahoo",
        "^VIX",
        NY,
        "points",
        short="VIX",
        backfill="vixcls",
        tags=("risk",),
    ),
    Series("dxy", "US Dollar Index", "fx", "yahoo", "DX-Y.NYB", NY, "points", short="DXY", tags=("risk",)),
    Series(
        "gold", "Gold (front-month future)", "commodity", "yahoo", "GC=F", NY, "USD/oz", short="Gold", tags=("risk",)
    ),
    # Rates (percent).
    Series("ust10y", "US 10-year yield (CBOE ^TNX)", "rate", "yahoo", "^TNX", NY, "%", short="10y", tags=("rates",)),
    Series("ust3m", "US 13-week bill yield (CBOE ^IRX)", "rate", "yahoo", "^IRX", NY, "%", short="3m", tags=("rates",)),
    Series(
        "ust2y", "US 2-year Treasury yield (FRED DGS2)", "rate", "fred", "DGS2", NY, "%", short="2y", tags=("rates",)
    ),
    Series(
        "dgs10",
        "US 10-year Treasury yield (FRED DGS10)",
        "rate",
        "fred",
        "DGS10",
        NY,
        "%",
        short="10y (FRED)",
        tags=("rates",),
    ),
    Series(
        "t10y2y",
        "10y minus 2y Treasury spread (FRED T10Y2Y)",
        "rate",
        "fred",
        "T10Y2Y",
        NY,
        "%",
        short="10y-2y",
        tags=("rates",),
    ),
    Series(
        "dff",
        "Effective fed funds rate, daily (FRED DFF)",
        "rate",
        "fred",
        "DFF",
        NY,
        "%",
        short="EFFR",
        tags=("rates",),
    ),
    Series(
        "fedfunds",
        "Effective fed funds rate, monthly (FRED FEDFUNDS)",
        "rate",
        "fred",
        "FEDFUNDS",
        NY,
        "%",
        frequency="monthly",
        short="Fed funds (monthly)",
        tags=("rates",),
    ),
    # Fed funds futures (price = 100 - implied average rate).
    Series(
        "zq_nov25",
        "30-day fed funds future, Nov 2025",
        "future",
        "yahoo",
        "ZQX25.CBT",
        "America/Chicago",
        "price",
        short="ZQ Nov25",
        tags=("fedwatch",),
    ),
    Series(
        "zq_dec25",
        "30-day fed funds future, Dec 2025",
        "future",
        "yahoo",
        "ZQZ25.CBT",
        "America/Chicago",
        "price",
        short="ZQ Dec25",
        tags=("fedwatch",),
    ),
    Series(
        "zq_jan26",
        "30-day fed funds future, Jan 2026",
        "future",
        "yahoo",
        "ZQF26.CBT",
        "America/Chicago",
        "price",
        short="ZQ Jan26",
        tags=("fedwatch",),
    ),
    # Prediction markets: 1 - the order-book mid of "no change" at the 10 Dec 2025 FOMC, per market. Market-implied
    # cut odds from Polymarket and Kalshi, NOT CME FedWatch (no fed funds futures settles are in the snapshot).
    # There is no live adapter: they are served from the embedded snapshot only.
    Series(
        "cut_odds_poly",
        "Dec 2025 FOMC cut odds, Polymarket (prediction market)",
        "macro",
        "prediction_markets",
        "FOMC-2025-12-10 no change (Polymarket)",
        UTC,
        "probability",
        short="Cut odds (Polymarket)",
        intraday=True,
        close_time="24:00",
        tags=("cut_odds",),
        note="1 - mid of the 'no change' outcome; prediction-market pricing, not CME FedWatch",
        known_after="0h",
    ),
    Series(
        "cut_odds_kalshi",
        "Dec 2025 FOMC cut odds, Kalshi (prediction market)",
        "macro",
        "prediction_markets",
        "FOMC-2025-12-10 no change (Kalshi)",
        UTC,
        "probability",
        short="Cut odds (Kalshi)",
        intraday=True,
        close_time="24:00",
        tags=("cut_odds",),
        note="1 - mid of the 'no change' outcome; prediction-market pricing, not CME FedWatch",
        known_after="0h",
    ),
    # Macro (FRED, monthly or weekly, by reference period).
    Series(
        "unrate",
        "Unemployment rate (FRED UNRATE)",
        "macro",
        "fred",
        "UNRATE",
        NY,
        "%",
        frequency="monthly",
        short="Unemployment",
        tags=("labour",),
    ),
    Series(
        "payems",
        "Nonfarm payrolls, level (FRED PAYEMS)",
        "macro",
        "fred",
        "PAYEMS",
        NY,
        "thousands",
        frequency="monthly",
        short="Payrolls",
        tags=("labour",),
    ),
    Series(
        "icsa",
        "Initial jobless claims (FRED ICSA)",
        "macro",
        "fred",
        "ICSA",
        NY,
        "claims",
        frequency="weekly",
        short="Initial claims",
        tags=("labour",),
    ),
    # FRED closes of series Yahoo also has: back-fill for long windows, and their own series.
    Series("sp500_fred", "S&P 500 close (FRED SP500)", "index", "fred", "SP500", NY, "points", short="S&P 500 (FRED)"),
    Series(
        "nasdaqcom",
        "Nasdaq Composite close (FRED NASDAQCOM)",
        "index",
        "fred",
        "NASDAQCOM",
        NY,
        "points",
        short="Nasdaq Comp. (FRED)",
    ),
    Series("vixcls", "VIX close (FRED VIXCLS)", "index", "fred", "VIXCLS", NY, "points", short="VIX (FRED)"),
    Series(
        "usd_broad",
        "Nominal broad US dollar index (FRED DTWEXBGS)",
        "fx",
        "fred",
        "DTWEXBGS",
        NY,
        "index",
        short="Broad USD",
    ),
)

CATALOG: dict[str, Series] = {row.key: row for row in _ROWS}


def get(key: str) -> Series:
    """Look a key up, with a message naming the close matches when it is unknown."""
    try:
        return CATALOG[key]
    except (KeyError, TypeError):
        raise UnknownSeriesError(key, sorted(CATALOG)) from None


def keys(*, asset_class: str | None = None, tag: str | None = None) -> list[str]:
    """Catalog keys in declaration order, optionally filtered."""
    return [
        s.key for s in _ROWS if (asset_class is None or s.asset_class == asset_class) and (tag is None or tag in s.tags)
    ]


def label(key: str) -> str:
    return get(key).label
