"""The deployment recipe, run here: Debian's nginx (deploy/nginx.conf) in front of two `streamlit run` replicas on
one shared cache folder, a browser session that downloads a CSV through the balancer, and a refresh writing the
cache meanwhile. Nothing partial, no error."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.server import CHROMIUM, CHROMIUM_ARGS, ROOT, RUN_ENDED, free_port, local_get, server_log, streamlit_server

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# The real refresh (data_sources.refresh), with Yahoo replaced by a recorded yf.download payload: there is no
# internet here. It writes the shared cache over and over while the replicas read it.
REFRESH = textwrap.dedent("""
    import sys
    from data_sources import service
    from data_sources.refresh import refresh
    from tests.fakes import recorded_yahoo

    service.FETCHERS["yahoo"] = recorded_yahoo
    for _ in range(int(sys.argv[1])):
        out = refresh(days=400, hourly_days=0, keys=["nvda"])
        assert "rows from" in out["nvda@1d"], out
    print("refreshed")
""")


def _get(url: str) -> int:
    return local_get(url)[0]


@pytest.fixture
def balancer(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: scripts/test installs Debian's nginx-light")
    cache = tmp_path / "cache"
    cache.mkdir()
    # replicas read the cache, never Yahoo; their logs say which one ran a page (selloff.timing, at debug)
    env = {"SELLOFF_CACHE_DIR": str(cache), "SELLOFF_LIVE": "off", "SELLOFF_LOG_LEVEL": "DEBUG"}
    with streamlit_server(env=env) as (one, p1), streamlit_server(env=env) as (two, p2):
        port = free_port()
        prefix = tmp_path / "nginx"
        (prefix / "tmp").mkdir(parents=True)
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        conf = conf.replace("server app1:8501", f"server {one.removeprefix('http://')}")
        conf = conf.replace("server app2:8501", f"server {two.removeprefix('http://')}")
        conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
        if os.geteuid() == 0:  # workers would otherwise run as nobody and could not use this temp folder
            conf = "user root;\n" + conf
        (prefix / "nginx.conf").write_text(conf)
        proc = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 20
            while time.time() < deadline:
                try:
                    if _get(f"{base}/_stcore/health") == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError(f"nginx did not come up: {proc.stdout.read1(4000) if proc.stdout else ''}")
            yield base, (one, two), cache, (p1, p2)
        finally:
            proc.terminate()
            proc.wait(10)


def _headers(url: str) -> dict[str, str]:
    return local_get(url)[1]


def test_two_replicas_behind_nginx_serve_a_csv_while_refresh_writes_the_cache(balancer, tmp_path):
    base, replicas, cache, _ = balancer
    assert all(_get(f"{r}/_stcore/health") == 200 for r in replicas)
    for path in ("/", "/_stcore/health", "/crypto"):  # the security headers on every answer through the balancer
        headers = _headers(base + path)
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("referrer-policy") == "strict-origin-when-cross-origin", path
        assert (
            headers.get("x-frame-options") == "DENY" and "frame-ancestors 'none'" in headers["content-security-policy"]
        )
        assert headers.get("server") == "nginx", path  # no version
    writer = subprocess.Popen(
        [sys.executable, "-c", REFRESH, "15"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SELLOFF_LIVE": "on", "SELLOFF_CACHE_DIR": str(cache)},
    )
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        for _ in range(3):  # several runs while the refresh rewrites the cache under them
            page.goto(f"{base}/global-tech?source=auto&section=mag7")
            page.wait_for_selector(".js-plotly-plot", timeout=60_000)
            assert page.locator("[data-testid='stException']").count() == 0
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name=re.compile("Download CSV")).first.click()
        path = tmp_path / "download.csv"
        download.value.save_as(path)
        name = download.value.suggested_filename
        context.close()
        browser.close()
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and "refreshed" in out, err[-2000:]
    lines = path.read_text().splitlines()
    assert name.startswith("selloff-lens_global-tech_") and name.endswith(".csv")
    assert "nvda: NVDA (USD)" in lines[0] and len(lines) > 5
    assert all(len(line.split(",")) == len(lines[0].split(",")) for line in lines)  # nothing partial
    assert list(cache.glob("*.parquet")) and not list(cache.glob("*.tmp*"))  # renamed into place, no leftovers


def _runs(proc) -> int:
    """Script runs a replica has logged."""
    return server_log(proc).count("selloff.timing: script run")


def test_a_download_works_after_a_replica_dies_without_a_reload(balancer, tmp_path):
    """The replica holding a session is killed: the browser reconnects through nginx to the other, which redraws
    the same view (components/controls.py asks for the rerun), and Download serves the same file with no reload."""
    base, _, _, procs = balancer
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{base}/global-tech?source=snapshot&section=mag7&assets=nvda,sk_hynix,ndx")
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        page.wait_for_function(RUN_ENDED, timeout=60_000)
        query = page.url.split("?", 1)[1]

        def download(name: str) -> str:
            with page.expect_download(timeout=30_000) as got:
                page.get_by_role("button", name=re.compile("Download CSV")).first.click()
            got.value.save_as(tmp_path / name)
            return (tmp_path / name).read_text()

        before = download("before.csv")
        serving = next(p for p in procs if _runs(p))
        survivor = next(p for p in procs if p is not serving)
        ran = _runs(survivor)
        serving.kill()
        serving.wait(10)
        deadline = time.time() + 60
        while _runs(survivor) == ran and time.time() < deadline:  # the reconnect's rerun, on the other replica
            page.wait_for_timeout(250)
        page.wait_for_function(RUN_ENDED, timeout=60_000)
        after = download("after.csv")
        query_after = page.url.split("?", 1)[1]
        context.close()
        browser.close()
    assert _runs(survivor) > ran  # the other replica drew the page (else the test killed an idle replica)
    assert after == before and before.count("\n") > 5  # the same file, served by the survivor
    assert query_after == query  # the same view
