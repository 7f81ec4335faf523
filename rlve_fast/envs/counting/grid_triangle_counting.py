"""GridTriangleCounting: non-degenerate triangles with vertices on the lattice points of an
(N+1) x (M+1) grid.

All triples minus collinear ones. Collinear triples on a slanted line are counted by their
two outer points: for an offset (dx, dy) there are (N-dx+1)(M-dy+1) placements, gcd(dx, dy)-1
middle points, and two mirror directions; writing gcd(dx, dy) = sum over g | dx, g | dy of
phi(g) makes the double sum separable: runs of g sharing floor(N/g) and floor(M/g) need only
prefix sums of phi(g), g phi(g) and g^2 phi(g) (compiled, O(max(N, M)^(2/3))).
Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

from math import comb

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._grid_triangle_counting_solver import LIMIT as _COMPILED_LIMIT
    from rlve_fast.envs.counting._grid_triangle_counting_solver import weighted_gcd_sum_mod
except ImportError:  # the extension did not build: the plain sum below
    weighted_gcd_sum_mod, _COMPILED_LIMIT = None, 0


SIEVE_LIMIT = 1 << 27


def totients(limit: int):
    if limit > SIEVE_LIMIT:  # a list sieve this long would not fit in memory, nor finish
        raise ValueError("%d is beyond the sieve's reach (%d)" % (limit, SIEVE_LIMIT))
    phi = list(range(limit + 1))
    for p in range(2, limit + 1):
        if phi[p] == p:  # p is prime
            deadline.check()
            for multiple in range(p, limit + 1, p):
                phi[multiple] -= phi[multiple] // p
    return phi


def _placements(n: int, step: int) -> int:
    """Sum of (n - dx + 1) over the offsets dx = step, 2 step, ... <= n."""
    q = n // step
    return q * (n + 1) - step * q * (q + 1) // 2


def weighted_gcd_sum(n: int, m: int) -> int:
    """Sum over offsets (dx, dy) >= 1 of placements * gcd(dx, dy), via gcd = sum_{g | gcd}
    phi(g): the sum over g of phi(g) * placements(n, g) * placements(m, g)."""
    phi = totients(min(n, m))
    return sum(phi[g] * _placements(n, g) * _placements(m, g) for g in range(1, min(n, m) + 1))


def fast_weighted_gcd_sum(n: int, m: int) -> int:
    """:func:`weighted_gcd_sum`, compiled where it can be (same value)."""
    if weighted_gcd_sum_mod is None or not (1 <= n < _COMPILED_LIMIT and 1 <= m < _COMPILED_LIMIT):
        return weighted_gcd_sum(n, m)
    low, high, estimate = finished(weighted_gcd_sum_mod(n, m, deadline.deadline_at()))
    residue = high << 64 | low  # the sum modulo 2**128; the estimate fixes the multiple
    return residue + round((estimate - residue) / 2.0 ** 128) * (1 << 128)


def count_grid_triangles(n: int, m: int) -> int:
    points = (n + 1) * (m + 1)
    collinear_axis = (m + 1) * comb(n + 1, 3) + (n + 1) * comb(m + 1, 3)
    # sum over offsets of placements * (gcd - 1)
    collinear_slanted = 2 * (fast_weighted_gcd_sum(n, m) - _placements(n, 1) * _placements(m, 1))
    return comb(points, 3) - collinear_axis - collinear_slanted


class GridTriangleCounting(IntegerAnswerEnvironment):
    id = "GridTriangleCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 5
        while True:
            yield [{"MAX_N_M": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_N_M"] < 1:
            raise ValueError("MAX_N_M must be at least 1")
        parameter["N"] = rng.randint(1, parameter["MAX_N_M"])
        parameter["M"] = rng.randint(1, parameter["MAX_N_M"])

    def solve(self, parameter):
        return {"reference_answer": count_grid_triangles(parameter["N"], parameter["M"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"Take all points (x, y) with integer coordinates, 0 <= x <= {n} and 0 <= y <= {m}. How many "
                "triangles with positive area have all three corners among these points?\n\n"
                "Answer with a single integer.")
