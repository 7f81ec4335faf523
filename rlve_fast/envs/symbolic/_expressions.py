"""The random functions of Differentiate and Integral, and the generator they share.

Both draw a function F of x the way upstream does: a tree with ``nodes`` nodes whose only leaf
is x; below 3 nodes, or with probability 1/2, a unary operation (sin, cos, exp, log, a
constant power or root, adding, multiplying by or dividing by a small constant), else a binary
one (+ - * / **), each with upstream's weights. F is kept when F and F' stay below 1,000
operations (``count_ops``), neither holds zoo or nan, the one that matters has x in it (F for
Differentiate, F' for Integral) and F' is finite on at least half of the 1,024 sample points of
[-2, 2] and nowhere larger than 1e4 in size there.

A tree stays plain tuples until it is worth handing to SymPy: its derivative is first evaluated
on the sample points by forward-mode differentiation with NumPy (the same product, quotient,
power and chain rules as SymPy's ``diff``), and a tree whose derivative is plainly above the
limit somewhere is dropped, since the final check would drop it too. A surviving tree is built in
SymPy once, with the operations a direct draw uses, differentiated with
:func:`~rlve_fast.envs.symbolic._sympy_exact.diff_x`, and checked as above (the final numeric
check evaluates the SymPy F' on all points at once with NumPy).
"""
from __future__ import annotations

import functools
import math

import numpy as np

from rlve_fast import deadline
from rlve_fast.envs.symbolic._sympy_exact import count_ops, diff_x, sympy

SAMPLE_POINTS = [-2 + 4 * i / 1023 for i in range(1024)]
MAX_DERIVATIVE_SIZE = 1e4   # F' must stay within this on the points where it is finite
MAX_OPS = 1000              # F and F' must stay within this many operations

UNARY = (("sin", 0.1), ("cos", 0.1), ("exp", 0.05), ("log", 0.05), ("const_pow", 0.1),
         ("const_add", 0.25), ("const_mul", 0.25), ("const_div", 0.1))
BINARY = (("+", 0.2), ("-", 0.2), ("*", 0.3), ("/", 0.2), ("**", 0.1))
_UNARY_NAMES = tuple(name for name, _ in UNARY)
_BINARY_NAMES = tuple(name for name, _ in BINARY)
_UNARY_CUM = tuple(np.cumsum([w for _, w in UNARY]))
_BINARY_CUM = tuple(np.cumsum([w for _, w in BINARY]))


@functools.lru_cache(maxsize=1)
def sample_array():
    return np.asarray(SAMPLE_POINTS)


# ----------------------------------------------------------------------------- trees
def random_tree(rng, nodes: int):
    """("x",) | (unary op, argument, subtree) | (binary op, left, right); argument holds the
    constant of const_pow (("root" or "power", k)), const_add, const_mul and const_div."""
    if nodes == 1:
        return ("x",)
    if nodes >= 3 and rng.random() >= 0.5:
        op = rng.choices(_BINARY_NAMES, cum_weights=_BINARY_CUM)[0]
        left = rng.randint(1, nodes - 2)
        return (op, random_tree(rng, left), random_tree(rng, nodes - 1 - left))
    op = rng.choices(_UNARY_NAMES, cum_weights=_UNARY_CUM)[0]
    inner = random_tree(rng, nodes - 1)
    if op == "const_pow":
        return (op, ("root", rng.randint(2, 4)) if rng.random() < 0.5 else ("power", rng.randint(2, 4)), inner)
    if op == "const_add":
        return (op, rng.choice((-2, -1, 1, 2)), inner)
    if op == "const_mul":
        sign = -1 if rng.random() < 0.5 else 1
        return (op, sign * rng.randint(2, 4), inner)
    if op == "const_div":
        return (op, rng.randint(2, 4), inner)
    return (op, None, inner)


def to_sympy(sp, tree):
    """The SymPy expression, built with the operations a direct draw uses."""
    op = tree[0]
    if op == "x":
        return sp.Symbol("x")
    if op in ("+", "-", "*", "/", "**"):
        left, right = to_sympy(sp, tree[1]), to_sympy(sp, tree[2])
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        if op == "/":
            return left / right
        return left ** right
    arg, inner = tree[1], to_sympy(sp, tree[2])
    if op in ("sin", "cos", "exp", "log"):
        return getattr(sp, op)(inner)
    if op == "const_pow":
        kind, k = arg
        return inner ** (1 / sp.Integer(k)) if kind == "root" else inner ** sp.Integer(k)
    if op == "const_add":
        return inner + sp.Integer(arg)
    if op == "const_mul":
        return inner * sp.Integer(arg)
    return inner / sp.Integer(arg)


def value_and_slope(tree, points):
    """(f, f') on the points by forward-mode differentiation (NaN where undefined)."""
    op = tree[0]
    if op == "x":
        return points, np.ones_like(points)
    if op in ("+", "-", "*", "/", "**"):
        a, da = value_and_slope(tree[1], points)
        b, db = value_and_slope(tree[2], points)
        if op == "+":
            return a + b, da + db
        if op == "-":
            return a - b, da - db
        if op == "*":
            return a * b, da * b + a * db
        if op == "/":
            return a / b, (da * b - a * db) / (b * b)
        value = a ** b
        return value, value * (db * np.log(a) + b * da / a)
    arg = tree[1]
    v, d = value_and_slope(tree[2], points)
    if op == "sin":
        return np.sin(v), np.cos(v) * d
    if op == "cos":
        return np.cos(v), -np.sin(v) * d
    if op == "exp":
        e = np.exp(v)
        return e, e * d
    if op == "log":
        return np.log(v), d / v
    if op == "const_pow":
        kind, k = arg
        exponent = 1.0 / k if kind == "root" else float(k)
        return v ** exponent, exponent * v ** (exponent - 1.0) * d
    if op == "const_add":
        return v + arg, d
    if op == "const_mul":
        return v * arg, d * arg
    return v / arg, d / arg


def plainly_too_steep(tree, points, limit: float) -> bool:
    """Some point has a finite derivative beyond limit by a clear margin (0.1%)."""
    with np.errstate(all="ignore"):
        _, slope = value_and_slope(tree, points)
        slope = np.abs(slope)
        return bool((slope[np.isfinite(slope)] > limit * 1.001).any())


# ----------------------------------------------------------------------------- SymPy F'
_FUNCTIONS = {"sin": np.sin, "cos": np.cos, "exp": np.exp, "log": np.log}


def evaluate(sp, expression, points):
    """The SymPy expression on the points with NumPy (NaN where undefined), or None for a
    node this walk does not know."""
    if expression.is_Symbol:
        return points
    if expression.is_Number:
        if expression.is_Integer or expression.is_Rational or expression.is_Float:
            return np.full_like(points, float(expression))
        return None
    if expression is sp.E:
        return np.full_like(points, np.e)
    if expression is sp.pi:
        return np.full_like(points, np.pi)
    args = [evaluate(sp, arg, points) for arg in expression.args]
    if any(a is None for a in args):
        return None
    if expression.is_Add:
        out = args[0]
        for a in args[1:]:
            out = out + a
        return out
    if expression.is_Mul:
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if expression.is_Pow:
        return args[0] ** args[1]
    function = _FUNCTIONS.get(type(expression).__name__)
    return None if function is None or len(args) != 1 else function(args[0])


def tame(sp, derivative) -> bool:
    """The generator's numeric filter: finite on at least half the sample points and nowhere
    above MAX_DERIVATIVE_SIZE in size there. Evaluated on all points at once with NumPy;
    point by point with math (as upstream does) for a node the NumPy walk does not know."""
    with np.errstate(all="ignore"):
        values = evaluate(sp, derivative, sample_array())
    if values is None:
        return _tame_pointwise(sp, derivative)
    finite = values[np.isfinite(values)]
    return not (np.abs(finite) > MAX_DERIVATIVE_SIZE).any() and len(finite) >= len(SAMPLE_POINTS) // 2


def _tame_pointwise(sp, derivative) -> bool:
    evaluate_at = sp.lambdify(sp.Symbol("x"), derivative, modules=["math"])
    finite = 0
    for point in SAMPLE_POINTS:
        try:
            value = float(evaluate_at(point))
        except Exception:  # noqa: BLE001
            continue
        if not math.isfinite(value):
            continue
        if abs(value) > MAX_DERIVATIVE_SIZE:
            return False
        finite += 1
    return finite >= len(SAMPLE_POINTS) // 2


# ----------------------------------------------------------------------------- the generator
def draw(rng, nodes: int, needs_x_in: str):
    """(F, F') as SymPy expressions for a random F that passes the checks above; needs_x_in
    is "function" (Differentiate) or "derivative" (Integral)."""
    if not isinstance(nodes, int) or nodes < 1:
        raise ValueError("node_num must be a positive integer")
    sp = sympy()
    points = sample_array()
    while True:
        deadline.check()
        try:
            tree = random_tree(rng, nodes)
            if plainly_too_steep(tree, points, MAX_DERIVATIVE_SIZE):
                continue  # the numeric check would drop it: skip SymPy altogether
            function = to_sympy(sp, tree)
            if needs_x_in == "function" and not function.free_symbols:
                continue
            if count_ops(function) > MAX_OPS:
                continue
            derivative = diff_x(function)
            if needs_x_in == "derivative" and not derivative.free_symbols:
                continue
            if count_ops(derivative) > MAX_OPS:
                continue
            if function.has(sp.zoo, sp.nan) or derivative.has(sp.zoo, sp.nan):
                continue
            if tame(sp, derivative):
                return function, derivative
        except Exception:  # noqa: BLE001 - an unlucky tree (overflow, domain): draw again
            continue
