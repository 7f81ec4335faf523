"""Kernel factories that check a config while reading it into C arrays (one typed pass)
give a compiled scorer to exactly the configs the former Python-level checks (and the
constructors' int64 copies) accepted, and every reward equals the Python path's, on
generated configs and malformed variants of them; Cinema's pair kernel against the Python
scorer on generated answers, with the stored pair a list and a tuple."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.batch import verify_batch
from rlve_fast.environment import compiled_kernel

from test_kernel_construction import _fits, _square, check_kernels_and_rewards


def _ints(values):
    return all(type(v) is int for v in values)


def _edges_in_range(edges, n):
    return all(len(e) == 2 and _ints(e) and 0 <= e[0] < n and 0 <= e[1] < n for e in edges)


# env id -> the configs that get a compiled scorer (the former checks in ``kernel``, plus
# the numbers the constructors could not hold: those made ``compiled_kernel`` return None)
USUAL = {
    "EvenDegreeGraphPartitioning": lambda p: 1 <= p["N"] <= 1 << 20 and _edges_in_range(p["edges"], p["N"]),
    "Matrix_BinaryExponentiation": lambda p: (
        p["N"] >= 1 and _square(p["gold_answer"], p["N"]) and all(_fits(v) for row in p["gold_answer"] for v in row)),
    "MaxXorSet": lambda p: (
        0 <= p["N"] <= len(p["A"]) and p["N"] <= 1 << 24 and all(0 <= v < 1 << 53 for v in p["A"][:p["N"]])
        and _fits(p["gold_answer"])),
    "SetSplitting": lambda p: (
        0 <= p["N"] <= 1 << 24 and _fits(p["M"]) and all(_fits(v) for s in p["Sets"] for v in s)),
    "SubgraphIsomorphism": lambda p: 0 <= p["N1"] <= 4096 and 0 <= p["N2"] <= 4096,
    # a negative N was taken before and crashed the scorer (memset of N bytes): now None
    "Knapsack": lambda p: (
        0 <= p["N"] < 1 << 63 and _fits(p["W_max"]) and _fits(p["gold_answer"])
        and all(_fits(v) for v in list(p["W"][:p["N"]]) + list(p["V"][:p["N"]]))),
    "TopologicalSort_MinimalLexicographicalOrder": lambda p: (
        _fits(p["N"]) and all(_fits(v) for pair in p["before_conditions"] if len(pair) == 2 for v in pair)
        and all(_fits(v) for v in p["gold_answer"])),
    "MYJ": lambda p: (
        1 <= p["N"] <= 1 << 20 and all(len(t) == 3 and 1 <= t[0] <= t[1] <= p["N"] and _fits(t[2])
                                       for t in p["customers"]) and _fits(p["gold_answer"])),
    "DecreasingDigitCounting": lambda p: _fits(p["reference_answer"]),
}


def _huge_variants(parameter):
    """One number beyond int64 in each nested list (the generic variants put them at the
    ends only)."""
    for key, value in parameter.items():
        if isinstance(value, list) and value and isinstance(value[0], list) and len(value[0]) >= 2:
            for big in (1 << 63, -(1 << 63) - 1, 1 << 70):
                rows = [list(row) for row in value]
                rows[len(rows) // 2][1] = big
                yield key, {**parameter, key: rows}


@pytest.mark.parametrize("env_id", sorted(USUAL))
def test_kernel_or_none_and_rewards_on_malformed_configs(env_id):
    check_kernels_and_rewards(env_id, USUAL[env_id], _huge_variants)


def test_decreasing_digit_counting_large_counts_go_to_python():
    env = rlve_fast.make("DecreasingDigitCounting")
    for gold in ((1 << 63) - 1, -(1 << 63)):
        assert compiled_kernel(env, {"reference_answer": gold}) is not None
    for gold in (1 << 63, -(1 << 63) - 1, 1 << 244):
        assert compiled_kernel(env, {"reference_answer": gold}) is None


# ----------------------------------------------------------------------------- Cinema
_NUMBERS = st.one_of(st.integers(-3, 40), st.sampled_from([(1 << 63) - 1, -(1 << 63), 1 << 63, 1 << 138]))
_PIECES = st.one_of(_NUMBERS.map(str), st.sampled_from([" ", "  ", "\n", "\t", "+", "-", "0", "_", "x", "/",
                                                        ",", "\u0663", "\xa0", "1_0", "25", "32"]))


def _gold(kind, a, b):
    return [a, b] if kind == "list" else (a, b)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["list", "tuple"]), _NUMBERS, _NUMBERS,
       st.lists(st.one_of(st.lists(_PIECES, max_size=6).map("".join), st.just("")), min_size=1, max_size=6))
def test_cinema_kernel_rewards_equal_the_python_path(kind, a, b, texts):
    gold = _gold(kind, a, b)
    answers = texts + ["%d %d" % (a, b), " +%d\n%d " % (a, b), "%d %d %d" % (a, b, b), "%d" % a]
    configs = [{"seed": 0, "parameter": {"gold_answer": gold}}] * len(answers)
    responses = ["<answer>%s</answer>" % text for text in answers]
    fast = verify_batch("Cinema", configs, responses)
    with _impl.implementation("python"):
        slow = verify_batch("Cinema", configs, responses)
    assert fast.status == slow.status
    assert fast.reward.tobytes() == slow.reward.tobytes()


def test_cinema_kernel_for_which_stored_values():
    env = rlve_fast.make("Cinema")
    assert compiled_kernel(env, {"gold_answer": [25, 32]}) is not None
    assert compiled_kernel(env, {"gold_answer": [1 << 138, 3]}) is not None  # a list never equals a tuple
    assert compiled_kernel(env, {"gold_answer": (25, 32)}) is not None
    for gold in ((1 << 63, 1), (1, -(1 << 63) - 1), (1, 2, 3), (True, 2), (1.0, 2), "25 32", 25, None):
        assert compiled_kernel(env, {"gold_answer": gold}) is None
    reference = env.generate(3, difficulty=2).config
    responses = ["<answer>%s</answer>" % reference["parameter"]["reference_answer"], "none"]
    fast = verify_batch("Cinema", [reference] * 2, responses)
    with _impl.implementation("python"):
        slow = verify_batch("Cinema", [reference] * 2, responses)
    assert fast.reward.tobytes() == slow.reward.tobytes()
