"""ConvexHull: N integer points in [0, N]^2, no two equal and no three on a line; give twice the
area of their convex hull.

Answer: one integer. Reward: (min/max)^5 between the answer and the true value; an answer
<= 0 (or no integer) is -1."""
from __future__ import annotations

from math import gcd

from rlve_fast import deadline
from rlve_fast.errors import GenerationTimeout
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def points_in_general_position(n: int, rng):
    """Python twin of ``_convex_hull_sampler.sample_points`` (same draws, same result)."""
    side = n + 1
    blocked = bytearray(side * side)
    free = side * side
    points = []
    for _ in range(n):
        while True:
            deadline.check()
            if free == 0:
                raise ValueError("no grid cell is left off the lines through the points so far")
            x, y = rng.randint(0, n), rng.randint(0, n)
            if not blocked[x * side + y]:
                break
        blocked[x * side + y] = 1
        free -= 1
        for px, py in points:
            g = gcd(px - x, py - y)
            dx, dy = (px - x) // g, (py - y) // g
            for sign in (1, -1):
                cx, cy = x, y
                while 0 <= cx < side and 0 <= cy < side:
                    if not blocked[cx * side + cy]:
                        blocked[cx * side + cy] = 1
                        free -= 1
                    cx, cy = cx + sign * dx, cy + sign * dy
        points.append([x, y])
    return points


def _turn(origin, a, b) -> int:
    """Positive when origin -> a -> b turns counter-clockwise (a cross product)."""
    ax, ay = a[0] - origin[0], a[1] - origin[1]
    bx, by = b[0] - origin[0], b[1] - origin[1]
    return ax * by - ay * bx


def double_hull_area(points) -> int:
    """Twice the area of the convex hull (monotone chain, then the shoelace formula)."""
    ordered = sorted(map(tuple, points))
    if len(ordered) < 3:
        return 0

    def chain(sequence):
        hull = []
        for p in sequence:
            while len(hull) >= 2 and _turn(hull[-2], hull[-1], p) <= 0:
                hull.pop()
            hull.append(p)
        return hull[:-1]

    hull = chain(ordered) + chain(reversed(ordered))
    twice = 0
    for i, (x1, y1) in enumerate(hull):
        x2, y2 = hull[(i + 1) % len(hull)]
        twice += x1 * y2 - x2 * y1
    return abs(twice)


class ConvexHull(IntegerAnswerEnvironment):
    id = "ConvexHull"
    beta = 5.0
    lowest_valid = 1
    parameter_types = {"reference_answer": int}

    @staticmethod
    def schedule():
        n = 5
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        try:
            from rlve_fast.envs.geometry._convex_hull_sampler import sample_points
        except ImportError:  # the extension is not built: the Python twin draws the same points
            parameter["points"] = points_in_general_position(n, rng)
            return
        points = sample_points(n, rng, deadline.deadline_at())
        if points is None:
            deadline.check()
            raise GenerationTimeout("ConvexHull ran past its time budget")
        parameter["points"] = points

    def solve(self, parameter):
        return {"reference_answer": double_hull_area(parameter["points"])}

    def prompt(self, parameter):
        n = parameter["N"]
        points = "\n".join("(%d, %d)" % tuple(p) for p in parameter["points"])
        return (f"Here are {n} points of the plane, labelled 0 to {n - 1} in the order listed. Their "
                "coordinates are integers, no two of them coincide, and no three of them lie on one "
                f"straight line:\n{points}\n\n"
                "Their convex hull is the smallest convex polygon containing all of them. Its area "
                "times 2 is always an integer: find it, and answer with that single integer.")
