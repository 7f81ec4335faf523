"""SumProductDivisorNum: sum of d(i * j) over 1 <= i <= N, 1 <= j <= M.

Solved with the identity d(ij) = sum over g | gcd(i, j) of mu(g) d(i/g) d(j/g), which turns the
double sum into sum_g mu(g) * D(N / g) * D(M / g), evaluated over the O(sqrt) blocks where both
quotients are constant (D is the divisor-count prefix sum; the Mobius sums over a block come from Mertens).
Reward: (min/max)^10 against the true sum; an answer <= 0 is wrong-format."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs.number_theory._divisors import Mertens, divisor_count_prefix
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def sum_divisors_of_products(n: int, m: int) -> int:
    if n > m:
        n, m = m, n
    mertens = Mertens(n)  # the block ends below are quotients n // q or m // q
    total, g, before = 0, 1, 0
    while g <= n:
        last = min(n // (n // g), m // (m // g))
        upto = mertens(last)
        total += (upto - before) * divisor_count_prefix(n // g) * divisor_count_prefix(m // g)
        before, g = upto, last + 1
        deadline.check()
    return total


class SumProductDivisorNum(IntegerAnswerEnvironment):
    id = "SumProductDivisorNum"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 5
        while True:
            yield [{"MAX_N_M": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 2:
            raise ValueError("MAX_N_M must be at least 2")
        parameter["N"] = rng.randint(2, limit)
        parameter["M"] = rng.randint(2, limit)

    def solve(self, parameter):
        return {"reference_answer": sum_divisors_of_products(parameter["N"], parameter["M"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"Let d(x) be the number of positive divisors of x. Over all pairs of integers (i, j) "
                f"with 1 <= i <= {n} and 1 <= j <= {m}, add up d(i * j), the divisor count of the "
                "product.\n\nAnswer with the total as a single integer.")
