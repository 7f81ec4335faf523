"""TopologicalSort_MinimalLexicographicalOrder: the compiled condition draw against its Python
twin and a naive statement of upstream's procedure, the compiled order against the Python
one and against a search over permutations."""
from __future__ import annotations

import random
from collections import Counter
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import deadline
from rlve_fast.envs.graphs import topological_sort_minimal_lexicographical_order as topo
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.graphs._topological_sort_solver")


def naive_conditions(rng, n, max_in_degree):
    """The procedure as a plain statement: a hidden order, then for each vertex a uniform
    count and a uniform sample of earlier vertices (the set of conditions, unordered)."""
    hidden = list(range(n))
    rng.shuffle(hidden)
    conditions = []
    while not conditions:
        for i in range(1, n):
            for j in rng.sample(range(i), rng.randint(0, min(i, max_in_degree))):
                conditions.append((hidden[j], hidden[i]))
    return frozenset(conditions)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(2, 40), st.integers(1, 5))
def test_condition_draw_matches_the_twin(seed, n, max_in_degree):
    conditions = compiled.random_conditions(random.Random(seed), n, max_in_degree)
    assert conditions == topo.plain_random_conditions(random.Random(seed), n, max_in_degree)
    assert conditions and len({tuple(c) for c in conditions}) == len(conditions)
    assert max(Counter(after for _, after in conditions).values()) <= max_in_degree
    topo.earliest_small_labels_order(n, conditions)  # acyclic: raises otherwise


def test_condition_draw_has_upstreams_distribution():
    rng = random.Random(2)
    ours = Counter(frozenset(map(tuple, compiled.random_conditions(rng, 4, 2))) for _ in range(20000))
    naive = Counter(naive_conditions(rng, 4, 2) for _ in range(20000))
    assert set(ours) == set(naive)
    for key in naive:  # every condition set about as often (a few standard deviations)
        assert abs(ours[key] - naive[key]) < 6 * (naive[key] + 1) ** 0.5 + 5, (key, ours[key], naive[key])


def test_compiled_order_against_permutations():
    rng = random.Random(4)
    for _ in range(150):
        n = rng.randint(2, 6)
        conditions = compiled.random_conditions(rng, n, 3)
        valid = [p for p in permutations(range(n)) if all(p.index(a) < p.index(b) for a, b in conditions)]
        best = min(valid, key=lambda p: [p.index(v) for v in range(n)])
        assert compiled.smallest_labels_first(n, conditions, float("inf")) == list(best)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(2, 60))
def test_compiled_order_matches_python(seed, n):
    conditions = compiled.random_conditions(random.Random(seed), n, 3)
    assert topo.smallest_labels_order(n, conditions) == topo.earliest_small_labels_order(n, conditions)


def test_by_hand_and_odd_conditions():
    # 2 before 0 and 1 before 0: 1 2 0 puts 0 last anyway, then 1 first
    assert topo.smallest_labels_order(3, [[2, 0], [1, 0]]) == [1, 2, 0]
    # 3 before 0: 0 cannot lead; "0 as early as possible" gives 3 0 1 2, not 1 2 3 0
    assert topo.smallest_labels_order(4, [(3, 0)]) == [3, 0, 1, 2]
    assert compiled.smallest_labels_first(3, [[0, 3]], float("inf")) == -1
    assert compiled.smallest_labels_first(3, [[0, 1, 2]], float("inf")) == -1
    assert compiled.smallest_labels_first(3, [[0, True]], float("inf")) == -1
    with pytest.raises(ValueError):
        topo.smallest_labels_order(3, [[0, 1], [1, 2], [2, 0]])


def test_compiled_order_stops_at_the_deadline():
    conditions = compiled.random_conditions(random.Random(1), 5000, 3)
    assert compiled.smallest_labels_first(5000, conditions, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            topo.smallest_labels_order(5000, conditions)
