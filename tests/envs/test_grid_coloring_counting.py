"""GridColoringCounting: the solvers against colour-by-colour enumeration of small boards."""
from __future__ import annotations

import random
from itertools import combinations

import pytest

from rlve_fast.envs.counting import grid_coloring_counting as module


def brute_force(n, m, xs):
    cells = [(i, j) for i in range(n) for j in range(m)]

    def place(k, used_rows, used_cols, taken):
        if k == len(xs):
            return 1
        free = [c for c in cells if c not in taken and c[0] not in used_rows and c[1] not in used_cols]
        return sum(place(k + 1, used_rows | {i for i, _ in chosen}, used_cols | {j for _, j in chosen},
                         taken | set(chosen))
                   for chosen in combinations(free, xs[k]))

    return place(0, frozenset(), frozenset(), frozenset())


def solvers():
    yield module.count_colorings
    if module._compiled is not None:
        yield lambda n, m, xs, mod: module._compiled.count_colorings(n, m, xs, mod, float("inf"))


@pytest.mark.parametrize("n, m, xs, count", [
    (2, 2, [1], 4), (2, 2, [2], 6), (2, 2, [4], 1), (2, 2, [1, 1], 4),
    (2, 2, [2, 1], 0),       # two cells of colour 0 always block colour 1
    (2, 3, [1, 1], 12),      # 6 cells, then the other row and one of 2 other columns
    (3, 3, [1, 1, 1], 36),   # a permutation matrix (6) times colour orders (3!)
])
def test_hand_counted(n, m, xs, count):
    for solve in solvers():
        assert solve(n, m, xs, 10**6) == count
    assert module.solve_coloring(n, m, xs, 10**6) == count


def test_against_enumeration():
    rng = random.Random(11)
    for _ in range(120):
        n, m = rng.randint(2, 3), rng.randint(2, 4)
        cells = rng.randint(1, n * m)
        colors = rng.randint(1, min(n, m, cells, 3))
        cuts = sorted(rng.sample(range(1, cells), colors - 1))
        xs = [b - a for a, b in zip([0] + cuts, cuts + [cells])]
        mod = rng.choice([2, 6, 97, 10000, 2**31 - 1])
        want = brute_force(n, m, xs)
        for solve in solvers():
            assert solve(n, m, xs, mod) == want % mod, (n, m, xs, mod)
        assert (module.columns_needed(n, m, xs) <= m) == (want > 0)
        if module._compiled is not None:
            assert (module._compiled.columns_needed(n, m, xs) <= m) == (want > 0)


def test_compiled_matches_the_twin_on_larger_boards():
    if module._compiled is None:
        pytest.skip("compiled solver not built")
    rng = random.Random(2)
    for _ in range(25):
        n, m = rng.randint(2, 9), rng.randint(2, 9)
        cells = rng.randint(1, n * m // 2)
        colors = rng.randint(1, min(n, m, cells, 4))
        cuts = sorted(rng.sample(range(1, cells), colors - 1))
        xs = [b - a for a, b in zip([0] + cuts, cuts + [cells])]
        for mod in (2, 12, 9973, 10000):
            assert module._compiled.count_colorings(n, m, xs, mod, float("inf")) == module.count_colorings(n, m, xs, mod)
        assert module._compiled.columns_needed(n, m, xs) == module.columns_needed(n, m, xs) or (
            module.columns_needed(n, m, xs) == float("inf") and module._compiled.columns_needed(n, m, xs) > n * m)
