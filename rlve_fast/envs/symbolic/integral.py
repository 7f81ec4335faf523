"""Integral: given F'(x) for a random expression F, give an antiderivative, in SymPy syntax.

Scoring (upstream's procedure): the answer is parsed with ``sympy.sympify`` (at most 10,000
characters); no expression, or symbols other than x, is wrong-format (-1). An answer more than
four times as complex as the stored F (``count_ops``) is wrong (0). Otherwise the derivative
of the answer minus F' is tested with SymPy's ``is_zero``; when that cannot decide, it is
evaluated at 1,024 points of [-2, 2]: any finite value above 1e-5 in size is wrong, and at
least 256 finite near-zero values are right (1). Errors while differentiating are
wrong-format; an error inside ``is_zero`` is -1.

Needs sympy, imported on first use. The SymPy steps run through exact faster routes
(``_sympy_exact``); every step that depends on the answer alone (parsing, its complexity, its
derivative) is cached per answer text, the stored F and F' per config, the last checks per
pair of expressions and the reward per (config, answer): RL scores many completions per
problem, and the same answer texts recur. Upstream also gives -1 to a scoring that runs past
10 s; here a time limit belongs to :class:`rlve_fast.BatchVerifier`, which stops the work for
real.
"""
from __future__ import annotations

import functools

from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import step_by_one
from rlve_fast.envs.symbolic import _expressions, _scoring
from rlve_fast.envs.symbolic._sympy_exact import diff_x, text


@functools.lru_cache(maxsize=16384)
def _answer_derivative(answer: str):
    """d/dx of the parsed answer (only asked for answers that passed the size check)."""
    try:
        return diff_x(_scoring.answer(answer)[0])
    except Exception:  # noqa: BLE001
        return _scoring.FAILED


@functools.lru_cache(maxsize=65536)
def antiderivative_reward(reference: str, f_prime: str, answer: str, wrong_format: float = -1.0) -> float:
    expression, ops = _scoring.answer(answer)
    if expression is None:
        return wrong_format
    reference_ops = _scoring.stored(reference)[1]
    if ops is _scoring.FAILED or reference_ops is _scoring.FAILED:
        return wrong_format
    if ops > _scoring.MAX_ANSWER_RATIO * reference_ops:
        return 0.0
    derivative, target = _answer_derivative(answer), _scoring.stored(f_prime)[0]
    if derivative is _scoring.FAILED or target is _scoring.FAILED:
        return wrong_format
    verdict = _scoring.difference_verdict(derivative, target)
    return wrong_format if verdict is _scoring.WRONG_FORMAT else verdict


class Integral(Environment):
    id = "Integral"
    requires = {"sympy": "symbolic"}
    parameter_types = {"reference_answer": str, "f_prime": str}
    planted_answer = True     # F is drawn first; F' is its derivative
    exact_answer_keys = ()    # any antiderivative is right

    @staticmethod
    def schedule():
        return step_by_one("node_num", 2)

    def sample(self, rng, parameter):
        function, derivative = _expressions.draw(rng, parameter["node_num"], needs_x_in="derivative")
        parameter["reference_answer"] = text(function)
        parameter["f_prime"] = text(derivative)

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
