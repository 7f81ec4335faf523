"""Random expression trees for Integral's generator, kept as plain tuples until they are
worth handing to SymPy.

A tree is drawn with upstream's distribution (x is the only leaf; below 3 nodes or with
probability 1/2 a unary operation, else a binary one; the operations with upstream's
weights). Its derivative is then evaluated on the sample points by forward-mode
differentiation with NumPy, which is far cheaper than SymPy's ``diff``: a tree whose
derivative is plainly too large somewhere would fail the generator's numeric filter anyway,
so it is dropped before SymPy sees it. Trees that pass are built in SymPy with the same
operations as a direct draw, and the usual checks decide.
"""
from __future__ import annotations

import numpy as np

UNARY = (("sin", 0.1), ("cos", 0.1), ("exp", 0.05), ("log", 0.05), ("const_pow", 0.1),
         ("const_add", 0.25), ("const_mul", 0.25), ("const_div", 0.1))
BINARY = (("+", 0.2), ("-", 0.2), ("*", 0.3), ("/", 0.2), ("**", 0.1))
_UNARY_NAMES, _UNARY_CUM = zip(*UNARY)
_BINARY_NAMES, _BINARY_CUM = zip(*BINARY)
_UNARY_CUM = tuple(np.cumsum(_UNARY_CUM))
_BINARY_CUM = tuple(np.cumsum(_BINARY_CUM))


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
