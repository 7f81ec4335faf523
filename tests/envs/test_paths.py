"""HamiltonianPath and LongestPath: the path searches (the assignment-bound ones the
environments use, and the older table searches) against brute force on small directed
graphs and against each other on larger ones, the scorers' rules on both paths."""
from __future__ import annotations

import heapq
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs._path_search import (cheapest_covering_walk, covering_walk_by_assignment,
                                                heaviest_path_by_assignment, heaviest_simple_path)

INF = float("inf")


def random_digraph(rng, n):
    density = rng.random()
    return [[s, t, rng.randint(1, n)] for s in range(n) for t in range(n) if s != t and rng.random() < density]


def covering_walk_by_states(n, arcs):
    """Dijkstra over (visited vertices, current vertex) along the arcs themselves."""
    full = (1 << n) - 1
    heap = [(0, 1 << s, s) for s in range(n)]
    seen = set()
    while heap:
        cost, mask, v = heapq.heappop(heap)
        if mask == full:
            return cost
        if (mask, v) in seen:
            continue
        seen.add((mask, v))
        for s, t, w in arcs:
            if s == v:
                heapq.heappush(heap, (cost + w, mask | 1 << t, t))
    return None


def heaviest_by_enumeration(n, arcs):
    out = {}
    for s, t, w in arcs:
        out.setdefault(s, []).append((t, w))
    best = 0

    def extend(v, visited, weight):
        nonlocal best
        best = max(best, weight)
        for t, w in out.get(v, []):
            if t not in visited:
                extend(t, visited | {t}, weight + w)

    for s in range(n):
        extend(s, {s}, 0)
    return best


def walk_weight(arcs, walk):
    weight = {(s, t): w for s, t, w in arcs}
    return sum(weight[step] for step in zip(walk, walk[1:]))


@pytest.mark.parametrize("method", [None, "A*"])
def test_covering_walk_against_state_search(method):
    rng = random.Random(81)
    for _ in range(250):
        n = rng.randint(1, 7)
        arcs = random_digraph(rng, n)
        expected = covering_walk_by_states(n, arcs)
        if expected is None:
            with pytest.raises(ValueError):
                cheapest_covering_walk(n, arcs, INF, method)
            continue
        weight, walk = cheapest_covering_walk(n, arcs, INF, method)
        assert weight == expected, (n, arcs)
        assert set(walk) == set(range(n)) and walk_weight(arcs, walk) == weight


def test_covering_walk_by_assignment_against_state_search():
    rng = random.Random(84)
    for _ in range(400):
        n = rng.randint(1, 8)
        arcs = random_digraph(rng, n)
        expected = covering_walk_by_states(n, arcs)
        if expected is None:
            with pytest.raises(ValueError):
                covering_walk_by_assignment(n, arcs, INF)
            continue
        weight, walk = covering_walk_by_assignment(n, arcs, INF)
        assert weight == expected, (n, arcs)
        assert set(walk) == set(range(n)) and walk_weight(arcs, walk) == weight


def planted_digraph(rng, n, density):
    """Like the generator: a Hamiltonian path of weights 1..n plus random lighter arcs."""
    path = list(range(n))
    rng.shuffle(path)
    arcs = {(s, t): rng.randint(1, n) for s, t in zip(path, path[1:])}
    for s in range(n):
        for t in range(n):
            if s != t and (s, t) not in arcs and rng.random() < density:
                arcs[s, t] = rng.randint(1, max(1, n // 2))
    return [[s, t, w] for (s, t), w in arcs.items()]


def test_covering_walk_by_assignment_against_held_karp():
    rng = random.Random(85)
    for n in (9, 11, 13, 15, 16):
        for density in (0.0, 0.05, 0.15, 0.4, 0.8):
            arcs = planted_digraph(rng, n, density)
            weight, walk = covering_walk_by_assignment(n, arcs, INF)
            assert weight == cheapest_covering_walk(n, arcs, INF)[0], (n, arcs)
            assert set(walk) == set(range(n)) and walk_weight(arcs, walk) == weight
    # two strongly connected halves joined one way: 2 and 3 cannot reach 0 or 1
    arcs = [[0, 1, 3], [1, 0, 2], [1, 2, 5], [2, 3, 1], [3, 2, 4]]
    assert covering_walk_by_assignment(4, arcs, INF) == (3 + 5 + 1, [0, 1, 2, 3])


def test_heaviest_path_by_assignment():
    rng = random.Random(86)
    for _ in range(400):
        n = rng.randint(1, 8)
        arcs = random_digraph(rng, n)
        weight, path = heaviest_path_by_assignment(n, arcs, INF)
        assert weight == heaviest_by_enumeration(n, arcs), (n, arcs)
        assert len(set(path)) == len(path) >= 1 and walk_weight(arcs, path) == weight
    for n in (10, 12, 14, 16):
        for density in (0.05, 0.15, 0.3, 0.6, 0.95):
            arcs = [[s, t, rng.randint(1, n)] for s in range(n) for t in range(n) if s != t and rng.random() < density]
            weight, path = heaviest_path_by_assignment(n, arcs, INF)
            assert weight == heaviest_simple_path(n, arcs, INF)[0], (n, arcs)
            assert len(set(path)) == len(path) >= 1 and walk_weight(arcs, path) == weight
    assert heaviest_path_by_assignment(3, [], INF) == (0, [0])
    # weights too large for the assignment's cost scale fall back to the table search
    assert heaviest_path_by_assignment(3, [[0, 1, 10 ** 12], [1, 2, 5]], INF) == (10 ** 12 + 5, [0, 1, 2])


def test_covering_walk_methods_agree_on_larger_graphs():
    rng = random.Random(82)
    for n in (12, 14):
        arcs = random_digraph(rng, n)
        path = list(range(n))
        rng.shuffle(path)
        arcs += [[s, t, n] for s, t in zip(path, path[1:])]  # a Hamiltonian path keeps it coverable
        assert cheapest_covering_walk(n, arcs, INF)[0] == cheapest_covering_walk(n, arcs, INF, "A*")[0]


def test_heaviest_path_against_enumeration():
    rng = random.Random(83)
    for _ in range(250):
        n = rng.randint(1, 7)
        arcs = random_digraph(rng, n)
        weight, path = heaviest_simple_path(n, arcs, INF)
        assert weight == heaviest_by_enumeration(n, arcs), (n, arcs)
        assert len(set(path)) == len(path) >= 1 and walk_weight(arcs, path) == weight


# arcs of a small directed graph: 0->1 (2), 1->2 (3), 2->0 (1), 1->3 (4), 3->1 (1)
ARCS = [[0, 1, 2], [1, 2, 3], [2, 0, 1], [1, 3, 4], [3, 1, 1]]
HAMILTON = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.4, "edges": ARCS,
                                     "reference_answer": "3 1 2 0", "reference_answer_weight": 5}}


@pytest.mark.parametrize("answer, reward", [
    ("3 1 2 0", 1.0),                       # 1 + 3 + 1
    ("2 0 1 3", (5 / 7) ** 5),              # 1 + 2 + 4
    ("0 1 3 1 2", (5 / 10) ** 5),           # 2 + 4 + 1 + 3: revisiting 1 is allowed
    ("0 1 2 0 1 3", (5 / 12) ** 5),
    ("0 1 3", -0.5), ("0 1 3 0 2", -0.5),   # a vertex missing; no arc 3 -> 0
    ("3 1 2 0 4", -0.5), ("-1 3 1 2 0", -0.5), ("", -0.5), ("0 1 x", -1.0),
])
def test_hamiltonian_rewards(answer, reward):
    assert cheapest_covering_walk(4, ARCS, INF)[0] == 5
    assert uses_kernel("HamiltonianPath", HAMILTON)
    assert reward_on_both_paths("HamiltonianPath", HAMILTON, answer) == reward


def test_hamiltonian_lighter_than_gold_is_minus_one():
    config = {"seed": 0, "parameter": dict(HAMILTON["parameter"], reference_answer_weight=7)}
    assert reward_on_both_paths("HamiltonianPath", config, "3 1 2 0") == -1.0
    assert reward_on_both_paths("HamiltonianPath", config, "2 0 1 3") == 1.0


LONGEST = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.4, "edges": ARCS, "gold_answer": 7}}


@pytest.mark.parametrize("answer, reward", [
    ("2 0 1 3", 1.0), ("0 1 2", (5 / 7) ** 5), ("3", 0.0), ("1 3", (4 / 7) ** 5),
    ("", -1.0), ("   ", -1.0), ("0 1 3 1", -0.5), ("0 2", -0.5), ("0 4", -0.5), ("-1", -0.5), ("a", -1.0),
])
def test_longest_rewards(answer, reward):
    assert heaviest_simple_path(4, ARCS, INF)[0] == 7
    assert uses_kernel("LongestPath", LONGEST)
    assert reward_on_both_paths("LongestPath", LONGEST, answer) == reward


def test_longest_heavier_than_gold_or_zero_gold_is_minus_one():
    assert reward_on_both_paths("LongestPath", {"seed": 0, "parameter": dict(LONGEST["parameter"], gold_answer=6)},
                      "2 0 1 3") == -1.0
    assert reward_on_both_paths("LongestPath", {"seed": 0, "parameter": dict(LONGEST["parameter"], gold_answer=0)},
                      "3") == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=6), st.sampled_from([HAMILTON, LONGEST]))
def test_paths_agree_and_stay_in_range(walk, config):
    env_id = "HamiltonianPath" if "reference_answer_weight" in config["parameter"] else "LongestPath"
    reward = reward_on_both_paths(env_id, config, " ".join(map(str, walk)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
