"""PowerShortcut: allowed steps against walk enumeration, shortest sequences, the scorer."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.graphs.power_shortcut import power_steps, shortest_sequence
from scoring_paths import reward_on_both_paths

ENV = "PowerShortcut"


def walk_ends(n, edges, length):
    """Pairs (s, t) joined by a walk of exactly ``length`` edges, by extending walks."""
    out = {s: {s} for s in range(n)}
    for _ in range(length):
        out = {s: {t for m in ends for a, t in edges if a == m} for s, ends in out.items()}
    return {(s, t) for s, ends in out.items() for t in ends}


def test_steps_and_shortest_sequence_against_enumeration():
    rng = random.Random(13)
    for _ in range(60):
        n = rng.randint(3, 6)
        k_max = rng.randint(0, 3)
        edges = [(s, t) for s in range(n) for t in range(n) if s != t and rng.random() < 0.3]
        expected = set().union(*(walk_ends(n, edges, 2 ** k) for k in range(k_max + 1)))
        allowed = power_steps(n, edges, k_max)
        assert {(s, t) for s in range(n) for t in range(n) if allowed[s] >> t & 1} == expected
        best = None
        for m in range(2, n + 1):  # shortest sequences never repeat a vertex
            for middle in product(range(n), repeat=m - 2):
                seq = (0,) + middle + (n - 1,)
                if all(pair in expected for pair in zip(seq, seq[1:])):
                    best = m
                    break
            if best:
                break
        found = shortest_sequence(n, allowed)
        assert (None if found is None else len(found)) == best
        if found:
            assert found[0] == 0 and found[-1] == n - 1
            assert all(pair in expected for pair in zip(found, found[1:]))


def test_generated_reference_is_optimal():
    env = rlve_fast.make(ENV)
    for seed in range(10):
        problem = env.generate(seed, difficulty=seed)
        p = problem.parameter
        assert len(p["reference_answer"].split()) == p["gold_answer"]


# 0 -> 1 -> 2 -> 3 and 3 -> 0; K = 1: steps of 1 or 2 edges
CONFIG = {"seed": 0, "parameter": {"N": 4, "K": 1, "edge_density": 0.01,
                                   "edges": [[0, 1], [1, 2], [2, 3], [3, 0]]}}
CONFIG["parameter"].update(rlve_fast.make(ENV).solve(CONFIG["parameter"]))


@pytest.mark.parametrize("answer, reward", [
    ("0 2 3", 1.0), ("0 1 3", 1.0), ("0 1 2 3", 0.75 ** 5), ("0 2 0 2 3", 0.6 ** 5),
    ("0 3", -0.5),           # 0 -> 3 needs three edges
    ("1 2 3", -0.5), ("0 2", -0.5), ("0 2 4", -0.5), ("-1 0 3", -0.5),
    ("3", -0.5), ("", -1.0), ("0 x 3", -1.0),
])
def test_rewards(answer, reward):
    assert CONFIG["parameter"]["gold_answer"] == 3
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_short_answer_against_a_wrong_optimum_is_minus_one():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=4)}
    assert reward_on_both_paths(ENV, config, "0 2 3") == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=6))
def test_paths_agree_on_arbitrary_sequences(sequence):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, sequence)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
