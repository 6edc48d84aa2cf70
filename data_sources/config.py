"""Settings read from the environment, so a deployment can tune the data layer without code changes.

SELLOFF_LIVE=off            never call a live API (tests, air-gapped demos); live is reported unavailable
SELLOFF_CACHE_DIR=path      on-disk parquet cache (default: .cache/series under the repo)
SELLOFF_CACHE_TTL=seconds   how long a cached live download counts as fresh (default 6 h)
SELLOFF_RETRY_AFTER=seconds after a live source fails, how long ``auto`` skips it (default 300 s)
SELLOFF_SNAPSHOT_DIR=path   the embedded snapshot (default: data/snapshot in the repo)
SELLOFF_CRYPTO_EXCHANGES=a,b ccxt exchange ids tried in order (default binance,okx,kraken,coinbase)
SELLOFF_HTTP_TIMEOUT=seconds timeout of one live HTTP call (default 10)
SELLOFF_NET_BUDGET=seconds  total wait on live sources per page run (default 3); slower fetches finish in the background
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


ONCHAIN_KEYS = ("GLASSNODE_API_KEY", "CRYPTOQUANT_API_KEY")


def onchain_configured() -> bool:
    """Whether an on-chain data source has a key (environment, or Streamlit's secrets when it runs): every claims
    context reads this one answer, so the whales reading is the same on every surface."""
    if any(os.environ.get(k) for k in ONCHAIN_KEYS):
        return True
    try:
        import streamlit as st

        return any(k in st.secrets for k in ONCHAIN_KEYS)
    except Exception:  # no secrets.toml, or no Streamlit at all (the CLI)
        return False


def live_enabled() -> bool:
    return os.environ.get("SELLOFF_LIVE", "on").strip().lower() not in {"0", "off", "false", "no"}


def cache_dir() -> Path:
    return Path(os.environ.get("SELLOFF_CACHE_DIR") or REPO_ROOT / ".cache" / "series")


def cache_ttl() -> float:
    return _float("SELLOFF_CACHE_TTL", 6 * 3600)


def retry_after() -> float:
    return _float("SELLOFF_RETRY_AFTER", 300)


def snapshot_dir() -> Path:
    return Path(os.environ.get("SELLOFF_SNAPSHOT_DIR") or REPO_ROOT / "data" / "snapshot")


def crypto_exchanges() -> list[str]:
    raw = os.environ.get("SELLOFF_CRYPTO_EXCHANGES", "binance,okx,kraken,coinbase")
    return [x.strip() for x in raw.split(",") if x.strip()]


def http_timeout() -> float:
    return _float("SELLOFF_HTTP_TIMEOUT", 10)


def network_budget() -> float:
    """Seconds a page run may wait on live sources in total (a stalled connection is then left in the background)."""
    return _float("SELLOFF_NET_BUDGET", 3)
