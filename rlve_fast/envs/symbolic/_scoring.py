"""The answer checks Differentiate and Integral share, in upstream's order, with caches.

An answer text is parsed once (``sympify``, through :func:`_sympy_exact.parse`) and its
operation count taken once, whatever problem it answers; a stored reference the same. The last
steps depend only on the two expressions compared (the answer, or its derivative, and the
reference), so their verdict is cached per pair of expressions: different texts of one
expression ("8*x + -4*x**2", "-4*x**2 + 8*x") share it. SymPy's ``==`` on expressions is
structural (type and arguments, numbers with their precision), so equal keys give equal
results.
"""
from __future__ import annotations

import functools

from rlve_fast.envs.symbolic._sympy_exact import ParseError, count_ops, parse, sympy, zero_on_points
from rlve_fast.envs.symbolic._expressions import SAMPLE_POINTS

MAX_ANSWER_CHARS = 10_000
ZERO_TOLERANCE = 1e-5
MAX_ANSWER_RATIO = 4        # an answer above 4x the reference's count_ops is wrong
MAX_DIFFERENCE_OPS = 5000   # a difference above this many ops is wrong
NEEDED_NEAR_ZERO = len(SAMPLE_POINTS) // 4

FAILED = object()           # a cached step that raised
WRONG_FORMAT = "wrong format"


@functools.lru_cache(maxsize=16384)
def answer(text: str):
    """(expression, its count_ops or FAILED) for a stripped answer text, or (None, None) when
    it is wrong-format (too long, not parsed, not an expression, symbols other than x)."""
    sp = sympy()
    if len(text) > MAX_ANSWER_CHARS:
        return None, None
    try:
        expression = parse(text)
    except ParseError:
        return None, None
    if not isinstance(expression, sp.Expr) or expression.free_symbols - {sp.Symbol("x")}:
        return None, None
    try:
        return expression, count_ops(expression)
    except Exception:  # noqa: BLE001
        return expression, FAILED


@functools.lru_cache(maxsize=4096)
def stored(text: str):
    """(expression, its count_ops) for a stored expression, or (FAILED, FAILED)."""
    try:
        expression = parse(text)
        return expression, count_ops(expression)
    except Exception:  # noqa: BLE001 - reproduced as upstream's wrong-format branch
        return FAILED, FAILED


@functools.lru_cache(maxsize=65536)
def difference_verdict(left, right):
    """The last steps of both scorers for ``left - right``: 0.0 above MAX_DIFFERENCE_OPS
    operations, WRONG_FORMAT when the subtraction or the count raises, else SymPy's
    ``is_zero`` (1.0 or 0.0) and, where that is undecided, the numeric test on the sample
    points. An exception inside ``is_zero`` propagates (upstream's scorer raises there)."""
    try:
        difference = left - right
        if count_ops(difference) > MAX_DIFFERENCE_OPS:
            return 0.0
    except Exception:  # noqa: BLE001
        return WRONG_FORMAT
    is_zero = difference.is_zero
    if is_zero is not None:
        return 1.0 if is_zero else 0.0
    return 1.0 if zero_on_points(difference, SAMPLE_POINTS, ZERO_TOLERANCE, NEEDED_NEAR_ZERO) else 0.0
