"""Paired A/B of range changes between two checkouts, or this checkout with and without a setting:
``python bench/ab.py OTHER_CHECKOUT [/page] [pairs]`` or ``python bench/ab.py --b-env SELLOFF_CHART=inplace . /crypto``;
with ``--replay``, replay steps to hours already seen (-1 h / +1 h as of 21 Nov 2025 01:00 UTC: the server replays
its recordings, so the difference is what the step costs to send and redraw); with ``--step-vs-range`` (give ``.``
as the other checkout), A's revisited replay steps against B's range changes outside a replay: the replay issue's
"a step costs no more than a range change", paired.

Range changes on a shared 2-core machine vary by +-15% from one run to the next, so comparing two
``bench/run.py`` results cannot tell a 10 ms change from noise. This serves this checkout (A) and another one
(B, e.g. a ``git worktree`` of a branch) side by side and alternates their range changes in one browser, with
the order swapped every pair, so slow spells hit both. It prints both medians and their ratio. Timings are
the same in-page measure as ``bench/run.py`` (input event to the paint after the charts' last redraw).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.replay import START as REPLAY_START  # noqa: E402
from bench.replay import _button  # noqa: E402
from bench.run import PRESETS_TOGGLED, QUERY, ROOT, _new_page, _sidebar_click, timed_action  # noqa: E402
from tests.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402


def _action(page, i: int, replay: bool):
    """The i-th timed input: a step back or forward one hour, or the next range preset."""
    if replay:
        return _button(page, ("+1 h", "\u22121 h")[i % 2])  # forward to 02:00 first, then back to 01:00
    return _sidebar_click(page, PRESETS_TOGGLED[i % len(PRESETS_TOGGLED)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the checkout to compare with (B); this one is A")
    parser.add_argument("page", nargs="?", default="/", help="page path, e.g. /crypto (default /)")
    parser.add_argument("pairs", nargs="?", type=int, default=30, help="range changes on each (default 30)")
    parser.add_argument("--b-env", action="append", default=[], help="NAME=VALUE set for B's server only")
    parser.add_argument("--replay", action="store_true", help="time revisited replay steps, not range changes")
    parser.add_argument("--step-vs-range", action="store_true", help="A: revisited replay steps; B: range changes")
    args = parser.parse_args()
    replays = (args.replay or args.step_vs_range, args.replay)  # A's and B's inputs: replay steps or range changes
    b_env = dict(item.split("=", 1) for item in args.b_env)
    samples: tuple[list[float], list[float]] = ([], [])
    with (
        streamlit_server("serve.py", cwd=ROOT) as (base_a, _),
        streamlit_server("serve.py", cwd=args.other, env=b_env or None) as (base_b, _),
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = []
        for base, replay in zip((base_a, base_b), replays, strict=True):
            _, page, watcher = _new_page(browser)
            page.goto(f"{base}{args.page}?{QUERY}{f'&asof={REPLAY_START}' if replay else ''}")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            for i in range(2):  # untimed: warm both caches (and, in a replay, record both hours)
                timed_action(page, watcher, _action(page, i, replay))
            pages.append((page, watcher))
        for i in range(args.pairs):
            for side in (0, 1) if i % 2 == 0 else (1, 0):
                page, watcher = pages[side]
                samples[side].append(timed_action(page, watcher, _action(page, i, replays[side]))[0])
        browser.close()
    a, b = statistics.median(samples[0]), statistics.median(samples[1])
    what = {
        (True, True): "revisited replay step",
        (False, False): "range change",
        (True, False): "A revisited replay step, B range change outside a replay,",
    }[replays]
    print(
        f"{args.page} {what} over {args.pairs} pairs: A (this checkout) {a:.0f} ms, "
        f"B ({args.other}{' with ' + ' '.join(args.b_env) if args.b_env else ''}) {b:.0f} ms, B/A {b / a:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
