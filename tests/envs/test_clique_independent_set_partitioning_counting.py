"""Clique_IndependentSet_Partitioning_Counting: the count against enumeration of all
subsets, on random split graphs and on arbitrary graphs; the scorer's rule."""
from __future__ import annotations

import random

import pytest

from scoring_paths import reward_on_both_paths
from rlve_fast.envs.graphs.clique_independent_set_partitioning_counting import count_split_partitions

ENV = "Clique_IndependentSet_Partitioning_Counting"


def brute_count(n, edges):
    linked = {(min(u, v), max(u, v)) for u, v in edges}
    count = 0
    for mask in range(1, (1 << n) - 1):
        s = [v for v in range(n) if mask >> v & 1]
        t = [v for v in range(n) if not mask >> v & 1]
        if (all((a, b) in linked for i, a in enumerate(s) for b in s[i + 1:])
                and not any((a, b) in linked for i, a in enumerate(t) for b in t[i + 1:])):
            count += 1
    return count


def test_count_against_enumeration_on_split_graphs():
    rng = random.Random(21)
    for _ in range(400):
        n = rng.randint(3, 9)
        clique = rng.sample(range(n), rng.randint(1, n))
        others = [v for v in range(n) if v not in clique]
        edges = [(u, v) for u in clique for v in clique if u < v]
        edges += [(u, v) for u in clique for v in others if rng.random() < rng.random()]
        assert count_split_partitions(n, edges) == brute_count(n, edges), (n, edges)


def test_count_against_enumeration_on_any_graph():
    rng = random.Random(22)
    for _ in range(300):
        n = rng.randint(2, 7)
        edges = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < 0.5]
        assert count_split_partitions(n, edges) == brute_count(n, edges), (n, edges)


def test_hand_counted_examples():
    # a triangle: S any two vertices (3 ways); a single vertex leaves an edge in T
    assert count_split_partitions(3, [(0, 1), (0, 2), (1, 2)]) == 3
    # a path 0-1-2: S = {1}, {0, 1} or {1, 2}
    assert count_split_partitions(3, [(0, 1), (1, 2)]) == 3
    # a 4-cycle is not a split graph
    assert count_split_partitions(4, [(0, 1), (1, 2), (2, 3), (0, 3)]) == 0


CONFIG = {"seed": 0, "parameter": {"N": 3, "edges": [[0, 1], [1, 2]], "reference_answer": 3}}


@pytest.mark.parametrize("answer, reward", [("3", 1.0), (" +3 ", 1.0), ("2", (2 / 3) ** 10), ("6", 0.5 ** 10),
                                            ("0", 0.0), ("-3", -1.0), ("3 3", -1.0), ("three", -1.0)])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward
