"""Sorting: put a list of integers in ascending order.

Reward: a list of exactly N integers earns mean([gold=answer])^10; another length earns
-0.5; no parsable list earns -1."""
from __future__ import annotations

from rlve_fast import rewards
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._generation import join_ints, uniform_ints

try:
    from rlve_fast._core.kernel import ListMatch
except ImportError:  # not built: the Python scorer only
    ListMatch = None


class Sorting(Environment):
    id = "Sorting"
    parameter_types = {"N": int, "gold_answer": [int]}

    value_range_multiple = 5  # values are drawn from [0, N * 5]
    invalid_solution = -0.5
    beta = 10.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 1:
            raise ValueError("N must be at least 1")
        parameter["array"] = uniform_ints(rng, n, 0, n * self.value_range_multiple)

    def solve(self, parameter):
        gold = sorted(parameter["array"])
        return {"gold_answer": gold, "reference_answer": join_ints(gold)}

    def prompt(self, parameter):
        numbers = join_ints(parameter["array"])
        return (
            "Sort these integers from smallest to largest:\n"
            f"{numbers}\n\n"
            "Answer with the sorted integers on one line, separated by single spaces "
            "(for example: 1 2 2 5 9), with no other text."
        )

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        if len(parsed) != parameter["N"]:
            return self.invalid_solution
        return rewards.mean_match(parameter["gold_answer"], parsed, self.beta, count=parameter["N"])

    def kernel(self, parameter):
        if ListMatch is None:
            return None  # not built: the Python scorer
        if len(parameter["gold_answer"]) != parameter["N"]:
            return None  # an inconsistent config: let the Python scorer reproduce upstream
        return ListMatch(parameter["gold_answer"], self.beta, 1.0, self.wrong_format,
                         self.invalid_solution)
