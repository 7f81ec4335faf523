"""CycleCounting: the path table, the frontier DP and the complement's inclusion-exclusion
against edge subsets that form one cycle and against each other, the scorer."""
from __future__ import annotations

import random
from itertools import combinations
from math import comb, factorial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs import _cycle_counting_solver as compiled
from rlve_fast.envs.graphs import cycle_counting as module
from rlve_fast.envs.graphs._graph_common import adjacency_masks
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


def every_method(n, edges):
    """The count by each compiled method (and the Python twin), as a dict."""
    neighbours = adjacency_masks(n, edges)
    out = {"subsets": compiled.count_cycles(n, neighbours, float("inf"))}
    if n <= 12:  # the Python twin is slow beyond
        out["python"] = count_cycles_python(n, edges)
    plan, work, used = module.planned(n, neighbours)
    if used <= module.DIRECT_SLOTS and work * module.DIRECT_SECONDS < 0.5:
        out["direct"] = module.cycles_direct(plan, module.cycle_bound_log2(n, neighbours))
    full = (1 << n) - 1
    complement = [full & ~(neighbours[v] | 1 << v) for v in range(n)]
    c_plan, c_work, c_used = module.planned(n, complement)
    if c_used <= module.DIRECT_SLOTS and c_work * module.FOREST_SECONDS < 0.5:
        out["complement"] = module.cycles_by_complement(n, neighbours, c_plan, complement)
    return out


def test_every_method_against_edge_subsets():
    rng = random.Random(21)
    for _ in range(150):
        n = rng.randint(0, 6)
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        edges = rng.sample(pairs, rng.randint(0, len(pairs)))
        expected = brute(edges)
        for method, value in every_method(n, edges).items():
            assert value == expected, (method, n, edges)


@pytest.mark.parametrize("n, density", [(12, 0.2), (12, 0.5), (12, 0.9), (14, 0.3), (14, 0.8), (15, 0.95)])
def test_methods_agree_on_medium_graphs(n, density):
    rng = random.Random(n * 100 + int(density * 100))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    edges = rng.sample(pairs, int(density * len(pairs)))
    counts = every_method(n, edges)
    assert len(set(counts.values())) == 1, counts
    assert {"direct", "complement"} & counts.keys()


def test_empty_complete_and_cycle_graphs():
    for n in range(0, 9):
        cycle = [(i, (i + 1) % n) for i in range(n)] if n >= 3 else []
        complete = [(u, v) for u in range(n) for v in range(u + 1, n)]
        for edges, expected in [([], 0), (cycle, 1 if n >= 3 else 0),
                                (complete, sum(comb(n, k) * factorial(k - 1) // 2 for k in range(3, n + 1)))]:
            assert set(every_method(n, edges).values()) == {expected}


def test_extra_primes_give_the_same_count():
    # force the residues past 2^64 (resp. 2^127) to be combined with primes
    rng = random.Random(4)
    n = 13
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    for density in (0.3, 0.85):
        edges = rng.sample(pairs, int(density * len(pairs)))
        neighbours = adjacency_masks(n, edges)
        plan, _, _ = module.planned(n, neighbours)
        expected = count_cycles_python(n, edges)
        assert module.cycles_direct(plan, 150.0) == expected
        full = (1 << n) - 1
        complement = [full & ~(neighbours[v] | 1 << v) for v in range(n)]
        c_plan, _, _ = module.planned(n, complement)
        assert module.cycles_direct(c_plan, 150.0, sign=True) == module.cycles_direct(
            c_plan, module.cycle_bound_log2(n, complement), sign=True)


def test_bound_covers_complete_graphs():
    for n in range(3, 12):
        complete = adjacency_masks(n, [(u, v) for u in range(n) for v in range(u + 1, n)])
        count = sum(comb(n, k) * factorial(k - 1) // 2 for k in range(3, n + 1))
        assert 2 ** module.cycle_bound_log2(n, complete) >= count


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
