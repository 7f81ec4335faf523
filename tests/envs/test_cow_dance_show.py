"""CowDanceShow: the heap schedule against a clock-tick simulation, and the exact-match scorer."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences.cow_dance_show import finishing_time


def tick_simulation(durations, places):
    """Advance time one unit at a time, refilling free places in label order."""
    waiting = list(durations)
    stage = []  # remaining dance time of the cows on stage
    time = 0
    while waiting or stage:
        while waiting and len(stage) < places:
            stage.append(waiting.pop(0))
        time += 1
        stage = [t - 1 for t in stage if t > 1]
    return time


def test_heap_schedule_against_ticks():
    rng = random.Random(8)
    for _ in range(500):
        n = rng.randint(3, 12)
        durations = [rng.randint(1, n) for _ in range(n)]
        places = rng.randint(2, n - 1)
        assert finishing_time(durations, places) == tick_simulation(durations, places)


def test_hand_computed():
    assert finishing_time([4, 4, 1, 3], 3) == 4       # cow 4 enters at 1, leaves at 4
    assert finishing_time([1, 1, 1, 1], 2) == 2
    assert finishing_time([5, 1, 1, 1, 1], 2) == 5    # cows 2-5 share the second place


CONFIG = {"seed": 0, "parameter": {"N": 4, "d": [4, 4, 1, 3], "K": 3, "reference_answer": 4}}


@pytest.mark.parametrize("answer, reward", [
    ("4", 1.0), ("\n4\t", 1.0), ("04", 1.0), ("5", 0.0), ("-4", 0.0), ("4.0", -1.0), ("4 s", -1.0), ("", -1.0),
])
def test_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("CowDanceShow", CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


@settings(max_examples=200, deadline=None)
@given(st.integers(-10 ** 20, 10 ** 20), st.sampled_from(["<answer>%d</answer>", "\\boxed{%d}", "%d"]))
def test_paths_agree(answer, template):
    got = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            env = rlve_fast.make("CowDanceShow", ("\\boxed{", "}") if "boxed" in template else None)
            got.append(env.verify(CONFIG, template % answer)["reward"])
    assert got[0] == got[1]
    assert got[0] == (-1.0 if template == "%d" else float(answer == 4))
