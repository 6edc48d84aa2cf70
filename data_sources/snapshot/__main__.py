"""``python -m data_sources.snapshot build --from DIR|live`` and ``... verify``.

Exit codes: 0 done, 1 the snapshot has problems or a build was refused (the old snapshot is kept),
2 a bad argument.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from data_sources import snapshot
from data_sources.snapshot.builder import BuildError, OutRefused, build

log = logging.getLogger("data_sources.snapshot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_sources.snapshot", description=(snapshot.__doc__ or "").split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/snapshot from a folder of real downloads, or from live")
    b.add_argument("--from", dest="src", required=True, help="a folder laid out like ../shared/data, or 'live'")
    b.add_argument("--out", type=Path, default=None)
    b.add_argument(
        "--allow-fewer-rows",
        action="store_true",
        help="accept a build with fewer rows for a series than the current snapshot holds",
    )
    sub.add_parser("verify", help="check checksums and schema of the committed snapshot")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build":
        if args.src != "live" and not Path(args.src).is_dir():
            log.error(
                "--from %s: no such folder (give a folder laid out like ../shared/data, or 'live')", args.src[:200]
            )
            return 2
        try:
            manifest = build(args.src, args.out, allow_fewer_rows=args.allow_fewer_rows)
        except OutRefused as exc:  # a bad argument: nothing was read or written
            log.error("%s", exc)
            return 2
        except BuildError as exc:
            log.error("%s", exc)
            return 1
        except OSError as exc:  # the disk or the folder failed mid-build: the old snapshot is kept
            log.error("the build could not write its folder (%s); the current snapshot is kept", exc.strerror or exc)
            return 1
        log.info(
            "wrote %d daily and %d intraday series (as of %s); absent: %s",
            len(manifest["series"]),
            len(manifest["intraday"]),
            manifest["as_of"],
            ", ".join(manifest["absent"]) or "none",
        )
        return 0
    problems = snapshot.verify()
    for p in problems:
        log.error(p)
    log.info("snapshot %s", "OK" if not problems else f"has {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
