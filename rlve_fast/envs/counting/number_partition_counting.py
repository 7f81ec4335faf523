"""NumberPartitionCounting: in how many ways can N be written as a sum of exactly K positive
integers, order ignored?

Removing 1 from each part maps these to the partitions of N - K into parts of size at most K.
For K <= sqrt(N - K) a knapsack over part sizes counts them; otherwise the partition numbers
p(n) (Euler's pentagonal recurrence) are corrected by prod_{i>K} (1 - x^i), whose terms are
few-part distinct partitions. The compiled solver runs modulo primes below 2**62 and the
exact count comes back by the Chinese remainder theorem (bounded by p(n) < e^(pi sqrt(2n/3))).
Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

from math import pi, sqrt

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import combine
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._number_partition_counting_solver import parts_at_most_mod as _compiled
except ImportError:  # the extension is not built: the exact Python twin does the work
    _compiled = None


def partition_numbers(m: int):
    """p(0..m) by Euler's pentagonal recurrence."""
    table = [1] + [0] * m
    for n in range(1, m + 1):
        total, k = 0, 1
        while k * (3 * k - 1) // 2 <= n:
            sign = 1 if k & 1 else -1
            total += sign * table[n - k * (3 * k - 1) // 2]
            if k * (3 * k + 1) // 2 <= n:
                total += sign * table[n - k * (3 * k + 1) // 2]
            k += 1
        table[n] = total
        if n & 255 == 0:
            deadline.check()
    return table


def parts_at_most(m: int, k: int) -> int:
    """Partitions of m into parts of size at most k (Python twin of the compiled solver)."""
    if m < 0:
        return 0
    k = min(k, m)
    if k * k <= m:
        table = [1] + [0] * m
        for part in range(1, k + 1):
            for n in range(part, m + 1):
                table[n] += table[n - part]
            deadline.check()
        return table[m]
    p = partition_numbers(m)
    signed_extra = [1] + [0] * m  # prod_{i>k} (1 - x^i)
    prev, j = [1] + [0] * m, 1    # D_(j-1): distinct positive parts, by sum
    while j * (k + 1) + j * (j - 1) // 2 <= m:
        cur = [0] * (m - j * k + 1)
        for n in range(j, len(cur)):
            cur[n] = cur[n - j] + prev[n - j]
        for n, c in enumerate(cur):
            signed_extra[n + j * k] += -c if j & 1 else c
        prev, j = cur + [0] * (m + 1 - len(cur)), j + 1
        deadline.check()
    return sum(e * p[m - n] for n, e in enumerate(signed_extra) if e)


def count_partitions(n: int, k: int) -> int:
    """Partitions of n into exactly k positive parts."""
    m = n - k
    if k < 1 or m < 0:
        return 1 if (n, k) == (0, 0) else 0
    if _compiled is None or m < 64:
        return parts_at_most(m, k)
    bits = int(pi * sqrt(2 * m / 3) / 0.6931471805599453) + 2
    answer = combine(bits, lambda p: _compiled(m, k, p, deadline.deadline_at()))
    if answer is None:
        deadline.check()
    return answer


class NumberPartitionCounting(IntegerAnswerEnvironment):
    id = "NumberPartitionCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 10
        while True:
            yield [{"MAX_N": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 1:
            raise ValueError("MAX_N must be at least 1")
        n = rng.randint(1, parameter["MAX_N"])
        parameter.update(N=n, K=rng.randint(1, n))

    def solve(self, parameter):
        return {"reference_answer": count_partitions(parameter["N"], parameter["K"])}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"Write {n} as a sum of exactly {k} positive integers. Only the multiset of summands matters: "
                f"sums that differ just in the order of their terms are the same way (for instance 1 + 2 + 4 "
                f"and 4 + 1 + 2 are one way). How many different ways are there?\n\n"
                "Answer with a single integer, for example 10.")
