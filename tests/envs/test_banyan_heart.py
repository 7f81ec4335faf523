"""BanyanHeart: the heart positions against a simulation of every growth order; the scorer."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.trees import banyan_heart
from rlve_fast.envs.trees._sampling import words


def simulated_hearts(n, edges):
    """Every (grown set, heart) state reachable from ({1}, 1), one added vertex at a time."""
    adjacent = {v: set() for v in range(1, n + 1)}
    for u, v in edges:
        adjacent[u].add(v)
        adjacent[v].add(u)

    def step_towards(heart, target, grown):
        # breadth-first from the new vertex through the grown tree: the heart moves to the
        # vertex it was reached from
        reached_from, queue = {target: None}, [target]
        for x in queue:
            for w in adjacent[x]:
                if w in grown and w not in reached_from:
                    reached_from[w] = x
                    queue.append(w)
        return reached_from[heart]

    states = {(1 << 1, 1)}
    for _ in range(n - 1):
        following = set()
        for grown_mask, heart in states:
            grown = {v for v in range(1, n + 1) if grown_mask >> v & 1}
            for v in range(2, n + 1):
                if v not in grown and adjacent[v] & grown:
                    following.add((grown_mask | 1 << v, step_towards(heart, v, grown | {v})))
        states = following
    return "".join("T" if any(h == v for _, h in states) else "F" for v in range(1, n + 1))


def test_solvers_against_simulation():
    rng = random.Random(5)
    for _ in range(250):
        n = rng.randint(1, 8)
        edges = words(rng).tree_edges(n, first=1)
        want = simulated_hearts(n, edges)
        assert banyan_heart.heart_positions(n, edges) == want, (n, edges)
        if banyan_heart._compiled is not None:
            assert banyan_heart._compiled.heart_positions(n, edges) == want


def test_hand_examples():
    # a star centred on 1 with three leaves: 1 ends where the last of three moves went... each
    # leaf is reachable (add the other two first, they cancel), 1 is not (odd number of moves)
    assert banyan_heart.heart_positions(4, [[1, 2], [1, 3], [1, 4]]) == "FTTT"
    # the path 1-2-3-4-5: four moves all go forward, the heart ends on 5
    assert banyan_heart.heart_positions(5, [[1, 2], [2, 3], [3, 4], [4, 5]]) == "FFFFT"


CONFIG = {"seed": 0, "parameter": {"N": 4, "edges": [[1, 3], [1, 4], [1, 2]], "reference_answer": "FTTT"}}


def both_paths(answer, markers=("<answer>", "</answer>")):
    return reward_on_both_paths("BanyanHeart", CONFIG, answer, markers)


@pytest.mark.parametrize("answer, reward", [
    ("FTTT", 1.0),
    (" \n FTTT\u2003", 1.0),          # Unicode whitespace is trimmed
    ("FTTF", (2 / 3) ** 5),
    ("TFFF", 0.0),
    ("TTTT", (3 / 4) ** 5),
    ("FTT", -1.0), ("FTTTF", -1.0), ("FTtT", -1.0), ("F TTT", -1.0), ("", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward
    assert both_paths(answer, ("\\boxed{", "}")) == reward


def test_no_answer_is_wrong_format():
    env = rlve_fast.make("BanyanHeart")
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert env.verify(CONFIG, "FTTT")["reward"] == -1.0
            assert env.verify(CONFIG, "<answer>FTTT")["reward"] == -1.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="TF \n\tx", max_size=8))
def test_paths_agree_on_arbitrary_strings(text):
    reward = both_paths(text)
    assert reward == -1.0 or 0.0 <= reward <= 1.0
