"""Command lines run in-process: ``main(argv)`` with stdout and stderr captured, as a process would show them.

A subprocess per call cost ~2-4 s of interpreter and import start-up on 2 cores; the modules' ``main`` is what
``python -m`` runs, so the exit code, the output and the one-line refusal are the same.
"""

from __future__ import annotations

import importlib
import io
from contextlib import redirect_stderr, redirect_stdout
from types import SimpleNamespace


def run_module(module: str, *args: str) -> SimpleNamespace:
    """``python -m <module> <args>`` in this process: ``returncode``, ``stdout``, ``stderr``."""
    found = importlib.import_module(module)
    if not hasattr(found, "main") and hasattr(found, "__path__"):  # a package: ``python -m`` runs its __main__
        found = importlib.import_module(f"{module}.__main__")
    main = found.main
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse refusing an argument, or a main that exits
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return SimpleNamespace(returncode=code or 0, stdout=out.getvalue(), stderr=err.getvalue())
