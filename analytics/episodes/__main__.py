"""The episodes on the command line: ``python -m analytics.episodes [--markets ...] [--format md|json]`` prints
the event study's comparison table; ``... scan`` lists the sell-offs a rule finds in the data."""

from __future__ import annotations

import datetime as dt

from analytics import scan
from analytics.episodes import by_id, ids
from analytics.episodes.contagion_clock import DEFAULT_DRAWDOWN
from analytics.episodes.event_study import STUDY_MARKETS, comparison, found_in_data, markdown
from data_sources import catalog


def scan_main(argv: list[str]) -> int:
    """``python -m analytics.episodes scan [--k 2.5] [--window 60] [--merge-hours 72] [--min-breadth 3] ...``"""
    import argparse
    import json
    import sys

    from data_sources.service import get_many

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            self.exit(2, f"{self.prog}: {message}\n")

    def bounded(lo: float, hi: float, kind: type = float):
        def parse(raw: str):
            if not raw.isascii() or not raw.replace(".", "", 1).isdigit():
                raise argparse.ArgumentTypeError(f"'{raw[:20]}' is not a plain number")
            value = kind(float(raw))
            if not lo <= value <= hi:
                raise argparse.ArgumentTypeError(f"{raw[:20]} is outside {lo:g}..{hi:g}")
            return value

        return parse

    parser = Parser(prog="python -m analytics.episodes scan", description=(scan.__doc__ or "").split("\n")[0])
    parser.add_argument("--source", choices=("auto", "live", "snapshot"), default="snapshot")
    parser.add_argument("--k", type=bounded(1.0, 10.0), default=scan.K, help="sigmas below zero, default 2.5")
    parser.add_argument("--window", type=bounded(20, 500, int), default=scan.WINDOW, help="returns, default 60")
    parser.add_argument("--merge-hours", type=bounded(1, 240), default=scan.MERGE_HOURS, help="default 72")
    parser.add_argument("--min-breadth", type=bounded(2, len(scan.SCAN_MARKETS), int), default=scan.MIN_BREADTH)
    parser.add_argument("--top", type=bounded(1, 1000, int), default=10)
    parser.add_argument("--format", choices=("json", "md"), default="md")
    args = parser.parse_args(argv)
    found = found_in_data(
        lambda keys, a, b: get_many(list(keys), a, b, source=args.source, proxies=False),
        dt.date.today(),
        k=args.k,
        window=args.window,
        merge_hours=args.merge_hours,
        min_breadth=args.min_breadth,
    )
    rows = scan.records(found[: args.top], {k: catalog.label(k) for k in scan.SCAN_MARKETS})
    if not rows:
        sys.stderr.write("no sell-off matches this rule in the data\n")
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    lines = ["| rank | date | breadth | depth (median worst z) | median worst return | markets | in library |"]
    lines.append("|---|---|---|---|---|---|---|")
    for r in rows:
        lines.append(
            f"| {r['rank']} | {r['date']} | {r['breadth']} | {r['depth_z']:.1f} | {r['depth_return']:+.1%} | "
            f"{', '.join(r['markets'])} | {r['library'] or '-'} |"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["scan"]:
        return scan_main(argv[1:])

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            self.exit(2, f"{self.prog}: {message}\n")

    def markets_arg(raw: str) -> tuple[str, ...]:

        keys = tuple(dict.fromkeys(k.strip() for k in raw.split(",") if k.strip()))  # a repeat counts once
        unknown = [k for k in keys if k not in catalog.CATALOG]
        if not keys or unknown:
            raise argparse.ArgumentTypeError(f"unknown market(s): {', '.join(unknown)[:60] or raw[:20]}")
        # the study compares daily closes: an open-interest, funding or odds series has none to compare
        not_markets = [
            k
            for k in keys
            if catalog.get(k).asset_class == "future"
            or catalog.get(k).intraday
            and catalog.get(k).asset_class != "crypto"
        ]
        if not_markets:
            raise argparse.ArgumentTypeError(f"not a market with daily closes: {', '.join(not_markets)[:60]}")
        return keys

    def drawdown_arg(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{raw[:20]}' is not a number") from None
        if not 0.1 <= value <= 20:
            raise argparse.ArgumentTypeError("drawdown is a percentage between 0.1 and 20")
        return value / 100

    parser = Parser(prog="python -m analytics.episodes", description="The episodes compared, as a table.")
    parser.add_argument("--source", choices=("auto", "live", "snapshot"), default="snapshot")
    parser.add_argument("--markets", type=markets_arg, default=STUDY_MARKETS)
    parser.add_argument("--drawdown", type=drawdown_arg, default=DEFAULT_DRAWDOWN, help="percent, default 2")
    parser.add_argument("--episodes", type=lambda raw: tuple(raw.split(",")), default=None)
    parser.add_argument("--format", choices=("json", "md"), default="md")
    args = parser.parse_args(argv)
    if args.episodes is not None and (unknown := [e for e in args.episodes if by_id(e) is None]):
        parser.error(f"unknown episode(s): {', '.join(unknown)[:60]}; known: {', '.join(ids())}")
    records = comparison(args.source, args.markets, args.drawdown, args.episodes)
    if not records:
        sys.stderr.write(f"{parser.prog}: no data for these markets on these episodes from this source\n")
        return 1
    sys.stdout.write((json.dumps(records, indent=2) if args.format == "json" else markdown(records)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
