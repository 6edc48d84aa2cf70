"""Fill the on-disk cache for the whole catalog, so visitors are served from disk, not from Yahoo.

Run it on a schedule (cron, a CI job) where the internet is reachable::

    python -m data_sources.refresh --days 730 --hourly-days 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable
from typing import NoReturn

from tqdm import tqdm

from data_sources import catalog
from data_sources.service import get_many, network_budget

SCRIPT_BUDGET_S = 3600.0

log = logging.getLogger(__name__)


def refresh(days: int = 730, hourly_days: int = 30, keys: list[str] | None = None) -> dict[str, str]:
    """Download every series live (batched per source); returns key -> outcome."""
    today = dt.date.today()
    keys = keys or list(catalog.CATALOG)
    by_source: dict[str, list[str]] = {}
    for key in keys:
        by_source.setdefault(catalog.get(key).source, []).append(key)
    outcome: dict[str, str] = {}
    jobs = [(src, group, "1d", days) for src, group in by_source.items()]
    intraday = [k for k in keys if catalog.get(k).intraday]
    if hourly_days and intraday:
        jobs.append(("crypto", intraday, "1h", hourly_days))
    # a scheduled job, not a page: it may wait on slow sources (each HTTP call still has its own timeout)
    with (
        network_budget(SCRIPT_BUDGET_S),
        tqdm(total=sum(len(g) for _, g, _, _ in jobs), unit="series", desc="refresh") as bar,
    ):
        for src, group, interval, span in jobs:
            bar.set_postfix_str(f"{src} {interval}")
            frames = get_many(group, today - dt.timedelta(days=span), today, interval=interval, source="live")
            for key, frame in frames.items():
                outcome[f"{key}@{interval}"] = (
                    f"{len(frame)} rows from {frame.attrs['source']}" if not frame.empty else frame.attrs["error"]
                )
            bar.update(len(group))
    return outcome


MAX_DAYS = 366 * 25  # the data layer's longest range


def _days(lo: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{raw[:20]}' is not a whole number of days") from None
        if not lo <= value <= MAX_DAYS:
            raise argparse.ArgumentTypeError(f"{value} is outside {lo} to {MAX_DAYS} days")
        return value

    return parse


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line and exit code 2, never a usage dump or traceback
        self.exit(2, f"{self.prog}: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m data_sources.refresh", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--days", type=_days(1), default=730, help="daily history to fetch (default 730)")
    parser.add_argument("--hourly-days", type=_days(0), default=30, help="hourly crypto history (default 30, 0 = none)")
    parser.add_argument("keys", nargs="*", help="catalog keys (default: all)")
    args = parser.parse_args(argv)
    unknown = [k for k in args.keys if k not in catalog.CATALOG]
    if unknown:
        parser.error(
            f"unknown series {', '.join(repr(k[:40]) for k in unknown[:5])}; keys are listed in data_sources/catalog.py"
        )
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    outcome = refresh(args.days, args.hourly_days, args.keys or None)
    failed = {k: v for k, v in outcome.items() if "rows from" not in v}
    for key, what in outcome.items():
        log.info("%s: %s", key, what)
    log.info("%d of %d refreshed", len(outcome) - len(failed), len(outcome))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
