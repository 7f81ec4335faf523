"""GridTriangleCounting: the compiled grouped sum against the plain per-g sum and a direct
count of collinear offsets."""
from __future__ import annotations

from math import gcd

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import deadline
from rlve_fast.envs.counting import grid_triangle_counting as grid
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.counting._grid_triangle_counting_solver")


def direct_weighted_gcd_sum(n, m):
    """Sum over offsets 1 <= dx <= n, 1 <= dy <= m of placements * gcd(dx, dy)."""
    return sum((n - dx + 1) * (m - dy + 1) * gcd(dx, dy) for dx in range(1, n + 1) for dy in range(1, m + 1))


def test_plain_sum_against_direct_count():
    for n in range(1, 16):
        for m in range(1, 16):
            assert grid.weighted_gcd_sum(n, m) == direct_weighted_gcd_sum(n, m), (n, m)
    assert grid.weighted_gcd_sum(2, 2) == 4 * 1 + 2 * 1 + 2 * 1 + 1 * 2  # offsets (1,1) (1,2) (2,1) (2,2)


def test_compiled_sum_on_every_small_grid():
    for n in range(1, 60):
        for m in range(1, 60):
            assert grid.fast_weighted_gcd_sum(n, m) == grid.weighted_gcd_sum(n, m), (n, m)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 30000), st.integers(1, 30000))
def test_compiled_sum_matches_plain_sum(n, m):
    assert grid.fast_weighted_gcd_sum(n, m) == grid.weighted_gcd_sum(n, m)


def test_compiled_sum_beyond_64_and_128_bits():
    for n, m in [(100000, 100000), (65537, 262144), (1, 500000), (500000, 3), (123457, 98765)]:
        assert grid.fast_weighted_gcd_sum(n, m) == grid.weighted_gcd_sum(n, m), (n, m)
    # past 2**128 the residue is completed by the floating-point estimate; this value (129
    # bits) comes from an independent big-integer evaluation of the same grouped sum
    assert grid.fast_weighted_gcd_sum(3 * 10 ** 9, 4 * 10 ** 9) == 473910244411500019729535441328614232808


def test_compiled_sum_stops_at_the_deadline():
    assert compiled.weighted_gcd_sum_mod(10 ** 9, 10 ** 9, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            grid.fast_weighted_gcd_sum(10 ** 9, 10 ** 9)


def test_counts_by_hand():
    # 2 x 1 grid: 6 points, C(6, 3) = 20 triples, 2 collinear rows of 3
    assert grid.count_grid_triangles(2, 1) == 18
    # 2 x 2 grid: 84 triples, 8 collinear (3 rows, 3 columns, 2 diagonals)
    assert grid.count_grid_triangles(2, 2) == 76


def test_plain_sieve_refuses_what_it_cannot_hold():
    with pytest.raises(ValueError):
        grid.totients(grid.SIEVE_LIMIT + 1)
    with pytest.raises(ValueError):  # beyond the compiled range the plain sum would need that sieve
        grid.count_grid_triangles(1 << 40, 1 << 40)
