"""JugPuzzle: the planner against the full state space, planted walks, the scorer's rules."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.games.jug_puzzle import plan_actions


def reachable_volumes(capacities):
    """Every volume some jug can hold, by exploring all states of all jugs."""
    n = len(capacities)
    start = (0,) * n
    seen, stack = {start}, [start]
    while stack:
        state = stack.pop()
        following = []
        for i in range(n):
            following.append(state[:i] + (capacities[i],) + state[i + 1:])
            following.append(state[:i] + (0,) + state[i + 1:])
            for j in range(n):
                if i != j:
                    moved = min(state[i], capacities[j] - state[j])
                    v = list(state)
                    v[i] -= moved
                    v[j] += moved
                    following.append(tuple(v))
        for s in following:
            if s not in seen:
                seen.add(s)
                stack.append(s)
    return {v for s in seen for v in s}


def run(capacities, actions):
    volumes = [0] * len(capacities)
    for name, *jugs in actions:
        if name == "Fill":
            volumes[jugs[0]] = capacities[jugs[0]]
        elif name == "Empty":
            volumes[jugs[0]] = 0
        else:
            moved = min(volumes[jugs[0]], capacities[jugs[1]] - volumes[jugs[1]])
            volumes[jugs[0]] -= moved
            volumes[jugs[1]] += moved
    return volumes


def test_planner_against_the_state_space():
    rng = random.Random(11)
    for _ in range(60):
        capacities = [rng.randint(2, 9) for _ in range(rng.randint(2, 3))]
        reachable = reachable_volumes(capacities)
        for target in range(1, max(capacities) + 2):
            actions = plan_actions(capacities, target)
            assert (actions is not None) == (target in reachable), (capacities, target)
            if actions is not None:
                assert target in run(capacities, actions)


def test_planted_walks_reach_the_target():
    env = rlve_fast.make("JugPuzzle")
    for seed in range(12):
        problem = env.generate(seed, difficulty=4)
        assert env.verify(problem.config, "<answer>%s</answer>" % problem.parameter["reference_answer"])["reward"] == 1.0
        ours = env.solve(problem.parameter)["reference_answer"]
        assert env.verify(problem.config, "<answer>%s</answer>" % ours)["reward"] == 1.0


CONFIG = {"seed": 0, "parameter": {"N": 2, "steps": 3, "jug_capacities": [3, 5], "target_volumn": 4,
                                   "reference_answer": "Fill 1\nPour 1 0\nEmpty 0\nPour 1 0\nFill 1\nPour 1 0\n"}}


def reward(text):
    return rlve_fast.verify("JugPuzzle", CONFIG, "<answer>%s</answer>" % text)["reward"]


@pytest.mark.parametrize("answer, expected", [
    ("Fill 1\nPour 1 0\nEmpty 0\nPour 1 0\nFill 1\nPour 1 0", 1.0),   # 5 -> 2 -> 0,2 -> 5,2 -> 4 in jug 1
    ("  Fill 1 \n\n Pour 1 0\nEmpty 0\nPour 1 0\nFill 1\nPour 1 0\n", 1.0),
    ("Fill 1\nPour 1 0", 0.0), ("", 0.0),
    ("Fill 2", -0.5), ("Pour 0 0", -0.5), ("Empty -1", -0.5), ("Fill 2\nFill x", -1.0),
    ("Fill 1 0", -1.0), ("fill 1", -1.0), ("Pour 1", -1.0), ("Fill 1, Pour 1 0", -1.0), ("Fill +1", 0.0),
])
def test_rewards(answer, expected):
    assert reward(answer) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Fill", "Empty", "Pour"]), st.integers(-1, 2), st.integers(-1, 2)),
                max_size=8))
def test_reward_follows_the_simulation(actions):
    lines = [f"{n} {a}" if n != "Pour" else f"{n} {a} {b}" for n, a, b in actions]
    got = reward("\n".join(lines))
    if any(not 0 <= a < 2 or (n == "Pour" and (not 0 <= b < 2 or a == b)) for n, a, b in actions):
        assert got == -0.5
    else:
        steps = [(n, a) if n != "Pour" else (n, a, b) for n, a, b in actions]
        assert got == (1.0 if 4 in run([3, 5], steps) else 0.0)


JUG_WORDS = st.sampled_from(["Fill", "Empty", "Pour", "fill", "Fill,", "0", "1", "2", "-1", "+1", "01", "1_0",
                             "x", "", "٣", "99999999999999999999", "3"])
JUG_SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85",
                                  "\u2028", "\n\n"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(JUG_WORDS, JUG_SEPARATORS), max_size=12),
       st.sampled_from([2, 1, 0]), st.integers(0, 6))
def test_kernel_matches_the_python_twin(tokens, n, target):
    from scoring_paths import reward_on_both_paths, uses_kernel

    config = {"seed": 0, "parameter": {"N": n, "jug_capacities": [3, 5], "target_volumn": target}}
    assert uses_kernel("JugPuzzle", config)
    reward_on_both_paths("JugPuzzle", config, "".join(w + s for w, s in tokens))


@pytest.mark.parametrize("parameter", [{"N": 3, "jug_capacities": [3, 5], "target_volumn": 4},
                                       {"N": 2, "jug_capacities": [3, -5], "target_volumn": 4},
                                       {"N": 2, "jug_capacities": [3, 2**70], "target_volumn": 4},
                                       {"N": -1, "jug_capacities": [3, 5], "target_volumn": 4}])
def test_unusual_configs_stay_on_the_python_scorer(parameter):
    from scoring_paths import reward_on_both_paths, uses_kernel

    config = {"seed": 0, "parameter": parameter}
    assert not uses_kernel("JugPuzzle", config)
    for answer in ("Fill 1\nPour 1 0", "Fill 2", ""):
        reward_on_both_paths("JugPuzzle", config, answer)
