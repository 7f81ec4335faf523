"""Integral: given F'(x) for a random expression F, give an antiderivative, in SymPy syntax.

Scoring (upstream's procedure): the answer is parsed with ``sympy.sympify`` (at most 10,000
characters); no expression, or symbols other than x, is wrong-format (-1). An answer more than
four times as complex as the stored F (``count_ops``) is wrong (0). Otherwise the derivative
of the answer minus F' is tested with SymPy's ``is_zero``; when that cannot decide, it is
evaluated at 1,024 points of [-2, 2]: any finite value above 1e-5 in size is wrong, and at
least 256 finite near-zero values are right (1). Errors while differentiating are
wrong-format; an error inside ``is_zero`` is -1.

Needs sympy, imported on first use. Every step that depends on the answer alone (parsing,
its complexity, its derivative) is cached per answer text, the stored F and F' per config,
and the reward per (config, answer): RL scores many completions per problem, and the same
answer texts recur. Upstream also gives -1 to a scoring that runs past 10 s; here a time
limit belongs to :class:`rlve_fast.BatchVerifier`, which stops the work for real.
"""
from __future__ import annotations

import functools
import math

from rlve_fast import deadline
from rlve_fast.environment import Environment
from rlve_fast.envs.sequences._schedules_b7 import step_by_one
from rlve_fast.envs.symbolic import _expression_trees_b7 as trees
from rlve_fast.envs.symbolic.differentiate import (MAX_ANSWER_CHARS, MAX_DERIVATIVE_SIZE, SAMPLE_POINTS,
                                                   ZERO_TOLERANCE, _well_behaved, sympy)

MAX_ANSWER_RATIO = 4       # answers above 4x the stored F's count_ops are wrong
MAX_DIFFERENCE_OPS = 5000  # F'(answer) - F' above this many ops is wrong
MAX_OPS = 1000             # generation keeps F and F' below this many ops

_FAILED = object()  # a cached step that raised


def _lambdify(sp, expression, modules):
    """``sympy.lambdify(x, expression, modules)`` without rendering its docstring (the same
    generated function; the docstring costs a second printing of the expression)."""
    x = sp.Symbol("x")
    try:
        return sp.lambdify(x, expression, modules=modules, docstring_limit=0)
    except TypeError:  # a SymPy without docstring_limit
        return sp.lambdify(x, expression, modules=modules)


@functools.lru_cache(maxsize=16384)
def _answer_parts(answer: str):
    """(expression, its count_ops or _FAILED) for a stripped answer text, or (None, None)
    when it is wrong-format."""
    sp = sympy()
    if len(answer) > MAX_ANSWER_CHARS:
        return None, None
    try:
        expression = sp.sympify(answer)
    except Exception:  # noqa: BLE001 - anything sympify rejects is a format error
        return None, None
    if not isinstance(expression, sp.Expr) or expression.free_symbols - {sp.Symbol("x")}:
        return None, None
    try:
        return expression, sp.count_ops(expression)
    except Exception:  # noqa: BLE001
        return expression, _FAILED


@functools.lru_cache(maxsize=16384)
def _answer_derivative(answer: str):
    """d/dx of the parsed answer (only asked for answers that passed the size check)."""
    sp = sympy()
    try:
        return sp.diff(_answer_parts(answer)[0], sp.Symbol("x"))
    except Exception:  # noqa: BLE001
        return _FAILED


@functools.lru_cache(maxsize=4096)
def _reference_ops(reference: str):
    sp = sympy()
    try:
        return sp.count_ops(sp.sympify(reference))
    except Exception:  # noqa: BLE001
        return _FAILED


@functools.lru_cache(maxsize=4096)
def _target(f_prime: str):
    try:
        return sympy().sympify(f_prime)
    except Exception:  # noqa: BLE001
        return _FAILED


def numerically_zero(sp, expression) -> bool:
    """At least a quarter of the sample points give a finite value, none above the
    tolerance in size; points where evaluation fails or is not finite are skipped."""
    try:
        evaluate = _lambdify(sp, expression, ["math"])
    except Exception:  # noqa: BLE001
        return False
    near_zero = 0
    for point in SAMPLE_POINTS:
        try:
            value = float(evaluate(point))
        except Exception:  # noqa: BLE001 - undefined here: skipped
            continue
        if not math.isfinite(value):
            continue
        if abs(value) > ZERO_TOLERANCE:
            return False
        near_zero += 1
    return near_zero >= len(SAMPLE_POINTS) // 4


@functools.lru_cache(maxsize=65536)
def antiderivative_reward(reference: str, f_prime: str, answer: str, wrong_format: float = -1.0) -> float:
    sp = sympy()
    expression, ops = _answer_parts(answer)
    if expression is None:
        return wrong_format
    reference_ops = _reference_ops(reference)
    if ops is _FAILED or reference_ops is _FAILED:
        return wrong_format
    if ops > MAX_ANSWER_RATIO * reference_ops:
        return 0.0
    derivative, target = _answer_derivative(answer), _target(f_prime)
    if derivative is _FAILED or target is _FAILED:
        return wrong_format
    try:
        difference = derivative - target
        if sp.count_ops(difference) > MAX_DIFFERENCE_OPS:
            return 0.0
    except Exception:  # noqa: BLE001
        return wrong_format
    try:
        is_zero = difference.is_zero
    except Exception:  # noqa: BLE001 - upstream's scorer raises: -1
        return -1.0
    if is_zero is not None:
        return 1.0 if is_zero else 0.0
    return 1.0 if numerically_zero(sp, difference) else 0.0


def _tame(sp, derivative) -> bool:
    """Generation's numeric filter: finite on at least half the sample points and nowhere
    above MAX_DERIVATIVE_SIZE in size (evaluated on all points at once with NumPy)."""
    import numpy as np

    with np.errstate(all="ignore"):
        values = trees.evaluate(sp, derivative, SAMPLE_ARRAY())
    if values is None:  # a node the NumPy walk does not know: point by point, as upstream
        return _well_behaved(sp, derivative)
    finite = values[np.isfinite(values)]
    return not (np.abs(finite) > MAX_DERIVATIVE_SIZE).any() and len(finite) >= len(SAMPLE_POINTS) // 2


@functools.lru_cache(maxsize=1)
def SAMPLE_ARRAY():
    import numpy as np

    return np.asarray(SAMPLE_POINTS)


class Integral(Environment):
    id = "Integral"
    parameter_types = {"reference_answer": str, "f_prime": str}
    planted_answer = True     # F is drawn first; F' is its derivative
    exact_answer_keys = ()    # any antiderivative is right

    @staticmethod
    def schedule():
        return step_by_one("node_num", 2)

    def sample(self, rng, parameter):
        sp = sympy()
        nodes = parameter["node_num"]
        if not isinstance(nodes, int) or nodes < 1:
            raise ValueError("node_num must be a positive integer")
        x = sp.Symbol("x")
        while True:
            deadline.check()
            try:
                tree = trees.random_tree(rng, nodes)
                if trees.plainly_too_steep(tree, SAMPLE_ARRAY(), MAX_DERIVATIVE_SIZE):
                    continue  # the numeric filter below would drop it: skip SymPy's diff
                function = trees.to_sympy(sp, tree)
                derivative = sp.diff(function, x)
                if not derivative.free_symbols:
                    continue  # a constant F': nothing to integrate
                if sp.count_ops(function) > MAX_OPS or sp.count_ops(derivative) > MAX_OPS:
                    continue
                if any(bad in atoms for atoms in (function.atoms(), derivative.atoms()) for bad in (sp.zoo, sp.nan)):
                    continue
                if _tame(sp, derivative):
                    parameter["reference_answer"] = str(function)
                    parameter["f_prime"] = str(derivative)
                    return
            except Exception:  # noqa: BLE001 - an unlucky tree (overflow, domain): draw again
                continue

    def solve(self, parameter):
        """The planted F, once checked against F' with the scorer: integrating F' from
        scratch is symbolic integration, which SymPy neither always manages nor bounds."""
        reference = parameter.get("reference_answer")
        if not isinstance(reference, str) or antiderivative_reward(reference, parameter["f_prime"], reference) != 1.0:
            raise ValueError("no stored antiderivative that differentiates to f_prime")
        return {"reference_answer": reference}

    def prompt(self, parameter):
        return (f"A function F has derivative F'(x) = {parameter['f_prime']}.\n\n"
                "Find such a function F(x) (any antiderivative will do). Answer with the expression "
                "for F(x) in SymPy syntax, writing every multiplication with * and nothing else around "
                "it (for example: x**2/2 + sin(2*x)).")

    def parse(self, answer):
        return answer.strip()

    def score(self, parameter, parsed):
        return antiderivative_reward(parameter["reference_answer"], parameter["f_prime"], parsed,
                                     self.wrong_format)
