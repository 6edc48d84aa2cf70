"""Benchmark the dashboard against the Streamlit floor, on the embedded snapshot: ``python bench/run.py``.

Measures, in one run and on this machine:
- time to first chart in headless Chromium from a fresh browser context (median of N loads) per page;
- page switch and date-range change (warm) until the charts have redrawn;
- script run time per page (warm, from the app's own timing log);
- total Plotly figure JSON per page;
- peak server memory (VmHWM) after visiting every page;
each next to the floor (``bench/floor_app.py``: one page, one 300-point Plotly line) served the same way.
Writes ``bench/results.md``. Not part of the test suite: timings are facts to record, not assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.server import CHROMIUM, CHROMIUM_ARGS, peak_rss_mb, streamlit_server  # noqa: E402

log = logging.getLogger("bench")
PAGES = ["/", "/crypto", "/global-tech", "/macro"]
QUERY = "source=snapshot"
TARGETS = {"first_chart": 1.5, "range_change": 1.2, "script_ms": 150.0, "json_mb": 1.5}

class RunWatcher:
    """Counts the server's ``script_finished`` messages on the page's websocket (the end of every run).

    Watching the DOM for Streamlit's running state misses runs that finish before React paints them;
    the protocol message is never missed.
    """

    def __init__(self, page: Page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._msg = ForwardMsg
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, (bytes, bytearray)):
            try:
                if self._msg.FromString(bytes(payload)).WhichOneof("type") == "script_finished":
                    self.finished += 1
            except Exception:  # not a ForwardMsg (should not happen)
                pass


def _painted(page: Page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(0))))")


def first_chart_ms(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => document.querySelector('.js-plotly-plot .main-svg') !== null", timeout=120_000,
                           polling="raf")
    ms = page.evaluate("() => performance.now()")
    context.close()
    return ms


def timed_action(page: Page, watcher: RunWatcher, action) -> float:
    """ms from the action until the rerun it caused has finished and the next two frames have painted."""
    before = watcher.finished
    started = time.perf_counter()
    action()
    deadline = started + 120
    while watcher.finished <= before:
        if time.perf_counter() > deadline:
            raise TimeoutError("no script_finished within 120 s")
        page.wait_for_timeout(2)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    _painted(page)
    return (time.perf_counter() - started) * 1000


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def script_times(log_path: Path) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for m in re.finditer(r"script run page=(\S*) ms=([\d.]+)", log_path.read_text(errors="replace")):
        out.setdefault(m.group(1), []).append(float(m.group(2)))
    return out


# The Plotly JSON a page sends grows with the range and with the sections shown: measure the default view
# and the heaviest ones (every section stacked, over one year and over the whole snapshot).
JSON_VIEWS = {
    "default": {},
    "all sections, event": {"section": "all"},
    "all sections, 1Y": {"section": "all", "range": "1y"},
    "all sections, 2007-2026": {"section": "all", "range": "custom", "start": "2007-01-01", "end": "2026-08-22"},
}


def figure_json_bytes() -> dict[str, dict[str, int]]:
    """Total size of the Plotly specs each page sends per view, from Streamlit's AppTest on the snapshot."""
    from tests.apptest_helpers import PAGE_FILES, open_app

    sizes: dict[str, dict[str, int]] = {}
    for page in PAGE_FILES:
        for name, query in JSON_VIEWS.items():
            at = open_app(page, {"source": "snapshot", **query})
            sizes.setdefault("/" + page, {})[name] = sum(len(el.proto.spec) for el in at.get("plotly_chart"))
    return sizes


def bench_floor(browser, loads: int) -> dict[str, float]:
    with streamlit_server("bench/floor_app.py") as (base, proc):
        first_chart_ms(browser, base)  # warm the server
        firsts = [first_chart_ms(browser, base) for _ in range(loads)]
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        page = context.new_page()
        watcher = RunWatcher(page)
        page.goto(base)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        reruns = []
        for i in range(loads):
            label = ["1", "2", "0"][i % 3]
            reruns.append(timed_action(page, watcher, lambda lb=label: page.locator("[data-testid='stSidebar']")
                                       .get_by_text(lb, exact=True).click()))
        context.close()
        return {"first_chart": median(firsts), "rerun": median(reruns), "rss": peak_rss_mb(proc.pid),
                "first_all": firsts, "rerun_all": reruns}


def bench_app(browser, loads: int) -> dict[str, object]:
    env = {"SELLOFF_LOG_LEVEL": "DEBUG"}
    with streamlit_server("app.py", env=env) as (base, proc):
        log_path = next(p for p in (ROOT / "tests" / "artifacts").glob("server-*.log")
                        if f"-{base.rsplit(':', 1)[1]}." in p.name)
        first = {}
        for path in PAGES:
            first_chart_ms(browser, f"{base}{path}?{QUERY}")  # warm caches
            first[path] = [first_chart_ms(browser, f"{base}{path}?{QUERY}") for _ in range(loads)]
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        page = context.new_page()
        watcher = RunWatcher(page)
        page.goto(f"{base}/?{QUERY}")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        switches: dict[str, list[float]] = {}
        for _ in range(loads):
            for path in [*PAGES[1:], "/"]:
                name = {"/": "Overview", "/crypto": "Crypto", "/global-tech": "Global tech", "/macro": "Macro"}[path]
                link = page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=name)
                switches.setdefault(path, []).append(timed_action(page, watcher, link.click))
        ranges: dict[str, list[float]] = {}
        clicks = 0  # alternate presets across pages: clicking the selected one would not rerun
        for path in PAGES:
            name = {"/": "Overview", "/crypto": "Crypto", "/global-tech": "Global tech", "/macro": "Macro"}[path]
            page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=name).click()
            page.wait_for_timeout(1500)
            for _ in range(loads):
                preset = ["3M", "Event"][clicks % 2]
                clicks += 1
                ranges.setdefault(path, []).append(timed_action(
                    page, watcher, lambda p=preset: page.locator("[data-testid='stSidebar']").get_by_text(p, exact=True).click()))
        context.close()
        rss = peak_rss_mb(proc.pid)
        runs = script_times(log_path)
    return {"first": first, "switch": switches, "range": ranges, "rss": rss, "script": runs}


def machine() -> str:
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores ({cpu}), {int(mem) / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"


def report(floor: dict, app: dict, sizes: dict[str, dict[str, int]], loads: int) -> str:
    import streamlit

    def ok(passed: bool) -> str:
        return "yes" if passed else "**no**"

    lines = [
        "# Benchmark results",
        "",
        f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; Streamlit {streamlit.__version__}, "
        f"headless Chromium, embedded snapshot (`source=snapshot`), {loads} loads per figure (median). "
        "Produced by `python bench/run.py`.",
        "",
        f"Floor (`bench/floor_app.py`, one 300-point Plotly line): first chart {floor['first_chart']:.0f} ms, "
        f"rerun after a widget change {floor['rerun']:.0f} ms, peak server RSS {floor['rss']:.0f} MB.",
        "",
        "| page | first chart (ms) | x floor (<= 1.5) | page switch (ms) | x floor | range change (ms) | x floor (<= 1.2) "
        "| script run warm (ms, median) | <= 150 ms | figure JSON, heaviest view (MB) | <= 1.5 MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path in PAGES:
        fc = median(app["first"][path])
        sw = median(app["switch"].get(path, []))
        rc = median(app["range"].get(path, []))
        runs = app["script"].get(path, [])
        warm = median(sorted(runs)[: max(1, len(runs) // 2)]) if runs else float("nan")
        mb = max(sizes.get(path, {"": 0}).values()) / 1e6
        lines.append(
            f"| `{path}` | {fc:.0f} | {fc / floor['first_chart']:.2f} {ok(fc / floor['first_chart'] <= TARGETS['first_chart'])} "
            f"| {sw:.0f} | {sw / floor['rerun']:.2f} | {rc:.0f} | {rc / floor['rerun']:.2f} "
            f"{ok(rc / floor['rerun'] <= TARGETS['range_change'])} | {warm:.0f} | {ok(warm <= TARGETS['script_ms'])} "
            f"| {mb:.3f} | {ok(mb <= TARGETS['json_mb'])} |"
        )
    lines += [
        "",
        f"Peak server memory (VmHWM) after visiting every page, switching and changing ranges: {app['rss']:.0f} MB "
        f"(floor {floor['rss']:.0f} MB).",
        "",
        "Figure JSON is the largest of: the default view, every section stacked (`section=all`) over the event "
        "window, over 1Y, and over 2007-2026 (the longest the links allow) (per-view sizes in the raw samples). Script run and page timings "
        "are for each page's default view (its first section).",
        "",
        "Script run time is measured inside the app (`selloff.timing` log, whole `app.main()` run); the warm figure is "
        "the median of the faster half of the runs of that page (the slower half holds the cold first loads). "
        "Page switch and range change are measured in the browser from the click until the app reports the run "
        "finished (its `script_finished` message on the websocket) and two animation frames have painted; the "
        "floor for both is a widget-triggered rerun of the floor app.",
        "",
        "Raw samples (ms):",
        "",
        "```json",
        json.dumps({"floor": {k: v for k, v in floor.items()}, "first": app["first"], "switch": app["switch"],
                    "range": app["range"], "script": app["script"], "figure_json_bytes": sizes}, indent=1, default=float),
        "```",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="loads per measurement (median; default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ["SELLOFF_LIVE"] = "off"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        log.info("floor ...")
        floor = bench_floor(browser, args.loads)
        log.info("app ...")
        app = bench_app(browser, args.loads)
        browser.close()
    log.info("figure sizes ...")
    sizes = figure_json_bytes()
    text = report(floor, app, sizes, args.loads)
    args.out.write_text(text)
    log.info("%s", text.split("Raw samples")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
