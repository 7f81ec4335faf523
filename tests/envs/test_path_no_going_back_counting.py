"""Path_NoGoingBack_Counting: the walk recurrence against step-by-step enumeration, the scorer."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.path_no_going_back_counting import non_backtracking_walks, non_backtracking_walks_numpy
from scoring_paths import reward_on_both_paths

ENV = "Path_NoGoingBack_Counting"


def enumerate_walks(n, edges, length):
    """Extend walks one edge at a time, remembering where each came from."""
    links = {v: [] for v in range(n)}
    for u, v in edges:
        links[u].append(v)
        links[v].append(u)
    walks = {(0, None): 1}  # (here, previous) -> count
    for _ in range(length):
        grown = {}
        for (here, previous), count in walks.items():
            for nxt in links[here]:
                if nxt != previous:
                    grown[(nxt, here)] = grown.get((nxt, here), 0) + count
        walks = grown
    return sum(c for (here, _), c in walks.items() if here == n - 1)


def test_recurrence_against_enumeration():
    rng = random.Random(12)
    for _ in range(150):
        n = rng.randint(3, 7)
        order = list(range(n))
        rng.shuffle(order)
        edges = {(min(a, b), max(a, b)) for a, b in zip(order, order[1:])}
        edges |= {(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < 0.3}
        length = rng.randint(1, 14)
        expected = enumerate_walks(n, sorted(edges), length)
        assert non_backtracking_walks(n, sorted(edges), length) == expected % 10000
        assert non_backtracking_walks(n, sorted(edges), length, mod=999983) == expected % 999983
        assert non_backtracking_walks_numpy(n, sorted(edges), length) == expected % 10000


def test_compiled_count_against_numpy_squaring():
    # small T runs the recurrence step by step, large T squares: both against numpy's squaring
    rng = random.Random(5)
    for _ in range(120):
        n = rng.randint(2, 64)
        order = list(range(n))
        rng.shuffle(order)
        edges = {(min(a, b), max(a, b)) for a, b in zip(order, order[1:])}
        edges |= {(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < rng.random() * 0.5}
        edges = sorted(edges)
        length = rng.choice([1, 2, 3, rng.randint(1, 300), rng.randint(1, 1 << 40), (1 << 64) - 1, 1 << 64])
        mod = rng.choice([10000, 2, 999983])
        assert non_backtracking_walks(n, edges, length, mod) == non_backtracking_walks_numpy(n, edges, length, mod)


@pytest.mark.parametrize("length, count", [(1, 1), (2, 1), (3, 0), (4, 1), (5, 1), (6, 0)])
def test_triangle(length, count):
    # from 0 a walk can only keep circling one way or the other
    assert non_backtracking_walks(3, [(0, 1), (1, 2), (0, 2)], length) == count


def test_path_gets_stuck():
    assert [non_backtracking_walks(3, [(0, 1), (1, 2)], t) for t in range(1, 6)] == [0, 1, 0, 0, 0]


CONFIG = {"seed": 0, "parameter": {"MAX_M": 10, "M": 3, "N": 3, "T": 4, "edges": [[0, 1], [1, 2], [0, 2]],
                                   "reference_answer": 1}}


@pytest.mark.parametrize("answer, reward", [("1", 1.0), ("0", 0.0), ("9999", 0.0), ("10000", -0.5), ("-1", -0.5),
                                            ("10001", -0.5), ("1 1", -1.0), ("", -1.0), ("one", -1.0)])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


@settings(max_examples=100, deadline=None)
@given(st.integers(-20000, 20000))
def test_paths_agree_on_arbitrary_integers(value):
    assert reward_on_both_paths(ENV, CONFIG, str(value)) in (1.0, 0.0, -0.5)
