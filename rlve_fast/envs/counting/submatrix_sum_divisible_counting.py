"""SubmatrixSumDivisibleCounting: how many contiguous submatrices have a sum divisible by K?

For each pair of boundary rows the column sums form a 1-D array; its subarrays with sum
divisible by K pair up equal prefix sums mod K, so each row pair costs one pass over the
columns (compiled). Reward: (min/max)^10 against the true count, with 0 right only when the count is
0; a negative answer is wrong-format."""
from __future__ import annotations

from collections import Counter

from rlve_fast import deadline
from rlve_fast.envs._generation import finished, join_rows, uniform_ints
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._submatrix_sum_divisible_counting_solver import count_divisible
except ImportError:  # the extension did not build: the Python count below
    count_divisible = None

def count_divisible_submatrices(matrix, k: int) -> int:
    """The count, compiled where the instance allows (same value as the plain count)."""
    if count_divisible is None or type(k) is not int or not 1 <= k <= 1 << 24:
        return plain_count_divisible_submatrices(matrix, k)
    count = finished(count_divisible(matrix, k, deadline.deadline_at()))
    if count == -1:  # not a plain matrix of ints
        return plain_count_divisible_submatrices(matrix, k)
    return count


def plain_count_divisible_submatrices(matrix, k: int) -> int:
    rows, cols = len(matrix), len(matrix[0])
    total = 0
    for top in range(rows):
        deadline.check()
        column_sums = [0] * cols
        for bottom in range(top, rows):
            row = matrix[bottom]
            for c in range(cols):
                column_sums[c] += row[c]
            seen = Counter({0: 1})
            prefix = 0
            for value in column_sums:
                prefix = (prefix + value) % k
                total += seen[prefix]
                seen[prefix] += 1
    return total


class SubmatrixSumDivisibleCounting(IntegerAnswerEnvironment):
    id = "SubmatrixSumDivisibleCounting"
    zero_exact = True

    @staticmethod
    def schedule():
        size = 3
        while True:
            yield [{"MAX_N_M": size}]
            size += 1

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 2:
            raise ValueError("MAX_N_M must be at least 2")
        n, m = rng.randint(2, limit), rng.randint(2, limit)
        k = rng.randint(2, n * m)
        cells = uniform_ints(rng, n * m, 0, k - 1)
        parameter.update(N=n, M=m, K=k, matrix=[cells[i * m:(i + 1) * m] for i in range(n)])

    def solve(self, parameter):
        return {"reference_answer": count_divisible_submatrices(parameter["matrix"], parameter["K"])}

    def prompt(self, parameter):
        n, m, k = parameter["N"], parameter["M"], parameter["K"]
        rows = join_rows(parameter["matrix"], " ", "", "", "\n")
        return (f"Here is a {n} x {m} matrix of integers (one row per line):\n{rows}\n\n"
                f"A submatrix is any non-empty block of consecutive rows and consecutive columns; blocks at "
                f"different positions are different even when their entries are equal, and the whole matrix "
                f"is one of them. How many submatrices have an entry sum that is a multiple of {k}?\n\n"
                "Answer with a single non-negative integer.")
