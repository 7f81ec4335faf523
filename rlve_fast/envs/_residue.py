"""The environments whose answer is one residue modulo a modulus (counts and products asked
"modulo MOD"): the one statement of their reward rule, compiled twin in ``_residue_kernel.pyx``.

Scoring (upstream's constructor defaults, the same in every such environment): one integer
(``int(answer.strip())``); outside ``0 <= x < modulus`` earns ``wrong_range`` (-0.5), the
reference residue ``correct`` (1.0), any other residue ``wrong`` (0.0); text that is not one
integer, or no answer, earns ``wrong_format`` (-1.0).

Where the modulus comes from is a class attribute:

* ``modulus_key`` (default ``"MOD"``): the key of ``config["parameter"]`` that holds it
  (BannedPointSupersetPathCounting, Canon, FixedModK_Selection_Counting, GCDFibonacciProduct,
  GridColoringCounting, LandformGenerationCounting, MatrixRMQCounting,
  NotContainingStringCounting, PythagoreanGraph_IndependentSetCounting);
* ``fixed_modulus``: a constant of the environment, not read from the config
  (Path_NoGoingBack_Counting: 10000).

``parameter_types`` (the config check) is ``{answer_key: int, modulus_key: int}``, without
the modulus key where the modulus is fixed; an environment that states its own
``parameter_types`` keeps it."""
from __future__ import annotations

from typing import ClassVar, Optional

from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs._residue_kernel import ResidueKernel
except ImportError:  # not built: the Python scorer only
    ResidueKernel = None


class ResidueAnswerEnvironment(IntegerAnswerEnvironment):
    rule = "residue"
    wrong_range: ClassVar[float] = -0.5
    modulus_key: ClassVar[str] = "MOD"
    fixed_modulus: ClassVar[Optional[int]] = None

    def __init_subclass__(cls, **kwargs):
        if "parameter_types" not in cls.__dict__ and cls.__dict__.get("id"):
            cls.parameter_types = ({cls.answer_key: int} if cls.fixed_modulus is not None
                                   else {cls.answer_key: int, cls.modulus_key: int})
        super().__init_subclass__(**kwargs)

    def modulus(self, parameter) -> int:
        return self.fixed_modulus if self.fixed_modulus is not None else parameter[self.modulus_key]

    def score(self, parameter, parsed):
        if not 0 <= parsed < self.modulus(parameter):
            return self.wrong_range
        return self.correct if parsed == parameter[self.answer_key] else self.wrong

    def kernel(self, parameter):
        if ResidueKernel is None:
            return None  # not built: the Python scorer
        return ResidueKernel(parameter[self.answer_key], self.modulus(parameter), self.correct,
                             self.wrong, self.wrong_range, self.wrong_format)
