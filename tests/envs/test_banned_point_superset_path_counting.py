"""BannedPointSupersetPathCounting: both solvers against a walk-by-walk dynamic programme."""
from __future__ import annotations

import random
from functools import lru_cache

import pytest

from rlve_fast.envs.counting import banned_point_superset_path_counting as module


def submasks(v):
    out, s = [], v
    while True:
        out.append(s)
        if s == 0:
            return out
        s = (s - 1) & v


def brute_force(n, m, r, banned):
    banned = {tuple(p) for p in banned}

    @lru_cache(maxsize=None)
    def walks(x, y, z):  # walks from the origin ending at (x, y, z)
        if (x, y, z) == (0, 0, 0):
            return 1
        if (x, y, z) in banned:
            return 0
        total = sum(walks(a, y, z) for a in submasks(x) if a != x)
        total += sum(walks(x, b, z) for b in submasks(y) if b != y)
        total += sum(walks(x, y, c) for c in submasks(z) if c != z)
        return total

    return walks(n, m, r)


def solvers():
    yield module.superset_paths
    if module._compiled is not None:
        yield lambda points, mod: module._compiled(points, mod, float("inf"))


@pytest.mark.parametrize("n, m, r, banned, count", [
    (1, 0, 0, [], 1),               # one step
    (3, 0, 0, [], 3),               # 0->3, 0->1->3, 0->2->3
    (3, 0, 0, [[1, 0, 0]], 2),
    (1, 1, 0, [], 2),               # x first or y first
    (1, 1, 0, [[1, 0, 0]], 1),
    (1, 1, 1, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], 0),
])
def test_hand_counted(n, m, r, banned, count):
    points = [(0, 0, 0)] + sorted(map(tuple, banned)) + [(n, m, r)]
    for solve in solvers():
        assert solve(points, 10**6) == count


def test_against_walk_counting():
    rng = random.Random(3)
    for _ in range(300):
        n, m, r = rng.randint(0, 15), rng.randint(0, 7), rng.randint(0, 7)
        candidates = [(a, b, c) for a in submasks(n) for b in submasks(m) for c in submasks(r)]
        candidates = [p for p in candidates if p not in ((0, 0, 0), (n, m, r))]
        banned = rng.sample(candidates, rng.randint(0, len(candidates)))
        mod = rng.choice([2, 97, 10000, 2**31 - 1])
        want = brute_force(n, m, r, banned) % mod
        assert module.count_avoiding_paths(n, m, r, banned, mod) == want
        points = [(0, 0, 0)] + sorted(banned) + [(n, m, r)]
        for solve in solvers():
            assert solve(points, mod) == want
