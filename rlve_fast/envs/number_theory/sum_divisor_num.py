"""Sum_DivisorNum: the total number of divisors of all integers in [L, R].

Reward: (min/max)^10 between the answer and the true sum; an answer <= 0 is wrong-format."""
from __future__ import annotations

from rlve_fast.envs.number_theory._divisors import divisor_count_prefix
from rlve_fast.integer_answer import IntegerAnswerEnvironment


class SumDivisorNum(IntegerAnswerEnvironment):
    id = "Sum_DivisorNum"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 10
        while True:
            yield [{"MAX_R": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        limit = parameter["MAX_R"]
        if limit < 2:
            raise ValueError("MAX_R must be at least 2")
        parameter["R"] = rng.randint(2, limit)
        parameter["L"] = rng.randint(1, parameter["R"])

    def solve(self, parameter):
        total = divisor_count_prefix(parameter["R"]) - divisor_count_prefix(parameter["L"] - 1)
        return {"reference_answer": total}

    def prompt(self, parameter):
        low, high = parameter["L"], parameter["R"]
        return (f"For a positive integer n, let d(n) be how many positive integers divide n. "
                f"Find d({low}) + d({low + 1}) + ... + d({high}), that is, the sum of d(n) over "
                f"every integer n with {low} <= n <= {high}.\n\n"
                "Answer with that sum as a single integer.")
