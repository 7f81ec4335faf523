"""MaxXorSet: the XOR basis optimum against every subset, the scorer on
hand-computed cases and on arbitrary lists (compiled and Python paths agree)."""
from __future__ import annotations

import random
from functools import reduce
from itertools import combinations
from operator import xor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.optimization.max_xor_set import max_subset_xor


def max_xor_subset(values):
    """Indices of some subset with the largest XOR, by exhaustive search."""
    n = len(values)
    return max((list(c) for k in range(n + 1) for c in combinations(range(n), k)),
               key=lambda c: reduce(xor, (values[i] for i in c), 0))


def test_optimum_against_every_subset():
    rng = random.Random(8)
    for _ in range(300):
        n = rng.randint(1, 9)
        values = [rng.randint(1, 2 ** rng.randint(2, 7) - 2) for _ in range(n)]
        brute = max(reduce(xor, (values[i] for i in subset), 0)
                    for k in range(n + 1) for subset in combinations(range(n), k))
        assert max_subset_xor(values) == brute


def test_hand_computed():
    assert max_subset_xor([55, 25, 49]) == 55      # pairs give 46, 6, 40; all three 31
    assert max_subset_xor([23, 26, 28]) == 28
    assert max_subset_xor([1, 2, 4]) == 7


CONFIG = {"seed": 0, "parameter": {"N": 3, "MAX_bit_length": 6, "A": [5, 3, 6], "gold_answer": 6}}


def both_paths(text, config=CONFIG):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("MaxXorSet", config, "<answer>%s</answer>" % text)["reward"])
    assert out[0] == out[1], (text, out)
    return out[0]


@pytest.mark.parametrize("answer, reward", [
    (" ".join(map(str, max_xor_subset([5, 3, 6]))), 1.0), ("2", 1.0), ("0 1", 1.0), ("2 1 1", 1.0), ("0", (5 / 6) ** 5), ("1", 0.5 ** 5), ("", 0.0),
    ("0 0", 0.0), ("3", -0.5), ("-1", -0.5), ("0,1", -1.0), ("0 x", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_a_xor_above_the_stored_optimum_is_an_error():
    wrong = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=5)}
    assert both_paths("2", wrong) == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 3), max_size=6))
def test_paths_agree_on_arbitrary_lists(indices):
    reward = both_paths(" ".join(map(str, indices)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
