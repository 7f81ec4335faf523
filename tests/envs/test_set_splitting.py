"""SetSplitting: the split search against every subset of S (solvable or not), the scorer on
hand-computed cases and on arbitrary lists (compiled and Python paths agree)."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.optimization.set_splitting import find_splitting


def separates(first, subsets):
    first = set(first)
    return all(any(x in first for x in s) and any(x not in first for x in s) for s in subsets)


def test_search_against_every_split():
    rng = random.Random(9)
    for _ in range(400):
        n = rng.randint(3, 8)
        subsets = [rng.sample(range(n), rng.randint(2, n)) for _ in range(rng.randint(1, 3 * n))]
        possible = any(separates(c, subsets) for k in range(n + 1) for c in combinations(range(n), k))
        found = find_splitting(n, subsets)
        assert (found is not None) == possible, (n, subsets)
        if found is not None:
            assert separates(found, subsets)


def test_generated_problems_are_solved():
    env = rlve_fast.make("SetSplitting")
    for seed in range(10):
        problem = env.generate(seed, difficulty=30)
        ours = env.solve(problem.parameter)["reference_answer"]
        assert env.verify(problem.config, "<answer>%s</answer>" % ours)["reward"] == 1.0


CONFIG = {"seed": 0, "parameter": {"N": 4, "M": 3, "Sets": [[0, 1], [1, 2, 3], [0, 3]],
                                   "reference_answer": "0 2"}}


def both_paths(text, config=CONFIG):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("SetSplitting", config, "<answer>%s</answer>" % text)["reward"])
    assert out[0] == out[1], (text, out)
    return out[0]


@pytest.mark.parametrize("answer, reward", [
    ("0 2", 1.0), ("1 3", 1.0), ("0", (2 / 3) ** 10), ("0 1", (2 / 3) ** 10), ("", 0.0),
    ("0 1 2 3", 0.0), ("0 0", -0.5), ("4", -0.5), ("-1", -0.5), ("0;2", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_odd_configs():
    # M is the denominator, not the number of subsets; more split subsets than M is an error
    assert both_paths("0 2", {"seed": 0, "parameter": dict(CONFIG["parameter"], M=6)}) == 0.5 ** 10
    assert both_paths("0 2", {"seed": 0, "parameter": dict(CONFIG["parameter"], M=2)}) == -1.0
    # an element outside S lies in neither part: its subset counts as split; an empty one never
    odd = {"seed": 0, "parameter": dict(CONFIG["parameter"], Sets=[[7], [], [0, 1]])}
    assert both_paths("0", odd) == (2 / 3) ** 10


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=6))
def test_paths_agree_on_arbitrary_lists(members):
    reward = both_paths(" ".join(map(str, members)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
