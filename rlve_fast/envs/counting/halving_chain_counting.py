"""HalvingChainCounting: count the sequences that start with N and where each further term is
a positive integer at most half the previous one.

f(x) = 1 + f(1) + ... + f(floor(x/2)) (stop, or append y <= x/2), computed with a running
prefix sum. Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

from rlve_fast.integer_answer import IntegerAnswerEnvironment


def count_halving_chains(n: int) -> int:
    prefix = [0] * (n // 2 + 1)  # prefix[y] = f(1) + ... + f(y)
    for x in range(1, n // 2 + 1):
        prefix[x] = prefix[x - 1] + 1 + prefix[x // 2]
    return 1 + prefix[n // 2]


class HalvingChainCounting(IntegerAnswerEnvironment):
    id = "HalvingChainCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 16
        while True:
            yield [{"MAX_N": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 1:
            raise ValueError("MAX_N must be at least 1")
        parameter["N"] = rng.randint(1, parameter["MAX_N"])

    def solve(self, parameter):
        return {"reference_answer": count_halving_chains(parameter["N"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"A chain starts with the single number {n}. A chain may be extended by appending a positive "
                "integer that is at most half of its current last number (so after 7 you may append 1, 2 "
                "or 3). Every chain obtained this way counts, including the one-number chain "
                f"({n}).\n\nHow many different chains are there? Answer with a single integer.")
