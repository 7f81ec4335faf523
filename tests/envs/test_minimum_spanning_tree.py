"""MinimumSpanningTree: the compiled graph draw against its Python twin and upstream's
procedure's properties, the compiled Kruskal against the Python one and an exhaustive search."""
from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import deadline
from rlve_fast.envs.graphs import minimum_spanning_tree as mst
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.graphs._minimum_spanning_tree_solver")


def connected(n, pairs):
    parent = list(range(n))

    def find(v):
        while parent[v] != v:
            v = parent[v]
        return v
    for u, v in pairs:
        parent[find(u)] = find(v)
    return len({find(v) for v in range(n)}) == 1


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(2, 25), st.integers(-3, 400), st.integers(1, 10 ** 6))
def test_graph_draw_matches_the_twin_and_is_a_connected_simple_graph(seed, n, target, max_weight):
    edges = compiled.random_connected_graph(random.Random(seed), n, target, max_weight)
    assert edges == mst.plain_random_connected_graph(random.Random(seed), n, target, max_weight)
    pairs = [(u, v) for u, v, _ in edges]
    assert len(edges) == max(n - 1, min(target, n * (n - 1) // 2))
    assert len(set(pairs)) == len(pairs) and all(0 <= u < v < n for u, v in pairs)
    assert all(1 <= w <= max_weight for _, _, w in edges)
    assert connected(n, pairs)


def test_graph_draw_frequencies():
    # n = 3 with two edges: the three paths equally often; with more edges, each vertex pair
    # is an edge equally often (the procedure treats the vertices symmetrically); weights
    # equally often each
    rng = random.Random(9)
    paths = Counter(frozenset((u, v) for u, v, _ in compiled.random_connected_graph(rng, 3, 2, 5))
                    for _ in range(6000))
    assert len(paths) == 3 and all(abs(c - 2000) < 200 for c in paths.values()), paths
    pair_counts = Counter((u, v) for _ in range(3000) for u, v, _ in compiled.random_connected_graph(rng, 5, 6, 5))
    assert len(pair_counts) == 10 and all(abs(c - 1800) < 180 for c in pair_counts.values()), pair_counts
    weights = Counter(w for _ in range(400) for _, _, w in compiled.random_connected_graph(rng, 6, 15, 3))
    assert all(abs(c - 2000) < 200 for c in weights.values()), weights


def test_compiled_kruskal_against_subsets():
    rng = random.Random(6)
    for _ in range(200):
        n = rng.randint(2, 6)
        edges = compiled.random_connected_graph(rng, n, rng.randint(n - 1, n * (n - 1) // 2), rng.choice([1, 3, 9]))
        brute = min(sum(e[2] for e in s) for s in combinations(edges, n - 1)
                    if connected(n, [(e[0], e[1]) for e in s]))
        total, tree = mst.minimum_tree(n, edges)
        assert total == brute and len(tree) == n - 1 and connected(n, tree)
        assert (total, tree) == mst.kruskal(n, edges)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(2, 30), st.integers(-2 ** 41, 2 ** 41))
def test_compiled_kruskal_matches_python(seed, n, spread):
    rng = random.Random(seed)
    edges = compiled.random_connected_graph(rng, n, rng.randint(0, n * n), 5)
    for edge in edges:
        edge[2] = rng.randint(min(0, spread), max(0, spread))
    assert mst.minimum_tree(n, edges) == mst.kruskal(n, edges)


def test_odd_edges_go_to_python():
    assert compiled.kruskal_tree(3, [[0, 1, 1], [1, 2]], float("inf")) == -1
    assert compiled.kruskal_tree(3, [[0, 1, 1], [1, 3, 1]], float("inf")) == -1
    assert compiled.kruskal_tree(3, [[0, 1, 1.0], [1, 2, 1]], float("inf")) == -1
    assert mst.minimum_tree(3, [(0, 1, 10 ** 20), (1, 2, 1), (0, 2, 2)]) == (3, [(1, 2), (0, 2)])
    with pytest.raises(ValueError):
        mst.minimum_tree(4, [[0, 1, 1], [2, 3, 1]])


def test_by_hand():
    edges = [[0, 1, 1], [1, 2, 2], [2, 3, 3], [0, 3, 4], [0, 2, 5]]
    assert mst.minimum_tree(4, edges) == (6, [(0, 1), (1, 2), (2, 3)])
    problem = rlve_fast.make("MinimumSpanningTree").generate(4, difficulty=12)
    assert problem.parameter["reference_answer"].count(" ") == 2 * (problem.parameter["N"] - 1) - 1


def test_compiled_kruskal_stops_at_the_deadline():
    edges = compiled.random_connected_graph(random.Random(1), 300, 40000, 40000)
    assert compiled.kruskal_tree(300, edges, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            mst.minimum_tree(300, edges)


def test_graph_draw_stops_at_the_deadline():
    for draw in (compiled.random_connected_graph, mst.plain_random_connected_graph):
        with pytest.raises(GenerationTimeout):
            with deadline.budget(1e-9):
                draw(random.Random(1), 400, 70000, 70000)
