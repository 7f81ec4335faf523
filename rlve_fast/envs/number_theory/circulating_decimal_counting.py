"""CirculatingDecimalCounting: how many distinct values x/y (1 <= x <= N, 1 <= y <= M) are
pure repeating fractions in base K.

A reduced fraction x/y repeats from the first digit in base K exactly when gcd(y, K) = 1, so
the count is #{(x, y) : gcd(x, y) = 1, gcd(y, K) = 1}; Moebius inversion over g = gcd(x, y)
gives sum_g mu(g) [gcd(g, K) = 1] floor(N/g) C(floor(M/g)), with C(t) the count of y <= t
coprime to K; runs of g sharing floor(N/g) and floor(M/g) need only the prefix sums of
mu(g) [gcd(g, K) = 1] (compiled: a sieve below max(N, M)^(2/3), a Dirichlet identity above).
Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

from math import gcd

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.number_theory._circulating_decimal_counting_solver import LIMIT as _COMPILED_LIMIT
    from rlve_fast.envs.number_theory._circulating_decimal_counting_solver import count_coprime_pairs
except ImportError:  # the extension did not build: the plain sum below
    count_coprime_pairs, _COMPILED_LIMIT = None, 0


SIEVE_LIMIT = 1 << 27


def mobius(limit: int):
    if limit > SIEVE_LIMIT:  # a list sieve this long would not fit in memory, nor finish
        raise ValueError("%d is beyond the sieve's reach (%d)" % (limit, SIEVE_LIMIT))
    mu = [1] * (limit + 1)
    is_composite = bytearray(limit + 1)
    for p in range(2, limit + 1):
        if not is_composite[p]:
            deadline.check()
            for multiple in range(p, limit + 1, p):
                if multiple > p:
                    is_composite[multiple] = 1
                mu[multiple] = -mu[multiple]
            for multiple in range(p * p, limit + 1, p * p):
                mu[multiple] = 0
    return mu


def count_pure_repeating(n: int, m: int, k: int) -> int:
    """The count, compiled where it can be (same value as :func:`plain_count_pure_repeating`)."""
    if count_coprime_pairs is None or not (1 <= n < _COMPILED_LIMIT and 1 <= m < _COMPILED_LIMIT
                                           and 2 <= k < 1 << 31):
        return plain_count_pure_repeating(n, m, k)
    return finished(count_coprime_pairs(n, m, k, deadline.deadline_at()))


def plain_count_pure_repeating(n: int, m: int, k: int) -> int:
    coprime_in_period = [0] * (k + 1)
    for r in range(1, k + 1):
        coprime_in_period[r] = coprime_in_period[r - 1] + (gcd(r, k) == 1)

    def coprime_up_to(t: int) -> int:
        return (t // k) * coprime_in_period[k] + coprime_in_period[t % k]

    limit = min(n, m)
    mu = mobius(limit)
    return sum(mu[g] * (n // g) * coprime_up_to(m // g)
               for g in range(1, limit + 1) if mu[g] and gcd(g, k) == 1)


class CirculatingDecimalCounting(IntegerAnswerEnvironment):
    id = "CirculatingDecimalCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        max_n, max_m, max_k = 5, 5, 3
        while True:
            yield [{"MAX_N": max_n, "MAX_M": max_m, "MAX_K": max_k}]
            max_n, max_m, max_k = int(max_n * 1.5), int(max_m * 1.5), int(max_k * 1.1 + 1)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 1 or parameter["MAX_M"] < 1 or parameter["MAX_K"] < 2:
            raise ValueError("need MAX_N >= 1, MAX_M >= 1, MAX_K >= 2")
        parameter["N"] = rng.randint(1, parameter["MAX_N"])
        parameter["M"] = rng.randint(1, parameter["MAX_M"])
        parameter["K"] = rng.randint(2, parameter["MAX_K"])

    def solve(self, parameter):
        return {"reference_answer": count_pure_repeating(parameter["N"], parameter["M"], parameter["K"])}

    def prompt(self, parameter):
        n, m, k = parameter["N"], parameter["M"], parameter["K"]
        return (
            f"Consider every fraction x/y with integers 1 <= x <= {n} and 1 <= y <= {m}. Written in base {k}, "
            "some of these numbers are purely periodic: the digits after the point form one block that "
            "repeats from the very first digit, as 5/11 = 0.454545... does in base 10 (block \"45\"). "
            "Integers count as purely periodic (their fraction part is the repeating block 0). Numbers "
            "whose expansion ends, or whose repetition starts later, do not count: in base 10, 1/6 = "
            "0.1666... and 1/4 = 0.25 are not purely periodic.\n\n"
            f"How many different numeric values among these fractions are purely periodic in base {k}? "
            "Equal values such as 1/2 and 2/4 count once.\n\nAnswer with a single integer.")
