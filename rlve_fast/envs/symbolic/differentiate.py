"""Differentiate: give F'(x) for a random expression F, in SymPy syntax.

Scoring (upstream's procedure): the answer is parsed with ``sympy.sympify`` (at most 10,000
characters); symbols other than x, or no expression, are wrong-format (-1). An answer more than
four times as complex as the reference (``count_ops``) is wrong (0). Otherwise the difference
to the reference is simplified by SymPy's ``is_zero``; when that cannot decide, it is
evaluated at 1,024 points of [-2, 2]: any finite value above 1e-5 in size is wrong, and at
least 256 finite near-zero values are right (1).

Needs sympy (``pip install rlve_fast[symbolic]``), imported on first use. The SymPy steps run
through exact faster routes (``_sympy_exact``) and are cached per answer text, per reference
and per pair of expressions (``_scoring``), since RL scores many completions per problem.
Upstream also gives -1 to a scoring that runs past 10 s (leaving its thread running); here
a time limit belongs to :class:`rlve_fast.BatchVerifier`, which stops the work for real and
flags the row ``timeout``.
"""
from __future__ import annotations

import functools

from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import step_by_one
from rlve_fast.envs.symbolic import _expressions, _scoring
from rlve_fast.envs.symbolic._expressions import SAMPLE_POINTS  # noqa: F401 - part of this module's API
from rlve_fast.envs.symbolic._sympy_exact import diff_x, parse, sympy, text


@functools.lru_cache(maxsize=65536)
def derivative_reward(reference: str, answer: str, wrong_format: float = -1.0) -> float:
    expression, ops = _scoring.answer(answer)
    if expression is None:
        return wrong_format
    gold, gold_ops = _scoring.stored(reference)
    if ops is _scoring.FAILED or gold_ops is _scoring.FAILED:
        return wrong_format
    if ops > _scoring.MAX_ANSWER_RATIO * gold_ops:
        return 0.0
    verdict = _scoring.difference_verdict(expression, gold)
    return wrong_format if verdict is _scoring.WRONG_FORMAT else verdict


def random_expression(rng, nodes: int):
    """A random expression tree over x with ``nodes`` nodes (x is the only leaf), in SymPy."""
    return _expressions.to_sympy(sympy(), _expressions.random_tree(rng, nodes))


@functools.lru_cache(maxsize=4096)
def _derivative_text(function: str) -> str:
    return text(diff_x(parse(function)))


class Differentiate(Environment):
    id = "Differentiate"
    requires = {"sympy": "symbolic"}
    parameter_types = {"reference_answer": str}

    @staticmethod
    def schedule():
        return step_by_one("node_num", 2)

    def sample(self, rng, parameter):
        function, _ = _expressions.draw(rng, parameter["node_num"], needs_x_in="function")
        parameter["function"] = text(function)

    def solve(self, parameter):
        return {"reference_answer": _derivative_text(parameter["function"])}

    def prompt(self, parameter):
        return (f"Differentiate F(x) = {parameter['function']} with respect to x.\n\n"
                "Answer with an expression for F'(x) in SymPy syntax, writing every multiplication "
                "with * (for example: 3*x**2 + cos(x)).")

    def parse(self, answer):
        return answer.strip()

    def score(self, parameter, parsed):
        return derivative_reward(parameter["reference_answer"], parsed, self.wrong_format)
