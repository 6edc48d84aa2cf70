"""Shared test set-up: no network, a private cache folder, fresh breaker and Streamlit caches per test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("SELLOFF_LIVE", "off")
    monkeypatch.setenv("SELLOFF_CACHE_DIR", str(tmp_path / "cache"))
    from data_sources import service

    service.BREAKER.reset()
    yield
    service.BREAKER.reset()
    if "streamlit" in sys.modules:  # st.cache_data outlives a test otherwise (streamlit#9139)
        import streamlit as st

        st.cache_data.clear()


@pytest.fixture
def live_on(monkeypatch):
    """Live sources switched on (they answer only through fetchers a test puts in ``service.FETCHERS``)."""
    from data_sources import service

    monkeypatch.setenv("SELLOFF_LIVE", "on")
    service.BREAKER.reset()
    yield monkeypatch
    service.BREAKER.reset()
