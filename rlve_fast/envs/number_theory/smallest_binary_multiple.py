"""SmallestBinaryMultiple: the least positive B such that A * B is written in decimal with
the digits 0 and 1 only.

A breadth-first search over the remainders mod A of the numbers made of 0s and 1s (shorter
first, then smaller) reaches remainder 0 first with the least such multiple.  Answer: one
integer B.  Reward: (B_min / B)^5 for a valid B; a valid-looking B whose product has other
digits is -0.5; B <= 0 or no integer is -1."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import plus_tenth, single_parameter
from rlve_fast.envs.number_theory._factorization import only_zero_one_digits

try:
    from rlve_fast.envs.number_theory._integer_answer_kernels import ZeroOneMultipleKernel
except ImportError:  # not built: the Python scorer only
    ZeroOneMultipleKernel = None


def decimal_value(digits: str) -> int:
    """int(digits) without the 4300-digit limit of int(str)."""
    if len(digits) <= 4000:
        return int(digits)
    half = len(digits) // 2
    return decimal_value(digits[:half]) * 10 ** (len(digits) - half) + decimal_value(digits[half:])


def least_zero_one_multiple(a: int) -> int:
    """The least positive multiple of a (>= 1) written with 0s and 1s only."""
    if a < 1:
        raise ValueError("A must be positive")
    if a == 1:
        return 1
    parent = [-1] * a
    digit = bytearray(a)
    seen = bytearray(a)
    start = 1 % a
    seen[start] = 1
    digit[start] = 1
    queue = [start]
    for popped, r in enumerate(queue):  # the list grows while it is read: a FIFO queue
        if popped & 4095 == 4095:
            deadline.check()
        for d in (0, 1):
            s = (r * 10 + d) % a
            if not seen[s]:
                seen[s], parent[s], digit[s] = 1, r, d
                queue.append(s)
                if s == 0:
                    out = []
                    while s != -1:
                        out.append("01"[digit[s]])
                        s = parent[s]
                    return decimal_value("".join(reversed(out)))
    raise AssertionError("every A has a multiple made of 0s and 1s")


class SmallestBinaryMultiple(Environment):
    id = "SmallestBinaryMultiple"
    parameter_types = {"A": int, "reference_answer": int}
    invalid_answer = -0.5
    beta = 5.0
    weight = 1.0

    @staticmethod
    def schedule():
        return single_parameter("MAX_A", 10, plus_tenth)

    def sample(self, rng, parameter):
        if parameter["MAX_A"] < 2:
            raise ValueError("MAX_A must be at least 2")
        parameter["A"] = rng.randint(2, parameter["MAX_A"])

    def solve(self, parameter):
        return {"reference_answer": least_zero_one_multiple(parameter["A"]) // parameter["A"]}

    def prompt(self, parameter):
        a = parameter["A"]
        return (f"Find the smallest positive integer B for which the product {a} * B, written in "
                f"decimal, uses no digits other than 0 and 1.\n\n"
                f"Answer with the value of B as a single integer.")

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        if parsed <= 0:
            return self.wrong_format
        product = parameter["A"] * parsed
        if product < 0 or not only_zero_one_digits(product, 10):
            return self.invalid_answer
        gold = parameter["reference_answer"]
        if gold > parsed:
            raise ValueError("an answer below the stored least one: the config is wrong")
        return rewards.ratio_power(gold, parsed, self.beta, self.weight)

    def kernel(self, parameter):
        if ZeroOneMultipleKernel is None:
            return None  # not built: the Python scorer
        return ZeroOneMultipleKernel(parameter["A"], parameter["reference_answer"], self.beta,
                                     self.weight, self.invalid_answer, self.wrong_format)
