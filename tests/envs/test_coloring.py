"""MinimumChromaticNumber, MinimumHarmoniousChromaticNumber, MaximumAchromaticNumber: the
exact searches against enumeration of every colouring of small graphs, the scorers' rules
on both paths."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs._coloring_search import (achromatic_colouring, chromatic_colouring,
                                                    harmonious_colouring)

INF = float("inf")


def partitions(n):
    """Every colouring of n vertices up to renaming colours (restricted growth strings)."""
    def extend(prefix, used):
        if len(prefix) == n:
            yield prefix
            return
        for c in range(used + 1):
            yield from extend(prefix + [c], max(used, c + 1))
    yield from extend([], 0)


def colour_pairs(colours, edges):
    return [(min(colours[u], colours[v]), max(colours[u], colours[v])) for u, v in edges]


def proper(colours, edges):
    return all(colours[u] != colours[v] for u, v in edges)


def harmonious(colours, edges):
    pairs = colour_pairs(colours, edges)
    return proper(colours, edges) and len(set(pairs)) == len(pairs)


def complete(colours, edges):
    k = len(set(colours))
    return proper(colours, edges) and len(set(colour_pairs(colours, edges))) == k * (k - 1) // 2


def random_graph(rng, n):
    density = rng.random()
    return [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < density]


@pytest.mark.parametrize("search, valid, best", [
    (chromatic_colouring, proper, min),
    (harmonious_colouring, harmonious, min),
    (achromatic_colouring, complete, max),
])
def test_searches_against_every_colouring(search, valid, best):
    rng = random.Random(31)
    for _ in range(150):
        n = rng.randint(1, 7)
        edges = random_graph(rng, n)
        expected = best(len(set(c)) for c in partitions(n) if valid(c, edges))
        count, colours = search(n, edges, INF)
        assert count == expected, (n, edges)
        assert len(colours) == n and valid(colours, edges) and len(set(colours)) == count


def test_searches_on_known_graphs():
    cycle5 = [(i, (i + 1) % 5) for i in range(5)]
    assert chromatic_colouring(5, cycle5, INF)[0] == 3
    petersen = cycle5 + [(i, i + 5) for i in range(5)] + [(5 + i, 5 + (i + 2) % 5) for i in range(5)]
    assert chromatic_colouring(10, petersen, INF)[0] == 3
    assert achromatic_colouring(10, petersen, INF)[0] == 5   # known achromatic number of the Petersen graph
    path4 = [(0, 1), (1, 2), (2, 3)]
    assert harmonious_colouring(4, path4, INF)[0] == 3        # 0 1 2 0: pairs 01, 12, 02
    assert achromatic_colouring(4, path4, INF)[0] == 3        # 0 1 2 0 again: all three pairs meet
    star = [(0, v) for v in range(1, 6)]
    assert harmonious_colouring(6, star, INF)[0] == 6         # the leaves see each other through the centre
    assert achromatic_colouring(6, star, INF)[0] == 2


def test_searches_stop_at_the_deadline():
    rng = random.Random(32)
    edges = random_graph(rng, 40)
    assert achromatic_colouring(40, edges, 0.0) is None


# a 4-cycle 0-1-2-3-0 plus the chord 0-2
EDGES = [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]


def config(gold):
    return {"seed": 0, "parameter": {"N": 4, "edge_density": 0.8, "edges": EDGES, "gold_answer": gold}}


@pytest.mark.parametrize("answer, reward", [
    ("0 1 2 1", 1.0), ("5 7 9 7", 1.0), ("0 1 2 3", (3 / 4) ** 5), ("-1 0 1 0", 1.0),
    ("0 1 0 1", -0.5), ("0 1 2", -0.5), ("0 1 2 1 0", -0.5), ("", -0.5), ("0 1 2 x", -1.0),
])
def test_chromatic_rewards(answer, reward):
    assert uses_kernel("MinimumChromaticNumber", config(3))
    assert reward_on_both_paths("MinimumChromaticNumber", config(3), answer) == reward


def test_chromatic_fewer_colours_than_gold_is_minus_one():
    assert reward_on_both_paths("MinimumChromaticNumber", config(4), "0 1 2 1") == -1.0


@pytest.mark.parametrize("answer, reward", [
    ("0 1 2 3", 1.0),                   # four colours, five distinct pairs
    ("0 1 2 1", -0.5),                  # edges 0-1 and 0-3 both carry colours (0, 1)
    ("0 1 2 4", 1.0), ("0 1 1 2", -0.5), ("0 1 2", -0.5),
])
def test_harmonious_rewards(answer, reward):
    assert reward_on_both_paths("MinimumHarmoniousChromaticNumber", config(4), answer) == reward
    assert reward_on_both_paths("MinimumHarmoniousChromaticNumber", config(3), "0 1 2 3") == (3 / 4) ** 5


@pytest.mark.parametrize("answer, reward", [
    ("0 1 2 1", 1.0),                   # three colours, all pairs meet
    ("0 1 2 3", -0.5),                  # colours 1 and 3 never meet (no edge 1-3)
    ("0 1 0 1", -0.5), ("0 1 2", -0.5), ("7 7 7 7", -0.5),
])
def test_achromatic_rewards(answer, reward):
    assert reward_on_both_paths("MaximumAchromaticNumber", config(3), answer) == reward


def test_achromatic_partial_credit_and_excess():
    path = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.5, "edges": [[0, 1], [1, 2], [2, 3]],
                                     "gold_answer": 3}}
    assert reward_on_both_paths("MaximumAchromaticNumber", path, "0 1 0 1") == (2 / 3) ** 5
    assert reward_on_both_paths("MaximumAchromaticNumber", path, "0 1 2 0") == 1.0
    low = {"seed": 0, "parameter": dict(path["parameter"], gold_answer=2)}
    assert reward_on_both_paths("MaximumAchromaticNumber", low, "0 1 2 0") == -1.0


def test_single_vertex_graph_without_edges():
    # len(set()) of one vertex: one colour, no pairs needed
    lone = {"seed": 0, "parameter": {"N": 1, "edge_density": 0.0, "edges": [], "gold_answer": 1}}
    for env_id in ("MinimumChromaticNumber", "MinimumHarmoniousChromaticNumber", "MaximumAchromaticNumber"):
        assert reward_on_both_paths(env_id, lone, "4") == 1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=5), st.sampled_from(
    ["MinimumChromaticNumber", "MinimumHarmoniousChromaticNumber", "MaximumAchromaticNumber"]))
def test_paths_agree_and_stay_in_range(colours, env_id):
    reward = reward_on_both_paths(env_id, config(3), " ".join(map(str, colours)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
