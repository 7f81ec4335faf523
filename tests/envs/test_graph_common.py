"""The random graph helpers shared by the graph environments."""
from __future__ import annotations

import random

from rlve_fast.envs.graphs._graph_common import (pair_count, pair_of_index, random_arcs,
                                                  random_connected_weighted, random_pairs)


def test_pair_indices_enumerate_every_pair_once():
    for n in range(2, 9):
        pairs = [pair_of_index(i, n) for i in range(n * (n - 1) // 2)]
        assert pairs == [(u, v) for u in range(n) for v in range(u + 1, n)]


def test_random_pairs_and_arcs_are_distinct_and_valid():
    rng = random.Random(91)
    for n in range(2, 10):
        for count in (0, 1, n * (n - 1) // 2):
            pairs = random_pairs(rng, n, count)
            assert len({tuple(p) for p in pairs}) == count and all(0 <= u < v < n for u, v in pairs)
        arcs = random_arcs(rng, n, n * (n - 1))
        assert sorted(map(tuple, arcs)) == [(s, t) for s in range(n) for t in range(n) if s != t]


def test_random_pairs_are_uniform():
    rng = random.Random(92)
    seen = {}
    for _ in range(6000):
        for u, v in random_pairs(rng, 4, 2):
            seen[(u, v)] = seen.get((u, v), 0) + 1
    assert len(seen) == 6 and all(1800 < c < 2200 for c in seen.values())  # each 2000, sd about 37


def test_connected_weighted_graphs():
    rng = random.Random(93)
    for n in range(2, 12):
        density = rng.random()
        edges = random_connected_weighted(rng, n, density, n)
        assert len(edges) == max(n - 1, min(pair_count(n, density), n * (n - 1) // 2))
        assert len({(u, v) for u, v, _ in edges}) == len(edges)
        assert all(0 <= u < v < n and 1 <= w <= n for u, v, w in edges)
        reach, stack = {0}, [0]
        while stack:
            x = stack.pop()
            for u, v, _ in edges:
                for a, b in ((u, v), (v, u)):
                    if a == x and b not in reach:
                        reach.add(b)
                        stack.append(b)
        assert reach == set(range(n))
