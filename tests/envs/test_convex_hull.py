"""ConvexHull: the hull area against an edge-by-edge brute force, the point sampler (general
position; compiled and Python twins draw the same points), the scorer's (min/max)^5 rule."""
from __future__ import annotations

import math
import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.geometry.convex_hull import double_hull_area, points_in_general_position


def brute_double_area(points):
    """Sum of x1*y2 - x2*y1 over the directed edges p->q that keep every other point on their
    left: the counter-clockwise hull edges (no three points are collinear)."""
    total = 0
    for p in points:
        for q in points:
            if p == q:
                continue
            if all((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]) > 0
                   for r in points if r != p and r != q):
                total += p[0] * q[1] - q[0] * p[1]
    return total


def collinear(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) == (b[1] - a[1]) * (c[0] - a[0])


def test_area_against_brute_force():
    rng = random.Random(5)
    for _ in range(200):
        n = rng.randint(3, 12)
        points = points_in_general_position(n, rng)
        assert double_hull_area(points) == brute_double_area(points)


def test_hand_computed_areas():
    assert double_hull_area([[0, 0], [4, 0], [0, 3]]) == 12
    assert double_hull_area([[0, 0], [2, 0], [2, 2], [0, 2], [1, 3]]) == 10  # square 8 + roof 2
    assert double_hull_area([[4, 3], [0, 2], [3, 3], [3, 2], [4, 1]]) == 9


def test_sampled_points_are_in_general_position():
    rng = random.Random(6)
    for n in (3, 5, 9, 14):
        points = points_in_general_position(n, rng)
        assert len(points) == n and all(0 <= x <= n and 0 <= y <= n for x, y in points)
        assert len({tuple(p) for p in points}) == n
        assert not any(collinear(*triple) for triple in combinations(points, 3))


def test_compiled_sampler_draws_the_python_twins_points():
    sampler = pytest.importorskip("rlve_fast.envs.geometry._convex_hull_sampler")
    for n in (3, 10, 40):
        for seed in range(3):
            assert sampler.sample_points(n, random.Random(seed), math.inf) == \
                points_in_general_position(n, random.Random(seed))


CONFIG = {"seed": 0, "parameter": {"N": 5, "points": [[4, 3], [0, 2], [3, 3], [3, 2], [4, 1]],
                                   "reference_answer": 9}}


@pytest.mark.parametrize("answer, reward", [
    ("9", 1.0), ("18", 0.5 ** 5), ("3", (1 / 3) ** 5), ("0", -1.0), ("-9", -1.0), ("4.5", -1.0),
    ("9 9", -1.0), ("", -1.0), ("1" + "0" * 40, (9 / 10 ** 40) ** 5),
])
def test_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("ConvexHull", CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


@settings(max_examples=150, deadline=None)
@given(st.integers(-5, 10 ** 20))
def test_paths_agree_and_reward_in_range(value):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("ConvexHull", CONFIG, "<answer>%d</answer>" % value)["reward"])
    assert out[0] == out[1]
    assert out[0] == -1.0 if value <= 0 else 0.0 <= out[0] <= 1.0
