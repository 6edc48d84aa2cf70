"""The after-run garbage collection stays cheap: the import-time heap is frozen once, after the first run."""

from __future__ import annotations

import gc

from components import heap


def test_freeze_happens_once_and_moves_survivors_out_of_the_collection(monkeypatch):
    monkeypatch.setattr(heap, "_frozen", False)
    gc.unfreeze()
    try:
        heap.freeze_after_first_run()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000 and heap.is_frozen()  # pandas, plotly and friends are in the test process
        keep = [[i] for i in range(5000)]  # new objects after the freeze
        heap.freeze_after_first_run()
        assert gc.get_freeze_count() == frozen  # the second call does nothing
        assert keep
    finally:
        gc.unfreeze()
