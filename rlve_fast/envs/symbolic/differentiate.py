"""Differentiate: give F'(x) for a random expression F, in SymPy syntax.

Scoring (upstream's procedure): the answer is parsed with ``sympy.sympify`` (at most 10,000
characters); symbols other than x, or no expression, are wrong-format (-1). An answer more than
four times as complex as the reference (``count_ops``) is wrong (0). Otherwise the difference
to the reference is simplified by SymPy's ``is_zero``; when that cannot decide, it is
evaluated at 1,024 points of [-2, 2]: any finite value above 1e-5 in size is wrong, and at
least 256 finite near-zero values are right (1).

Needs sympy (``pip install rlve_fast[symbolic]``), imported on first use. Parsed references
and scored answers are cached per reference, since RL scores many completions per problem.
Upstream also gives -1 to a scoring that runs past 10 s (leaving its thread running); here
a time limit belongs to :class:`rlve_fast.BatchVerifier`, which stops the work for real and
flags the row ``timeout``.
"""
from __future__ import annotations

import functools
import math
from typing import Dict, List, Optional, Tuple

from rlve_fast.environment import Environment

MAX_ANSWER_CHARS = 10_000
SAMPLE_POINTS = [-2 + 4 * i / 1023 for i in range(1024)]
ZERO_TOLERANCE = 1e-5
MAX_DERIVATIVE_SIZE = 1e4  # generation keeps functions whose derivative stays below this on the points

UNARY_OPS = (("sin", 0.1), ("cos", 0.1), ("exp", 0.05), ("log", 0.05), ("const_pow", 0.1),
             ("const_add", 0.25), ("const_mul", 0.25), ("const_div", 0.1))
BINARY_OPS = (("+", 0.2), ("-", 0.2), ("*", 0.3), ("/", 0.2), ("**", 0.1))


def sympy():
    try:
        import sympy as module
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("Differentiate needs sympy: pip install 'rlve_fast[symbolic]'") from None
    return module


@functools.lru_cache(maxsize=4096)
def _reference(reference: str):
    """(parsed reference, its count_ops) or the exception that parsing raised."""
    sp = sympy()
    try:
        expr = sp.sympify(reference)
        return expr, sp.count_ops(expr)
    except Exception as exc:  # noqa: BLE001 - reproduced as upstream's wrong-format branch
        return exc, None


def _numerically_zero(sp, difference) -> bool:
    x = sp.Symbol("x")
    try:
        evaluate = sp.lambdify(x, difference, modules=["math"])
    except Exception:  # noqa: BLE001
        return False
    near_zero = 0
    for point in SAMPLE_POINTS:
        try:
            value = float(evaluate(point))
        except Exception:  # noqa: BLE001 - undefined at this point: skipped
            continue
        if not math.isfinite(value):
            continue
        if abs(value) > ZERO_TOLERANCE:
            return False
        near_zero += 1
    return near_zero >= len(SAMPLE_POINTS) // 4


@functools.lru_cache(maxsize=65536)
def derivative_reward(reference: str, answer: str, wrong_format: float = -1.0) -> float:
    sp = sympy()
    if len(answer) > MAX_ANSWER_CHARS:
        return wrong_format
    try:
        parsed = sp.sympify(answer)
    except Exception:  # noqa: BLE001 - anything sympify rejects is a format error
        return wrong_format
    if not isinstance(parsed, sp.Expr):
        return wrong_format
    x = sp.Symbol("x")
    if parsed.free_symbols - {x}:
        return wrong_format
    gold, gold_ops = _reference(reference)
    if gold_ops is None:
        return wrong_format
    try:
        if sp.count_ops(parsed) > 4 * gold_ops:
            return 0.0
    except Exception:  # noqa: BLE001
        return wrong_format
    try:
        difference = parsed - gold
        if sp.count_ops(difference) > 5000:
            return 0.0
    except Exception:  # noqa: BLE001
        return wrong_format
    is_zero = difference.is_zero
    if is_zero is not None:
        return 1.0 if is_zero else 0.0
    return 1.0 if _numerically_zero(sp, difference) else 0.0


def _pick(rng, table):
    return rng.choices([name for name, _ in table], weights=[w for _, w in table], k=1)[0]


def random_expression(rng, nodes: int):
    """A random expression tree over x with ``nodes`` nodes (x is the only leaf)."""
    sp = sympy()
    x = sp.Symbol("x")
    if nodes == 1:
        return x
    if nodes >= 3 and rng.random() >= 0.5:
        op = _pick(rng, BINARY_OPS)
        left_nodes = rng.randint(1, nodes - 2)
        left, right = random_expression(rng, left_nodes), random_expression(rng, nodes - 1 - left_nodes)
        return {"+": lambda: left + right, "-": lambda: left - right, "*": lambda: left * right,
                "/": lambda: left / right, "**": lambda: left ** right}[op]()
    op = _pick(rng, UNARY_OPS)
    inner = random_expression(rng, nodes - 1)
    if op in ("sin", "cos", "exp", "log"):
        return getattr(sp, op)(inner)
    if op == "const_pow":
        exponent = rng.randint(2, 4)
        return inner ** (1 / sp.Integer(exponent)) if rng.random() < 0.5 else inner ** sp.Integer(rng.randint(2, 4))
    if op == "const_add":
        return inner + sp.Integer(rng.choice([-2, -1, 1, 2]))
    if op == "const_mul":
        sign = -1 if rng.random() < 0.5 else 1
        return inner * (sign * sp.Integer(rng.randint(2, 4)))
    return inner / sp.Integer(rng.randint(2, 4))


def _well_behaved(sp, derivative) -> bool:
    """Finite on at least half the sample points and nowhere above MAX_DERIVATIVE_SIZE."""
    x = sp.Symbol("x")
    evaluate = sp.lambdify(x, derivative, modules=["math"])
    finite = 0
    for point in SAMPLE_POINTS:
        try:
            value = float(evaluate(point))
        except Exception:  # noqa: BLE001
            continue
        if not math.isfinite(value):
            continue
        if abs(value) > MAX_DERIVATIVE_SIZE:
            return False
        finite += 1
    return finite >= len(SAMPLE_POINTS) // 2


class Differentiate(Environment):
    id = "Differentiate"
    parameter_types = {"reference_answer": str}
    max_attempts = 1000

    @staticmethod
    def schedule():
        nodes = 2
        while True:
            yield [{"node_num": nodes}]
            nodes += 1

    def sample(self, rng, parameter):
        sp = sympy()
        nodes = parameter["node_num"]
        if not isinstance(nodes, int) or nodes < 1:
            raise ValueError("node_num must be a positive integer")
        x = sp.Symbol("x")
        for _ in range(self.max_attempts):
            try:
                function = random_expression(rng, nodes)
                if sp.count_ops(function) > 1000 or not function.free_symbols:
                    continue
                derivative = sp.diff(function, x)
                if sp.count_ops(derivative) > 1000:
                    continue
                if any(bad in atoms for atoms in (function.atoms(), derivative.atoms()) for bad in (sp.zoo, sp.nan)):
                    continue
                if _well_behaved(sp, derivative):
                    parameter["function"] = str(function)
                    return
            except Exception:  # noqa: BLE001 - an unlucky tree (overflow, domain): draw again
                continue
        raise ValueError("no well-behaved function in %d attempts" % self.max_attempts)

    def solve(self, parameter):
        sp = sympy()
        return {"reference_answer": str(sp.diff(sp.sympify(parameter["function"]), sp.Symbol("x")))}

    def prompt(self, parameter):
        return (f"Differentiate F(x) = {parameter['function']} with respect to x.\n\n"
                "Answer with an expression for F'(x) in SymPy syntax, writing every multiplication "
                "with * (for example: 3*x**2 + cos(x)).")

    def parse(self, answer):
        return answer.strip()

    def score(self, parameter, parsed):
        return derivative_reward(parameter["reference_answer"], parsed, self.wrong_format)
