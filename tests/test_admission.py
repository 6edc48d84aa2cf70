"""The admission gate lets at most ``slots()`` script runs compute at once; the others wait and go in turn."""

from __future__ import annotations

import threading

import pytest

from components import admission


@pytest.fixture
def gate(monkeypatch):
    def with_slots(n: str) -> None:
        monkeypatch.setenv("SELLOFF_RUN_SLOTS", n)
        admission.slots.cache_clear()
        admission._gate.cache_clear()

    yield with_slots
    admission.slots.cache_clear()
    admission._gate.cache_clear()


def test_no_more_runs_than_slots_compute_at_once_and_every_run_gets_in(gate):
    gate("2")
    inside, most, lock = 0, 0, threading.Lock()
    release = threading.Event()
    entered = threading.Semaphore(0)

    def run() -> None:
        nonlocal inside, most
        with admission.admitted():
            with lock:
                inside += 1
                most = max(most, inside)
            entered.release()
            release.wait()
            with lock:
                inside -= 1

    threads = [threading.Thread(target=run) for _ in range(6)]
    for th in threads:
        th.start()
    entered.acquire()
    entered.acquire()  # two are in; the other four wait on the gate
    with lock:
        assert inside == 2
    release.set()
    for th in threads:
        th.join(30)
    assert most == 2 and inside == 0 and not any(th.is_alive() for th in threads)


def test_a_run_that_raises_gives_its_slot_back(gate):
    gate("1")
    with pytest.raises(RuntimeError), admission.admitted():
        raise RuntimeError("a stopped script")
    assert admission._gate().acquire(blocking=False)  # the one slot is free again
    admission._gate().release()


@pytest.mark.parametrize(("raw", "want"), [("0", 0), ("3", 3), ("abc", None), ("٣", None), ("-1", None)])
def test_the_number_of_slots_is_a_plain_whole_number_else_the_default(gate, raw, want):
    import os

    gate(raw)
    assert admission.slots() == (want if want is not None else 2 * (os.cpu_count() or 1))
    if want == 0:
        with admission.admitted():  # no gate at all
            pass
