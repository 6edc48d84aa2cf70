"""Start a real ``streamlit run serve.py`` on a free local port, for browser tests and the benchmark."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-proxy-server",  # straight to the test's own server, whatever proxy the machine has
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]


# Streamlit's own end-of-run marks (its e2e tests wait on them), for a browser's ``wait_for_function``: the app's
# script state, and elements of the previous run still shown while the new one draws (marked stale, removed when it
# ends); its running indicator alone shows only after a delay, so a quick run can end unseen
RUN_ENDED = """() => document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]') !== null
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LOOPBACK = "http://127.0.0.1:"


class _LoopbackRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only while it stays on loopback (a redirect elsewhere is the 3xx, raised)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - the stdlib's signature
        return super().redirect_request(req, fp, code, msg, headers, newurl) if newurl.startswith(LOOPBACK) else None


# No proxy: urllib would otherwise send even 127.0.0.1 through $http_proxy (a CI machine's way to the registries).
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _LoopbackRedirects())


def local_get(url: str, timeout: float = 10) -> tuple[int, dict[str, str]]:
    """(status, headers with lower-case names) of a GET to a server this test started: loopback only, never the
    network (anything else is refused before a connection is made; no proxy; no redirect off loopback)."""
    if not url.startswith(LOOPBACK):
        raise ValueError(f"not a local test server: {url}")
    with _OPENER.open(url, timeout=timeout) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}


def health_status(base: str, timeout: float) -> int:
    """HTTP status of a local test server's health endpoint."""
    return local_get(f"{base}/_stcore/health", timeout)[0]


@contextlib.contextmanager
def streamlit_server(
    script: str = "serve.py",
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    timeout: float = 60,
    prefix: str = "",
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield (base URL, process) of a fresh server; the server is stopped on exit. With ``prefix``, the server
    runs behind that path (``server.baseUrlPath``) and the base URL ends with it."""
    port = free_port()
    full_env = {**os.environ, "SELLOFF_LIVE": "off", "PYTHONUNBUFFERED": "1", **(env or {})}
    if prefix:
        full_env["STREAMLIT_SERVER_BASE_URL_PATH"] = prefix
    log_path = ROOT / "tests" / "artifacts" / f"server-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=cwd,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}" + (f"/{prefix}" if prefix else "")
        try:
            deadline = time.time() + timeout
            while time.time() < deadline:
                try:
                    if health_status(base, timeout=2) == 200:
                        break
                except OSError:
                    time.sleep(0.2)
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited early; see {log_path}")
            else:
                raise RuntimeError(f"streamlit did not become healthy in {timeout}s; see {log_path}")
            yield base, proc
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def server_log(proc: subprocess.Popen) -> str:
    for path in (ROOT / "tests" / "artifacts").glob("server-*.log"):
        if str(proc.args[proc.args.index("--server.port") + 1]) in path.name:
            return path.read_text(errors="replace")
    return ""


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    import re

    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", text).group(1)) / 1024


def rss_mb(pid: int) -> float:
    import re

    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024
