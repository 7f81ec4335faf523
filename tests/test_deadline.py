"""Generation time budgets: GenerationTimeout once the budget has passed, and nothing left running."""
from __future__ import annotations

import math
import threading
import time

import pytest

import rlve_fast
import rlve_fast.testing  # noqa: F401  (registers the diagnostic environments)
from rlve_fast import deadline
from rlve_fast.errors import GenerationError, GenerationTimeout


def test_check_is_a_no_op_without_a_budget():
    assert deadline.deadline_at() == math.inf
    deadline.check()


def test_check_raises_once_the_budget_has_passed():
    with deadline.budget(0.05, "a test"):
        deadline.check()
        time.sleep(0.08)
        with pytest.raises(GenerationTimeout, match="a test ran past its time budget of 0.05 s"):
            deadline.check()
    deadline.check()  # the budget ended with the block


def test_an_inner_budget_never_extends_an_outer_one():
    with deadline.budget(0.05):
        outer = deadline.deadline_at()
        with deadline.budget(100.0):
            assert deadline.deadline_at() == outer
        with deadline.budget(0.01):
            assert deadline.deadline_at() < outer


@pytest.mark.parametrize("bad", [0, -1, "10", True, math.nan])
def test_bad_budgets_are_rejected(bad):
    with pytest.raises(ValueError, match="time_budget"):
        with deadline.budget(bad):
            pass


def test_budgets_are_per_thread():
    seen = {}

    def other():
        seen["at"] = deadline.deadline_at()

    with deadline.budget(1.0):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen["at"] == math.inf


def test_endless_generation_stops_at_its_budget_and_leaves_no_thread():
    env = rlve_fast.make("Debug_EndlessGeneration")
    threads = threading.active_count()
    start = time.monotonic()
    with pytest.raises(GenerationTimeout) as info:
        env.generate(0, time_budget=0.2)
    elapsed = time.monotonic() - start
    assert 0.2 <= elapsed < 5.0
    assert isinstance(info.value, GenerationError) and isinstance(info.value, TimeoutError)
    assert "Debug_EndlessGeneration (seed 0, difficulty 0)" in str(info.value)
    assert threading.active_count() == threads


def test_generation_without_a_budget_runs_unbounded():
    env = rlve_fast.make("Sorting")
    assert env.generate(3, difficulty=2, time_budget=None) == env.generate(3, difficulty=2)
