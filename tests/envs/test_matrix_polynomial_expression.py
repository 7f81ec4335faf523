"""Matrix_BinaryExponentiation, PolynomialInterpolation, Expression_AddingParenthese_Counting:
solvers against brute force, scorers against hand-computed rewards on both paths."""
from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from scoring_paths import reward_on_both_paths
from rlve_fast.envs.arithmetic._wide_integer_solvers import count_bracketing_values as compiled_count
from rlve_fast.envs.arithmetic.expression_adding_parenthese_counting import (
    count_bracketing_values, count_bracketing_values_python)
from rlve_fast.envs.arithmetic.matrix_binary_exponentiation import (matrix_power, matrix_power_python,
                                                                     uniform_below)
from rlve_fast.envs.arithmetic.polynomial_interpolation import evaluate, evaluate_all, interpolate


# ----------------------------------------------------------------------------- solvers
def test_matrix_power_against_repeated_products():
    rng = random.Random(1)
    for _ in range(60):
        n, k, mod = rng.randint(1, 6), rng.randint(0, 40), rng.choice([2, 7, 10000, 2 ** 31 - 1])
        a = [[rng.randrange(-50, 10 ** 6) for _ in range(n)] for _ in range(n)]
        want = [[int(i == j) % mod if k else int(i == j) for j in range(n)] for i in range(n)]
        for _ in range(k):
            want = [[sum(want[i][t] * a[t][j] for t in range(n)) % mod for j in range(n)] for i in range(n)]
        assert matrix_power(a, k, mod) == want
        assert matrix_power_python(a, k, mod) == want


def test_matrix_power_by_hand():
    # [[1, 1], [1, 0]]^10 = [[F11, F10], [F10, F9]] = [[89, 55], [55, 34]]
    assert matrix_power([[1, 1], [1, 0]], 10, 10000) == [[89, 55], [55, 34]]
    assert matrix_power([[1, 1], [1, 0]], 30, 10000) == [[1346269 % 10000, 832040 % 10000],
                                                          [832040 % 10000, 514229 % 10000]]


def test_bulk_uniform_draws_cover_the_range_evenly():
    rng = random.Random(4)
    for bound in (1, 2, 10, 10000, 1 << 16):
        draws = uniform_below(rng, bound, 5000)
        assert len(draws) == 5000 and all(0 <= d < bound for d in draws)
    counts = [0] * 10
    for d in uniform_below(rng, 10, 100000):
        counts[d] += 1
    assert all(9400 < c < 10600 for c in counts)  # about 10000 each (sd ~95)


def test_interpolation_recovers_random_polynomials():
    rng = random.Random(2)
    for _ in range(100):
        n = rng.randint(0, 25)
        coeffs = [rng.randint(-10 ** 6, 10 ** 6) for _ in range(n + 1)]
        xs = rng.sample(range(-3 * n - 3, 3 * n + 4), n + 1)
        assert interpolate(xs, [evaluate(coeffs, x) for x in xs]) == coeffs
    # through (0, 0) and (2, 1): f(x) = x / 2, not integral
    assert interpolate([0, 2], [0, 1]) == [0, Fraction(1, 2)]
    assert evaluate([1, 2, 3], 2) == 1 + 4 + 12
    assert evaluate_all([1, 2, 3], [2, -2, 0]) == [17, 9, 1]


def test_compiled_evaluation_matches_horner():
    rng = random.Random(5)
    for _ in range(300):
        coeffs = [rng.choice([rng.randint(-5, 5), rng.randint(-2 ** 61, 2 ** 61)]) for _ in range(rng.randint(1, 40))]
        xs = [rng.randint(-200, 200) for _ in range(6)] + [0, 1, -1, 2 ** 61, -2 ** 61]
        assert evaluate_all(coeffs, xs) == [evaluate(coeffs, x) for x in xs]
    assert evaluate_all([1, 2], [2 ** 70]) == [1 + 2 ** 71]  # beyond 62 bits: Horner in Python


def bracketing_values(operands, operators):
    """Every value of every bracketing, by recursion over the last operator applied."""
    if len(operands) == 1:
        return [operands[0]]
    out = []
    for i, op in enumerate(operators):
        for x in bracketing_values(operands[:i + 1], operators[:i]):
            for y in bracketing_values(operands[i + 1:], operators[i + 1:]):
                out.append(x + y if op == "+" else x - y if op == "-" else x * y)
    return out


def test_bracketing_count_against_enumeration():
    rng = random.Random(3)
    for _ in range(400):
        n = rng.randint(1, 7)
        high = rng.choice([n * n, 2 ** 40, 2 ** 100])  # one, two and several 64-bit words
        operands = [rng.randint(-3, high) for _ in range(n)]
        operators = [rng.choice("+-*") for _ in range(n - 1)]
        want = len(set(bracketing_values(operands, operators)))
        assert count_bracketing_values(operands, operators) == want
        assert count_bracketing_values_python(operands, operators) == want


def test_bracketing_count_by_hand():
    assert count_bracketing_values([2, 3, 4], ["*", "+"]) == 2   # (2*3)+4 = 10, 2*(3+4) = 14
    assert count_bracketing_values([1, 2, 3], ["+", "+"]) == 1
    assert count_bracketing_values([8, 4, 2], ["-", "-"]) == 2   # 2 and 6
    with pytest.raises(OverflowError):
        compiled_count([2 ** 600, 3], ["*"], math.inf)


# ----------------------------------------------------------------------------- scorers
MATRIX = {"seed": 0, "parameter": {"N": 2, "gold_answer": [[1, 2], [3, 4]]}}


@pytest.mark.parametrize("answer, reward", [
    ("1 2\n3 4", 1.0), ("\n 1 2 \n\n3 4\n", 1.0), ("1 2\n3 5", 0.75 ** 5), ("2 1\n4 3", 0.0),
    ("1 2 3 4", -1.0), ("1 2\n3", -1.0), ("1 2\n3 4\n5 6", -1.0), ("1 2\n3 x", -1.0), ("", -1.0),
    ("1 2\n3 %d" % 10 ** 30, 0.75 ** 5),
])
def test_matrix_rewards(answer, reward):
    assert reward_on_both_paths("Matrix_BinaryExponentiation", MATRIX, answer) == reward


POLY = {"seed": 0, "parameter": {"N": 3, "coeffs": [1, -2, 0, 5]}}


@pytest.mark.parametrize("answer, reward", [
    ("1 -2 0 5", 1.0), ("1 -2 0 4", 0.75 ** 10), ("5 0 -2 1", 0.0), ("1 -2 0", -0.5), ("", -0.5),
    ("1 -2 0 5 0", -0.5), ("1 -2 0 5.0", -1.0), ("1\n-2\n0\n5", 1.0),
])
def test_polynomial_rewards(answer, reward):
    assert reward_on_both_paths("PolynomialInterpolation", POLY, answer) == reward


EXPR = {"seed": 0, "parameter": {"reference_answer": 20}}


@pytest.mark.parametrize("answer, reward", [("20", 1.0), ("10", 0.5 ** 10), ("40", 0.5 ** 10), ("0", -1.0),
                                            ("-20", -1.0), ("twenty", -1.0)])
def test_expression_rewards(answer, reward):
    assert reward_on_both_paths("Expression_AddingParenthese_Counting", EXPR, answer) == reward


CELL = st.sampled_from(["1", "2", "3", "4", "0", "-1", "x", "1.5", str(10 ** 20)])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, max_size=4), max_size=4), st.sampled_from(["\n", "\n\n", "\r\n", " \n"]))
def test_matrix_paths_agree(rows, newline):
    text = newline.join(" ".join(row) for row in rows)
    reward = reward_on_both_paths("Matrix_BinaryExponentiation", MATRIX, text)
    assert reward == -1.0 or 0.0 <= reward <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(CELL, max_size=6), st.sampled_from([" ", "\n", "\t"]))
def test_polynomial_paths_agree(cells, separator):
    reward = reward_on_both_paths("PolynomialInterpolation", POLY, separator.join(cells))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


def test_polynomial_generation_plants_consistent_points():
    env = rlve_fast.make("PolynomialInterpolation")
    for seed in range(5):
        parameter = env.generate(seed, difficulty=8).parameter
        assert env.solve(dict(parameter))["coeffs"] == parameter["coeffs"]
        assert parameter["reference_answer"] == " ".join(map(str, parameter["coeffs"]))
