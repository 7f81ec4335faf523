"""Environments whose answer is one integer (most counting and arithmetic ones).

They differ only in schedule, sample, solve and prompt: the parse (``int(answer.strip())``),
the reward rule and its compiled kernel are shared here.  A subclass picks the rule with
class attributes, as upstream's environments do with their constructor defaults:

* ``rule = "min_max"``: (min/max)^beta against ``reference_answer``; answers below
  ``lowest_valid`` (0 or 1) are wrong-format; with ``zero_exact`` an answer of 0 earns the
  weight only when the reference is 0.
* ``rule = "exact"``: ``correct`` for the reference, ``wrong`` otherwise.
"""
from __future__ import annotations

from typing import ClassVar

from rlve_fast import rewards
from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast._core.kernel import ExactInt, MinMaxRatio
except ImportError:  # the compiled core is not built: the Python scorer only
    ExactInt = MinMaxRatio = None

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


class IntegerAnswerEnvironment(Environment):
    rule: ClassVar[str] = "min_max"
    beta: ClassVar[float] = 10.0
    weight: ClassVar[float] = 1.0
    lowest_valid: ClassVar[int] = 0
    zero_exact: ClassVar[bool] = False
    correct: ClassVar[float] = 1.0
    wrong: ClassVar[float] = 0.0
    answer_key: ClassVar[str] = "reference_answer"

    def __init_subclass__(cls, **kwargs):
        if "parameter_types" not in cls.__dict__ and cls.__dict__.get("id"):
            cls.parameter_types = {cls.answer_key: int}
        super().__init_subclass__(**kwargs)

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        gold = parameter[self.answer_key]
        if self.rule == "exact":
            return self.correct if parsed == gold else self.wrong
        if parsed < self.lowest_valid:
            return self.wrong_format
        if self.zero_exact:
            return rewards.min_over_max(parsed, gold, self.beta, self.weight)
        return rewards.min_max_ratio(parsed, gold, self.beta, self.weight)

    def kernel(self, parameter):
        gold = parameter[self.answer_key]
        if MinMaxRatio is None or (type(gold) is int and not INT64_MIN <= gold <= INT64_MAX):
            return None  # a reference past int64 (common in counting): the Python scorer
        if self.rule == "exact":
            return ExactInt(gold, self.correct, self.wrong, self.wrong_format)
        return MinMaxRatio(gold, self.beta, self.weight, self.wrong_format, self.zero_exact, self.lowest_valid)
