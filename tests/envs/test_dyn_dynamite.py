"""DynDynamite: the least radius against trying every set of centers; the scorer."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast.envs.trees import dyn_dynamite
from rlve_fast.envs.trees._sampling import words


def all_distances(n, edges):
    far = n + 1
    d = [[0 if i == j else far for j in range(n)] for i in range(n)]
    for u, v in edges:
        d[u][v] = d[v][u] = 1
    for k in range(n):
        for i in range(n):
            for j in range(n):
                d[i][j] = min(d[i][j], d[i][k] + d[k][j])
    return d


def brute_radius(n, edges, keys, m):
    d = all_distances(n, edges)
    return min(max(min(d[k][c] for c in centers) for k in keys) for centers in combinations(range(n), m))


def test_solvers_against_every_choice_of_centers():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(3, 9)
        source = words(rng)
        edges = source.tree_edges(n)
        keys = source.sample(n, source.randint(2, n))
        m = source.randint(1, len(keys) - 1)
        want = brute_radius(n, edges, keys, m)
        assert dyn_dynamite.least_radius(n, edges, keys, m) == want
        if dyn_dynamite._compiled is not None:
            assert dyn_dynamite._compiled.least_radius(n, edges, keys, m) == want


# the path 0-1-2-3-4-5 with a leaf 6 on 1; keys 0, 4, 5, 6; two centers: best radius 1 (1 and 4)
CONFIG = {"seed": 0, "parameter": {"N": 7, "M": 2, "edges": [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [1, 6]],
                                   "key_vertices": [0, 4, 5, 6], "gold_answer": 1}}


def both_paths(text, config=CONFIG):
    return reward_on_both_paths("DynDynamite", config, text)


@pytest.mark.parametrize("answer, reward", [
    ("1 4", 1.0),
    ("2 5", 0.5 ** 5),         # key 0 is 2 away
    ("4 4", (1 / 4) ** 5),     # repeats are allowed; key 0 is 4 away
    ("0 4", 1 / 2 ** 5),       # key 6 is 2 away from 0
    ("1", -0.5), ("1 4 5", -0.5), ("1 7", -0.5), ("-1 4", -0.5),
    ("1 x", -1.0), ("", -0.5),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_a_stored_optimum_above_the_answer_is_an_error():
    wrong = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=2)}
    assert both_paths("1 4", wrong) == -1.0
    assert both_paths("2 5", wrong) == 1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2, 8), max_size=4))
def test_paths_agree_on_arbitrary_answers(centers):
    reward = both_paths(" ".join(map(str, centers)))
    assert reward in (-0.5, -1.0) or 0.0 < reward <= 1.0
