"""MinimumDirectedSpanningTree: Edmonds' algorithm against every choice of incoming edges."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.graphs.minimum_directed_spanning_tree import min_arborescence, min_arborescence_numpy
from scoring_paths import reward_on_both_paths

ENV = "MinimumDirectedSpanningTree"


def is_arborescence(n, root, chosen):
    parent = {t: s for s, t in chosen}
    if len(parent) != n - 1 or root in parent:
        return False
    for v in range(n):  # climbing from any vertex must reach the root without a loop
        seen = set()
        while v != root:
            if v in seen or v not in parent:
                return False
            seen.add(v)
            v = parent[v]
    return True


def brute(n, edges, root):
    into = [[e for e in edges if e[1] == v and e[0] != v] for v in range(n)]
    best = None
    for pick in product(*[into[v] for v in range(n) if v != root]):
        if is_arborescence(n, root, [(s, t) for s, t, _ in pick]):
            total = sum(w for _, _, w in pick)
            best = total if best is None else min(best, total)
    return best


def test_edmonds_against_enumeration():
    rng = random.Random(14)
    for _ in range(250):
        n = rng.randint(2, 6)
        root = rng.randrange(n)
        edges = [(s, t, rng.randint(1, rng.choice((3, 20)))) for s in range(n) for t in range(n)
                 if s != t and rng.random() < 0.5]
        expected = brute(n, edges, root)
        for solver in (min_arborescence, min_arborescence_numpy):  # compiled, and its numpy twin
            if expected is None:
                with pytest.raises(ValueError):
                    solver(n, edges, root)
                continue
            total, chosen = solver(n, edges, root)
            assert total == expected
            assert is_arborescence(n, root, [(edges[i][0], edges[i][1]) for i in chosen])


def test_generated_references_are_optimal_arborescences():
    env = rlve_fast.make(ENV)
    for seed in range(8):
        problem = env.generate(seed, difficulty=3 * seed)
        assert env.verify(problem.config, "<answer>%s</answer>" % problem.parameter["reference_answer"])["reward"] == 1.0


# root 0; the cheapest edges into 1 and 2 form the cycle 1 <-> 2
CONFIG = {"seed": 0, "parameter": {"N": 3, "root": 0, "edge_density": 0.5,
                                   "edges": [[0, 1, 5], [0, 2, 6], [1, 2, 1], [2, 1, 1]], "gold_answer": 6}}


@pytest.mark.parametrize("answer, reward", [
    ("0 1 1 2", 1.0), ("1 2 0 1", 1.0), ("0 2 2 1", (6 / 7) ** 5), ("0 1 0 2", (6 / 11) ** 5),
    ("1 2 2 1", -0.5), ("0 1 2 1", -0.5), ("0 1", -0.5), ("0 1 1 2 2 0", -0.5), ("0 1 1", -1.0),
    ("0 0 1 2", -0.5), ("2 0 0 1", -0.5), ("", -0.5), ("0 1 1 q", -1.0),
])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_lighter_than_gold_is_minus_one():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=7)}
    assert reward_on_both_paths(ENV, config, "0 1 1 2") == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 3), max_size=6))
def test_paths_agree_on_arbitrary_lists(values):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, values)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
