"""FactorialTrailingZeroCount: trailing zeros of N! written in base K.

Reward: 1 for the exact count, 0 for another integer, -1 when no integer is given."""
from __future__ import annotations

from rlve_fast.integer_answer import IntegerAnswerEnvironment


def prime_factorization(k: int):
    """[(p, exponent)] of k >= 2 by trial division."""
    factors, p = [], 2
    while p * p <= k:
        if k % p == 0:
            e = 0
            while k % p == 0:
                k //= p
                e += 1
            factors.append((p, e))
        p += 1
    if k > 1:
        factors.append((k, 1))
    return factors


def legendre(n: int, p: int) -> int:
    """The exponent of prime p in n! (Legendre's formula)."""
    total = 0
    while n:
        n //= p
        total += n
    return total


def trailing_zeros_in_base(n: int, k: int) -> int:
    """Each trailing zero of n! in base k is one factor k: the scarcest prime of k decides."""
    return min(legendre(n, p) // e for p, e in prime_factorization(k))


class FactorialTrailingZeroCount(IntegerAnswerEnvironment):
    id = "FactorialTrailingZeroCount"
    rule = "exact"

    @staticmethod
    def schedule():
        limit = 10
        while True:
            yield [{"MAX_N_K": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_K"]
        if limit < 10:
            raise ValueError("MAX_N_K must be at least 10")
        parameter["N"] = rng.randint(3, limit)
        parameter["K"] = rng.randint(2, limit)

    def solve(self, parameter):
        return {"reference_answer": trailing_zeros_in_base(parameter["N"], parameter["K"])}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"Write {n}! (the factorial of the decimal number {n}) in base {k}. "
                f"How many zeros does that base-{k} numeral end with?\n\n"
                "Answer with a single non-negative integer.")
