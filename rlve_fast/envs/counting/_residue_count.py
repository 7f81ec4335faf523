"""Counting problems whose answer is a residue modulo the instance's ``MOD``
(BannedPointSupersetPathCounting, GridColoringCounting, LandformGenerationCounting,
MatrixRMQCounting, NotContainingStringCounting).

Scoring (upstream's constructor defaults): one integer; outside ``0 <= x < MOD`` earns
``wrong_range`` (-0.5), the reference residue earns 1.0, any other residue 0.0; text that is
not one integer earns -1.0."""
from __future__ import annotations

from typing import ClassVar

from rlve_fast.integer_answer import IntegerAnswerEnvironment


class ModularCountEnvironment(IntegerAnswerEnvironment):
    rule = "modular"
    wrong_range: ClassVar[float] = -0.5
    modulus_key: ClassVar[str] = "MOD"

    def __init_subclass__(cls, **kwargs):
        if "parameter_types" not in cls.__dict__ and cls.__dict__.get("id"):
            cls.parameter_types = {cls.answer_key: int, cls.modulus_key: int}
        super().__init_subclass__(**kwargs)

    def score(self, parameter, parsed):
        if not 0 <= parsed < parameter[self.modulus_key]:
            return self.wrong_range
        return self.correct if parsed == parameter[self.answer_key] else self.wrong

    def kernel(self, parameter):
        from rlve_fast.envs.counting._residue_count_kernel import ResidueKernel

        return ResidueKernel(parameter[self.answer_key], parameter[self.modulus_key], self.correct,
                             self.wrong, self.wrong_range, self.wrong_format)
