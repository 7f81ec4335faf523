"""NextPalindromic: the least palindromic number greater than N.

Mirror the first half of N onto the second; if that is not above N, add one to the first
half (all 9s: the answer is 10...01, one digit longer).  The reference is stored as a
string.  Answer: one integer.  Reward: (least/answer)^5 for a palindrome above N; any other
integer is -0.5; no integer is -1."""
from __future__ import annotations

from rlve_fast import rewards
from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import plus_tenth, single_parameter

try:
    from rlve_fast.envs.number_theory._integer_answer_kernels import NextPalindromeKernel
except ImportError:  # not built: the Python scorer only
    NextPalindromeKernel = None


def next_palindrome(n: int) -> str:
    """The least palindrome above n >= 0, as a decimal string."""
    if n < 0:
        raise ValueError("N must be non-negative")
    text = str(n)
    size = len(text)
    half = text[:(size + 1) // 2]

    def mirrored(front: str) -> str:
        return front + front[:size // 2][::-1]

    candidate = mirrored(half)
    if int(candidate) > n:
        return candidate
    bumped = str(int(half) + 1)
    if len(bumped) > len(half):  # the first half was all 9s
        return "1" + "0" * (size - 1) + "1"
    return mirrored(bumped)


class NextPalindromic(Environment):
    id = "NextPalindromic"
    parameter_types = {"N": int, "reference_answer": (str, int)}
    invalid_solution = -0.5
    beta = 5.0
    weight = 1.0

    @staticmethod
    def schedule():
        return single_parameter("digit_num", 2, plus_tenth)

    def sample(self, rng, parameter):
        if parameter["digit_num"] < 1:
            raise ValueError("digit_num must be at least 1")
        parameter["N"] = rng.randint(1, 10 ** parameter["digit_num"] - 1)

    def solve(self, parameter):
        return {"reference_answer": next_palindrome(parameter["N"])}

    def prompt(self, parameter):
        return (f"A palindromic number reads the same forwards and backwards in decimal (such as "
                f"7, 44 or 1221). What is the smallest palindromic number that is strictly greater "
                f"than {parameter['N']}?\n\n"
                f"Answer with that number as a single integer.")

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        if not parsed > parameter["N"]:
            return self.invalid_solution
        text = str(parsed)
        if text != text[::-1]:
            return self.invalid_solution
        gold = int(parameter["reference_answer"])
        if gold > parsed:
            raise ValueError("a palindrome below the stored least one: the config is wrong")
        return rewards.ratio_power(gold, parsed, self.beta, self.weight)

    def kernel(self, parameter):
        if NextPalindromeKernel is None:
            return None  # not built: the Python scorer
        try:
            gold = int(parameter["reference_answer"])
        except ValueError:
            return None  # the Python scorer reproduces what upstream does with it
        return NextPalindromeKernel(parameter["N"], gold, self.beta, self.weight,
                                    self.invalid_solution, self.wrong_format)
