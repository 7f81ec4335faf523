"""SubgraphIsomorphism: the embedding search against brute force, the scorer's rule."""
from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs.subgraph_isomorphism import induced_embedding

ENV = "SubgraphIsomorphism"


def is_induced_embedding(n1, edges1, edges2, image):
    e1 = {tuple(sorted(e)) for e in edges1}
    e2 = {tuple(sorted(e)) for e in edges2}
    return len(set(image)) == n1 and all(
        ((u, v) in e1) == (tuple(sorted((image[u], image[v]))) in e2)
        for u in range(n1) for v in range(u + 1, n1))


def test_search_against_all_injections():
    rng = random.Random(11)
    for _ in range(300):
        n2 = rng.randint(3, 6)
        n1 = rng.randint(1, n2)
        edges2 = [[u, v] for u in range(n2) for v in range(u + 1, n2) if rng.random() < 0.5]
        edges1 = [[u, v] for u in range(n1) for v in range(u + 1, n1) if rng.random() < 0.5]
        exists = any(is_induced_embedding(n1, edges1, edges2, p) for p in permutations(range(n2), n1))
        found = induced_embedding(n1, edges1, n2, edges2)
        assert (found is not None) == exists, (n1, edges1, n2, edges2)
        if found is not None:
            assert is_induced_embedding(n1, edges1, edges2, found)


def test_search_with_many_twins():
    # a path plus twelve vertices joined to everything, inside a dense graph: the twins
    # would make a plain search try their orders again and again
    n2 = 23
    missing = {(1, 7), (4, 7), (4, 15), (4, 16), (4, 19), (7, 10), (7, 11), (7, 19), (7, 21), (8, 15),
               (12, 14), (18, 20), (19, 20)}
    edges2 = [[u, v] for u in range(n2) for v in range(u + 1, n2) if (u, v) not in missing]
    n1 = 16
    gaps = {(0, 9), (9, 12), (12, 14)}
    edges1 = [[u, v] for u in range(n1) for v in range(u + 1, n1) if (u, v) not in gaps]
    found = induced_embedding(n1, edges1, n2, edges2)
    assert found is not None and is_induced_embedding(n1, edges1, edges2, found)


CONFIG = {"seed": 0, "parameter": {"N2": 4, "edge_density": 0.5, "N1": 3,
                                   "G1_edges": [[0, 1], [1, 2]], "G2_edges": [[0, 1], [1, 2], [2, 3]],
                                   "reference_answer": "0 1 2"}}


@pytest.mark.parametrize("answer, reward", [
    ("0 1 2", 1.0), ("1 2 3", 1.0), ("3 2 1", 1.0),
    ("0 2 1", (1 / 3) ** 10),            # only the pair (1, 2) -> (2, 1) agrees
    ("3 0 1", (2 / 3) ** 10),            # (0, 1) -> (3, 0) is a lost edge
    ("0 1", -0.5), ("0 1 2 3", -0.5), ("0 1 1", -0.5), ("0 1 4", -0.5), ("-1 0 1", -0.5), ("", -0.5),
    ("0 1 x", -1.0), ("0, 1, 2", -1.0),
    (" +0 \n 1_0 2", -0.5),              # int() reads 1_0 as 10: out of range
    ("٠ ١ ٢", 1.0),                      # Unicode digits are digits to int()
])
def test_rewards(answer, reward):
    assert uses_kernel(ENV, CONFIG)
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_pairs_are_looked_up_as_stored():
    # the scorer looks (smaller, larger) up among the stored pairs: a pair stored backwards is no edge
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], G2_edges=[[0, 1], [2, 1], [2, 3]])}
    assert reward_on_both_paths(ENV, config, "0 1 2") == (2 / 3) ** 10


def test_one_vertex_pattern_divides_by_zero():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], N1=1, G1_edges=[])}
    assert reward_on_both_paths(ENV, config, "2") == -1.0


def test_missing_answer_and_boxed_markers():
    assert reward_on_both_paths(ENV, CONFIG, "1 2 3", markers=("\\boxed{", "}")) == 1.0
    import rlve_fast
    assert rlve_fast.verify(ENV, CONFIG, "no answer here")["reward"] == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2, 5), max_size=5))
def test_paths_agree_and_stay_in_range(image):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, image)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
