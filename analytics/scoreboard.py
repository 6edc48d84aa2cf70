"""The thesis scoreboard without a browser: ``python -m analytics.scoreboard --source snapshot --format json``.

Prints one entry per claim (``id``, ``verdict``, ``figure``, ``reading``, ``test``, ``n``, plus ``decided_by``
and ``stat``), computed by the same rules and inputs as the Overview page. A bad argument gets one clear line
and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from typing import Any, NoReturn

import pandas as pd

from analytics import claims
from analytics.asof import BadInstant, known_at, known_frames, parse_instant
from analytics.constants import EARLIEST, MAX_SPAN_DAYS

log = logging.getLogger(__name__)
EVENT_BEFORE, EVENT_AFTER = 42, 14  # the app's Event range: six weeks before to two weeks after


def _date(raw: str) -> dt.date:
    """A date as the app takes one: YYYY-MM-DD, from 1990-01-01 to today."""
    try:
        day = dt.date.fromisoformat(raw) if raw.isascii() else None
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"'{raw[:20]}' is not a date in YYYY-MM-DD form")
    if not EARLIEST <= day <= dt.date.today():
        raise argparse.ArgumentTypeError(f"{day} is outside {EARLIEST} .. today")
    return day


def _instant(raw: str) -> pd.Timestamp:
    """``--asof``: a UTC hour as the app's ``asof=`` takes it."""
    try:
        return parse_instant(raw, EARLIEST, dt.date.today())
    except BadInstant as why:
        raise argparse.ArgumentTypeError(f"'{raw[:30]}' {why}") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def rows(
    source: str, event: dt.date, start: dt.date, end: dt.date, lang: str = "en", asof: pd.Timestamp | None = None
) -> list[dict[str, Any]]:
    """Every claim measured on one view (as known at ``asof``): the Overview's scoreboard as plain records."""
    from data_sources import get_many
    from data_sources.service import with_stand_ins

    needs, lookback = claims.data_needs()
    first = start - dt.timedelta(days=lookback)
    frames = with_stand_ins(
        get_many(needs, first, end, source=source),  # stand-ins as the app chooses them
        lambda proxies: get_many(proxies, first, end, source=source),
    )
    frames = known_frames(frames, asof)  # the app cuts in its loader; ``claims.scoreboard`` would cut anyway
    event = claims.Context(start, end, event, thesis_episode=None).event  # the episode decides it, as in the app
    intraday = {}
    for key, (before, after) in claims.INTRADAY_NEEDS.items():
        frame = get_many([key], event - dt.timedelta(days=before), event + dt.timedelta(days=after), "1h", source)[key]
        frame = known_at(frame, key, "1h", asof)
        if not frame.empty:
            intraday[key] = frame
    ctx = claims.context_for(start, end, event, intraday=intraday, asof=asof)
    out = []
    for claim, result, rule in claims.scoreboard(frames, ctx):
        out.append(
            {
                "id": claim.id,
                "verdict": result.verdict,
                "figure": result.figure_text(lang),
                "reading": result.text(lang),
                "test": rule.text(lang) if rule else "",
                "n": result.n,
                "decided_by": result.decided_text(lang),
                "stat": result.stat,
            }
        )
    return out


def markdown(entries: list[dict[str, Any]]) -> str:
    def cell(value: Any) -> str:
        return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| id | verdict | decided by | figure | n | stat |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {cell(e['id'])} | {cell(e['verdict'])} | {cell(e['decided_by'])} | {cell(e['figure'])} | "
        f"{cell(e['n'])} | {cell(e['stat'])} |"
        for e in entries
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m analytics.scoreboard", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--source", choices=("auto", "live", "snapshot"), default="snapshot")
    parser.add_argument("--event", type=_date, default=claims.THESIS_DATE)
    parser.add_argument("--start", type=_date)
    parser.add_argument("--end", type=_date)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--format", choices=("json", "md"), default="md")
    parser.add_argument("--asof", type=_instant, help="judge on what was known at this UTC hour: 2025-11-21T01:00Z")
    args = parser.parse_args(argv)
    start = args.start or max(EARLIEST, args.event - dt.timedelta(days=EVENT_BEFORE))
    end = args.end or args.event + dt.timedelta(days=EVENT_AFTER)
    if start > end:
        parser.error(f"--start {start} is after --end {end}")
    if (end - start).days > MAX_SPAN_DAYS:
        parser.error(f"--start {start} to --end {end} spans more than 20 years")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    entries = rows(args.source, args.event, start, end, args.lang, args.asof)
    sys.stdout.write(
        (json.dumps(entries, ensure_ascii=False, indent=1) if args.format == "json" else markdown(entries)) + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
