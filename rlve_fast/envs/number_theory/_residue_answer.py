"""Answers that are one residue modulo ``MOD`` (Canon, FixedModK_Selection_Counting,
GCDFibonacciProduct).

The rule, as those upstream environments score it: an answer outside [0, MOD) gets -0.5, the
reference answer 1, any other residue 0; no integer at all is -1."""
from __future__ import annotations

from typing import ClassVar

from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment


class ModularAnswerEnvironment(Environment):
    parameter_types = {"MOD": int, "reference_answer": int}
    wrong_range: ClassVar[float] = -0.5
    correct: ClassVar[float] = 1.0
    wrong: ClassVar[float] = 0.0

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        if not 0 <= parsed < parameter["MOD"]:
            return self.wrong_range
        return self.correct if parsed == parameter["reference_answer"] else self.wrong

    def kernel(self, parameter):
        from rlve_fast.envs.number_theory._integer_answer_kernels import ResidueKernel

        return ResidueKernel(parameter["MOD"], parameter["reference_answer"], self.correct,
                             self.wrong, self.wrong_range, self.wrong_format)
