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


def _twin_count(grid):
    n, m = len(grid), len(grid[0])
    total = Fraction(factorial(n * m))
    for minima, extras in module.clusters(grid):
        total *= module.cluster_sum(n, m, minima, extras)
    return int(total)


@pytest.mark.skipif(module._compiled is None, reason="extension not built")
def test_compiled_count_matches_twin_on_random_grids():
    # arbitrary X patterns (not only those of a numbering), several clusters and words of cells
    import random

    rng = random.Random(7)
    grids = []
    for _ in range(120):  # small grids (the twin's independent sets stay few)
        n, m = rng.randint(1, 4), rng.randint(1, 5)
        density = rng.random() * 0.4
        grids.append([["X" if rng.random() < density else "." for _ in range(m)] for _ in range(n)])
    for _ in range(10):  # 3 x 30: masks over two words; an X every third column, a few left out (never two
        grid = [["."] * 30 for _ in range(3)]  # in a row: the twin is slow on larger clusters)
        for column in range(1, 30, 3):
            if column < 4 or grid[1][column - 3] == "." or rng.random() < 0.7:
                grid[1][column] = "X"
        grids.append(grid)
    for grid in grids:
        try:
            expected = _twin_count(grid)
        except ValueError:
            with pytest.raises(ValueError):
                module.count_numberings(grid)
            continue
        assert module.count_numberings(grid) == expected, grid


@pytest.mark.skipif(module._compiled is None, reason="extension not built")
def test_compiled_minima_rows_match_the_definition():
    import random

    rng = random.Random(3)
    for _ in range(100):
        n, m = rng.randint(1, 8), rng.randint(1, 8)
        values = list(range(1, n * m + 1))
        rng.shuffle(values)
        assert tuple("".join(row) for row in module._compiled.minima_rows(values, n, m)) == \
            minima_pattern(n, m, values)


@pytest.mark.skipif(module._compiled is None, reason="extension not built")
def test_large_grids_stop_at_the_deadline():
    import time

    from rlve_fast.errors import GenerationError, GenerationTimeout

    env = rlve_fast.make("GridLocalMinimumCounting")
    for seed in range(10):
        start = time.perf_counter()
        try:
            env.generate(seed, difficulty=14, time_budget=0.01)
        except (GenerationTimeout, GenerationError):
            pass
        assert time.perf_counter() - start < 0.5
