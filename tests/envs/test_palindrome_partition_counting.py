"""PalindromePartitionCounting: the eertree count against enumeration of all cuttings, and the
(min/max)^10 scorer on both paths."""
from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.strings.palindrome_partition_counting import count_palindrome_partitions


def all_cuttings(text):
    """Count by trying every subset of the len-1 cut positions."""
    n, count = len(text), 0
    for mask in range(1 << max(n - 1, 0)):
        start, ok = 0, True
        for cut in range(1, n + 1):
            if cut == n or mask >> (cut - 1) & 1:
                piece = text[start:cut]
                if piece != piece[::-1]:
                    ok = False
                    break
                start = cut
        count += ok
    return count


def test_count_against_enumeration_of_all_binary_strings():
    for n in range(1, 11):
        for chars in itertools.product("01", repeat=n):
            text = "".join(chars)
            assert count_palindrome_partitions(text) == all_cuttings(text), text


def test_count_against_enumeration_on_random_strings():
    rng = random.Random(3)
    for _ in range(300):
        alphabet = rng.choice(["01", "0001", "abc"])
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert count_palindrome_partitions(text) == all_cuttings(text), text


def test_hand_computed_counts():
    assert count_palindrome_partitions("01111") == 8       # 0 | each of the 2^3 cuttings of 1111
    assert count_palindrome_partitions("010") == 2         # 0|1|0, 010
    assert count_palindrome_partitions("0000") == 8        # every cutting of a constant string
    assert count_palindrome_partitions("0" * 200) == 2 ** 199
    assert count_palindrome_partitions("01") == 1


CONFIG = {"seed": 0, "parameter": {"N": 5, "S": "01111", "reference_answer": 8}}


@pytest.mark.parametrize("answer, reward", [
    ("8", 1.0), (" 8\n", 1.0), ("4", 0.5 ** 10), ("16", 0.5 ** 10), ("0", -1.0), ("-8", -1.0),
    ("8.0", -1.0), ("8 8", -1.0), ("eight", -1.0), ("", -1.0), ("+8", 1.0), ("0_8", 1.0),
])
def test_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            got = rlve_fast.verify("PalindromePartitionCounting", CONFIG, "<answer>%s</answer>" % answer)
            assert got["reward"] == reward, implementation


def test_counts_beyond_int64_are_scored_exactly():
    big = 2 ** 199
    config = {"seed": 0, "parameter": {"N": 200, "S": "0" * 200, "reference_answer": big}}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("PalindromePartitionCounting", config, "<answer>%d</answer>" % big)["reward"] == 1.0
            assert rlve_fast.verify("PalindromePartitionCounting", config,
                                    "<answer>%d</answer>" % (big // 2))["reward"] == 0.5 ** 10


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10 ** 6), st.integers(-10 ** 6, 10 ** 22))
def test_paths_agree_and_follow_the_rule(gold, answer):
    config = {"seed": 0, "parameter": {"N": 5, "S": "00000", "reference_answer": gold}}
    rewards = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            rewards.append(rlve_fast.verify("PalindromePartitionCounting", config,
                                            "<answer>%d</answer>" % answer)["reward"])
    assert rewards[0] == rewards[1]
    if answer <= 0:
        assert rewards[0] == -1.0
    else:
        assert rewards[0] == (min(answer, gold) / max(answer, gold)) ** 10


def test_generated_strings_are_binary_and_solved():
    env = rlve_fast.make("PalindromePartitionCounting")
    for seed in range(10):
        problem = env.generate(seed, difficulty=12)
        text = problem.parameter["S"]
        assert len(text) == problem.parameter["N"] and set(text) <= {"0", "1"}
        assert problem.parameter["reference_answer"] == count_palindrome_partitions(text)
