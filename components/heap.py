"""Keep Streamlit's after-every-run garbage collection cheap.

Streamlit calls ``gc.collect(2)`` after every script run (``runner.postScriptGC``), and it holds the GIL
while it runs, so the run's ``script_finished`` message waits for it. A full collection walks every
object the process tracks. Most of those were made by the imports (pandas, plotly, pyarrow, the data
layer) and live as long as the process, so walking them frees nothing. Measured on this app: 90-125 ms
per run, longer than the script itself.

Once the first run has imported everything, ``gc.freeze()`` moves the survivors to the permanent
generation. Later collections skip them and still free what each run leaves behind. Reference counting
frees frozen objects as usual; only a reference cycle made before the freeze stays until the process
exits. The cost is a one-off, bounded amount.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

log = logging.getLogger(__name__)
_lock = threading.Lock()
_frozen = False


def freeze_after_first_run() -> None:
    """Collect once, then freeze what survives. Call at the end of a script run; only the first call acts."""
    global _frozen
    if _frozen:
        return
    with _lock:
        if _frozen:
            return
        started = time.perf_counter()
        gc.collect()
        gc.freeze()
        _frozen = True
    log.info(
        "froze %d import-time objects out of the per-run collection (%.0f ms)",
        gc.get_freeze_count(),
        (time.perf_counter() - started) * 1000,
    )


def freeze_imports() -> None:
    """At server start, before any session, once the server has imported every page (and with them the data
    layer, analytics, pandas and plotly): collect once and freeze what survives.

    Without it, a burst of first visits runs its first scripts together before anything is frozen, and each
    automatic full collection in that burst walks the whole import-time heap holding the GIL; in the
    twenty-sessions test the health endpoint once waited 2.4 s behind them. ``freeze_after_first_run`` still
    freezes what the first run adds.
    """
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    log.info(
        "froze %d objects at start, before the first session (%.0f ms)",
        gc.get_freeze_count(),
        (time.perf_counter() - started) * 1000,
    )


def is_frozen() -> bool:
    return _frozen
