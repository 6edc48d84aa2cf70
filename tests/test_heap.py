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
        assert id(keep) in {id(o) for o in gc.get_objects()}  # still collectable: not frozen by the second call
    finally:
        gc.unfreeze()
