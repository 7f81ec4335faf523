"""SumXorDivisorNum: sum of d(i XOR j XOR X) over 0 <= i <= N, 0 <= j <= M, with d(0) = 0.

Solved by splitting [0, N] and [0, M] into aligned power-of-two blocks: for blocks of sizes
2^s >= 2^t, the values i XOR j XOR X fill one aligned block of size 2^s exactly 2^t times,
so each pair of blocks costs two divisor-count prefix sums D(v); the pairs share few distinct
v (O(log) of them), each evaluated once, compiled.
Reward: (min/max)^10 against the true sum; a negative answer is wrong-format."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs.number_theory._divisors import divisor_count_prefix
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.number_theory._sum_xor_divisor_num_solver import LIMIT as _COMPILED_LIMIT
    from rlve_fast.envs.number_theory._sum_xor_divisor_num_solver import sum_xor_divisors as _compiled
except ImportError:  # the extension did not build: the Python sum below
    _compiled, _COMPILED_LIMIT = None, 0


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
    """The sum, compiled where it can be (same value as :func:`plain_sum_xor_divisors`)."""
    if _compiled is None or not (0 <= n < _COMPILED_LIMIT and 0 <= m < _COMPILED_LIMIT
                                 and 0 <= x < _COMPILED_LIMIT):
        return plain_sum_xor_divisors(n, m, x)
    return finished(_compiled(n, m, x, deadline.deadline_at()))


def plain_sum_xor_divisors(n: int, m: int, x: int) -> int:
    total, sums = 0, {}  # D(v) per distinct block end v
    for a, s in aligned_blocks(n):
        for b, t in aligned_blocks(m):
            big, small = max(s, t), min(s, t)
            low = ((a ^ b ^ x) >> big) << big
            for v in (low - 1, low + (1 << big) - 1):
                if v not in sums:
                    deadline.check()
                    sums[v] = divisor_count_prefix(v)
            total += (sums[low + (1 << big) - 1] - sums[low - 1]) << small
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
