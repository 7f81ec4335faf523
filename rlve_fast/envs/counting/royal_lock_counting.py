"""RoyalLockCounting: in how many ways can K non-attacking kings be placed on an N x N board?

A broken-profile DP over the cells in row-major order: the profile (the N + 1 cells that
border the rest of the board) never holds two kings side by side, so its Zeckendorf rank
indexes it, and each state keeps its counts by number of kings, only for the degrees that
can still end at exactly K. Compiled modulo primes below 2**62; the exact count, at most
C(N^2, K), comes back by the Chinese remainder theorem.
Reward: (min/max)^10 against the true count; a negative answer is wrong-format, and when the
count is 0 only 0 earns the reward."""
from __future__ import annotations

from math import comb

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import combine
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._royal_lock_counting_solver import count_kings_mod as _compiled
except ImportError:  # the extension is not built: the Python twin does the work
    _compiled = None


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


def solve_kings(n: int, k: int) -> int:
    if _compiled is None or k < 0:
        return count_kings(n, k)
    bits = comb(n * n, k).bit_length() + 1
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
