"""LandAcquisition: the staircase optimum against every partition, the rejection test (compiled
and Python twins agree), the scorer on hand-computed cases and arbitrary partitions."""
from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.optimization.land_acquisition import first_interesting, least_cost, simple_cost


def partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in partitions(rest):
        yield [[first]] + partition
        for k in range(len(partition)):
            yield partition[:k] + [[first] + partition[k]] + partition[k + 1:]


def cost(groups, w, l):
    return sum(max(w[i] for i in g) * max(l[i] for i in g) for g in groups)


def test_optimum_against_every_partition():
    rng = random.Random(10)
    for _ in range(150):
        n = rng.randint(1, 7)
        top = rng.choice((2, 5, n * n, 50))
        w = [rng.randint(1, top) for _ in range(n)]
        l = [rng.randint(1, top) for _ in range(n)]
        assert least_cost(w, l) == min(cost(p, w, l) for p in partitions(list(range(n))))


def test_hand_computed():
    # (12,9) (16,2) (2,9) (1,10): {1,3,4} costs 12*10, {2} costs 32: 152; {1,3},{2},{4} 108+32+10=150
    assert least_cost([12, 16, 2, 1], [9, 2, 9, 10]) == 150
    assert simple_cost([12, 16, 2, 1], [9, 2, 9, 10]) == 152
    assert least_cost([3, 3], [4, 4]) == 12


def test_compiled_rejection_test_agrees_with_the_twin():
    sampler = pytest.importorskip("rlve_fast.envs.optimization._land_acquisition_sampler")
    generator = np.random.Generator(np.random.PCG64(3))
    for n in (4, 5, 9, 16):
        for _ in range(40):
            w = generator.integers(1, n * n, size=(16, n), endpoint=True, dtype=np.int64)
            l = generator.integers(1, n * n, size=(16, n), endpoint=True, dtype=np.int64)
            assert sampler.first_interesting(w, l) == first_interesting(w, l)


def test_generated_instances_beat_the_simple_partitions():
    env = rlve_fast.make("LandAcquisition")
    for seed in range(5):
        p = env.generate(seed, difficulty=6).parameter
        assert p["gold_answer"] == least_cost(p["W"], p["L"]) < simple_cost(p["W"], p["L"])


CONFIG = {"seed": 0, "parameter": {"N": 4, "W": [12, 16, 2, 1], "L": [9, 2, 9, 10], "gold_answer": 150}}


def both_paths(text, config=CONFIG):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("LandAcquisition", config, "<answer>%s</answer>" % text)["reward"])
    assert out[0] == out[1], (text, out)
    return out[0]


@pytest.mark.parametrize("answer, reward", [
    ("1 3\n2\n4", 1.0), ("\n3 1\n\n4\n2\n", 1.0), ("1 3 4\n2", (150 / 152) ** 5),
    ("1 2 3 4", (150 / 160) ** 5), ("1\n2\n3\n4", (150 / (108 + 32 + 18 + 10)) ** 5),
    ("1 3\n2", -0.5), ("1 3\n2\n4\n4", -0.5), ("0 3\n2\n4", -0.5), ("1 3\n2\n5", -0.5),
    ("1 3, 2 4", -1.0), ("", -0.5),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_a_partition_cheaper_than_the_stored_optimum_is_an_error():
    assert both_paths("1 3\n2\n4", {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=151)}) == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=4), max_size=5))
def test_paths_agree_on_arbitrary_groups(groups):
    reward = both_paths("\n".join(" ".join(map(str, g)) for g in groups))
    assert reward == -0.5 or 0.0 < reward <= 1.0
