"""SubmatrixSumDivisibleCounting: the compiled count against the Python count and against
enumerating every submatrix."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import deadline
from rlve_fast.envs.counting import submatrix_sum_divisible_counting as sub
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.counting._submatrix_sum_divisible_counting_solver")


def enumerate_blocks(matrix, k):
    rows, cols = len(matrix), len(matrix[0])
    return sum(1 for r0 in range(rows) for r1 in range(r0, rows) for c0 in range(cols) for c1 in range(c0, cols)
               if sum(matrix[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)) % k == 0)


def test_compiled_against_enumeration():
    rng = random.Random(3)
    for _ in range(300):
        n, m, k = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 12)
        matrix = [[rng.randint(-20, 40) for _ in range(m)] for _ in range(n)]
        brute = enumerate_blocks(matrix, k)
        assert compiled.count_divisible(matrix, k, float("inf")) == brute
        assert sub.count_divisible_submatrices(matrix, k) == brute


def test_by_hand():
    # [[1, 2], [3, 4]], k = 3: of the nine blocks, the sums 1 2 3 4 3 7 4 6 10 give three
    # multiples of 3: [3], the top row [1 2] and the right column [2; 4]
    assert sub.count_divisible_submatrices([[1, 2], [3, 4]], 3) == 3
    assert sub.count_divisible_submatrices([[5]], 1) == 1


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.lists(st.lists(st.integers(-10 ** 20, 10 ** 20), min_size=4, max_size=4),
                                    min_size=1, max_size=6))
def test_compiled_matches_python(k, matrix):
    assert sub.count_divisible_submatrices(matrix, k) == sub.plain_count_divisible_submatrices(matrix, k)


def test_irregular_matrices_go_to_python():
    assert compiled.count_divisible([[1, 2], [3]], 2, float("inf")) == -1
    assert compiled.count_divisible([[1, 2.0]], 2, float("inf")) == -1
    assert compiled.count_divisible([], 2, float("inf")) == -1
    with pytest.raises(IndexError):  # a short row: the Python count fails as upstream's would
        sub.count_divisible_submatrices([[1, 2], [3]], 2)


def test_compiled_count_stops_at_the_deadline():
    big = [[1] * 300 for _ in range(300)]
    assert compiled.count_divisible(big, 7, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            sub.count_divisible_submatrices(big, 7)
