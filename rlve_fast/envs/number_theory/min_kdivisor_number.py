"""MinKDivisorNumber: the least positive integer with exactly K divisors.

Its prime exponents, largest first on 2, 3, 5, ..., are f - 1 over a factorisation of K into
factors f_1 >= f_2 >= ...; a branch-and-bound search (compiled) finds the cheapest.  Answer: one
integer.  Reward: 1 for the least one; (least/answer)^2 for another number with exactly K
divisors; 0 for any other positive number (also where a trial division up to 10**7 cannot
finish its factorisation); <= 0 or no integer is -1."""
from __future__ import annotations

from math import log

from rlve_fast import deadline, rewards
from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import single_parameter
from rlve_fast.envs.number_theory._factorization import (MAX_ANSWER_BITS, _first_primes, divisor_count_bounded,
                                                         smallest_with_divisor_count)

try:
    from rlve_fast.envs.number_theory._min_kdivisor_number_solver import least_exponents as _compiled
except ImportError:  # not built: the Python search (smallest_with_divisor_count) does the work
    _compiled = None

_PRIMES = tuple(_first_primes(64))  # the primes carrying the exponents, found once


def least_with_divisor_count(k: int) -> int:
    """smallest_with_divisor_count(k), its search compiled (the same search: the same
    candidates within a hair of the cheapest, settled exactly here)."""
    if _compiled is None or not 2 <= k < 1 << 62:
        return smallest_with_divisor_count(k)
    found = _compiled(k, deadline.deadline_at())
    if found is None:
        deadline.check()
        raise RuntimeError("the compiled search stopped before its deadline")
    best, candidates = found
    if best / log(2) > MAX_ANSWER_BITS:
        raise ValueError("the least number with %d divisors has about %d bits" % (k, best / log(2)))
    least = None
    for exponents in candidates:
        value = 1 << exponents[0]
        for p, e in zip(_PRIMES[1:], exponents[1:]):
            value *= p ** e
        if least is None or value < least:
            least = value
    return least


class MinKDivisorNumber(Environment):
    id = "MinKDivisorNumber"
    parameter_types = {"K": int, "reference_answer": int}
    invalid_answer = 0.0
    gave_up = 0.0  # the factorisation would need a trial divisor above 10**7
    beta = 2.0
    weight = 1.0

    @staticmethod
    def schedule():
        return single_parameter("MAX_K", 5, lambda v: v * 2)

    def sample(self, rng, parameter):
        if parameter["MAX_K"] < 1:
            raise ValueError("MAX_K must be at least 1")
        parameter["K"] = rng.randint(1, parameter["MAX_K"])

    def solve(self, parameter):
        return {"reference_answer": least_with_divisor_count(parameter["K"])}

    def prompt(self, parameter):
        return (f"Find the smallest positive integer M that has exactly {parameter['K']} distinct "
                f"positive divisors (1 and M itself included).\n\n"
                f"Answer with M as a single integer, for example: 10")

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        if parsed <= 0:
            return self.wrong_format
        gold = parameter["reference_answer"]
        if parsed == gold:
            return self.weight
        count = divisor_count_bounded(parsed)
        if count is None:
            return self.gave_up
        if count != parameter["K"]:
            return self.invalid_answer
        if parsed < gold:
            raise ValueError("an answer below the stored least one: the config is wrong")
        return rewards.ratio_power(gold, parsed, self.beta, self.weight)

    def kernel(self, parameter):
        from rlve_fast.envs.number_theory._integer_answer_kernels import DivisorCountKernel

        return DivisorCountKernel(parameter["K"], parameter["reference_answer"], self.beta,
                                  self.weight, self.invalid_answer, self.wrong_format)
