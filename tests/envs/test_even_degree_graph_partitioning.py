"""EvenDegreeGraphPartitioning: the GF(2) solver against all labelings, the scorer's rules."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.graphs.even_degree_graph_partitioning import even_split
from scoring_paths import reward_on_both_paths

ENV = "EvenDegreeGraphPartitioning"


def valid(n, edges, labels):
    same = [0] * n
    for u, v in edges:
        if labels[u] == labels[v]:
            same[u] += 1
            same[v] += 1
    return all(c % 2 == 0 for c in same)


def test_solver_against_all_labelings():
    rng = random.Random(3)
    for _ in range(300):
        n = rng.randint(1, 8)
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        edges = rng.sample(pairs, rng.randint(0, len(pairs)))
        assert any(valid(n, edges, labels) for labels in product((1, 2), repeat=n))  # Gallai
        labels = even_split(n, edges)
        assert len(labels) == n and set(labels) <= {1, 2}
        assert valid(n, edges, labels)


def test_generated_instances_keep_the_planted_split():
    env = rlve_fast.make(ENV)
    for seed in range(30):
        problem = env.generate(seed, difficulty=seed % 8)
        p = problem.parameter
        assert all(0 <= u < v < p["N"] for u, v in p["edges"]) and p["edges"]
        assert len({tuple(e) for e in p["edges"]}) == len(p["edges"])
        assert valid(p["N"], p["edges"], list(map(int, p["reference_answer"].split())))


PATH = {"seed": 0, "parameter": {"N": 4, "edges": [[0, 1], [1, 2], [2, 3]], "reference_answer": "1 2 1 2"}}


@pytest.mark.parametrize("answer, reward", [
    ("1 2 1 2", 1.0),          # no vertex has a neighbour in its own group
    ("2 2 1 1", 0.0),          # every vertex has exactly one
    ("1 1 1 1", 0.5 ** 10),    # the two inner vertices have two, the ends one
    ("1 1 2 1", 0.5 ** 10),    # counts 0 -> 1, 1 -> 1, 2 -> 0, 3 -> 0: two of four
    (" 1\n2 1 2 ", 1.0),
    ("1 2 1", -0.5),
    ("1 2 1 2 1", -0.5),
    ("1 2 0 2", -0.5),
    ("1 2 3 2", -0.5),
    ("", -0.5),
    ("1 2 a 2", -1.0),
])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, PATH, answer) == reward


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 3), max_size=6))
def test_paths_agree_on_arbitrary_labels(labels):
    reward = reward_on_both_paths(ENV, PATH, " ".join(map(str, labels)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
