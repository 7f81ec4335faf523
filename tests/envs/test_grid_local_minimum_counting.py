"""GridLocalMinimumCounting: the inclusion-exclusion DP against counting all numberings."""
from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import permutations
from math import factorial

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting import grid_local_minimum_counting as module


def minima_pattern(n, m, values):
    return tuple("".join("X" if all(values[a * m + b] > values[i * m + j]
                                    for a, b in module._around(n, m, i, j) if (a, b) != (i, j)) else "."
                         for j in range(m)) for i in range(n))


@pytest.mark.parametrize("n, m", [(2, 2), (2, 3), (1, 5), (2, 4)])
def test_every_pattern_against_enumeration(n, m):
    counts = Counter(minima_pattern(n, m, p) for p in permutations(range(n * m)))
    for pattern, count in counts.items():
        grid = [list(row) for row in pattern]
        assert module.count_numberings(grid) == count, pattern
        twin = Fraction(factorial(n * m))
        for minima, extras in module.clusters(grid):
            twin *= module.cluster_sum(n, m, minima, extras)
        assert twin == count


def test_hand_counted():
    assert module.count_numberings([list("X."), list("..")]) == 6      # 1 in the corner: 3! for the rest
    assert module.count_numberings([list("X.X")]) == 2                  # 3 in the middle, 1 and 2 at the ends
    assert module.count_numberings([list("...")]) == 0                  # some cell always is a minimum
    with pytest.raises(ValueError):
        module.count_numberings([list("XX")])


def test_separate_clusters_multiply():
    # 1 x 7 row: X at 0 and 6 are 6 apart, the cells between split the work
    grid = [list("X.....X")]
    assert len(module.clusters(grid)) >= 1
    values = sum(1 for p in permutations(range(7)) if minima_pattern(1, 7, p) == ("X.....X",))
    assert module.count_numberings(grid) == values


@pytest.mark.parametrize("reference, answer, reward", [
    (60, "60", 1.0), (60, "30", 0.5 ** 10), (60, "0", 0.0), (60, "-1", -1.0), (0, "0", -1.0), (0, "3", 0.0),
])
def test_rewards(reference, answer, reward):
    config = {"seed": 0, "parameter": {"N": 2, "M": 3, "grid": [list("..."), list("X.X")], "reference_answer": reference}}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("GridLocalMinimumCounting", config, "<answer>%s</answer>" % answer)["reward"] == reward
