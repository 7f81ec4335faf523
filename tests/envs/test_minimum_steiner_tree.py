"""MinimumSteinerTree: both exact methods against every edge subset of small graphs, the
scorer's rule."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs._graph_common import random_connected_weighted
from rlve_fast.envs.graphs._minimum_steiner_tree_kernel import steiner_tree_weight

ENV = "MinimumSteinerTree"
INF = float("inf")


def joins(terminals, chosen):
    reach, stack = {terminals[0]}, [terminals[0]]
    while stack:
        x = stack.pop()
        for u, v, _ in chosen:
            for a, b in ((u, v), (v, u)):
                if a == x and b not in reach:
                    reach.add(b)
                    stack.append(b)
    return set(terminals) <= reach


def brute_force(edges, terminals):
    return min(sum(e[2] for e in chosen) for mask in range(1 << len(edges))
               for chosen in [[e for i, e in enumerate(edges) if mask >> i & 1]] if joins(terminals, chosen))


@pytest.mark.parametrize("method", ["terminal subsets", "spanning subsets"])
def test_methods_against_every_edge_subset(method):
    rng = random.Random(71)
    for _ in range(120):
        n = rng.randint(3, 7)
        edges = random_connected_weighted(rng, n, rng.random() * 0.6, n)[:11]
        # at most 11 edges keep the enumeration small; the terminals may end up apart (skipped)
        terminals = rng.sample(range(n), rng.randint(1, n))
        try:
            expected = brute_force(edges, terminals)
        except ValueError:
            continue  # trimming made the terminals unreachable from each other
        assert steiner_tree_weight(n, edges, terminals, INF, method) == expected, (n, edges, terminals)


def test_methods_agree_on_medium_graphs_and_heavy_weights():
    # 32-bit Dreyfus-Wagner tables against the spanning-forest search, and 64-bit tables
    # (weights too heavy for 32 bits) against the same instance scaled down
    rng = random.Random(73)
    for _ in range(40):
        n = rng.randint(2, 16)
        edges = random_connected_weighted(rng, n, rng.random(), n)
        terminals = rng.sample(range(n), rng.randint(1, n))
        light = steiner_tree_weight(n, edges, terminals, INF, "terminal subsets")
        assert light == steiner_tree_weight(n, edges, terminals, INF, "spanning subsets")
        assert light == steiner_tree_weight(n, edges, terminals, INF)
        heavy = [[u, v, w * 10 ** 9] for u, v, w in edges]
        assert steiner_tree_weight(n, heavy, terminals, INF, "terminal subsets") == light * 10 ** 9
        assert steiner_tree_weight(n, heavy, terminals, INF, "spanning subsets") == light * 10 ** 9


def test_both_methods_stop_at_the_deadline():
    import time
    rng = random.Random(74)
    edges = random_connected_weighted(rng, 40, 0.5, 40)
    past = time.monotonic() - 1.0
    assert steiner_tree_weight(40, edges, list(range(18)), past, "terminal subsets") is None
    assert steiner_tree_weight(40, edges, list(range(18)), past, "spanning subsets") is None


def test_choice_of_method_and_limits():
    rng = random.Random(72)
    edges = random_connected_weighted(rng, 20, 0.3, 20)
    terminals = rng.sample(range(20), 8)
    assert (steiner_tree_weight(20, edges, terminals, INF) == steiner_tree_weight(20, edges, terminals, INF,
                                                                                  "terminal subsets")
            == steiner_tree_weight(20, edges, terminals, INF, "spanning subsets"))
    with pytest.raises(ValueError):
        steiner_tree_weight(4, [[0, 1, 1], [2, 3, 1]], [0, 2], INF)  # not connected
    with pytest.raises(ValueError):
        steiner_tree_weight(4, [[0, 1, 1]], [0, 0], INF)


# a star centred on 4 (weights 3) around a 4-cycle 0-1-2-3 (weights 5); terminals 0, 1, 2
EDGES = [[0, 1, 5], [1, 2, 5], [2, 3, 5], [0, 3, 5], [0, 4, 3], [1, 4, 3], [2, 4, 3], [3, 4, 3]]
CONFIG = {"seed": 0, "parameter": {"N": 5, "edge_density": 0.8, "edges": EDGES, "K": 3,
                                   "to_be_connected": [0, 1, 2], "gold_answer": 9}}


@pytest.mark.parametrize("answer, reward", [
    ("0 4 4 1 2 4", 1.0), ("4 0 1 4 4 2", 1.0),
    ("0 1 1 2", (9 / 10) ** 5), ("0 1 1 2 2 3", (9 / 15) ** 5),
    ("0 4 4 1 2 4 0 4", (9 / 12) ** 5),        # a repeated edge is paid twice
    ("0 4 4 1 2 4 3 4", (9 / 12) ** 5),        # extra vertices are allowed
    ("0 1 2 3", -0.5),                         # two pieces
    ("0 1", -0.5), ("0 2 2 1", -0.5),          # a terminal missing; a pair that is no edge
    ("0 4 4 1 2 5", -0.5), ("0 4 4 1 2 -1", -0.5),
    ("0 4 4 1 2", -1.0), ("", -0.5), ("0 4 x 1", -1.0),
])
def test_rewards(answer, reward):
    assert uses_kernel(ENV, CONFIG)
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_lighter_than_gold_and_empty_terminals():
    assert reward_on_both_paths(ENV, {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=10)}, "0 4 4 1 2 4") == -1.0
    # no terminals and no edges: networkx calls the empty graph neither connected nor not
    assert reward_on_both_paths(ENV, {"seed": 0, "parameter": dict(CONFIG["parameter"], to_be_connected=[])}, "") == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 5), max_size=8))
def test_paths_agree_and_stay_in_range(ends):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, ends)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


def test_compiled_and_python_draws_give_the_same_instance():
    from rlve_fast.envs.graphs import minimum_steiner_tree as module
    from rlve_fast.envs.graphs._graph_common import pair_count

    for seed in range(200):
        rng = random.Random(seed)
        n, density = rng.randint(4, 40), rng.random()
        wanted = pair_count(n, density)
        drawn = module._draw_instance(random.Random(seed), n, wanted, n, 20)
        assert drawn == module._draw_instance_py(random.Random(seed), n, wanted, n, 20)
        edges, k, terminals = drawn
        assert len(edges) == max(n - 1, min(wanted, n * (n - 1) // 2))
        assert len({(u, v) for u, v, _ in edges}) == len(edges)
        assert all(0 <= u < v < n and 1 <= w <= n for u, v, w in edges)
        assert 3 <= k <= min(20, n - 1) and len(set(terminals)) == k and set(terminals) <= set(range(n))


def _two_sample_ok(first, second):
    """Chi-square of two equally large samples' counts (well below its 6-sigma bound)."""
    from collections import Counter
    a, b = Counter(first), Counter(second)
    keys = set(a) | set(b)
    chi2 = sum((a[key] - b[key]) ** 2 / (a[key] + b[key]) for key in keys)
    dof = max(1, len(keys) - 1)
    return chi2 < dof + 6 * (2 * dof) ** 0.5


def test_draw_has_the_specified_distribution():
    # against the specification's draw through random.Random (a random spanning tree, a
    # sample of further pairs, a shuffle; K by randint, the terminals by sample)
    from rlve_fast.envs.graphs import minimum_steiner_tree as module

    draws, n, wanted = 12000, 5, 6
    rng = random.Random(5)
    ours, spec = [], []
    for _ in range(draws):
        edges, k, terminals = module._draw_instance(rng, n, wanted, 2, 20)
        ours.append((frozenset((u, v) for u, v, _ in edges), edges[0], k, terminals[0]))
        edges = random_connected_weighted(rng, n, 0.6, 2)
        k = rng.randint(3, min(20, n - 1))
        terminals = rng.sample(range(n), k)
        spec.append((frozenset((u, v) for u, v, _ in edges), edges[0], k, terminals[0]))
    assert _two_sample_ok([o[0] for o in ours], [s[0] for s in spec])                     # edge sets
    assert _two_sample_ok([tuple(o[1]) for o in ours], [tuple(s[1]) for s in spec])       # first edge, weight
    assert _two_sample_ok([o[2:] for o in ours], [s[2:] for s in spec])                   # K, a terminal


def test_16_bit_tables_against_the_32_bit_ones():
    # the vectorised 16-bit Dreyfus-Wagner (row widths 16 to 64) against the 32-bit tables
    rng = random.Random(75)
    for n in [2, 3, 5, 15, 16, 17, 31, 32, 33, 40, 48, 49, 63, 64]:
        for _ in range(3):
            edges = random_connected_weighted(rng, n, rng.random(), n)
            terminals = rng.sample(range(n), rng.randint(1, min(n, 9)))
            expected = steiner_tree_weight(n, edges, terminals, INF, "32-bit tables")
            assert steiner_tree_weight(n, edges, terminals, INF, "terminal subsets") == expected
            assert steiner_tree_weight(n, edges, terminals, INF) == expected
            if n - len(terminals) <= 12:
                assert steiner_tree_weight(n, edges, terminals, INF, "spanning subsets") == expected


def test_key_vertex_searches_on_sparse_graphs_and_ties():
    # sparse graphs leave many non-terminals with fewer than three shortest-path edges (not
    # key vertices), light weights make many paths tie: both searches on the key vertices
    # against Dreyfus-Wagner over every vertex with its 32-bit tables
    rng = random.Random(76)
    for _ in range(150):
        n = rng.randint(4, 30)
        edges = random_connected_weighted(rng, n, rng.choice([0.0, 0.1, 0.2, 0.5]), rng.choice([1, 2, 3, n]))
        terminals = rng.sample(range(n), rng.randint(2, min(n, 10)))
        expected = steiner_tree_weight(n, edges, terminals, INF, "32-bit tables")
        assert steiner_tree_weight(n, edges, terminals, INF, "terminal subsets") == expected
        assert steiner_tree_weight(n, edges, terminals, INF) == expected
        if n - len(terminals) <= 14:
            assert steiner_tree_weight(n, edges, terminals, INF, "spanning subsets") == expected
