"""PolynomialMinimum: the evalf replay against SymPy itself, the minimiser against a
high-precision root, and the piecewise reward on hand-computed cases."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sympy = pytest.importorskip("sympy", reason="PolynomialMinimum needs the optional 'symbolic' extra (sympy)")

import mpmath  # noqa: E402

import rlve_fast  # noqa: E402
from rlve_fast import _impl  # noqa: E402
from rlve_fast.envs.symbolic._polynomial_evalf import add_order, evalf_value  # noqa: E402
from rlve_fast.envs.symbolic.polynomial_minimum import (expanded_coefficients, minimum_point,  # noqa: E402
                                                        render_polynomial, sympy_value)

X = sympy.Symbol("x")


def random_polynomial(rng, n):
    degrees = [n] + rng.sample(range(2, n, 2), len(range(2, n, 2)))
    return expanded_coefficients([(rng.randint(1, 2), rng.randint(-2, 2), d) for d in degrees], n)


def test_expansion_matches_sympy():
    rng = random.Random(1)
    for n in (2, 4, 8, 12):
        terms = [(rng.randint(1, 2), rng.randint(-2, 2), d) for d in range(n, 0, -2)]
        expanded = sympy.expand(sum(a * (X - s) ** d for a, s, d in terms))
        assert expanded_coefficients(terms, n) == [int(expanded.coeff(X, i)) for i in range(n + 1)]


def test_add_order_is_sympys():
    rng = random.Random(2)
    for _ in range(150):
        coeffs = [rng.choice([0, 1, -1, 2, -2, rng.randint(-99, 99), rng.randint(-10 ** 20, 10 ** 20)])
                  for _ in range(rng.randint(2, 14))]
        if sum(1 for c in coeffs if c) < 2:
            continue
        f = sum(c * X ** i for i, c in enumerate(coeffs))
        assert add_order(coeffs) == [int(arg.as_coeff_exponent(X)[1]) for arg in f.args], coeffs


def test_evalf_replay_equals_sympy():
    rng = random.Random(3)
    checked = 0
    for _ in range(40):
        if rng.random() < 0.25:  # irregular coefficient vectors: x alone, -1, single terms
            coeffs = [rng.choice([0, 1, -1, 3, rng.randint(-10 ** 18, 10 ** 18)]) for _ in range(rng.randint(1, 9))]
            root = rng.uniform(-2, 2)
        else:
            coeffs = random_polynomial(rng, rng.choice([2, 4, 6, 10, 16, 24]))
            root = minimum_point(coeffs)
        if not any(coeffs):
            continue
        for point in (root, 0.0, -0.0, 1.0, -2.0, round(root, 3), root + 1e-9, rng.uniform(-3, 3),
                      rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)):
            assert evalf_value(coeffs, point) == sympy_value(tuple(coeffs), point), (coeffs, point)
            checked += 1
    assert checked > 300


def test_exact_cancellation_gives_sympys_scaled_zero():
    # evalf cannot see that 2 - 4 + 2 is zero: it reports a power of two far below 1
    coeffs = [2, -4, 2]
    value = evalf_value(coeffs, 1.0)
    assert value == sympy_value((2, -4, 2), 1.0)
    assert 0 < value < 1e-100 and math.frexp(value)[0] == 0.5


def test_minimum_point_is_the_rounded_root():
    rng = random.Random(4)
    mpmath.mp.dps = 60
    for _ in range(60):
        coeffs = random_polynomial(rng, rng.choice([2, 4, 6, 8, 12, 20, 30]))
        derivative = [i * c for i, c in enumerate(coeffs)][1:]
        ours = minimum_point(coeffs)
        exact = mpmath.findroot(lambda t: mpmath.polyval(derivative[::-1], t), mpmath.mpf(ours), tol=1e-50)
        if abs(exact) < 2.0 ** -52:
            assert ours == 0.0
            continue
        # ours is the double nearest to the root: its neighbours are farther away
        for neighbour in (math.nextafter(ours, -3), math.nextafter(ours, 3)):
            assert abs(mpmath.mpf(ours) - exact) <= abs(mpmath.mpf(neighbour) - exact)


def test_minimum_point_hand_checked():
    assert minimum_point([2, -4, 2]) == 1.0            # 2 (x - 1)^2
    assert minimum_point([4, 4, 1]) == -2.0            # (x + 2)^2
    assert minimum_point([0, 0, 1, 0, 1]) == 0.0       # x^4 + x^2
    assert render_polynomial([2, -4, 2]) == "2*x**2 - 4*x + 2"
    assert render_polynomial([-1, 1, 0, -3]) == "-3*x**3 + x - 1"


CONFIG = {"seed": 0, "parameter": {"N": 4, "coeffs": [2, -8, 13, -8, 2], "reference_answer": 0.5,
                                   "reference_value": 0.375, "worst_value": 2.0},
          "passing_reward_threshold": 0.95 * 0.999 ** 5}


def reward(config, answer):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("PolynomialMinimum", config, "<answer>%s</answer>" % answer))
    assert out[0] == out[1]
    return out[0]


@pytest.mark.parametrize("answer, expected", [
    ("0.5", 0.95),                               # f(0.5) = 0.375, the reference value
    (" 0.50 ", 0.95),
    ("1", 0.95 * (1 / 1.625) ** 5),              # f(1) = 2 - 8 + 13 - 8 + 2 = 1
    ("0", 0.0),                                  # f(0) = 2 = f(0): no better than the worst
    ("2", 0.0),                                  # f(2) = 32 - 64 + 52 - 16 + 2 = 6
    ("inf", -1.0), ("nan", -1.0), ("1e999", -1.0), ("half", -1.0), ("0.5 0.5", -1.0), ("", -1.0),
])
def test_rewards(answer, expected):
    assert reward(CONFIG, answer)["reward"] == expected


def test_beating_the_reference_value():
    config = dict(CONFIG, parameter=dict(CONFIG["parameter"], reference_value=0.5))
    got = reward(config, "0.5")  # 0.375 < 0.5: above 0.95, by 0.05 / (1 + 1 / 0.125)
    assert got["reward"] == 0.95 + (1.0 - 0.95) / 9 and got["accuracy"] == 1


def test_reference_answer_is_accurate_but_below_one():
    env = rlve_fast.make("PolynomialMinimum")
    for seed in range(6):
        problem = env.generate(seed, difficulty=3)
        assert problem.passing_reward_threshold == 0.95 * 0.999 ** 5
        got = env.verify(problem.config, "<answer>%r</answer>" % problem.parameter["reference_answer"])
        assert got == {"reward": 0.95, "accuracy": 1, "format_score": 1}
        parameter = problem.parameter
        assert parameter["reference_value"] == sympy_value(tuple(parameter["coeffs"]), parameter["reference_answer"])
        assert parameter["worst_value"] == sympy_value(tuple(parameter["coeffs"]), 0.0) >= parameter["reference_value"]
        assert env.solve(parameter) == {k: parameter[k] for k in ("reference_answer", "reference_value", "worst_value")}


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_gets_a_reward_in_range(point):
    got = reward(CONFIG, repr(point))
    if not math.isfinite(point):
        assert got["reward"] == -1.0
    else:
        assert 0.0 <= got["reward"] <= 1.0
