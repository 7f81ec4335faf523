"""SumXorDivisorNum: sum of d(i XOR j XOR X) over 0 <= i <= N, 0 <= j <= M, with d(0) = 0.

Solved by splitting [0, N] and [0, M] into aligned power-of-two blocks: for blocks of sizes
2^s >= 2^t, the values i XOR j XOR X fill one aligned block of size 2^s exactly 2^t times,
so each pair of blocks costs two divisor-count prefix sums.
Reward: (min/max)^10 against the true sum; a negative answer is wrong-format."""
from __future__ import annotations

from rlve_fast.envs.number_theory._divisors import divisor_count_prefix
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def aligned_blocks(n: int):
    """[(start, log2 size)] of disjoint aligned blocks covering 0..n."""
    blocks, end = [], n + 1  # cover [0, end)
    start = 0
    for bit in range(end.bit_length() - 1, -1, -1):
        if end >> bit & 1:
            blocks.append((start, bit))
            start += 1 << bit
    return blocks


def sum_xor_divisors(n: int, m: int, x: int) -> int:
    total = 0
    for a, s in aligned_blocks(n):
        for b, t in aligned_blocks(m):
            big, small = max(s, t), min(s, t)
            low = ((a ^ b ^ x) >> big) << big
            covered = divisor_count_prefix(low + (1 << big) - 1) - divisor_count_prefix(low - 1)
            total += covered << small
    return total


class SumXorDivisorNum(IntegerAnswerEnvironment):
    id = "SumXorDivisorNum"
    lowest_valid = 0

    @staticmethod
    def schedule():
        limit = 5
        while True:
            yield [{"MAX_N_M": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 3:
            raise ValueError("MAX_N_M must be at least 3")
        parameter["N"] = rng.randint(3, limit)
        parameter["M"] = rng.randint(3, limit)
        parameter["X"] = rng.randint(0, limit)

    def solve(self, parameter):
        return {"reference_answer": sum_xor_divisors(parameter["N"], parameter["M"], parameter["X"])}

    def prompt(self, parameter):
        n, m, x = parameter["N"], parameter["M"], parameter["X"]
        return (f"Let d(v) be the number of positive divisors of v, with d(0) = 0. For every pair of "
                f"integers (i, j) with 0 <= i <= {n} and 0 <= j <= {m}, compute d(i XOR j XOR {x}), "
                "where XOR is the bitwise exclusive or. What is the sum of all these values?\n\n"
                "Answer with the sum as a single integer.")
