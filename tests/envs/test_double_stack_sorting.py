"""DoubleStackSorting: the two-stack solver against a search over all move words, the random
walk's twins, and the scorer's rules on both paths."""
from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences._double_stack_sorting_kernel import random_operations
from rlve_fast.envs.sequences.double_stack_sorting import random_walk, two_stack_operations


def producible(n):
    """Every output reachable from the queue 0..n-1 (exhaustive search over states)."""
    found = set()

    def walk(front, s1, s2, out):
        if len(out) == n:
            found.add(out)
            return
        if front < n:
            walk(front + 1, s1 + (front,), s2, out)
            walk(front + 1, s1, s2 + (front,), out)
        if s1:
            walk(front, s1[:-1], s2, out + (s1[-1],))
        if s2:
            walk(front, s1, s2[:-1], out + (s2[-1],))

    walk(0, (), (), ())
    return found


def replay(n, ops):
    stacks, out, front = ([], []), [], 0
    for op in ops:
        if op in "ac":
            stacks[op == "c"].append(front)
            front += 1
        else:
            out.append(stacks[op == "d"].pop())
    return out


@pytest.mark.parametrize("n", range(1, 8))
def test_solver_decides_every_permutation_like_the_search(n):
    reachable = producible(n)
    for target in itertools.permutations(range(n)):
        if target in reachable:
            ops = two_stack_operations(list(target))
            assert len(ops) == 2 * n and replay(n, ops) == list(target)
        else:
            with pytest.raises(ValueError):
                two_stack_operations(list(target))


def test_hand_checked_targets():
    assert two_stack_operations([3, 2, 1, 0]) in ("aaaabbbb", "ccccdddd")
    assert replay(3, two_stack_operations([1, 2, 0])) == [1, 2, 0]
    # 3 first means 0, 1, 2 all wait in two stacks: two of them share one, in the wrong order
    with pytest.raises(ValueError):
        two_stack_operations([3, 0, 1, 2])
    with pytest.raises(ValueError):
        two_stack_operations([0, 0, 1])  # not a permutation


def test_random_walk_twins_agree():
    rng = random.Random(5)
    for _ in range(200):
        n = rng.randint(1, 30)
        weights = [float(rng.randint(1, n)) for _ in range(4)]
        uniforms = [rng.random() for _ in range(2 * n)]
        ops, output = random_operations(n, weights, uniforms)
        assert (ops, output) == random_walk(n, weights, uniforms)
        assert replay(n, ops) == output and sorted(output) == list(range(n))


CONFIG = {"seed": 0, "parameter": {"N": 4, "reference_answer": "aabbcdcd", "output_sequence": [1, 0, 2, 3]}}


@pytest.mark.parametrize("answer, reward", [
    ("aabbcdcd", 1.0),
    (" aabbcdcd\n", 1.0),
    ("ababcdcd", 0.5 ** 10),        # output 0 1 2 3: positions 2 and 3 match
    ("aabbabab", 1.0),              # any word giving the same output
    ("aaaabbbb", 0.0),              # output 3 2 1 0: no position matches
    ("aabbcdc", -0.5),              # one element never reaches the output
    ("b", -0.5),                    # pop from an empty stack
    ("aaaaa", -0.5),                # the queue is empty at the fifth push
    ("aabb cdcd", -1.0),            # a space inside the word
    ("aabbxcdcd", -1.0),
    ("bx", -0.5),                   # the invalid move comes before the bad character
    ("", -0.5),                     # no moves: an output of length 0
    ("AABBCDCD", -1.0),
])
def test_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            got = rlve_fast.verify("DoubleStackSorting", CONFIG, "<answer>%s</answer>" % answer)
            assert got["reward"] == reward, implementation


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcd x\u2003", max_size=14), st.sampled_from(["<answer>%s</answer>", "%s", "\\boxed{%s}"]))
def test_paths_agree_on_arbitrary_words(word, template):
    rewards = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            rewards.append(rlve_fast.make("DoubleStackSorting").verify(CONFIG, template % word)["reward"])
    assert rewards[0] == rewards[1]
    assert rewards[0] in (-1.0, -0.5) or 0.0 <= rewards[0] <= 1.0


def test_generated_reference_produces_the_output():
    env = rlve_fast.make("DoubleStackSorting")
    for seed in range(10):
        parameter = env.generate(seed, difficulty=15).parameter
        assert replay(parameter["N"], parameter["reference_answer"]) == parameter["output_sequence"]
        ours = env.solve(parameter)["reference_answer"]
        assert replay(parameter["N"], ours) == parameter["output_sequence"]
