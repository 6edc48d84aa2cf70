"""The health probe during a burst of first visits: ``python bench/health_burst.py [--sessions 40] [--bursts 3]``.

A Kubernetes liveness probe restarts a pod after ``failureThreshold`` probes in a row that each took longer than
``timeoutSeconds``; a restart drops every session on the pod. This measures what such a probe would see: a fresh
server, then ``--bursts`` bursts of ``--sessions`` headless Chromium sessions opening pages at once (different pages,
events and languages), while a prober asks ``/_stcore/health`` every ``--every`` seconds with a 10 s timeout
(one Chromium per 20 sessions). The prober is a process of its own: in the process that drives 40 pages through
Playwright's sync API, its thread waited for that process's GIL too, and its waits were partly its own.

Prints, and appends to bench/results.md with ``--write``: per burst the probes sent, their median, 95th percentile
and worst wait, how many waited 1 s or more, and the longest run of consecutive probes over 1 s (what
``failureThreshold`` must exceed). Not a test: its numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

PAGES = ("/", "/crypto", "/global-tech", "/macro")


def _probe(base: str, every: float) -> None:
    """Run as its own process (``--probe BASE``): one JSON line [sent at, waited s] per probe until terminated; a
    probe that fails or times out counts as its full wait."""
    while True:
        sent = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
                r.read()
        except OSError:
            pass
        print(json.dumps([sent, time.monotonic() - sent]), flush=True)
        time.sleep(max(0.0, every - (time.monotonic() - sent)))


def _prober(base: str, every: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, "--probe", base, "--every", str(every)], stdout=subprocess.PIPE, text=True
    )


PER_BROWSER = 20  # sessions one Chromium holds: 40 contexts in one browser stalled on its per-host connection limits


def _burst(pw, base: str, n: int, k: int, deadline_s: float = 240.0) -> int:
    """Open ``n`` sessions at once (one Chromium per ``PER_BROWSER``); returns how many drew no chart within
    ``deadline_s`` of the burst's start (counted, not fatal)."""
    browsers = [pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) for _ in range(-(-n // PER_BROWSER))]
    contexts = []
    for i in range(n):
        event = dt.date(2025, 10, 1) + dt.timedelta(days=(7 * k + i) % 60)
        lang = ("en", "zh")[i % 2]
        ctx = browsers[i // PER_BROWSER].new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        page.goto(f"{base}{PAGES[i % 4]}?source=snapshot&event={event}&lang={lang}", wait_until="commit")
        contexts.append((ctx, page))
    end = time.monotonic() + deadline_s
    undrawn = 0
    for ctx, page in contexts:
        try:
            page.wait_for_selector(".js-plotly-plot", timeout=max(1.0, end - time.monotonic()) * 1000)
        except Exception:  # noqa: BLE001 - a page that never draws is a result here, not a crash
            undrawn += 1
        finally:
            ctx.close()
    for browser in browsers:
        browser.close()
    return undrawn


def _summary(samples: list[float]) -> dict[str, float]:
    waits = sorted(samples)
    runs, longest = 0, 0
    for w in samples:
        runs = runs + 1 if w >= 1.0 else 0
        longest = max(longest, runs)
    return {
        "probes": len(waits),
        "median_ms": round(statistics.median(waits) * 1000, 1),
        "p95_ms": round(waits[int(0.95 * (len(waits) - 1))] * 1000, 1),
        "worst_ms": round(waits[-1] * 1000, 1),
        "over_1s": sum(w >= 1.0 for w in waits),
        "longest_run_over_1s": longest,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--bursts", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.25, help="seconds between probes")
    parser.add_argument("--write", action="store_true", help="append the result to bench/results.md")
    parser.add_argument("--slots", default=None, help="SELLOFF_RUN_SLOTS for the server (0: no admission gate)")
    parser.add_argument("--probe", default=None, help=argparse.SUPPRESS)  # the prober process's own entry
    args = parser.parse_args()
    if args.probe:
        _probe(args.probe, args.every)
        return 0
    results = []
    env = {} if args.slots is None else {"SELLOFF_RUN_SLOTS": args.slots}
    with streamlit_server(env=env) as (base, _proc), sync_playwright() as pw:
        for k in range(args.bursts):
            prober = _prober(base, args.every)
            began = time.monotonic()
            undrawn = _burst(pw, base, args.sessions, k)
            prober.terminate()
            out, _ = prober.communicate(timeout=30)
            probes = [tuple(json.loads(line)) for line in out.splitlines() if line.startswith("[")]
            row = {"burst": k + 1, "sessions": args.sessions, "seconds": round(time.monotonic() - began, 1)}
            row["undrawn"] = undrawn
            row.update(_summary([w for _, w in probes]))
            results.append(row)
            print(json.dumps(row), flush=True)
    if args.write:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines = [
            "",
            f"## Health probe during bursts of first visits ({stamp}, `python bench/health_burst.py"
            + (f" --slots {args.slots}" if args.slots is not None else "")
            + f" --bursts {args.bursts}`)",
            "",
            "| burst | sessions | not drawn in 240 s | seconds | probes | median ms | p95 ms | worst ms "
            "| probes >= 1 s | longest run >= 1 s |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in results:
            lines.append(
                f"| {r['burst']} | {r['sessions']} | {r['undrawn']} | {r['seconds']} | {r['probes']} | "
                f"{r['median_ms']} | {r['p95_ms']} | {r['worst_ms']} | {r['over_1s']} | {r['longest_run_over_1s']} |"
            )
        with (ROOT / "bench" / "results.md").open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
