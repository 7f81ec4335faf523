"""RoyalLockCounting: in how many ways can K non-attacking kings be placed on an N x N board?

A broken-profile DP over the cells in row-major order: the profile (the N + 1 cells that
border the rest of the board) never holds two kings side by side, so its Zeckendorf rank
indexes it, and each state keeps its counts by number of kings, only for the degrees that
can still end at exactly K. Compiled modulo primes below 2**62; the exact count comes back
by the Chinese remainder theorem from as many primes as its bit length needs, bounded by
min(C(N^2, K), min over z of P(z) / z^K), where P(z) weighs every placement by z^kings (one
floating-point pass of the same DP, far cheaper than a pass per prime).
Reward: (min/max)^10 against the true count; a negative answer is wrong-format, and when the
count is 0 only 0 earns the reward."""
from __future__ import annotations

import math
from math import comb

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import combine
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._royal_lock_counting_solver import count_kings_mod as _compiled
    from rlve_fast.envs.counting._royal_lock_counting_solver import MAX_COUNTS, weighted_total_log2
except ImportError:  # the extension is not built: the Python twin does the work
    _compiled = weighted_total_log2 = None


def count_kings(n: int, k: int) -> int:
    """Python twin: the same cell-by-cell DP over profiles (a dict of king-count lists)."""
    if k < 0:
        return 0
    states = {0: [1] + [0] * k}  # profile bits: current row left of c, then up-left, up, ...
    for r in range(n):
        if r:
            shifted = {}
            for mask, counts in states.items():
                key = (mask & ((1 << n) - 1)) << 1
                old = shifted.setdefault(key, [0] * (k + 1))
                shifted[key] = [a + b for a, b in zip(old, counts)]
            states = shifted
        for c in range(n):
            after = {}
            for mask, counts in states.items():
                empty = mask & ~(1 << c)
                old = after.setdefault(empty, [0] * (k + 1))
                after[empty] = [a + b for a, b in zip(old, counts)]
                if not mask >> max(c - 1, 0) & (0b1111 if c else 0b111):
                    king = mask | 1 << c
                    old = after.setdefault(king, [0] * (k + 1))
                    after[king] = [a + b for a, b in zip(old, [0] + counts[:k])]
            states = after
            deadline.check()
    return sum(counts[k] for counts in states.values())


def _log2_ratio(n: int, k: int, z: float, deadline_at: float):
    value = weighted_total_log2(n, z, deadline_at)
    return None if value is None else value - k * math.log2(z)


def count_bits(n: int, k: int) -> int:
    """An upper bound on the bit length of the count: C(N^2, k), or on boards from 15 x 15 on
    (where a pass per prime costs more than the bound) the smaller of that and
    min over z of P(z) / z^k (P(z): placements of any number of kings weighted z^kings,
    computed in floating point, 2 bits of margin), with z near the minimum found on an 8 x 8
    board holding the same share of kings."""
    bits = comb(n * n, k).bit_length() + 1
    a, b = 0, 1  # the modular DP keeps F(n + 3) profiles of k + 1 counts, or refuses the board
    for _ in range(n + 3):
        a, b = b, a + b
    if k < 1 or n < 15 or bits <= 61 or a * (k + 1) > MAX_COUNTS:
        return bits
    share = k * 64 / (n * n)

    def objective(log_z):  # convex in log z
        return weighted_total_log2(8, math.exp(log_z), math.inf) - share * log_z / math.log(2)

    ratio = (math.sqrt(5) - 1) / 2  # golden-section search, one new point per step
    lo, hi = -12.0, 12.0
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = objective(a), objective(b)
    for _ in range(24):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = objective(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = objective(b)
    bound = _log2_ratio(n, k, math.exp((lo + hi) / 2), deadline.deadline_at())
    if bound is None:
        deadline.check()
        return bits
    return max(1, min(bits, int(bound) + 3))


def solve_kings(n: int, k: int) -> int:
    if _compiled is None or k < 0:
        return count_kings(n, k)
    bits = count_bits(n, k)
    try:
        answer = combine(bits, lambda p: _compiled(n, k, p, deadline.deadline_at()))
    except MemoryError as exc:
        raise ValueError("board too large to count: %s" % exc) from exc
    if answer is None:
        deadline.check()
    return answer


class RoyalLockCounting(IntegerAnswerEnvironment):
    id = "RoyalLockCounting"
    zero_exact = True

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        parameter["K"] = rng.randint(1, max(1, n * n // 4))

    def solve(self, parameter):
        return {"reference_answer": solve_kings(parameter["N"], parameter["K"])}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"Place {k} kings on an {n} x {n} chessboard, at most one per square, so that no king attacks "
                "another. A king attacks the (up to 8) squares touching its own square horizontally, vertically "
                "or diagonally, so no two kings may stand on touching squares. The kings are identical: only "
                "the set of occupied squares matters.\n\n"
                "How many such placements are there? Answer with a single integer.")
