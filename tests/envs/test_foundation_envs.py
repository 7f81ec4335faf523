"""CRT, Knapsack, SubmatrixSumDivisibleCounting, TopologicalSort_MinimalLexicographicalOrder:
solvers against brute force, scorers against their rules on both paths."""
from __future__ import annotations

import random
from itertools import combinations, permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.arithmetic.crt import solve_congruences
from rlve_fast.envs.counting.submatrix_sum_divisible_counting import count_divisible_submatrices
from rlve_fast.envs.graphs.topological_sort_minimal_lexicographical_order import earliest_small_labels_order
from rlve_fast.envs.optimization.knapsack import best_value


def both_paths(env_id, config, text):
    env = rlve_fast.make(env_id)
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(env.verify(config, "<answer>%s</answer>" % text)["reward"])
    assert out[0] == out[1], (config, text, out)
    return out[0]


# ------------------------------------------------------------------ CRT
def test_crt_solver_against_search():
    rng = random.Random(1)
    for _ in range(300):
        moduli = [rng.randint(2, 12) for _ in range(rng.randint(1, 4))]
        residues = [rng.randrange(m) for m in moduli]
        lcm = 1
        for m in moduli:
            lcm = lcm * m // __import__("math").gcd(lcm, m)
        brute = next((x for x in range(lcm) if all(x % m == r for m, r in zip(moduli, residues))), None)
        assert solve_congruences(residues, moduli) == brute


CRT_CONFIG = {"seed": 0, "parameter": {"MAX_X": 30, "M": 3, "B": [4, 6, 5], "X_mod_B": [2, 4, 0],
                                       "reference_answer": 10}}


@pytest.mark.parametrize("answer, reward", [("10", 1.0), ("70", 1.0), ("22", (2 / 3) ** 10), ("-10", -1.0),
                                            ("1", 0.0), ("10 10", -1.0), (str(10 + 60 * 10**30), 1.0)])
def test_crt_rewards(answer, reward):
    assert both_paths("CRT", CRT_CONFIG, answer) == reward


# ------------------------------------------------------------------ Knapsack
def test_knapsack_solver_against_subsets():
    rng = random.Random(2)
    for _ in range(300):
        n = rng.randint(1, 8)
        w = [rng.randint(1, 9) for _ in range(n)]
        v = [rng.randint(1, 20) for _ in range(n)]
        cap = rng.randint(0, sum(w))
        brute = max(sum(v[i] for i in s) for k in range(n + 1) for s in combinations(range(n), k)
                    if sum(w[i] for i in s) <= cap)
        assert best_value(w, v, cap) == brute


KNAPSACK = {"seed": 0, "parameter": {"N": 3, "W": [2, 3, 4], "V": [3, 4, 5], "W_max": 5, "gold_answer": 7}}


@pytest.mark.parametrize("answer, reward", [("0 1", 1.0), ("1 0", 1.0), ("2", (5 / 7) ** 5), ("", 0.0),
                                            ("0 0", -0.5), ("3", -0.5), ("-1", -0.5), ("1 2", -0.5), ("a", -1.0)])
def test_knapsack_rewards(answer, reward):
    assert both_paths("Knapsack", KNAPSACK, answer) == reward


def test_knapsack_wrong_gold_is_minus_one():
    config = {"seed": 0, "parameter": dict(KNAPSACK["parameter"], gold_answer=6)}
    assert both_paths("Knapsack", config, "0 1") == -1.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-2, 5), max_size=6))
def test_knapsack_paths_agree(selection):
    both_paths("Knapsack", KNAPSACK, " ".join(map(str, selection)))


# ------------------------------------------------------------------ Submatrix
def test_submatrix_solver_against_enumeration():
    rng = random.Random(3)
    for _ in range(200):
        n, m, k = rng.randint(1, 4), rng.randint(1, 4), rng.randint(2, 6)
        matrix = [[rng.randint(0, k - 1) for _ in range(m)] for _ in range(n)]
        brute = sum(1 for r0 in range(n) for r1 in range(r0, n) for c0 in range(m) for c1 in range(c0, m)
                    if sum(matrix[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)) % k == 0)
        assert count_divisible_submatrices(matrix, k) == brute
    assert count_divisible_submatrices([[1, 1, 1], [1, 1, 1], [0, 0, 1]], 2) == 19  # upstream's example


# ------------------------------------------------------------------ Topological sort
def test_topological_order_against_permutations():
    rng = random.Random(4)
    for _ in range(150):
        n = rng.randint(3, 6)
        hidden = list(range(n))
        rng.shuffle(hidden)
        conditions = [[hidden[j], hidden[i]] for i in range(1, n) for j in range(i) if rng.random() < 0.3]
        if not conditions:
            continue
        valid = [p for p in permutations(range(n))
                 if all(p.index(a) < p.index(b) for a, b in conditions)]
        # "0 as early as possible, then 1, ...": compare position vectors lexicographically
        best = min(valid, key=lambda p: [p.index(v) for v in range(n)])
        assert earliest_small_labels_order(n, conditions) == list(best)


TOPO = {"seed": 0, "parameter": {"N": 3, "before_conditions": [[2, 0], [1, 0]], "gold_answer": [1, 2, 0]}}


@pytest.mark.parametrize("answer, reward", [
    ("1 2 0", 1.0), ("2 1 0", 0.5 + 0.5 * (1 / 3) ** 5), ("0 1 2", 0.0), ("2 0 1", 0.5 * (1 / 2) ** 5),
    ("1 2", -0.5), ("1 1 0", -0.5), ("1 2 3", -0.5), ("x", -1.0)])
def test_topological_rewards(answer, reward):
    assert both_paths("TopologicalSort_MinimalLexicographicalOrder", TOPO, answer) == reward


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-1, 3), max_size=5))
def test_topological_paths_agree(order):
    both_paths("TopologicalSort_MinimalLexicographicalOrder", TOPO, " ".join(map(str, order)))


# ------------------------------------------------------------------ Minimum spanning tree
from rlve_fast.envs.graphs.minimum_spanning_tree import kruskal  # noqa: E402


def _is_spanning_tree(n, pairs):
    adjacency = {v: set() for v in range(n)}
    for u, v in pairs:
        adjacency[u].add(v)
        adjacency[v].add(u)
    seen, stack = {0}, [0]
    while stack:
        for w in adjacency[stack.pop()] - seen:
            seen.add(w)
            stack.append(w)
    return len(seen) == n


def test_kruskal_against_all_edge_subsets():
    rng = random.Random(5)
    for _ in range(150):
        n = rng.randint(3, 6)
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < 0.7]
        if not _is_spanning_tree(n, pairs):
            continue
        edges = [(u, v, rng.randint(1, 9)) for u, v in pairs]
        brute = min(sum(e[2] for e in s) for s in combinations(edges, n - 1)
                    if _is_spanning_tree(n, [(e[0], e[1]) for e in s]))
        total, tree = kruskal(n, edges)
        assert total == brute and _is_spanning_tree(n, tree)


MST = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.9, "gold_answer": 6,
                                "edges": [[0, 1, 1], [1, 2, 2], [2, 3, 3], [0, 3, 4], [0, 2, 5]]}}


@pytest.mark.parametrize("answer, reward", [
    ("0 1 1 2 2 3", 1.0), ("1 0 3 2 2 1", 1.0), ("0 1 1 2 0 3", (6 / 7) ** 5),
    ("0 1 1 2", -0.5), ("0 1 1 2 2", -1.0), ("0 1 0 1 2 3", -0.5), ("0 1 1 3 2 3", -0.5),
    ("0 1 1 2 2 0", -0.5), ("0 1 1 2 2 4", -0.5), ("", -0.5)])  # no numbers: an even count, not N-1 edges
def test_mst_rewards(answer, reward):
    assert both_paths("MinimumSpanningTree", MST, answer) == reward


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=8))
def test_mst_paths_agree(numbers):
    both_paths("MinimumSpanningTree", MST, " ".join(map(str, numbers)))
