"""PrefixConcatenation: the number 123...N (all integers 1 to N written one after another)
modulo M.

The d-digit numbers lo..hi append as x -> x * 10^d + k; a run of c of them is one affine
map, composed by doubling (see ``concatenation_mod``).  Answer: one integer.  Reward: 1 for
the residue, 0 for any other integer, -1 without an integer."""
from __future__ import annotations

from rlve_fast.envs._schedules import single_parameter
from rlve_fast.integer_answer import IntegerAnswerEnvironment

MAX_MODULO = 1000000


def concatenation_mod_python(n: int, m: int) -> int:
    """123...n mod m: per digit length, x -> x * P^c + lo * G(c) + H(c) with P = 10^d,
    G(c) = sum of P^i (i < c), H(c) = sum of j * P^(c-1-j) (j < c), built bit by bit."""
    x, lo, power = 0, 1, 10
    while lo <= n:
        count = min(n, power - 1) - lo + 1
        p = power % m
        pc, g, h, done = 1 % m, 0, 0, 0
        for bit in bin(count)[2:]:
            h, g, pc, done = (h * (pc + 1) + done * g) % m, g * (pc + 1) % m, pc * pc % m, 2 * done
            if bit == "1":
                h, g, pc, done = (h * p + done) % m, (g * p + 1) % m, pc * p % m, done + 1
        x = (x * pc + lo * g + h) % m
        lo, power = power, power * 10
    return x


def concatenation_mod(n: int, m: int) -> int:
    if 1 <= m < 1 << 32 and 0 <= n < 1 << 63:
        try:
            from rlve_fast.envs.number_theory._number_theory_solvers import concatenation_mod as compiled
        except ImportError:
            pass
        else:
            return compiled(n, m)
    return concatenation_mod_python(n, m)


class PrefixConcatenation(IntegerAnswerEnvironment):
    id = "PrefixConcatenation"
    rule = "exact"

    @staticmethod
    def schedule():
        return single_parameter("MAX_N", 64, lambda v: v * 2)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 2:
            raise ValueError("MAX_N must be at least 2")
        parameter["N"] = rng.randint(2, parameter["MAX_N"])
        parameter["M"] = rng.randint(3, MAX_MODULO)

    def solve(self, parameter):
        return {"reference_answer": concatenation_mod(parameter["N"], parameter["M"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"Write the integers 1, 2, 3, ..., {n} one after another, without separators, to "
                f"form one large number (for instance, doing this up to 12 gives 123456789101112). "
                f"What is that number modulo {m}?\n\n"
                f"Answer with a single integer in the range [0, {m}), on its own.")
