"""ColoringCounting: both compiled DPs and the Python one against enumeration of colourings."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs import _coloring_counting_solver as compiled
from rlve_fast.envs.graphs._graph_common import adjacency_masks
from rlve_fast.envs.graphs.coloring_counting import coloring_value, coloring_value_python
from scoring_paths import reward_on_both_paths

ENV = "ColoringCounting"


def brute(n, edges, limits):
    return sum(len(set(c)) for c in product(*[range(r + 1) for r in limits])
               if all(c[u] != c[v] for u, v in edges))


def relabelled(n, edges, limits, descending):
    order = sorted(range(n), key=lambda u: -limits[u] if descending else limits[u])
    label = {u: i for i, u in enumerate(order)}
    return adjacency_masks(n, [(label[u], label[v]) for u, v in edges]), [limits[u] for u in order]


def random_instance(rng, n):
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    edges = rng.sample(pairs, rng.randint(0, len(pairs)))
    degree = [0] * n
    for u, v in edges:
        degree[u] += 1
        degree[v] += 1
    return edges, [rng.randint(d, 2 * d) for d in degree]


def test_every_method_against_enumeration():
    rng = random.Random(18)
    prime = 2 ** 61 - 1
    for _ in range(120):
        n = rng.randint(1, 6)
        edges, limits = random_instance(rng, n)
        expected = brute(n, edges, limits)
        assert coloring_value(n, edges, limits) == expected
        assert coloring_value_python(n, edges, limits) == expected
        masks, ordered = relabelled(n, edges, limits, descending=True)
        for split in range(4):  # colours below the split are enumerated as chains
            assert compiled.coloring_value(n, masks, ordered, split, [0, prime], float("inf")) == [
                expected, expected % prime]
        masks, ordered = relabelled(n, edges, limits, descending=False)
        assert compiled.coloring_value_blocks(n, masks, ordered, [0, prime], float("inf")) == [
            expected, expected % prime]


def test_both_compiled_methods_agree_on_bigger_graphs():
    rng = random.Random(19)
    for density in (0.1, 0.3, 0.6):
        n = 13
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        edges = rng.sample(pairs, int(density * len(pairs)))
        degree = [sum(u in e for e in edges) for u in range(n)]
        limits = [rng.randint(d, 2 * d) for d in degree]
        masks, ordered = relabelled(n, edges, limits, descending=True)
        by_colours = compiled.coloring_value(n, masks, ordered, 2, [0], float("inf"))
        masks, ordered = relabelled(n, edges, limits, descending=False)
        assert compiled.coloring_value_blocks(n, masks, ordered, [0], float("inf")) == by_colours


def test_block_batches_on_graphs_with_many_states():
    # sparse graphs give each state thousands of successors: many prefetched batches, and
    # buckets that grow while a batch is pending
    rng = random.Random(20)
    for n, density in ((16, 0.2), (17, 0.3)):
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        edges = rng.sample(pairs, int(density * len(pairs)))
        degree = [sum(u in e for e in edges) for u in range(n)]
        limits = [rng.randint(d, 2 * d) for d in degree]
        masks, ordered = relabelled(n, edges, limits, descending=True)
        by_colours = compiled.coloring_value(n, masks, ordered, 2, [0, 2 ** 61 - 1], float("inf"))
        masks, ordered = relabelled(n, edges, limits, descending=False)
        assert compiled.coloring_value_blocks(n, masks, ordered, [0, 2 ** 61 - 1], float("inf")) == by_colours


def test_hand_instances():
    assert coloring_value(2, [(0, 1)], [1, 1]) == 4            # (0, 1) and (1, 0), two colours each
    # path 0-1-2 with R = 1, 2, 1: C1 = 0 or 1 force the ends (2 colours each); C1 = 2 leaves
    # four choices of the ends, using 2, 3, 3 and 2 colours
    assert coloring_value(3, [(0, 1), (1, 2)], [1, 2, 1]) == 14


CONFIG = {"seed": 0, "parameter": {"N": 3, "edge_density": 0.7, "edges": [[0, 1], [1, 2]], "R": [1, 2, 1],
                                   "reference_answer": 14}}


@pytest.mark.parametrize("answer, reward", [("14", 1.0), ("7", 0.5 ** 10), ("28", 0.5 ** 10), ("0", -1.0),
                                            ("-14", -1.0), ("14.0", -1.0), ("", -1.0)])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


@settings(max_examples=100, deadline=None)
@given(st.integers(-5, 10 ** 30))
def test_paths_agree_on_arbitrary_integers(value):
    assert -1.0 <= reward_on_both_paths(ENV, CONFIG, str(value)) <= 1.0
