"""At most a few script runs compute at once; the others wait their turn without holding the GIL.

Under a burst of first visits (40 sessions on 2 cores) every script thread contends for the GIL, and the thread of
the server's event loop, which answers the health probe, is one among 41: a probe waited up to 6.7-10.2 s
(``bench/health_burst.py``, bench/results.md). A run waiting here blocks on a semaphore, which holds no GIL, so the
event loop contends with at most ``slots()`` runs. The work is CPU- and GIL-bound, so admitting fewer at once costs
no throughput; runs are admitted in turn. ``SELLOFF_RUN_SLOTS`` sets the number (0: no gate, as before).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
from collections.abc import Iterator

log = logging.getLogger(__name__)


@functools.cache
def slots() -> int:
    """Runs computing at once: ``SELLOFF_RUN_SLOTS``, else twice the cores (a run also waits on disk and sockets)."""
    raw = os.environ.get("SELLOFF_RUN_SLOTS", "")
    if raw.strip().isdigit() and raw.strip().isascii():
        return int(raw)
    if raw:
        log.warning("SELLOFF_RUN_SLOTS=%r is not a whole number: using the default", raw)
    return 2 * (os.cpu_count() or 1)


@functools.cache
def _gate() -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(max(slots(), 1))


@contextlib.contextmanager
def admitted() -> Iterator[None]:
    """Hold one of the slots for the body (a stopped or rerun script releases it on the way out)."""
    if slots() == 0:
        yield
        return
    gate = _gate()
    gate.acquire()
    try:
        yield
    finally:
        gate.release()
