"""Benchmark the dashboard against a same-chrome peer and the Streamlit floor, on the embedded snapshot:
``python bench/run.py``.

Three apps served the same way and measured interleaved in one run (each app sample right after a peer and a floor
sample, so the shared machine's slow spells hit all three):
- the app (``serve.py``);
- the peer (``bench/peer_app.py``): the same sidebar, Share popover and navigation, one ``st.cache_data`` loader on
  the same snapshot, each page's default view with as many Plotly charts of the same detail, written the ordinary
  way (the anchor of the targets: the app against what a plain version of it would cost);
- the floor (``bench/floor_app.py``): one page, one 300-point line (the least a Streamlit chart costs here).
Measured: time to first chart from a fresh browser context; page switch and date-range change (warm) until the
charts have redrawn; the app's warm script time per page with every section stacked (``section=all``, from its own
timing log); Plotly figure JSON per page; peak server memory. Ratios are medians of paired samples, with their
spread (25th-75th percentile). Writes ``bench/results.md``. Not part of the test suite: timings are facts to record.
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
PRESETS_TOGGLED = ("3M", "Event")  # range changes alternate: clicking the selected preset would not rerun


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


# In the page, before any of its scripts: when the reader's input happened, and when the frame after each
# change to a chart's DOM was painted. The redraw ends at the paint after the last chart change.
REDRAW_MARKS = r"""
(() => {
  const m = window.__redraw = {input: null, painted: null, ws: null};
  document.addEventListener('pointerdown', () => { m.input = performance.now(); m.painted = null; }, true);
  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    ws.addEventListener('message', () => { m.ws = performance.now(); });
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, WS);
  new MutationObserver(records => {
    if (records.some(r => r.target.closest && r.target.closest('.js-plotly-plot'))) {
      requestAnimationFrame(() => { m.painted = performance.now(); });
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""
QUIET_MS = 400  # no chart change for this long after the run has finished: the redraw is over


def _painted(page: Page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(0))))")


def first_chart_ms(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot .main-svg') !== null", timeout=120_000, polling="raf"
    )
    ms = page.evaluate("() => performance.now()")
    context.close()
    return ms


def timed_action(page: Page, watcher: RunWatcher, action, timeout_s: float = 120) -> tuple[float, float]:
    """(redraw, wall) in ms for one widget action.

    redraw: in the page, from the reader's input event to the paint after the last change to any chart's DOM
    that the rerun caused (the charts have redrawn). wall: from the test driver's click call until the run's
    ``script_finished`` arrived and two frames painted, as earlier results measured it. It includes the
    driver's own actionability checks and does not check that a chart changed.
    """
    before = watcher.finished
    started = time.perf_counter()
    action()
    deadline = started + timeout_s
    while watcher.finished <= before:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no script_finished within {timeout_s:.0f} s")
        page.wait_for_timeout(2)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    _painted(page)
    wall = (time.perf_counter() - started) * 1000
    last = None
    while time.perf_counter() < deadline:  # wait until charts and socket have been quiet for QUIET_MS
        marks = page.evaluate("() => window.__redraw")
        if (marks["painted"], marks["ws"]) == last:
            break
        last = (marks["painted"], marks["ws"])
        page.wait_for_timeout(QUIET_MS)
    end = marks["painted"] if marks["painted"] is not None else marks["ws"]  # no chart changed: the run's end
    return end - marks["input"], wall


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


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


NAV = {"/": "Overview", "/crypto": "Crypto", "/global-tech": "Global tech", "/macro": "Macro"}
FLOOR_LABELS = ["1", "2", "0"]
APPS = ("app", "peer")


def _new_page(browser) -> tuple[object, Page, RunWatcher]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.add_init_script(REDRAW_MARKS)
    page = context.new_page()
    return context, page, RunWatcher(page)


def _sidebar_click(page: Page, label: str):
    return lambda: page.locator("[data-testid='stSidebar']").get_by_text(label, exact=True).click()


def _nav_click(page: Page, path: str):
    """The page menu's link (the app draws it with ``st.page_link``, the peer with ``st.navigation``'s own)."""
    return lambda: page.locator("[data-testid='stSidebar']").get_by_role("link", name=NAV[path], exact=True).click()


class Floor:
    """The floor app open in its own browser context, rerun on demand (cycling its radio)."""

    def __init__(self, browser, base: str) -> None:
        self.context, self.page, self.watcher = _new_page(browser)
        self.page.goto(base)
        self.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        self.clicks = 0
        for _ in range(2):  # warm-up, untimed
            self.rerun()

    def rerun(self) -> tuple[float, float]:
        self.clicks += 1
        return timed_action(self.page, self.watcher, _sidebar_click(self.page, FLOOR_LABELS[self.clicks % 3]))


class Session:
    """One browser session on the app or the peer, driven through its sidebar."""

    def __init__(self, browser, base: str, query: str) -> None:
        self.context, self.page, self.watcher = _new_page(browser)
        self.page.goto(f"{base}/?{query}")
        self.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        self.presets = 0
        # the first sidebar change after a fresh load can be dropped by Streamlit: warm up, untimed, until two
        # changes have rerun
        done = 0
        while done < 2:
            try:
                self.toggle(timeout_s=10)
                done += 1
            except TimeoutError:
                self.presets -= 1  # dropped: the same preset again

    def switch(self, path: str) -> tuple[float, float]:
        return timed_action(self.page, self.watcher, _nav_click(self.page, path))

    def toggle(self, timeout_s: float = 120) -> tuple[float, float]:
        """Alternate between the toggled presets, 3M first (the sessions open on the event's range)."""
        preset = PRESETS_TOGGLED[self.presets % 2]
        self.presets += 1
        return timed_action(self.page, self.watcher, _sidebar_click(self.page, preset), timeout_s)


def _log_of(base: str) -> Path:
    port = base.rsplit(":", 1)[1]
    return next(p for p in (ROOT / "tests" / "artifacts").glob("server-*.log") if f"-{port}." in p.name)


def section_all_script_ms(browser, base: str, log_path: Path, reruns: int) -> dict[str, list[float]]:
    """The app's own script time with every section stacked (the overview has no section bar: its default),
    warm: each page gets two untimed range changes, then ``reruns`` timed ones; the log lines they add are read."""
    out: dict[str, list[float]] = {}
    for path in PAGES:
        query = QUERY + ("&section=all" if path != "/" else "")
        context, page, watcher = _new_page(browser)
        page.goto(f"{base}{path}?{query}")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
        for i in range(2):
            timed_action(page, watcher, _sidebar_click(page, PRESETS_TOGGLED[i % 2]))
        mark = log_path.stat().st_size
        for i in range(reruns):
            timed_action(page, watcher, _sidebar_click(page, PRESETS_TOGGLED[i % 2]))
        with log_path.open(errors="replace") as fh:
            fh.seek(mark)
            text = fh.read()
        out[path] = [float(m.group(1)) for m in re.finditer(r"script run page=\S* ms=([\d.]+)", text)]
        context.close()
    return out


def run(browser, loads: int, reruns: int) -> dict[str, object]:
    """Every app sample is taken next to a peer and a floor sample, so a slow spell hits all three."""
    with (
        streamlit_server("bench/floor_app.py") as (fbase, fproc),
        streamlit_server("bench/peer_app.py") as (pbase, pproc),
        streamlit_server("serve.py", env={"SELLOFF_LOG_LEVEL": "DEBUG"}) as (base, proc),
    ):
        bases = {"app": base, "peer": pbase}
        first_chart_ms(browser, fbase)  # warm the floor server
        first: dict[str, dict[str, list[float]]] = {name: {} for name in (*APPS, "floor")}
        for path in PAGES:
            for name in APPS:
                first_chart_ms(browser, f"{bases[name]}{path}?{QUERY}")  # warm caches
            for _ in range(loads):
                first["floor"].setdefault(path, []).append(first_chart_ms(browser, fbase))
                for name in ("peer", "app"):
                    first[name].setdefault(path, []).append(first_chart_ms(browser, f"{bases[name]}{path}?{QUERY}"))
        floor = Floor(browser, fbase)
        sessions = {name: Session(browser, bases[name], QUERY) for name in ("peer", "app")}
        switch: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in (*APPS, "floor")}
        for _ in range(max(1, reruns // 2)):
            for path in [*PAGES[1:], "/"]:
                switch["floor"].setdefault(path, []).append(floor.rerun())
                for name in ("peer", "app"):
                    switch[name].setdefault(path, []).append(sessions[name].switch(path))
        ranges: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in (*APPS, "floor")}
        for path in PAGES:
            for name in ("peer", "app"):
                sessions[name].switch(path)
                for _ in range(2):  # warm-up, untimed: the targets are for a warm cache
                    sessions[name].toggle()
            for _ in range(reruns):
                ranges["floor"].setdefault(path, []).append(floor.rerun())
                for name in ("peer", "app"):
                    ranges[name].setdefault(path, []).append(sessions[name].toggle())
        for session in sessions.values():
            session.context.close()
        floor.context.close()
        script_all = section_all_script_ms(browser, base, _log_of(base), reruns)
        rss = {"app": peak_rss_mb(proc.pid), "peer": peak_rss_mb(pproc.pid), "floor": peak_rss_mb(fproc.pid)}
    return {"first": first, "switch": switch, "range": ranges, "script_section_all": script_all, "rss": rss}


def machine() -> str:
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), {int(mem) / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"


def _redraw(samples: list[tuple[float, float]]) -> list[float]:
    return [r for r, _ in samples]


def _quantile(values: list[float], q: float) -> float:
    return (
        float(statistics.quantiles(values, n=4, method="inclusive")[int(q * 4) - 1]) if len(values) > 1 else values[0]
    )


def paired(app: list[float], other: list[float]) -> tuple[float, float, float]:
    """The ratio app/other per pair of samples taken together: median, 25th and 75th percentile."""
    ratios = [a / b for a, b in zip(app, other, strict=False) if b > 0]
    return median(ratios), _quantile(ratios, 0.25), _quantile(ratios, 0.75)


def _cell(r: tuple[float, float, float], target: float | None = None) -> str:
    mid, lo, hi = r
    verdict = "" if target is None else (" yes" if mid <= target else " **no**")
    return f"{mid:.2f} ({lo:.2f}-{hi:.2f}){verdict}"


def report(res: dict, sizes: dict[str, dict[str, int]], loads: int, reruns: int) -> str:
    import streamlit

    lines = [
        "# Benchmark results",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}; Streamlit {streamlit.__version__}, "
        f"headless Chromium, embedded snapshot (`source=snapshot`); {loads} page loads per page and app, "
        f"{reruns} range changes per page and {max(1, reruns // 2)} page switches per page. "
        "Produced by `python bench/run.py`.",
        "",
        "Three apps, served the same way and measured interleaved (floor, peer, app, in that order, for every sample):",
        "the app; the **peer** (`bench/peer_app.py`: the same sidebar, Share popover and four-page navigation, one "
        "`st.cache_data` loader on the same snapshot, each page's default view with as many Plotly charts of the "
        "same kind and detail, written the ordinary way); the **floor** (`bench/floor_app.py`: one page, one "
        "300-point line). Ratios are the median of the per-pair ratios (each app sample over the peer or floor "
        "sample taken with it), with the 25th-75th percentile in brackets.",
        "",
        "| page | first chart: app / peer / floor (ms) | app/peer (<= 1.0) | app/floor "
        "| page switch: app / peer / floor (ms) | app/peer (<= 0.8) | app/floor "
        "| range change: app / peer / floor (ms) | app/peer (<= 0.7) | app/floor "
        "| script, `section=all`, warm (ms, <= 80) | figure JSON, heaviest (MB, <= 0.3) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path in PAGES:
        fc = {n: res["first"][n][path] for n in ("app", "peer", "floor")}
        sw = {n: _redraw(res["switch"][n][path]) for n in ("app", "peer", "floor")}
        rc = {n: _redraw(res["range"][n][path]) for n in ("app", "peer", "floor")}
        script = res["script_section_all"].get(path, [])
        warm = median(script)
        mb = max(sizes.get(path, {"": 0}).values()) / 1e6
        lines.append(
            f"| `{path}` "
            f"| {median(fc['app']):.0f} / {median(fc['peer']):.0f} / {median(fc['floor']):.0f} "
            f"| {_cell(paired(fc['app'], fc['peer']), 1.0)} | {_cell(paired(fc['app'], fc['floor']))} "
            f"| {median(sw['app']):.0f} / {median(sw['peer']):.0f} / {median(sw['floor']):.0f} "
            f"| {_cell(paired(sw['app'], sw['peer']), 0.8)} | {_cell(paired(sw['app'], sw['floor']))} "
            f"| {median(rc['app']):.0f} / {median(rc['peer']):.0f} / {median(rc['floor']):.0f} "
            f"| {_cell(paired(rc['app'], rc['peer']), 0.7)} | {_cell(paired(rc['app'], rc['floor']))} "
            f"| {warm:.0f} ({min(script, default=float('nan')):.0f}-{max(script, default=float('nan')):.0f})"
            f"{' yes' if warm <= 80 else ' **no**'} "
            f"| {mb:.3f}{' yes' if mb <= 0.3 else ' **no**'} |"
        )
    rss = res["rss"]
    lines += [
        "",
        f"Peak server memory (VmHWM) after every measurement: app {rss['app']:.0f} MB, peer {rss['peer']:.0f} MB, "
        f"floor {rss['floor']:.0f} MB.",
        "",
        "**Page switch and range change** are measured inside the page: from the reader's input event "
        "(`pointerdown` on the menu link or the preset) to the paint that follows the last change the rerun made to "
        f"any chart's DOM, once charts and websocket have been quiet for {QUIET_MS} ms. Each session first gets two "
        "untimed range changes (Streamlit can drop the first sidebar change after a fresh load) and each page two "
        "more before its timed ones, so they run on a warm cache. The floor's samples are reruns of its one chart.",
        "",
        "**Script time** is the app's own (`selloff.timing` log: the whole `app.main()` run) on range changes with "
        "every section stacked (`section=all`; the overview, which has no section bar, in its default view), after "
        "two warm-up changes; median (min-max) of the timed runs.",
        "",
        "**Figure JSON** is the largest of: the default view, every section stacked over the event window, over 1Y, "
        "and over 2007-2026 (the longest the links allow), from AppTest (per-view sizes in the raw samples).",
        "",
        "Raw samples (ms; switch and range samples are [input to redraw, driver wall time]):",
        "",
        "```json",
        json.dumps({k: v for k, v in res.items()} | {"figure_json_bytes": sizes}, indent=1, default=float),
        "```",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="page loads per first-chart figure (median; default 5)")
    parser.add_argument(
        "--reruns", type=int, default=10, help="range changes per page and floor reruns (median; default 10)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ["SELLOFF_LIVE"] = "off"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        log.info("floor, peer and app, interleaved ...")
        res = run(browser, args.loads, args.reruns)
        browser.close()
    log.info("figure sizes ...")
    sizes = figure_json_bytes()
    text = report(res, sizes, args.loads, args.reruns)
    args.out.write_text(text)
    log.info("%s", text.split("Raw samples")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
