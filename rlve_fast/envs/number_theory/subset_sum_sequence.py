"""SubsetSumSequence: the N-th smallest number that is a sum of distinct powers of K
(1, K, K + 1, K^2, ...).

Those numbers are exactly the ones whose base-K digits are 0 and 1, in the same order as
their digit strings read in binary, so the N-th one is N's binary digits read in base K.
Answer: one integer.  Reward: (min/max)^2 against the reference for a positive answer with
base-K digits 0 and 1; other positive answers 0; an answer <= 0 or no integer is -1."""
from __future__ import annotations

from rlve_fast import rewards
from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.number_theory._factorization import only_zero_one_digits

try:
    from rlve_fast.envs.number_theory._integer_answer_kernels import ZeroOneBaseKernel
except ImportError:  # not built: the Python scorer only
    ZeroOneBaseKernel = None


def nth_zero_one_number(n: int, base: int) -> int:
    """The number whose base-``base`` digits are the binary digits of n."""
    value, power = 0, 1
    while n:
        if n & 1:
            value += power
        n >>= 1
        power *= base
    return value


class SubsetSumSequence(Environment):
    id = "SubsetSumSequence"
    parameter_types = {"K": int, "reference_answer": int}
    invalid_solution = 0.0
    beta = 2.0
    weight = 1.0

    @staticmethod
    def schedule():
        max_n, max_k = 3, 2
        while True:
            yield [{"MAX_N": max_n, "MAX_K": min(max_n, max_k)}]
            max_n *= 2
            max_k += 1

    def sample(self, rng, parameter):
        if parameter["MAX_K"] < 2 or parameter["MAX_N"] < 1:
            raise ValueError("need MAX_K >= 2 and MAX_N >= 1")
        parameter["N"] = rng.randint(1, parameter["MAX_N"])
        parameter["K"] = rng.randint(2, parameter["MAX_K"])

    def solve(self, parameter):
        return {"reference_answer": nth_zero_one_number(parameter["N"], parameter["K"])}

    def prompt(self, parameter):
        k, n = parameter["K"], parameter["N"]
        return (f"Take every number that can be written as a sum of one or more distinct powers "
                f"of {k} (the powers are 1, {k}, {k}^2, ...; a single power counts as a sum). "
                f"Sorted in increasing order they form the sequence {1}, {k}, {k + 1}, {k * k}, ... "
                f"(its 1st, 2nd, 3rd, 4th, ... terms).\n\n"
                f"What is the {n}-th term of this sequence? Answer with that term as a single "
                f"integer in decimal (for example: {k}).")

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        if parsed <= 0:
            return self.wrong_format
        if not only_zero_one_digits(parsed, parameter["K"]):
            return self.invalid_solution
        return rewards.min_max_ratio(parsed, parameter["reference_answer"], self.beta, self.weight)

    def kernel(self, parameter):
        if ZeroOneBaseKernel is None:
            return None  # not built: the Python scorer
        return ZeroOneBaseKernel(parameter["K"], parameter["reference_answer"], self.beta,
                                 self.weight, self.invalid_solution, self.wrong_format)
