"""CycleCounting: the path-table count against edge subsets that form one cycle, the scorer."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.cycle_counting import count_cycles, count_cycles_python
from scoring_paths import reward_on_both_paths

ENV = "CycleCounting"


def is_one_cycle(edges):
    if len(edges) < 3:
        return False
    degree, link = {}, {}
    for u, v in edges:
        degree[u] = degree.get(u, 0) + 1
        degree[v] = degree.get(v, 0) + 1
        link.setdefault(u, []).append(v)
        link.setdefault(v, []).append(u)
    if any(d != 2 for d in degree.values()):
        return False
    start = edges[0][0]
    seen, stack = {start}, [start]
    while stack:
        for w in link[stack.pop()]:
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return len(seen) == len(degree)


def brute(edges):
    return sum(is_one_cycle(list(s)) for k in range(3, len(edges) + 1) for s in combinations(edges, k))


def test_count_against_edge_subsets():
    rng = random.Random(8)
    for _ in range(60):
        n = rng.randint(2, 6)
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        edges = rng.sample(pairs, rng.randint(0, len(pairs)))
        expected = brute(edges)
        assert count_cycles(n, edges) == expected
        assert count_cycles_python(n, edges) == expected


def test_complete_graphs():
    # K_n has sum over k >= 3 of C(n, k) * (k - 1)! / 2 cycles: 1, 7, 37, 197, 1172
    for n, expected in [(3, 1), (4, 7), (5, 37), (6, 197), (7, 1172)]:
        edges = [(u, v) for u in range(n) for v in range(u + 1, n)]
        assert count_cycles(n, edges) == expected


def test_compiled_and_python_agree_on_bigger_graphs():
    rng = random.Random(9)
    for n in (9, 11, 12):
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        edges = rng.sample(pairs, len(pairs) // 2)
        assert count_cycles(n, edges) == count_cycles_python(n, edges)


CONFIG = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.85, "edges": [[0, 1], [1, 2], [2, 3], [0, 3], [0, 2]],
                                   "reference_answer": 3}}
NONE = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.25, "edges": [[0, 1]], "reference_answer": 0}}


@pytest.mark.parametrize("config, answer, reward", [
    (CONFIG, "3", 1.0), (CONFIG, "2", (2 / 3) ** 10), (CONFIG, "6", 0.5 ** 10), (CONFIG, "0", 0.0),
    (CONFIG, "-3", -1.0), (CONFIG, "3.0", -1.0), (CONFIG, "", -1.0),
    (NONE, "0", 1.0), (NONE, "1", 0.0), (NONE, "-1", -1.0),
])
def test_rewards(config, answer, reward):
    assert reward_on_both_paths(ENV, config, answer) == reward


@settings(max_examples=100, deadline=None)
@given(st.integers(-5, 10 ** 20))
def test_paths_agree_on_arbitrary_integers(value):
    assert -1.0 <= reward_on_both_paths(ENV, CONFIG, str(value)) <= 1.0
