"""GraphContainTreeCounting: the inclusion-exclusion count against all permutations, the scorer."""
from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.graph_contain_tree_counting import count_embeddings, count_embeddings_python
from scoring_paths import reward_on_both_paths

ENV = "GraphContainTreeCounting"


def random_tree(rng, n):
    return [(min(v, rng.randrange(v)), v) for v in range(1, n)]


def brute(n, graph, tree):
    edges = {(min(u, v), max(u, v)) for u, v in graph}
    return sum(all((min(p[u], p[v]), max(p[u], p[v])) in edges for u, v in tree) for p in permutations(range(n)))


def test_count_against_all_permutations():
    rng = random.Random(10)
    for _ in range(80):
        n = rng.randint(1, 7)
        tree = random_tree(rng, n)
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        graph = rng.sample(pairs, rng.randint(0, len(pairs)))
        expected = brute(n, graph, tree)
        assert count_embeddings(n, graph, tree) == expected
        assert count_embeddings_python(n, graph, tree) == expected


def test_complete_graph_takes_every_permutation():
    n = 8
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    assert count_embeddings(n, pairs, [(0, v) for v in range(1, n)]) == 40320  # 8!


def test_homomorphism_sums_wrap_safely():
    # a star into K_n: all n! permutations qualify; the alternating sum of homomorphism counts
    # goes negative on the way (it wraps modulo 2^128) and still comes out exact
    n = 13
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    assert count_embeddings(n, pairs, [(0, v) for v in range(1, n)]) == 6227020800  # 13!


def test_path_into_cycle():
    # a path on 5 vertices maps onto the 5-cycle in 5 * 2 ways (start, direction)
    assert count_embeddings(5, [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)], [(0, 1), (1, 2), (2, 3), (3, 4)]) == 10


CONFIG = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.8, "G_edges": [[0, 1], [1, 2], [2, 3], [0, 3]],
                                   "T_edges": [[0, 1], [1, 2], [2, 3]], "reference_answer": 8}}


@pytest.mark.parametrize("answer, reward", [("8", 1.0), ("4", 0.5 ** 10), ("16", 0.5 ** 10), ("0", -1.0),
                                            ("-8", -1.0), ("8 8", -1.0), ("eight", -1.0)])
def test_rewards(answer, reward):
    assert brute(4, CONFIG["parameter"]["G_edges"], CONFIG["parameter"]["T_edges"]) == 8
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


@settings(max_examples=100, deadline=None)
@given(st.integers(-5, 10 ** 22))
def test_paths_agree_on_arbitrary_integers(value):
    assert -1.0 <= reward_on_both_paths(ENV, CONFIG, str(value)) <= 1.0
