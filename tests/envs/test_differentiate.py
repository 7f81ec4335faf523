"""Differentiate: derivatives against finite differences, the scorer's rules."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sympy = pytest.importorskip("sympy", reason="Differentiate needs the optional 'symbolic' extra (sympy)")

import rlve_fast  # noqa: E402
from rlve_fast.envs.symbolic.differentiate import random_expression  # noqa: E402

ENV = rlve_fast.make("Differentiate")


def test_solver_matches_finite_differences():
    x = sympy.Symbol("x")
    rng = random.Random(7)
    checked = 0
    for _ in range(60):
        function = random_expression(rng, rng.randint(2, 7))
        derivative = sympy.sympify(ENV.solve({"function": str(function)})["reference_answer"])
        f = sympy.lambdify(x, function, modules=["math"])
        df = sympy.lambdify(x, derivative, modules=["math"])
        for point in (-1.3, -0.4, 0.7, 1.6):
            try:
                h = 1e-6
                numeric = (f(point + h) - f(point - h)) / (2 * h)
                exact = df(point)
            except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                continue
            if isinstance(numeric, complex) or isinstance(exact, complex) or not math.isfinite(exact) \
                    or abs(exact) > 1e3:
                continue
            assert numeric == pytest.approx(exact, rel=1e-3, abs=1e-3), (function, point)
            checked += 1
    assert checked > 50


CONFIG = {"seed": 0, "parameter": {"node_num": 4, "function": "x*sin(x)", "reference_answer": "x*cos(x) + sin(x)"}}


@pytest.mark.parametrize("answer, reward", [
    ("x*cos(x) + sin(x)", 1.0),
    ("sin(x) + x*cos(x)", 1.0),                       # same expression, other order
    ("cos(x)*x + sin(x)*(sin(x)**2 + cos(x)**2)", 1.0),  # equal after simplification
    ("x*cos(x)", 0.0),
    ("y*cos(x) + sin(x)", -1.0),                       # a symbol other than x
    ("x*cos(x) +", -1.0),                              # not parsable
    ("(x, 1)", -1.0),                                  # not an expression
    ("+".join(["sin(x)"] * 40), 0.0),                  # far more complex than the reference
    ("x" * 10_001, -1.0),                              # over 10,000 characters
])
def test_rewards(answer, reward):
    assert rlve_fast.verify("Differentiate", CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


def test_numeric_fallback_decides_when_is_zero_cannot():
    # |x|' is sign(x) away from 0; SymPy cannot prove Abs(x)/x - sign(x) == 0 symbolically
    config = {"seed": 0, "parameter": {"function": "Abs(x)", "reference_answer": "sign(x)"}}
    assert rlve_fast.verify("Differentiate", config, "<answer>Abs(x)/x</answer>")["reward"] == 1.0
    assert rlve_fast.verify("Differentiate", config, "<answer>Abs(x)/x + 1/10**4</answer>")["reward"] == 0.0


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="x()+-*/ 0123456789.sincoexplgqrt^,", max_size=30))
def test_any_text_gets_a_reward_in_range(answer):
    result = rlve_fast.verify("Differentiate", CONFIG, "<answer>%s</answer>" % answer)
    assert result["reward"] in (-1.0, 0.0, 1.0)
    assert result["format_score"] == int(result["reward"] != -1.0)


def test_generation_is_bounded_and_well_formed():
    for level in (0, 4, 8):
        problem = ENV.generate(3, difficulty=level)
        function = sympy.sympify(problem.parameter["function"])
        assert sympy.Symbol("x") in function.free_symbols
        assert rlve_fast.verify("Differentiate", problem.config,
                                "<answer>%s</answer>" % problem.parameter["reference_answer"])["reward"] == 1.0
