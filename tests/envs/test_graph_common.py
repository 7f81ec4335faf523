"""The random graph helpers shared by the graph environments."""
from __future__ import annotations

import random
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs._schedules import plus_tenth
from rlve_fast.envs.graphs._graph_common import (adjacency_masks, density_schedule, edge_lines, pair_count,
                                                  pair_of_index, random_arcs, random_connected_weighted,
                                                  random_pairs)


def test_edge_lines_writes_one_tuple_a_line():
    assert edge_lines([]) == ""
    assert edge_lines([[0, 1], (2, 3)]) == "(0, 1)\n(2, 3)"
    assert edge_lines([[0, 1, -5], [1, 2, 2 ** 70]]) == "(0, 1, -5)\n(1, 2, %d)" % 2 ** 70
    assert edge_lines(iter([[0, 1], [1, 2, 3], [True, 4.5]])) == "(0, 1)\n(1, 2, 3)\n(True, 4.5)"


def test_density_schedule_grows_n_and_keeps_accepted_densities():
    levels = list(islice(density_schedule(3, (0.2, 0.9), lambda n, d: pair_count(n, d) > 0), 3))
    assert levels == [[{"N": 3, "edge_density": 0.9}], [{"N": 4, "edge_density": 0.2}, {"N": 4, "edge_density": 0.9}],
                      [{"N": 5, "edge_density": 0.2}, {"N": 5, "edge_density": 0.9}]]
    grown = islice(density_schedule(4, (0.5,), lambda n, d: True, grow=plus_tenth, n_key="N2"), 4)
    assert [level[0]["N2"] for level in grown] == [4, 5, 6, 7]


def test_adjacency_masks_read_the_first_two_entries():
    assert adjacency_masks(4, [[0, 1], [1, 2, 9], (3, 0)]) == [0b1010, 0b0101, 0b0010, 0b0001]


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


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.lists(st.one_of(st.integers(-2, 6), st.booleans(), st.just(1.0), st.just(2**70)),
                                   max_size=4),
                          st.tuples(st.integers(-1, 6), st.integers(-1, 6)),
                          st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 9))), max_size=6),
       st.integers(0, 6), st.sampled_from([2, 3]))
def test_compiled_plain_edges_matches_the_twin(edges, n, width):
    from rlve_fast.envs.graphs._graph_common import plain_edges
    from rlve_fast.envs.graphs._plain_edges import plain_edges as compiled

    assert compiled(edges, n, width) == plain_edges(edges, n, width)


def test_random_edges_on_small_graphs_are_a_uniform_sample():
    import random
    from collections import Counter

    from rlve_fast.envs.graphs._graph_common import SMALL_GRAPH, pair_count, random_edges

    rng = random.Random(7)
    n, density = 4, 0.5  # 3 of the 6 pairs
    seen = Counter()
    for _ in range(6000):
        edges = random_edges(rng, n, density)
        assert len(edges) == pair_count(n, density) == 3
        assert len({tuple(e) for e in edges}) == 3 and all(0 <= u < v < n for u, v in edges)
        seen.update(tuple(e) for e in edges)
    assert len(seen) == 6 and all(2700 < c < 3300 for c in seen.values())  # each pair half the time
    assert SMALL_GRAPH >= n
