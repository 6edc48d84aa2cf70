"""What a replay step costs beside a range change, in the app: ``python bench/replay.py``.

On ``/`` and ``/crypto`` (the pages with the player), one browser session opened as of 21 Nov 2025 01:00 UTC:
- a **new** step (+1 h to an hour not shown yet), clicked at once after the last repaint and again after 2 s on
  the hour (the page computes the next hour ahead while one is on screen, ``recorded.prefetch``);
- a **revisited** step (alternating -1 h / +1 h between two hours seen: recorded sections replayed);
- a **range change** (alternating the 3M and Event presets, as ``bench/run.py`` times it), in the same session, and
  the same on the page opened without a replay (for scale: no instant to cut to, ``st.plotly_chart``);
- a change to a **range not seen yet** on that page (5D, 1M, 6M, YTD, 1Y, once each): computed, not replayed, as a
  step to a new hour is when nothing was computed ahead for it.
Measured as ``bench/run.py`` does (input event to the last chart repaint). Appends a section to
``bench/results.md``. Not part of the test suite: timings are facts to record.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.run import _new_page, _sidebar_click, machine, median, timed_action  # noqa: E402
from tests.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

log = logging.getLogger("bench.replay")
START = "2025-11-21T01:00Z"
PAUSE_S = 2.0
UNSEEN = ("5D", "1M", "6M", "YTD", "1Y")  # presets neither session has opened (they toggle 3M and Event)


def _button(page, name: str):
    return lambda: page.get_by_role("button", name=name, exact=True).click()


def measure(browser, base: str, path: str, steps: int) -> dict[str, list[float]]:
    context, page, watcher = _new_page(browser)
    page.goto(f"{base}{path}?source=snapshot&asof={START}")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    out: dict[str, list[float]] = {
        "new step": [],
        "new step after a pause": [],
        "revisited step": [],
        "range change": [],
    }
    for i in range(2):  # warm-up: the first sidebar change after a load can be dropped
        try:
            timed_action(page, watcher, _sidebar_click(page, ("3M", "Event")[i % 2]), 20)
        except TimeoutError:
            pass
    for i in range(steps):
        out["new step"].append(timed_action(page, watcher, _button(page, "+1 h"))[0])
        time.sleep(PAUSE_S)  # the reader reads the hour (play waits 1.5 s): the next one is computed meanwhile
        out["new step after a pause"].append(timed_action(page, watcher, _button(page, "+1 h"))[0])
        back = timed_action(page, watcher, _button(page, "−1 h"))[0]
        fwd = timed_action(page, watcher, _button(page, "+1 h"))[0]
        out["revisited step"] += [back, fwd]
        out["range change"].append(timed_action(page, watcher, _sidebar_click(page, ("3M", "Event")[i % 2]))[0])
    context.close()
    # the same range changes on the page without a replay (its charts the ordinary st.plotly_chart), for scale
    context, page, watcher = _new_page(browser)
    page.goto(f"{base}{path}?source=snapshot")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    out["range change outside a replay"] = []
    for i in range(steps + 2):
        try:
            took = timed_action(page, watcher, _sidebar_click(page, ("3M", "Event")[i % 2]), 20)[0]
        except TimeoutError:
            continue
        if i >= 2:  # the first two warm up, as above
            out["range change outside a replay"].append(took)
    # a range this server has not drawn yet: its sections computed, not replayed (what a step to a new hour does)
    unseen = out["unseen range outside a replay"] = []
    for preset in UNSEEN[:steps]:
        try:
            unseen.append(timed_action(page, watcher, _sidebar_click(page, preset), 60)[0])
        except TimeoutError:
            continue
    context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    results = {}
    with streamlit_server() as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in ("/", "/crypto"):
            results[path] = measure(browser, base, path, args.steps)
        browser.close()
    lines = [
        "",
        f"## Replay steps ({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, `python bench/replay.py`)",
        "",
        f"{machine()}; embedded snapshot; a session opened as of {START}; {args.steps} rounds per page. Median "
        "(min-max) ms from the click to the last chart repaint, measured as `bench/run.py` measures range changes.",
        "",
        "| page | new step (+1 h, at once) | new step (+1 h, after 2 s on the hour) | revisited step (-1 h / +1 h) "
        "| range change (3M / Event) | range change outside a replay | range not seen yet, outside a replay |",
        "|---|---|---|---|---|---|---|",
    ]
    for path, res in results.items():
        cells = [f"{median(v):.0f} ({min(v):.0f}-{max(v):.0f})" for v in res.values()]
        lines.append(f"| `{path}` | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    with args.out.open("a") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
