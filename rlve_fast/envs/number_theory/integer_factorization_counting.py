"""IntegerFactorizationCounting: in how many ways is N a product of at least two distinct
integers greater than 1 (order ignored)?

Counted by choosing the factors in increasing order: ways(n, low) = [n >= low] (n itself as
the last factor) + the sum over divisors f of n with low <= f < n / f of ways(n / f, f + 1).
Reward: (min/max)^10 against the true count, with 0 right only when the count is 0; a
negative answer is wrong-format."""
from __future__ import annotations

from functools import lru_cache

from rlve_fast.integer_answer import IntegerAnswerEnvironment


def count_distinct_factorizations(n: int) -> int:
    divisors = [d for d in range(2, int(n ** 0.5) + 2) if d * d <= n and n % d == 0]
    divisors = sorted(set(divisors + [n // d for d in divisors] + [n]))

    @lru_cache(maxsize=None)
    def ways(rest: int, low: int) -> int:
        total = 1 if rest >= low else 0  # close the product with `rest` as the largest factor
        for f in divisors:
            if f < low:
                continue
            if f * f >= rest:
                break
            if rest % f == 0:
                total += ways(rest // f, f + 1)
        return total

    return ways(n, 2) - 1  # drop the one-factor product "n"


class IntegerFactorizationCounting(IntegerAnswerEnvironment):
    id = "IntegerFactorizationCounting"
    zero_exact = True

    @staticmethod
    def schedule():
        limit = 16
        while True:
            yield [{"MAX_N": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 4:
            raise ValueError("MAX_N must be at least 4")
        parameter["N"] = rng.randint(4, parameter["MAX_N"])

    def solve(self, parameter):
        return {"reference_answer": count_distinct_factorizations(parameter["N"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"In how many ways can {n} be written as a product of two or more different integers, each "
                "greater than 1? The order of the factors does not matter. For instance 24 = 2 x 12 = 3 x 8 "
                "= 4 x 6 = 2 x 3 x 4, which is 4 ways (2 x 2 x 6 is not allowed: its factors repeat).\n\n"
                "Answer with a single integer.")
