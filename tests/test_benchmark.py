"""benchmark.generation_ms: what a caller waits for one problem, refused seeds included."""
from __future__ import annotations

import pytest

from rlve_fast import benchmark
from rlve_fast.errors import GenerationError, GenerationTimeout


class _Clock:
    """A fake perf_counter; each generate() call advances it by the seed's scripted cost."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _scripted(monkeypatch, outcomes):
    """generate(seed) takes outcomes[seed] = (seconds, exception class or None)."""
    clock = _Clock()

    class Stub:
        def generate(self, seed, difficulty, time_budget):
            seconds, error = outcomes[seed]
            clock.now += seconds
            if error is not None:
                raise error("scripted")

    monkeypatch.setattr(benchmark.time, "perf_counter", clock)
    monkeypatch.setattr(benchmark.rlve_fast, "make", lambda env_id: Stub())


def test_refused_seeds_add_their_time_to_the_next_problem(monkeypatch):
    outcomes = [(0.001, None), (0.050, GenerationError), (0.002, None), (0.004, None),
                (0.030, GenerationError), (0.030, GenerationError), (0.003, None), (0.005, None)]
    _scripted(monkeypatch, outcomes)
    # problems: 1 ms, 50 + 2 ms, 4 ms, 30 + 30 + 3 ms, 5 ms -> median 5 ms
    assert benchmark.generation_ms("Stub", 0, seeds=5) == pytest.approx(5.0)


def test_refusals_can_move_the_median(monkeypatch):
    outcomes = [(0.001, None), (0.010, GenerationError), (0.001, None),
                (0.010, GenerationError), (0.001, None)]
    _scripted(monkeypatch, outcomes)
    # problems: 1, 11, 11 ms -> median 11 ms (ignoring the refusals would say 1 ms)
    assert benchmark.generation_ms("Stub", 0, seeds=3) == pytest.approx(11.0)


def test_timeouts_count_as_infinite(monkeypatch):
    outcomes = [(10.0, GenerationTimeout), (10.0, GenerationTimeout), (0.001, None)]
    _scripted(monkeypatch, outcomes)
    assert benchmark.generation_ms("Stub", 0, seeds=3) == float("inf")
