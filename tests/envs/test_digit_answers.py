"""SmallestBinaryMultiple, NextPalindromic, SubsetSumSequence, PrefixConcatenation: solvers
against brute force, scorers against hand-computed rewards on both paths."""
from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from scoring_paths import reward_on_both_paths
from rlve_fast import _impl
from rlve_fast.envs.number_theory._factorization import only_zero_one_digits
from rlve_fast.envs.number_theory.next_palindromic import next_palindrome
from rlve_fast.envs.number_theory.prefix_concatenation import (concatenation_mod,
                                                               concatenation_mod_python)
from rlve_fast.envs.number_theory.smallest_binary_multiple import (decimal_value,
                                                                   least_zero_one_multiple)
from rlve_fast.envs.number_theory.subset_sum_sequence import nth_zero_one_number


# ----------------------------------------------------------------------------- solvers
def test_least_zero_one_multiple_against_enumeration():
    for a in range(1, 120):
        i = 1
        while int(bin(i)[2:]) % a:  # 0/1 numbers in increasing order
            i += 1
        assert least_zero_one_multiple(a) == int(bin(i)[2:]), a


def test_digit_helpers():
    assert least_zero_one_multiple(3) == 111 and least_zero_one_multiple(7) == 1001
    assert decimal_value("1" * 9000) == (10 ** 9000 - 1) // 9
    assert only_zero_one_digits(0, 10) and only_zero_one_digits(1101, 10)
    assert not only_zero_one_digits(1201, 10) and not only_zero_one_digits(10 ** 40 + 2, 10)
    assert only_zero_one_digits(3 ** 40 + 1, 3) and not only_zero_one_digits(2 * 3 ** 40, 3)
    with pytest.raises(ValueError):
        only_zero_one_digits(5, 1)


def test_next_palindrome_against_counting_up():
    for n in range(0, 12000):
        m = n + 1
        while str(m) != str(m)[::-1]:
            m += 1
        assert next_palindrome(n) == str(m), n
    assert next_palindrome(10 ** 30 - 1) == "1" + "0" * 29 + "1"
    assert next_palindrome(12921) == "13031" and next_palindrome(1234) == "1331"


def test_zero_one_numbers_against_sorted_sums():
    for k in range(2, 7):
        powers = [k ** i for i in range(8)]
        sums = sorted({sum(c) for r in range(1, 9) for c in combinations(powers, r)})
        for n in range(1, 200):
            assert nth_zero_one_number(n, k) == sums[n - 1]
    assert nth_zero_one_number(5, 3) == 10  # 1, 3, 4, 9, 10


def test_concatenation_against_the_number():
    for n in range(1, 400):
        value = int("".join(map(str, range(1, n + 1))))
        for m in (1, 3, 7, 1000, 999983, 2 ** 32 - 1, 2 ** 32 + 7):
            assert concatenation_mod(n, m) == value % m
            assert concatenation_mod_python(n, m) == value % m
    assert concatenation_mod(12, 1000) == 112


# ----------------------------------------------------------------------------- scorers
MULTIPLE = {"seed": 0, "parameter": {"A": 3, "reference_answer": 37}}  # 3 * 37 = 111


@pytest.mark.parametrize("answer, reward", [
    ("37", 1.0), ("370", (37 / 370) ** 5), ("3367", (37 / 3367) ** 5),  # 3 * 3367 = 10101
    ("38", -0.5), ("1", -0.5), ("0", -1.0), ("-37", -1.0), ("x", -1.0), (str(338 * 10 ** 30), -0.5),
    (str(37 * 10 ** 30), (37 / (37 * 10 ** 30)) ** 5),
])
def test_smallest_binary_multiple_rewards(answer, reward):
    assert reward_on_both_paths("SmallestBinaryMultiple", MULTIPLE, answer) == reward


def test_smallest_binary_multiple_below_the_reference_is_a_broken_config():
    config = {"seed": 0, "parameter": {"A": 3, "reference_answer": 3367}}
    assert reward_on_both_paths("SmallestBinaryMultiple", config, "37") == -1.0


PALINDROME = {"seed": 0, "parameter": {"N": 1234, "reference_answer": "1331"}}


@pytest.mark.parametrize("answer, reward", [
    ("1331", 1.0), ("1441", (1331 / 1441) ** 5), ("12321", (1331 / 12321) ** 5), ("1221", -0.5),
    ("1234", -0.5), ("1332", -0.5), ("-1331", -0.5), ("0", -0.5), ("x", -1.0), ("1331 1", -1.0),
    ("1" * 40, (1331 / int("1" * 40)) ** 5),
])
def test_next_palindromic_rewards(answer, reward):
    assert reward_on_both_paths("NextPalindromic", PALINDROME, answer) == reward


def test_next_palindromic_below_the_reference_is_a_broken_config():
    config = {"seed": 0, "parameter": {"N": 1234, "reference_answer": "1441"}}
    assert reward_on_both_paths("NextPalindromic", config, "1331") == -1.0
    config["parameter"]["reference_answer"] = "oops"  # int() raises inside the scorer
    assert reward_on_both_paths("NextPalindromic", config, "1331") == -1.0
    assert reward_on_both_paths("NextPalindromic", config, "1330") == -0.5


SUBSET = {"seed": 0, "parameter": {"K": 3, "reference_answer": 10}}  # N = 5


@pytest.mark.parametrize("answer, reward", [
    ("10", 1.0), ("9", 0.9 ** 2), ("13", (10 / 13) ** 2), ("11", 0.0), ("2", 0.0), ("0", -1.0),
    ("-10", -1.0), ("ten", -1.0), (str(3 ** 50), (10 / 3 ** 50) ** 2), (str(2 * 3 ** 50), 0.0),
])
def test_subset_sum_sequence_rewards(answer, reward):
    assert reward_on_both_paths("SubsetSumSequence", SUBSET, answer) == reward


CONCAT = {"seed": 0, "parameter": {"N": 12, "M": 1000, "reference_answer": 112}}


@pytest.mark.parametrize("answer, reward", [("112", 1.0), ("113", 0.0), ("1112", 0.0), ("-112", 0.0),
                                            ("112.0", -1.0), ("", -1.0)])
def test_prefix_concatenation_rewards(answer, reward):
    assert reward_on_both_paths("PrefixConcatenation", CONCAT, answer) == reward


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["SmallestBinaryMultiple", "NextPalindromic", "SubsetSumSequence"]),
       st.integers(2, 400), st.integers(-5, 10 ** 19), st.sampled_from(["%d", "%d ", "%d%d", "%d.", "%d 1"]))
def test_paths_agree(env_id, seed, answer, template):
    env = rlve_fast.make(env_id)
    problem = env.generate(seed, difficulty=seed % 12)
    text = "<answer>%s</answer>" % template.replace("%d", str(answer))
    with _impl.implementation("compiled"):
        fast = env.verify(problem.config, text)
    with _impl.implementation("python"):
        slow = env.verify(problem.config, text)
    assert fast == slow
    assert -1.0 <= fast["reward"] <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 5000), st.integers(1, 10 ** 6))
def test_a_valid_multiple_scores_by_its_ratio(a, factor):
    b = least_zero_one_multiple(a) // a
    config = {"seed": 0, "parameter": {"A": a, "reference_answer": b}}
    scaled = b * 10 ** (factor % 7)  # still 0/1 digits: a trailing zero per factor of 10
    assert reward_on_both_paths("SmallestBinaryMultiple", config, str(scaled)) == (b / scaled) ** 5
