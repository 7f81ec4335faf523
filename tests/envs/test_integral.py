"""Integral: the scorer's rules (parsing, size limits, symbolic and numeric zero tests) and
the generator's invariants."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sympy = pytest.importorskip("sympy", reason="Integral needs the optional 'symbolic' extra (sympy)")

import rlve_fast  # noqa: E402
from rlve_fast import _impl  # noqa: E402

ENV = rlve_fast.make("Integral")
CONFIG = {"seed": 0, "parameter": {"node_num": 5, "reference_answer": "3*sin(x)/x",
                                   "f_prime": "3*cos(x)/x - 3*sin(x)/x**2"}}


def reward(answer, config=CONFIG):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(ENV.verify(config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1]
    return out[0]


@pytest.mark.parametrize("answer, expected", [
    ("3*sin(x)/x", 1.0),
    ("  3*sin(x)/x \n", 1.0),
    ("3*sin(x)/x + 7", 1.0),                  # any constant of integration
    ("sin(x)*3/x - 1/2", 1.0),
    ("2*sin(x)/x", 0.0),
    ("3*cos(x)/x", 0.0),
    ("3*sin(y)/x", -1.0),                     # a symbol other than x
    ("3*sin(x)/x x", -1.0),                   # not parsable
    ("[x, 1]", -1.0),                         # not an expression
    ("x > 1", -1.0),
    ("+".join(["sin(x)"] * 30), 0.0),         # count_ops 59 > 4 * 3
    ("x" * 10_001, -1.0),                     # over 10,000 characters
    ("", -1.0),
])
def test_rewards(answer, expected):
    assert reward(answer) == expected


def test_numeric_check_decides_when_is_zero_cannot():
    # SymPy leaves 1 - sin(x)**2 - cos(x)**2 undecided; the 1,024 points settle it
    config = {"seed": 0, "parameter": {"reference_answer": "x", "f_prime": "sin(x)**2 + cos(x)**2"}}
    assert sympy.sympify("1 - sin(x)**2 - cos(x)**2").is_zero is None
    assert reward("x", config) == 1.0
    assert reward("x + x/10**4", config) == 0.0    # 1e-4 off everywhere
    # x is not known to be real, so d/dx Abs(x) involves Derivative(re(x), x), which the
    # math module cannot evaluate anywhere: no finite point, so wrong
    config = {"seed": 0, "parameter": {"reference_answer": "Abs(x)", "f_prime": "sign(x)"}}
    assert reward("Abs(x)", config) == 0.0


def test_is_zero_decides_first():
    config = {"seed": 0, "parameter": {"reference_answer": "log(x)", "f_prime": "1/x"}}
    for answer in ("log(x)", "log(-x)", "log(2*x)", "log(x**2)/2"):
        assert reward(answer, config) == 1.0
    config = {"seed": 0, "parameter": {"reference_answer": "sqrt(x - 5)", "f_prime": "1/(2*sqrt(x - 5))"}}
    assert reward("sqrt(x - 5)", config) == 1.0  # equal symbolically, though undefined on [-2, 2]


def test_broken_stored_expressions_are_wrong_format():
    config = {"seed": 0, "parameter": {"reference_answer": "sin(", "f_prime": "cos(x)"}}
    assert reward("sin(x)", config) == -1.0     # the reference cannot be parsed
    config = {"seed": 0, "parameter": {"reference_answer": "sin(x)", "f_prime": "cos("}}
    assert reward("sin(x)", config) == -1.0     # F' cannot be parsed


def test_generated_problems_differentiate_back():
    x = sympy.Symbol("x")
    for seed in range(8):
        problem = ENV.generate(seed, difficulty=seed % 5)
        function = sympy.sympify(problem.parameter["reference_answer"])
        derivative = sympy.sympify(problem.parameter["f_prime"])
        assert derivative.free_symbols == {x}
        assert sympy.simplify(sympy.diff(function, x) - derivative) == 0
        assert ENV.verify(problem.config, "<answer>%s</answer>" % problem.parameter["reference_answer"])["reward"] == 1.0
        assert ENV.solve(problem.parameter) == {"reference_answer": problem.parameter["reference_answer"]}


def test_solve_rejects_a_wrong_stored_antiderivative():
    with pytest.raises(ValueError):
        ENV.solve({"node_num": 2, "reference_answer": "sin(x)", "f_prime": "sin(x)"})


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="x()+-*/ 0123456789.sincoexplg", max_size=20))
def test_any_text_gets_a_reward_in_range(answer):
    got = reward(answer)
    assert got in (-1.0, 0.0, 1.0)
    assert not math.isnan(got)


def test_forward_slopes_match_sympys_derivative():
    import random

    import numpy as np

    from rlve_fast.envs.symbolic import _expressions as trees
    from rlve_fast.envs.symbolic.differentiate import SAMPLE_POINTS

    points, x, rng = np.asarray(SAMPLE_POINTS), sympy.Symbol("x"), random.Random(2)
    compared = 0
    for _ in range(60):
        tree = trees.random_tree(rng, rng.randint(2, 8))
        function = trees.to_sympy(sympy, tree)
        with np.errstate(all="ignore"):
            value, slope = trees.value_and_slope(tree, points)
            expected_value = trees.evaluate(sympy, function, points)
            expected_slope = trees.evaluate(sympy, sympy.diff(function, x), points)
        if expected_value is None or expected_slope is None:
            continue
        ok = np.isfinite(slope) & np.isfinite(expected_slope) & (np.abs(expected_slope) < 1e8)
        assert np.allclose(slope[ok], expected_slope[ok], rtol=1e-6, atol=1e-8), function
        ok = np.isfinite(value) & np.isfinite(expected_value)
        assert np.allclose(value[ok], expected_value[ok], rtol=1e-9, atol=1e-12), function
        compared += 1
    assert compared > 40
