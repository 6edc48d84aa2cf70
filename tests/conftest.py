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
    # a page run's network budget is wall time: on a loaded machine even a recorded answer can come after 3 s and the
    # page falls back. Tests of what is drawn or said get a budget they cannot exhaust; tests of the budget set theirs
    monkeypatch.setenv("SELLOFF_NET_BUDGET", "120")
    service.BREAKER.reset()
    yield monkeypatch
    service.BREAKER.reset()


@pytest.fixture
def snapshot_without(monkeypatch, tmp_path):
    """A copy of the committed snapshot with some series taken out (listed as absent): the real data of every other
    series, for tests of what happens when one is missing (a stand-in, a no-data notice)."""
    import json
    import shutil

    from data_sources import config, snapshot

    def make(*keys: str):
        out = tmp_path / "snapshot_without"
        shutil.copytree(config.snapshot_dir(), out)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for key in keys:
            for table in ("series", "intraday"):
                entry = manifest[table].pop(key, None)
                if entry:
                    (out / entry["file"]).unlink()
            manifest["absent"][key] = "taken out of this test's copy of the snapshot"
        (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        monkeypatch.setenv("SELLOFF_SNAPSHOT_DIR", str(out))
        snapshot.reset()
        return out

    yield make
    snapshot.reset()
