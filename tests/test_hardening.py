"""Hardening: URL fuzz over every page, offline and partial failures, broken caches, secrets and injection."""

from __future__ import annotations

import errno
import re
import subprocess
import threading

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_sources import SourceUnavailableError, service
from data_sources.cache import DiskCache
from data_sources.ccxt_source import CryptoFetcher
from data_sources.fetcher import Fetcher, Query
from tests import recorded
from tests.apptest_helpers import PAGE_FILES, ROOT, chart_count, open_app, texts
from tests.fakes import Scripted, recorded_yahoo
from tests.urls import SCHEMA

APP_CODE = [ROOT / "app.py", *(ROOT / d for d in ("pages", "components", "analytics", "data_sources"))]


def _app_files():
    for item in APP_CODE:
        yield from (sorted(item.rglob("*.py")) if item.is_dir() else [item])


# ---------------------------------------------------------------- URL fuzz through the app (4 pages x 8 links)
# The parser and the round trip are fuzzed on the pure functions (tests/test_url_state.py, 300 links); these few
# whole-app runs check that what the parser hands on never breaks a page.

_bad = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "2025-02-30",
            "2025-13-01",
            "1899-01-01",
            "9999-12-31",
            "../../etc/passwd",
            "%00",
            "<b>x</b>",
            "[a](javascript:alert(1))",
            "$x$",
            "`x`",
            "-1",
            "1e309",
            "nan",
            "custom",
            "x" * 400,
            "nvda,,msft",
        ]
    ),
)
_query = st.dictionaries(
    st.sampled_from([*SCHEMA.by_query_name, "foo"]),
    st.one_of(_bad, st.lists(_bad, min_size=2, max_size=3)),
    min_size=1,
    max_size=6,
)


def _as_query(q: dict) -> dict[str, str]:
    # AppTest takes one string per name; a repeated parameter is joined the way a browser would send one of them
    return {k: (v if isinstance(v, str) else v[-1]) for k, v in q.items()}


@pytest.mark.parametrize("page", list(PAGE_FILES))
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(query=_query)
def test_fuzzed_links_never_break_a_page(page, query):
    at = open_app(page, {**_as_query(query), "source": "snapshot"} if "source" not in query else _as_query(query))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # a failing section shows an error, not an exception
    assert chart_count(at) >= 1


def test_repeated_parameters_in_the_real_query_string():
    from tests.urls import parse_query

    values, notices = parse_query({"range": ["1m", "3m"], "window": ["30"]})
    assert values["g_range"] == "event" and values["p_window"] == 30 and len(notices) == 1


# ---------------------------------------------------------------- failing sources


def test_every_source_failing_falls_back_to_the_snapshot_with_a_notice(live_on):
    for name in ("yahoo", "crypto", "fred"):
        live_on.setitem(
            service.FETCHERS, name, lambda: Scripted(SourceUnavailableError("network unreachable"), source="x")
        )
    at = open_app("crypto", {"source": "auto", "section": "all"})
    assert not at.exception and chart_count(at) >= 3
    notice = " ".join(i.value for i in at.info)
    assert "Live sources were unreachable for BTC" in notice and "snapshot" in notice


def test_one_source_failing_leaves_the_others_live_and_names_the_failed_series(live_on):
    live_on.setitem(service.FETCHERS, "yahoo", recorded_yahoo)
    live_on.setitem(
        service.FETCHERS, "crypto", lambda: Scripted(SourceUnavailableError("451 restricted location"), source="x")
    )
    live_on.setitem(service.FETCHERS, "fred", lambda: Scripted(SourceUnavailableError("down"), source="x"))
    at = open_app("", {"source": "auto", "range": "custom", "start": "2025-11-18", "end": "2025-11-25"})
    assert not at.exception and chart_count(at) >= 1
    captions = texts(at)
    assert re.search(r"NVDA\\?: yahoo", captions)  # served live
    notice = " ".join(i.value for i in at.info)
    assert "BTC" in notice and "snapshot" in notice  # the failed one, named
    assert "NVDA," not in notice.split("shown from")[0]


def test_a_failure_mid_pagination_leaves_no_partial_cache_file(live_on, tmp_path):
    import ccxt

    from data_sources import ccxt_source as crypto_mod

    live_on.setattr(crypto_mod, "PAGE_LIMIT", 3)
    calls = {"n": 0}

    def factory(_id):
        ex = ccxt.binance({"options": {"fetchMarkets": {"types": ["spot"]}}})

        def fetch(url, method="GET", headers=None, body=None):
            if "exchangeInfo" in url:
                return recorded.binance_exchange_info()
            calls["n"] += 1
            if calls["n"] == 2:
                raise ccxt.NetworkError("connection reset in the middle of the pages")
            return recorded.BTC_DAILY_KLINES[:3]

        ex.fetch = fetch
        return ex

    live_on.setitem(service.FETCHERS, "crypto", lambda: CryptoFetcher(["binance"], factory=factory))
    live_on.setitem(service.FETCHERS, "yahoo", lambda: Scripted(SourceUnavailableError("down"), source="x"))
    cache = DiskCache(tmp_path / "cache", ttl=3600)
    df = service.get_series("btc", "2025-11-18", "2025-11-25", cache=cache)
    assert df.attrs["source"] == "snapshot"
    assert calls["n"] == 2
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


# ---------------------------------------------------------------- broken caches


def test_truncated_cache_file_page_renders_from_next_source(live_on, tmp_path):
    cache_dir = tmp_path / "c"
    live_on.setenv("SELLOFF_CACHE_DIR", str(cache_dir))
    cache = DiskCache(cache_dir, ttl=3600)
    query = Query("nvda", "NVDA", pd.Timestamp("2025-11-18", tz="UTC"), pd.Timestamp("2025-11-26", tz="UTC"))
    good = recorded_yahoo().fetch([query])["nvda"]
    cache.put(
        "yahoo",
        "NVDA",
        "1d",
        good,
        pd.Timestamp("2025-10-01", tz="UTC"),
        pd.Timestamp("2025-12-06", tz="UTC"),
        served_by="yahoo",
    )
    path = cache.path("yahoo", "NVDA", "1d")
    path.write_bytes(path.read_bytes()[:64])
    for name in ("yahoo", "crypto", "fred"):
        live_on.setitem(service.FETCHERS, name, lambda: Scripted(SourceUnavailableError("offline"), source="x"))
    at = open_app("global-tech", {"source": "auto", "section": "all"})
    assert not at.exception and chart_count(at) >= 3
    assert not path.exists()  # detected, logged and removed


def test_unreadable_cache_folder_page_renders(live_on, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    live_on.setenv("SELLOFF_CACHE_DIR", str(blocker))
    live_on.setitem(service.FETCHERS, "yahoo", recorded_yahoo)
    at = open_app("global-tech", {"source": "auto", "section": "all"})
    assert not at.exception and chart_count(at) >= 3


def test_full_disk_page_still_renders_live_data(live_on):
    import pyarrow.parquet as pq

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    live_on.setattr(pq, "write_table", no_space)
    live_on.setitem(service.FETCHERS, "yahoo", recorded_yahoo)
    at = open_app("", {"source": "auto", "range": "custom", "start": "2025-11-18", "end": "2025-11-25"})
    assert not at.exception and chart_count(at) >= 1
    assert re.search(r"NVDA\\?: yahoo", texts(at))


def test_live_only_with_no_network_says_so_in_the_page(live_on):
    for name in ("yahoo", "crypto", "fred"):
        live_on.setitem(service.FETCHERS, name, lambda: Scripted(SourceUnavailableError("offline"), source="x"))
    at = open_app("macro", {"source": "live"})
    assert not at.exception
    assert "live source failed" in texts(at)


def test_a_live_link_on_a_server_with_live_sources_off_says_so_and_keeps_its_sections(monkeypatch):
    """``source=live`` is not offered where live sources are switched off: a link asking for it gets one notice and
    the default source, and the crypto page keeps its section bar (no paragraph of adapter errors)."""
    monkeypatch.setenv("SELLOFF_LIVE", "off")
    at = open_app("crypto", {"source": "live"})
    assert not at.exception
    notices = " ".join(str(w.value) for w in at.warning)
    assert "switched off on this server" in notices and "SELLOFF_LIVE" not in texts(at)
    assert at.session_state["g_source"] == "auto" and at.query_params["source"] in ("auto", ["auto"])
    assert at.get("button_group"), "the section bar"
    assert [o for o in at.selectbox if "live" in o.options] == []


# ---------------------------------------------------------------- secrets and injection


def test_no_secret_in_the_repo():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert ".streamlit/secrets.toml" not in files
    patterns = re.compile(
        r"AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|ghp_[A-Za-z0-9]{30,}|"
        r"sk-[A-Za-z0-9]{32,}|(?i:api[_-]?key|secret|token)\s*[=:]\s*['\"][A-Za-z0-9/+_\-]{16,}['\"]"
    )
    hits = []
    for name in files:
        path = ROOT / name
        if path.suffix in {".parquet", ".png"} or not path.is_file():
            continue
        for n, line in enumerate(path.read_text(errors="ignore").splitlines(), 1):
            if patterns.search(line):
                hits.append(f"{name}:{n}")
    assert hits == []


def test_keys_only_from_secrets_or_environment():
    mentions = {p.relative_to(ROOT).as_posix() for p in _app_files() if "API_KEY" in p.read_text()}
    # one place reads the on-chain keys, for every claims context; i18n only names them in the help text
    assert mentions <= {"data_sources/config.py", "components/i18n.py"}
    text = (ROOT / "data_sources" / "config.py").read_text()
    assert "st.secrets" in text and "os.environ.get" in text
    assert not re.search(r"API_KEY\s*=\s*['\"]", text)


def test_nothing_from_the_url_reaches_html_a_shell_or_a_path():
    for path in _app_files():
        text = path.read_text()
        assert "unsafe_allow_html=True" not in text, path
        assert not re.search(r"\b(subprocess|os\.system|os\.popen|eval\(|exec\()", text.replace("exec(code", "")), path
    # URL values are parsed into dates, numbers or whitelisted keys before any use; a hostile one is only ever
    # quoted inside a code span (see test_url_state); cache file names are hashes (see the cache tests).
    at = open_app("crypto", {"source": "<script>alert(1)</script>", "assets": "../../etc/passwd"})
    assert not at.exception
    for w in at.warning:
        assert "<script>" not in w.value.replace("`<script>alert(1)</script>`", "")


def test_html_blocks_are_built_only_by_the_escaping_helpers_and_carry_no_outside_markup():
    # a section recorded for replay (components/recorded.py) draws its HTML there, as it was built when recorded
    replayed = ROOT / "components" / "recorded.py"
    assert replayed.read_text().count("st.html(") == 1
    assert "st.html(args[0], unsafe_allow_javascript=scripted(args[0]))" in replayed.read_text()
    sources = {p: p.read_text() for p in _app_files() if p != replayed}
    pattern = r"(?:st|out)\.html\(\s*(\w+)\("
    calls = [m.group(1) for text in sources.values() for m in re.finditer(pattern, text)]
    written = sum(text.count("st.html(") + text.count("out.html(") for text in sources.values())
    assert written == len(calls) > 0
    # components/tiles.py, components/tables.py; the replay's address-bar script (components/replay.py)
    assert set(calls) <= {"tiles_html", "html_table", "frame_table", "address_script"}
    from components.replay import address_script

    assert "</script><img" not in address_script("</script><img src=x onerror=alert(1)>")
    hostile = "<img src=x onerror=alert(1)>"
    for page, section in (
        ("", None),
        ("crypto", "retail-beta"),
        ("global-tech", "hbm-cycle"),
        ("global-tech", "asia-leads"),
        ("macro", "rates"),
    ):
        query = {"source": "snapshot", "event": hostile, "lang": hostile, "range": "javascript:alert(1)"}
        if section:
            query["section"] = section
        at = open_app(page, query)
        assert not at.exception
        bodies = [h.proto.body for h in at.get("html")]
        assert bodies, (page, section)
        for body in bodies:
            assert "onerror" not in body and "<img src=x" not in body and "javascript:" not in body, (page, section)
            assert all(h.startswith("/") for h in re.findall(r'href="([^"]*)"', body)), (page, section)


# ---------------------------------------------------------------- round two (issue: hardening, round two)


def test_future_dates_give_a_notice_not_a_traceback():
    import datetime as dt

    ahead = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    for query in ({"event": ahead}, {"range": "custom", "start": "2026-11-01", "end": ahead}):
        at = open_app("", {**query, "source": "snapshot"})
        assert not at.exception, [e.value for e in at.exception]
        warned = " ".join(str(w.value) for w in at.warning)
        assert "today" in warned and ("**event**" in warned or "**end**" in warned), warned


def test_an_anchor_outside_the_range_is_dropped_with_a_notice_naming_it():
    at = open_app("global-tech", {"source": "snapshot", "anchor": "2025-09-01", "range": "5d"})
    assert not at.exception and not at.error, [e.value for e in at.exception]
    assert any("**anchor**" in str(w.value) for w in at.warning)
    assert at.session_state["p_anchor"] is None and "anchor" not in dict(at.query_params)
    assert chart_count(at) >= 1


def test_a_corrupt_manifest_is_named_in_the_page_without_a_traceback(tmp_path, monkeypatch):
    import shutil

    from data_sources import snapshot

    out = tmp_path / "snapshot"
    shutil.copytree(snapshot.config.snapshot_dir(), out)
    text = (out / "manifest.json").read_text()
    (out / "manifest.json").write_text(text.replace(":", ";", 1))  # one character changed
    monkeypatch.setenv("SELLOFF_SNAPSHOT_DIR", str(out))
    snapshot.reset()
    try:
        at = open_app("", {"source": "snapshot"})
        assert not at.exception, [e.value for e in at.exception]
        shown = texts(at)
        errors = " ".join(str(e.value) for e in at.error)
        assert "embedded snapshot is damaged" in errors and "manifest is unreadable" in errors
        assert str(tmp_path) not in shown + errors
    finally:
        snapshot.reset()


def test_visitors_never_see_tracebacks():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize(
    "args",
    [
        ["nosuchkey"],
        ["../../etc/passwd"],
        ["--days", "-5"],
        ["--days", "100000"],
        ["--hourly-days", "-1"],
        ["--days", "x"],
    ],
)
def test_refresh_cli_refuses_bad_arguments_in_one_line(args):
    run = subprocess.run(
        ["python3", "-m", "data_sources.refresh", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"SELLOFF_LIVE": "off", "PATH": "/usr/bin:/bin", **_py_env()},
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr


def _py_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "HOME", "PYENV_VERSION", "PYENV_ROOT")}


def test_docker_image_keeps_secrets_out_and_code_read_only():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".streamlit/secrets.toml" in ignored and "**/secrets.toml" in ignored
    docker = (ROOT / "Dockerfile").read_text()
    assert "chown -R" not in docker and "go-w" in docker and "SELLOFF_CACHE_DIR=/var/cache/selloff" in docker


def test_live_switched_off_is_not_called_unreachable():
    at = open_app("crypto", {"source": "auto"})
    shown = texts(at)
    assert "Live sources were unreachable" not in shown and "switched off" in shown


class _Stalled(Fetcher):
    """A live source whose connection is accepted and never answered (a captive portal, a black-holed proxy).

    Like yfinance on such a connection, it ignores any timeout: it reads until the socket is closed.
    """

    source = "yahoo"
    calls = 0

    def __init__(self, address):
        self.address = address

    def transform_query(self, queries):
        return queries

    def extract_data(self, params):
        import socket

        type(self).calls += 1
        with socket.create_connection(self.address) as conn:
            conn.sendall(b"GET /v8/finance/chart/NVDA HTTP/1.1\r\nHost: stalled\r\n\r\n")
            conn.recv(1)  # blocks: the server accepts and never answers
        raise SourceUnavailableError("connection closed")

    def transform_data(self, raw, queries):
        return raw


@pytest.fixture
def stalled_server():
    """A local TCP server that accepts connections and never answers; closed (and so unblocked) at teardown."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()
    stop.set()
    for conn in accepted:
        conn.close()
    server.close()
    thread.join(timeout=2)


def test_a_stalled_network_never_holds_a_page_longer_than_its_budget(live_on, stalled_server, tmp_path):
    """One budget for the run, not one per call: the waits the service grants add up to at most the budget (the
    second call, after the first spent it, is granted none). No clock is read here, so a loaded machine cannot fail
    it; how long a page takes is measured in bench/."""
    _Stalled.calls = 0
    live_on.setenv("SELLOFF_NET_BUDGET", "1.5")
    live_on.setitem(service.FETCHERS, "yahoo", lambda: _Stalled(stalled_server))
    granted: list[float] = []
    remaining = service._remaining
    live_on.setattr(service, "_remaining", lambda: granted.append(remaining()) or granted[-1])
    with service.network_budget():
        first = service.get_many(["nvda", "spx"], "2025-11-01", "2025-11-28", source="auto")
        second = service.get_many(["nvda", "spx"], "2025-11-01", "2025-11-28", source="auto")
    assert len(granted) == 2 and 0 < granted[0] <= 1.5 and granted[1] == 0.0, granted
    for frames in (first, second):
        assert frames["nvda"].attrs["source"] == "snapshot" and not frames["nvda"].empty
        assert frames["nvda"].attrs["fallback_kind"] == "slow" and "background" in frames["nvda"].attrs["fallback"]
    assert _Stalled.calls == 1  # the same request is fetched once at a time, however often it is asked for
    at = open_app("", {"source": "auto"})
    assert not at.exception
    assert "slow to answer" in texts(at) or "Live sources" in texts(at)


def test_a_fetch_that_finishes_at_once_never_deadlocks_the_single_flight():
    """Live off: the fetch is done before its callback is attached (it then runs at once, in the caller)."""
    done = threading.Event()

    def call():
        for _ in range(3):
            service.get_many(["nvda"], "2025-11-01", "2025-11-28", source="auto")
        done.set()

    threading.Thread(target=call, daemon=True).start()
    assert done.wait(20), "get_many(source='auto') hung"


def test_memory_stays_under_a_ceiling_over_500_distinct_views():
    """Each distinct view loads its page's daily series over its range and a year of hourly BTC around its event:
    500 of them, all different, must not grow the process by more than the stated ceiling (README: 120 MB)."""
    import datetime as dt
    import gc
    import re
    from pathlib import Path

    from components import data

    def rss_mb() -> float:
        return int(re.search(r"VmRSS:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) / 1024

    keys = ("btc", "ndx", "hood", "coin", "mstr")
    data.load(keys, dt.date(2024, 1, 1), dt.date(2024, 3, 1), "snapshot")  # imports and first-use costs first
    data.load(("btc",), dt.date(2024, 9, 1), dt.date(2025, 10, 1), "snapshot", "1h")
    gc.collect()
    before = rss_mb()
    for i in range(500):
        event = dt.date(2025, 1, 1) + dt.timedelta(days=i % 480)
        start = event - dt.timedelta(days=30 + i % 7)
        data.load(keys, start - dt.timedelta(days=730), event + dt.timedelta(days=14), "snapshot")
        data.load(("btc",), event - dt.timedelta(days=400), event + dt.timedelta(days=2), "snapshot", "1h")
    gc.collect()
    grown = rss_mb() - before
    assert grown < 120, f"memory grew {grown:.0f} MB over 500 distinct views"


def test_the_log_never_says_served_from_snapshot_when_nothing_was(live_on, caplog):
    import logging

    for name in ("yahoo", "crypto", "fred"):
        live_on.setitem(
            service.FETCHERS, name, lambda: Scripted(SourceUnavailableError("network unreachable"), source="x")
        )
    with caplog.at_level(logging.INFO, logger="data_sources.service"):
        frames = service.get_many(["zq_dec25", "nvda"], "2025-11-01", "2025-11-28", source="auto")
    assert frames["zq_dec25"].empty and not frames["nvda"].empty
    said = [r.getMessage() for r in caplog.records]
    assert not any(m.startswith("zq_dec25") and "served from" in m for m in said), said
    assert any(m.startswith("zq_dec25") and "not served" in m for m in said)
    assert any(m.startswith("nvda") and "served from snapshot" in m for m in said)


def test_one_short_fallback_notice_at_the_top_with_the_whole_reason_per_source_in_an_expander(live_on):
    long_reason = "cannot resolve query2.finance.yahoo.com (offline?) after three attempts over forty seconds"
    for name in ("yahoo", "crypto", "fred"):
        live_on.setitem(service.FETCHERS, name, lambda: Scripted(SourceUnavailableError(long_reason), source="x"))
    at = open_app("crypto", {"source": "auto", "section": "btc-90k"})
    assert not at.exception
    notices = [i for i in at.info if "Live sources were unreachable" in str(i.value)]
    assert len(notices) == 1 and long_reason not in str(notices[0].value)  # short: the detail is in the expander
    details = " ".join(str(m.value) for e in at.expander if e.label == "Why, per source" for m in e.markdown)
    assert long_reason in details.replace("\\\\", "").replace("\\", "")


def test_offline_crypto_sources_answer_at_once_without_importing_ccxt(tmp_path):
    """The first crypto request of an offline server used to import ccxt (~1 s) only to find no exchange."""
    script = (
        "import sys, socket\n"
        "def refuse(*a, **k): raise OSError('offline')\n"
        "socket.getaddrinfo = refuse\n"
        "import pandas as pd\n"
        "from data_sources.ccxt_source import CryptoFetcher\n"
        "from data_sources.fetcher import Query\n"
        "q = Query('btc', 'BTC/USDT', pd.Timestamp('2025-11-01', tz='UTC'), pd.Timestamp('2025-11-05', tz='UTC'))\n"
        "out = CryptoFetcher().fetch([q])['btc']\n"
        "print('ccxt' in sys.modules, 'cannot resolve api.binance.com' in str(out))\n"
    )
    run = subprocess.run(
        ["python3", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**_py_env(), "SELLOFF_LIVE": "on", "PYTHONPATH": str(ROOT)},
    )
    assert run.stdout.split() == ["False", "True"], run.stdout + run.stderr[-800:]


# ---------------------------------------------------------------- round three (issue: hardening, round three)


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    import sys

    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_a_build_never_deletes_a_folder_that_holds_no_snapshot(tmp_path):
    from data_sources.snapshot import builder

    out = tmp_path / "data"
    out.mkdir()
    (out / "claims.csv").write_text("id\n")
    with pytest.raises(builder.OutRefused):
        builder.build(str(ROOT.parent / "shared" / "data"), out)
    assert [p.name for p in out.iterdir()] == ["claims.csv"]
    for bad_out in (str(out), "/proc/x/snap", str(out / "claims.csv")):
        run = _cli("data_sources.snapshot", "build", "--from", str(ROOT.parent / "shared" / "data"), "--out", bad_out)
        assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, bad_out
    assert [p.name for p in out.iterdir()] == ["claims.csv"]


KILL_BETWEEN_RENAMES = """
import os, sys
from pathlib import Path
sys.path.insert(0, {root!r})
real = Path.rename
def rename(self, target):
    out = real(self, target)
    if ".old-" in str(target):  # the current snapshot has been set aside: die before the new one is put in place
        os._exit(9)
    return out
Path.rename = rename
from data_sources.snapshot import builder
builder.build({src!r}, Path({out!r}), allow_fewer_rows=True)
"""


def test_a_build_killed_between_its_renames_is_repaired_at_the_next_start(tmp_path):
    import json
    import shutil
    import sys
    import time

    from data_sources import config, snapshot

    root = tmp_path / "snapshot"
    shutil.copytree(config.snapshot_dir(), root)
    before = json.loads((root / "manifest.json").read_text())
    script = KILL_BETWEEN_RENAMES.format(root=str(ROOT), src=str(ROOT.parent / "shared" / "data"), out=str(root))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 9, run.stderr
    assert not root.exists() and list(tmp_path.glob(".snapshot.old-*")) and list(tmp_path.glob(".snapshot.new-*"))
    assert snapshot.problem(root) and "missing" in snapshot.problem(root)  # named, not "no data"
    done = snapshot.recover(root)
    assert root.is_dir() and snapshot.verify(root) == [] and snapshot.problem(root) is None
    assert json.loads((root / "manifest.json").read_text())["series"] == before["series"]
    assert any("restored" in line for line in done)
    assert list(tmp_path.glob(".snapshot.new-*"))  # a fresh one may be a build still running: kept
    snapshot.recover(root, now=time.time() + snapshot.STALE_BUILD_S + 1)
    assert not list(tmp_path.glob(".snapshot.new-*")) and not list(tmp_path.glob(".snapshot.old-*"))


def test_a_missing_snapshot_is_named_on_every_page(monkeypatch, tmp_path):
    from data_sources import snapshot

    monkeypatch.setenv("SELLOFF_SNAPSHOT_DIR", str(tmp_path / "nonexistent"))
    snapshot.reset()
    for page in ("", "crypto", "global-tech", "macro"):
        at = open_app(page, {"source": "snapshot"})
        errors = " ".join(str(e.value) for e in at.error)
        assert not at.exception and "snapshot is missing" in errors and str(tmp_path) not in errors, page
    snapshot.reset()


@pytest.mark.parametrize(
    "args",
    [
        ("--event", "0001-01-01"),
        ("--event", "9999-12-31"),
        ("--start", "1900-01-01", "--end", "2025-12-01"),
        ("--event", "２０２５-11-21"),
        ("--start", "2000-01-03", "--end", "2025-12-01"),  # more than 20 years
    ],
)
def test_the_scoreboard_command_refuses_dates_outside_the_apps_rule_in_one_line(args):
    run = _cli("analytics.scoreboard", "--source", "snapshot", *args, timeout=60)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, args


def test_the_episodes_command_dedupes_refuses_non_markets_and_fails_on_nothing():
    many = _cli("analytics.episodes", "--markets", ",".join(["btc"] * 1000), "--format", "json")
    import json

    from analytics import episodes

    rows = json.loads(many.stdout)
    assert many.returncode == 0 and len(rows) == len(episodes.ids())  # one row per episode, not a thousand
    for bad in ("btc_oi", "cut_odds_poly", "btc_funding"):
        run = _cli("analytics.episodes", "--markets", bad, timeout=60)
        assert run.returncode == 2 and run.stderr.count("\n") == 1, bad
    empty = _cli("analytics.episodes", "--markets", "ust3m", "--episodes", "covid-crash-2020")
    assert empty.returncode == 1 and empty.stdout == "" and empty.stderr.count("\n") == 1


def _tampered_copy(tmp_path, monkeypatch, key: str):
    import shutil

    from data_sources import config, snapshot

    out = tmp_path / "snapshot"
    shutil.copytree(config.snapshot_dir(), out)
    monkeypatch.setenv("SELLOFF_SNAPSHOT_DIR", str(out))
    snapshot.reset()
    path = out / snapshot.load_manifest(out)["series"][key]["file"]
    path.write_bytes(path.read_bytes()[:-7] + b"garbage")
    return out


def test_a_damaged_series_is_named_never_replaced_by_a_stand_in_nor_blamed_on_live_sources(tmp_path, monkeypatch):
    from data_sources import snapshot

    _tampered_copy(tmp_path, monkeypatch, "ndx")  # the Nasdaq-100 has a stand-in (QQQ): it must not step in
    at = open_app("crypto", {"source": "snapshot", "section": "btc-ndx-corr"})
    errors = " ".join(str(e.value) for e in at.error)
    infos = " ".join(str(i.value) for i in at.info)
    captions = " ".join(str(c.value) for c in at.caption)
    assert not at.exception and "snapshot is damaged for NDX" in errors and str(tmp_path) not in errors
    assert "stands in" not in captions + infos and "QQQ" not in captions
    assert "live" not in errors.lower() and "range=custom" not in infos  # no link to a range that fails the same way
    snapshot.reset()


def test_a_corrupt_manifest_is_named_and_no_section_fails_on_its_own_notice(tmp_path, monkeypatch):
    from data_sources import snapshot

    out = _tampered_copy(tmp_path, monkeypatch, "btc")
    (out / "manifest.json").write_text("{ not json")
    snapshot.reset()
    for page in ("crypto", "global-tech", "macro"):
        at = open_app(page, {"source": "snapshot", "section": "all"})
        errors = [str(e.value) for e in at.error]
        assert not at.exception and any("manifest is unreadable" in e for e in errors), page
        assert not any("could not be drawn" in e for e in errors), (page, errors)
    snapshot.reset()


def test_a_stalled_source_is_remembered_so_the_next_view_does_not_wait_on_it(live_on, stalled_server):
    _Stalled.calls = 0
    live_on.setenv("SELLOFF_NET_BUDGET", "1.0")
    live_on.setitem(service.FETCHERS, "yahoo", lambda: _Stalled(stalled_server))
    with service.network_budget():
        first = service.get_many(["nvda"], "2025-11-01", "2025-11-28", source="auto")
    assert first["nvda"].attrs["fallback_kind"] == "slow"
    with service.network_budget():  # the next view, other series of the same source
        second = service.get_many(["msft", "aapl"], "2025-11-01", "2025-11-28", source="auto")
    assert _Stalled.calls == 1  # not asked again within its breaker window
    assert all(not f.empty and "stalled" in f.attrs["fallback"] for f in second.values())


def test_no_request_queues_behind_fetches_that_never_answer(live_on, monkeypatch):
    from concurrent.futures import Future

    asked = []
    live_on.setitem(service.FETCHERS, "yahoo", lambda: asked.append(1) or Scripted(recorded.yf_download_daily()))
    hung = {("hung", i): Future() for i in range(service.POOL_WORKERS)}  # every worker holds a fetch never answered
    monkeypatch.setattr(service, "_INFLIGHT", dict(hung))
    frames = service.get_many(["nvda"], "2025-11-01", "2025-11-28", source="auto")
    assert not asked and not frames["nvda"].empty and frames["nvda"].attrs["source"] == "snapshot"
    assert "busy" in frames["nvda"].attrs["fallback"]


def test_the_tests_loopback_requests_take_no_proxy_and_follow_no_redirect_off_the_machine(monkeypatch):
    """``tests.server.local_get`` talks to the test's own server only: a proxy set in the environment (as on a CI
    machine that reaches package registries through one) is not used for it, a redirect off loopback is refused,
    and a non-loopback URL is refused before any connection."""
    import http.server
    import urllib.error

    from tests.server import CHROMIUM_ARGS, local_get

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            if self.path == "/away":
                self.send_response(302)
                self.send_header("Location", "http://example.invalid/")
            else:
                self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for name in ("http_proxy", "HTTP_PROXY"):
            monkeypatch.setenv(name, "http://127.0.0.1:9")  # the discard port: nothing answers there
        for name in ("no_proxy", "NO_PROXY"):
            monkeypatch.delenv(name, raising=False)
        assert local_get(f"{base}/")[0] == 200
        with pytest.raises(urllib.error.HTTPError):
            local_get(f"{base}/away")
        with pytest.raises(ValueError):
            local_get("http://example.com/")
    finally:
        server.shutdown()
    assert "--no-proxy-server" in CHROMIUM_ARGS  # the browser tests' Chromium goes straight to loopback too


def test_a_chinese_link_is_told_its_refusals_in_chinese_as_the_app_reads_the_query():
    """The app reads each query value as a list (``st.query_params.get_all``): ``lang=zh`` must still word the
    notices in Chinese, in the page as in the parser (they came out in English before)."""
    values, notices = SCHEMA.parse({"lang": ["zh"], "drawdown": ["abc"]})
    assert values["g_lang"] == "zh" and notices == ["URL 参数 **drawdown** `abc` 不是普通数字；改用默认跌幅阈值。"]
    assert SCHEMA.parse({"lang": ["zh", "en"], "drawdown": ["abc"]})[1][0].startswith("URL parameter **lang**")
    at = open_app("macro", {"source": "snapshot", "lang": "zh", "drawdown": "abc"})
    assert [str(w.value) for w in at.warning] == notices
