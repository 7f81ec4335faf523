"""Canon: count sequences of M distinct non-empty subsets of {1..N} in which every element
lies in an even number of the subsets, modulo MOD.

With t = 2^N - 1 non-empty subsets, let c(i) count such sequences of length i.  Fix the
first i - 1 subsets (t!/(t-i+1)! ordered choices); the last one is then forced (the
symmetric difference of the others), and it fails to be a new non-empty subset either by
being empty (c(i-1) ways) or by repeating one of the i - 1 earlier subsets
((i-1) * (t-i+2) * c(i-2) ways).  Answer: one integer; reward 1 for the residue, 0 for
another number in [0, MOD), -0.5 outside that range, -1 without an integer."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._residue import ResidueAnswerEnvironment
from rlve_fast.envs._schedules import plus_tenth, single_parameter

MAX_MOD = 1000000


def even_cover_sequences(n: int, m: int, mod: int) -> int:
    """c(m) mod ``mod`` (c(0) = 1 and c(1) = 0, unreduced as the recurrence starts)."""
    t = pow(2, n, mod) - 1
    counts = [1, 0]
    falling = 1  # t (t-1) ... (t-i+2): ordered choices of the first i-1 subsets
    for i in range(2, m + 1):
        if i & 4095 == 0:
            deadline.check()
        falling = falling * ((t - (i - 2)) % mod) % mod
        repeats = counts[i - 2] * (i - 1) % mod * ((t - (i - 2)) % mod) % mod
        counts.append((falling - counts[i - 1] - repeats) % mod)
    return counts[m]


class Canon(ResidueAnswerEnvironment):
    id = "Canon"
    parameter_types = {"MOD": int, "reference_answer": int}  # the config check reads MOD first

    @staticmethod
    def schedule():
        return single_parameter("MAX_N_M", 3, plus_tenth)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 2:
            raise ValueError("MAX_N_M must be at least 2")
        parameter["N"] = rng.randint(2, limit)
        parameter["M"] = rng.randint(2, limit)
        parameter["MOD"] = rng.randint(2, MAX_MOD)

    def solve(self, parameter):
        return {"reference_answer": even_cover_sequences(parameter["N"], parameter["M"], parameter["MOD"])}

    def prompt(self, parameter):
        n, m, mod = parameter["N"], parameter["M"], parameter["MOD"]
        return (f"Let S = {{1, 2, ..., {n}}}. Count the sequences T[1], T[2], ..., T[{m}] of subsets "
                f"of S that satisfy all of the following:\n"
                f"- every T[i] is non-empty;\n"
                f"- the {m} subsets are pairwise distinct (order matters: the same subsets in "
                f"another order form a different sequence);\n"
                f"- every x in S belongs to an even number of the subsets T[1], ..., T[{m}] "
                f"(zero counts as even).\n\n"
                f"Answer with the number of such sequences modulo {mod}, as a single integer "
                f"in the range [0, {mod}).")
