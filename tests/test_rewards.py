"""The compiled reward arithmetic equals upstream's Python expressions bit for bit."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import rewards
from rlve_fast._core.kernel import ListMatch, MinMaxRatio, ratio_power
from rlve_fast._core.text import markers_for

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
SMALL = st.integers(min_value=-(2**53), max_value=2**53)
BETAS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0]) | st.floats(0, 20, allow_nan=False)
WEIGHTS = st.sampled_from([1.0, 0.5, 2.0])


def upstream_ratio(num, den, beta, weight):
    """The expression as upstream writes it; an exception is the scorer's -1.0."""
    try:
        value = weight * ((num / den) ** beta)
    except ZeroDivisionError:
        return -1.0
    return None if isinstance(value, complex) else value  # None: the kernel defers


@settings(max_examples=2000, deadline=None)
@given(SMALL, SMALL, BETAS, WEIGHTS)
def test_ratio_power_matches_python_within_exact_range(num, den, beta, weight):
    got = ratio_power(num, den, beta, weight)
    want = upstream_ratio(num, den, beta, weight)
    assert got == want or (math.isnan(got) and math.isnan(want)), (num, den, beta)


BIG = st.integers(2**53 + 1, 2**63 - 1) | st.integers(-(2**63) + 1, -(2**53) - 1)


@settings(max_examples=500, deadline=None)
@given(BIG, INT64.filter(bool), BETAS, st.booleans())
def test_ratio_power_defers_beyond_2_53(big, other, beta, big_on_top):
    num, den = (big, other) if big_on_top else (other, big)
    assert ratio_power(num, den, beta) is None


def test_ratio_power_edge_cases():
    assert ratio_power(1, 0, 2.0) == -1.0            # ZeroDivisionError in the scorer
    assert ratio_power(-1, 2, 0.5) is None           # negative ** fractional: complex, Python's call
    assert ratio_power(-1, 2, 2.0) == 0.25
    assert ratio_power(0, 5, 0.0) == 1.0             # 0.0 ** 0.0 == 1.0 in Python
    assert ratio_power(2, 3, 10.0) == 0.017341529915832606


M = markers_for(None)


@settings(max_examples=1000, deadline=None)
@given(st.integers(0, 10**6), st.integers(-5, 10**6), st.sampled_from([1.0, 3.0, 10.0]))
def test_min_max_kernel_matches_rule(gold, answer, beta):
    kernel = MinMaxRatio(gold, beta)
    got = kernel.score("<answer>%d</answer>" % answer, M)
    want = -1.0 if answer < 0 else rewards.min_over_max(answer, gold, beta)
    assert got == want


def test_min_max_kernel_literals():
    kernel = MinMaxRatio(10, 2.0)
    assert kernel.score("<answer>5</answer>", M) == 0.25
    assert kernel.score("<answer>20</answer>", M) == 0.25
    assert kernel.score("<answer>0</answer>", M) == 0.0
    assert MinMaxRatio(0, 2.0).score("<answer>0</answer>", M) == 1.0
    assert kernel.score("<answer>-3</answer>", M) == -1.0
    assert kernel.score("<answer>1 2</answer>", M) == -1.0
    assert kernel.score("<answer>" + "9" * 40 + "</answer>", M) is None  # Python decides


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=12),
       st.lists(st.integers(-50, 50), max_size=14), st.sampled_from([1.0, 5.0, 10.0]))
def test_list_match_kernel_matches_rule(gold, answer, beta):
    kernel = ListMatch(gold, beta, 1.0, -1.0, -0.5)
    got = kernel.score("<answer>%s</answer>" % " ".join(map(str, answer)), M)
    if not answer:
        want = -0.5 if len(gold) != 0 else None
    want = -0.5 if len(answer) != len(gold) else rewards.mean_match(gold, answer, beta)
    assert got == want


def test_list_match_literals():
    kernel = ListMatch([1, 2, 3, 4], 2.0, 1.0, -1.0, -0.5)
    assert kernel.score("<answer>1 2 0 0</answer>", M) == 0.25
    assert kernel.score("<answer>1 2 3</answer>", M) == -0.5
    assert kernel.score("<answer>1 2 3 x</answer>", M) == -1.0
    assert kernel.score("no answer", M) == -1.0


def test_python_rules_literals():
    assert rewards.ratio_power(1, 2, 3.0) == 0.125
    assert rewards.min_over_max(0, 0, 5.0) == 1.0
    assert rewards.min_over_max(0, 7, 5.0) == 0.0
    assert rewards.min_over_max(14, 7, 1.0) == 0.5
    assert rewards.mean_match([1, 2], [1, 3], 1.0) == 0.5
    assert rewards.mean_match([1, 2], [1, 3], 1.0, count=4) == 0.25
    assert rewards.exact([1], [1]) == 1.0 and rewards.exact(3, 4) == 0.0
