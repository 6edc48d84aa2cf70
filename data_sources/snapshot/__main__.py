"""``python -m data_sources.snapshot build --from DIR|live`` and ``... verify``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from data_sources.snapshot import __doc__ as _doc, build, verify

log = logging.getLogger("data_sources.snapshot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_sources.snapshot", description=_doc.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/snapshot from a folder of real downloads, or from live")
    b.add_argument("--from", dest="src", required=True, help="a folder laid out like ../shared/data, or 'live'")
    b.add_argument("--out", type=Path, default=None)
    sub.add_parser("verify", help="check checksums and schema of the committed snapshot")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build":
        manifest = build(args.src, args.out)
        log.info("wrote %d series (as of %s); absent: %s", len(manifest["series"]), manifest["as_of"],
                 ", ".join(manifest["absent"]) or "none")
        return 0
    problems = verify()
    for p in problems:
        log.error(p)
    log.info("snapshot %s", "OK" if not problems else f"has {len(problems)} problems")
    return 1 if problems else 0



if __name__ == "__main__":
    sys.exit(main())
