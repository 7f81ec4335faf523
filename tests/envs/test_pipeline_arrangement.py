"""PipelineArrangement: Johnson's order against every permutation, the scorer on hand-computed
cases and on arbitrary lists (compiled and Python paths agree)."""
from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.optimization.pipeline_arrangement import johnson_order, makespan


def test_johnson_order_is_optimal():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(2, 7)
        a = [rng.randint(1, n) for _ in range(n)]
        b = [rng.randint(1, n) for _ in range(n)]
        best = min(makespan(p, a, b) for p in permutations(range(n)))
        order = johnson_order(a, b)
        assert sorted(order) == list(range(n))
        assert makespan(order, a, b) == best


def test_hand_computed():
    # A=[2,2,1], B=[2,3,2]: product 2 (1<2) then 1 (2<3) first, product 0 (2>=2) last
    assert johnson_order([2, 2, 1], [2, 3, 2]) == [2, 1, 0]
    assert makespan([2, 1, 0], [2, 2, 1], [2, 3, 2]) == 8   # A ends 1,3,5; B ends 3,6,8
    assert makespan([0, 1, 2], [2, 2, 1], [2, 3, 2]) == 9   # A ends 2,4,5; B ends 4,7,9
    # ties: equal A times keep index order early, equal B times reverse index order late
    assert johnson_order([1, 1, 3, 3], [2, 2, 1, 1]) == [0, 1, 3, 2]


CONFIG = {"seed": 0, "parameter": {"N": 3, "A": [2, 2, 1], "B": [2, 3, 2],
                                   "reference_answer": "2 1 0", "gold_answer": 8}}


def both_paths(text):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("PipelineArrangement", CONFIG, "<answer>%s</answer>" % text)["reward"])
    assert out[0] == out[1], (text, out)
    return out[0]


@pytest.mark.parametrize("answer, reward", [
    ("2 1 0", 1.0), ("2\n1\n0", 1.0), ("0 1 2", (8 / 9) ** 5), ("2 1", -0.5), ("2 1 1", -0.5),
    ("2 1 3", -0.5), ("-1 1 0", -0.5), ("2 1 0 0", -0.5), ("2, 1, 0", -1.0), ("", -0.5),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_an_order_beating_the_stored_optimum_is_an_error():
    wrong = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=9)}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("PipelineArrangement", wrong, "<answer>2 1 0</answer>")["reward"] == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2, 4), max_size=5))
def test_paths_agree_on_arbitrary_lists(order):
    reward = both_paths(" ".join(map(str, order)))
    assert reward == -0.5 or 0.0 < reward <= 1.0
