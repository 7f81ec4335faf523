"""The exact fast routes of the symbolic environments against plain SymPy: sympify, count_ops,
diff and the lambdify zero test must give the very same results (structure for structure,
exception for exception) on generated, mutated and arbitrary inputs."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sympy = pytest.importorskip("sympy", reason="the symbolic environments need sympy")

from rlve_fast.envs.symbolic import _expressions, _sympy_exact as exact  # noqa: E402

pytestmark = pytest.mark.skipif(not exact.enabled(), reason="SymPy release without the exact routes")

X = sympy.Symbol("x")
POINTS = _expressions.SAMPLE_POINTS
WORDS = ("each we compute result to so is first combine check value the need case answer not and or in "
         "if else None True lambda x 2 + ( )").split()
MUTATIONS = list("x()+-*/^ 0123456789.sincoexplgqrtE_\t\n,=![]") + ["**", "* *", "sin(", "pi", "3 x", "//", "  "]


def structure(e):
    """A comparable picture of an expression: types and atoms all the way down."""
    if isinstance(e, sympy.Basic) and e.args:
        return type(e).__name__, tuple(structure(a) for a in e.args)
    return type(e).__name__, sympy.srepr(e) if isinstance(e, sympy.Basic) else repr(e)


def answer_text(rng, depth=0):
    """Text in and around the everyday answer grammar."""
    r = rng.random()
    if depth > 3 or r < 0.3:
        c = rng.random()
        if c < 0.45:
            return "x"
        if c < 0.75:
            return str(rng.choice([0, 1, 2, 3, 4, 9, 10, 12]))
        if c < 0.85:
            return rng.choice(["0.5", "2.", ".25", "1.0", "3.14159", "00.5", "10.000"])
        return rng.choice(["pi", "E", "I", "e", "y", "ln", "sin"])
    if r < 0.45:
        function = rng.choice(["sin", "cos", "tan", "exp", "log", "ln", "sqrt", "asin", "atan", "sinh", "Abs", "f"])
        return "%s(%s)" % (function, answer_text(rng, depth + 1))
    if r < 0.55:
        return rng.choice(["-", "+", "- ", "+-"]) + answer_text(rng, depth + 1)
    if r < 0.65:
        return "(" + answer_text(rng, depth + 1) + ")"
    op = rng.choice(["+", "-", "*", "/", "**", "^", " + ", " - ", " * ", " / ", "**-", "* *", "*-"])
    return answer_text(rng, depth + 1) + op + answer_text(rng, depth + 1)


def mutated(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randint(0, len(chars))
        k = rng.random()
        if k < 0.35 and chars:
            del chars[min(i, len(chars) - 1)]
        elif k < 0.7:
            chars.insert(i, rng.choice(MUTATIONS))
        elif chars:
            chars[min(i, len(chars) - 1)] = rng.choice(MUTATIONS)
    return "".join(chars)


def outcome(call):
    try:
        return "value", structure(call())
    except Exception:  # noqa: BLE001
        return "raises", None


def plain_sympify(text):
    return outcome(lambda: sympy.sympify(text))


def fast_sympify(text):
    try:
        return "value", structure(exact.parse(text))
    except exact.ParseError:
        return "raises", None


def texts(seed, n):
    rng = random.Random(seed)
    for _ in range(n):
        k = rng.random()
        if k < 0.45:
            yield answer_text(rng)
        elif k < 0.85:
            yield mutated(rng, answer_text(rng))
        elif k < 0.95:
            yield " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
        else:
            yield "".join(rng.choice(MUTATIONS) for _ in range(rng.randint(0, 12)))


def test_parse_is_sympify_on_generated_and_mutated_text():
    verdicts = {"value": 0, "invalid": 0, "outside": 0}
    for text in texts(1, 2500):
        verdicts[exact.fast_parse(text)[0]] += 1
        assert fast_sympify(text) == plain_sympify(text), text
    # the fast parser itself decided most of them
    assert verdicts["value"] > 700 and verdicts["invalid"] > 400


@pytest.mark.parametrize("text, expected", [
    ("x* *2", "x**2"),              # untokenize glues the two operators into **
    ("x ^ 2", "x**2"),              # convert_xor
    ("-x**2", "-x**2"),
    ("2**-1", "1/2"),
    ("  3*x \n+ 1 ", "3*x + 1"),   # newlines are dropped before parsing
    ("00.5", "0.500000000000000"),
    ("ln(x)", "log(x)"),
])
def test_parse_hand_picked(text, expected):
    assert exact.fast_parse(text)[0] == "value"
    assert str(exact.parse(text)) == expected
    assert fast_sympify(text) == plain_sympify(text)


@pytest.mark.parametrize("text", ["3 x", "sin(x) +", "x**x*(log(x) + 1) 1)", "answer is to need", "", "x***2", ")"])
def test_parse_rejects_what_sympify_rejects(text):
    assert exact.fast_parse(text)[0] == "invalid"
    assert plain_sympify(text)[0] == "raises"


@pytest.mark.parametrize("text", ["f(*())", "x is x", "x(1)", "()", "2x", "1e5", "x//2", "0123", "lambda: 1"])
def test_parse_leaves_the_rest_to_sympify(text):
    assert exact.fast_parse(text)[0] == "outside"
    assert fast_sympify(text) == plain_sympify(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="x()+-*/^ 0123456789.sincoexplg\t,", max_size=25))
def test_parse_is_sympify_on_any_text(text):
    assert fast_sympify(text) == plain_sympify(text)


def expressions(seed, n):
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        if rng.random() < 0.5:
            try:
                e = sympy.sympify(answer_text(rng))
            except Exception:  # noqa: BLE001
                continue
        else:
            e = _expressions.to_sympy(sympy, _expressions.random_tree(rng, rng.randint(1, 14)))
        if isinstance(e, sympy.Expr):
            out.append(e)
    return out


def test_count_ops_diff_and_zero_test_are_sympys():
    rng = random.Random(3)
    for e in expressions(2, 250):
        if rng.random() < 0.1:
            sympy.core.cache.clear_cache()
        ours_first = rng.random() < 0.5  # neither side may profit from the other's caching
        pairs = [(lambda: exact.count_ops(e), lambda: sympy.count_ops(e)),
                 (lambda: exact.diff_x(e), lambda: sympy.diff(e, X))]
        for fast, plain in pairs:
            if ours_first:
                assert outcome(fast) == outcome(plain), e
            else:
                assert outcome(plain) == outcome(fast), e
        if e.free_symbols <= {X}:
            for candidate in (e, e - e.subs(X, 1)):
                assert exact.zero_on_points(candidate, POINTS, 1e-5, 256) == lambdified_zero(candidate), candidate


def lambdified_zero(expr):
    try:
        f = sympy.lambdify(X, expr, modules=["math"])
    except Exception:  # noqa: BLE001
        return False
    near = 0
    for point in POINTS:
        try:
            value = float(f(point))
        except Exception:  # noqa: BLE001
            continue
        if not math.isfinite(value):
            continue
        if abs(value) > 1e-5:
            return False
        near += 1
    return near >= 256


@pytest.mark.parametrize("text, ops", [("x", 0), ("-x", 1), ("x - 1", 1), ("-x - 1", 2), ("x/3", 1), ("2*x", 1),
                                       ("3*sin(x)/x", 3), ("exp(x)", 1), ("E", 1), ("x**2 + 1/x", 3)])
def test_count_ops_hand_counted(text, ops):
    assert exact.count_ops(sympy.sympify(text)) == ops == sympy.count_ops(sympy.sympify(text))


def test_text_is_str():
    rng = random.Random(5)
    for e in expressions(6, 150):
        assert exact.text(e) == str(e)
        derivative = exact.diff_x(e)
        assert exact.text(derivative) == str(derivative)
        if rng.random() < 0.3:
            assert exact.text(e - 1) == str(e - 1)
    for literal in ("0.1", "2.50", "1.0*x + 0.333333333333333", "x**0.5"):
        e = sympy.sympify(literal)
        assert exact.text(e) == str(e)
        assert exact.text(e * sympy.sin(e)) == str(e * sympy.sin(e))


def test_diff_hand_picked():
    assert str(exact.diff_x(sympy.sympify("x*sin(x)"))) == "x*cos(x) + sin(x)"
    assert str(exact.diff_x(sympy.sympify("x**x"))) == "x**x*(log(x) + 1)"
    assert exact.diff_x(sympy.sympify("3")) == 0
    assert exact.diff_x(X) == 1
