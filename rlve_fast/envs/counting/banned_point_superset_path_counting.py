"""BannedPointSupersetPathCounting: walk from (0, 0, 0) to (N, M, R); a step changes one
coordinate to a proper bitwise superset of itself; count the walks that avoid the banned
points, modulo MOD.

Unobstructed walks between two points depend only on how many bits each coordinate gains:
f[x][y][z] sums f over the last step (choose which bits it adds). Inclusion-exclusion over
the banned points in subset order: g[p] = -sum over banned-or-start q below p of g[q] f[p-q],
and the answer is -g[target] (compiled, O(points^2)).
Reward: one integer; outside [0, MOD) -0.5, the right residue 1.0, another residue 0.0."""
from __future__ import annotations

from math import comb

from rlve_fast import deadline
from rlve_fast.envs._residue import ResidueAnswerEnvironment

try:
    from rlve_fast.envs.counting._banned_point_superset_path_counting_solver import superset_paths as _compiled
except ImportError:  # the extension is not built: the Python twin below does the work
    _compiled = None


def superset_paths(points, mod: int) -> int:
    """Walks from points[0] to points[-1] avoiding points[1:-1], which are sorted so that a
    subset comes before its supersets (Python twin of the compiled solver)."""
    (x0, y0, z0), (xt, yt, zt) = points[0], points[-1]
    dx, dy, dz = (xt ^ x0).bit_count(), (yt ^ y0).bit_count(), (zt ^ z0).bit_count()
    free = {}
    for x in range(dx + 1):
        for y in range(dy + 1):
            for z in range(dz + 1):
                if x == y == z == 0:
                    free[0, 0, 0] = 1 % mod
                    continue
                free[x, y, z] = (sum(free[a, y, z] * comb(x, a) for a in range(x))
                                 + sum(free[x, a, z] * comb(y, a) for a in range(y))
                                 + sum(free[x, y, a] * comb(z, a) for a in range(z))) % mod
    signed = [1 % mod]
    for i in range(1, len(points)):
        xi, yi, zi = points[i]
        total = 0
        for j in range(i):
            xj, yj, zj = points[j]
            if xj & xi == xj and yj & yi == yj and zj & zi == zj:
                total += signed[j] * free.get(((xi ^ xj).bit_count(), (yi ^ yj).bit_count(),
                                               (zi ^ zj).bit_count()), 0)
        signed.append(-total % mod)
        deadline.check()
    return -signed[-1] % mod


def count_avoiding_paths(n: int, m: int, r: int, obstacles, mod: int) -> int:
    points = [(0, 0, 0)] + sorted(tuple(p) for p in obstacles) + [(n, m, r)]
    if _compiled is not None and 2 <= mod < 1 << 31 and max(n, m, r) < 1 << 63:
        answer = _compiled(points, mod, deadline.deadline_at())
        if answer is None:
            deadline.check()
            raise AssertionError("the compiled solver stopped before its deadline")  # not reached
        return answer
    return superset_paths(points, mod)


def _random_subset(rng, bits) -> int:
    """The sum of a random subset of ``bits``: its size uniform in 0..len(bits), then a uniform
    subset of that size (a partial Fisher-Yates shuffle)."""
    size, pool = rng.randint(0, len(bits)), list(bits)
    for i in range(size):
        j = rng.randrange(i, len(pool))
        pool[i], pool[j] = pool[j], pool[i]
    return sum(pool[:size])


class BannedPointSupersetPathCounting(ResidueAnswerEnvironment):
    id = "BannedPointSupersetPathCounting"
    max_mod = 10000

    @staticmethod
    def schedule():
        coordinate, banned = 1, 10
        while True:
            yield [{"MAX_N_M_R": coordinate, "MAX_O": banned}]
            coordinate, banned = int(coordinate * 1.1 + 1), int(banned * 1.1 + 1)

    def sample(self, rng, parameter):
        limit, most = parameter["MAX_N_M_R"], parameter["MAX_O"]
        if limit < 1 or most < 1:
            raise ValueError("MAX_N_M_R and MAX_O must be at least 1")
        while True:
            n, m, r = rng.randint(0, limit), rng.randint(0, limit), rng.randint(0, limit)
            points = 1 << (n.bit_count() + m.bit_count() + r.bit_count())
            if points - 2 >= 1:
                break
        count = rng.randint(1, min(most, points - 2))
        bits = [[1 << b for b in range(v.bit_length()) if v >> b & 1] for v in (n, m, r)]
        chosen, banned = set(), []
        while len(banned) < count:
            point = (_random_subset(rng, bits[0]), _random_subset(rng, bits[1]), _random_subset(rng, bits[2]))
            if point != (0, 0, 0) and point != (n, m, r) and point not in chosen:
                chosen.add(point)
                banned.append(list(point))
            deadline.check()
        rng.shuffle(banned)
        parameter.update(N=n, M=m, R=r, O=count, obstacles=banned, MOD=rng.randint(2, self.max_mod))

    def solve(self, parameter):
        p = parameter
        return {"reference_answer": count_avoiding_paths(p["N"], p["M"], p["R"], p["obstacles"], p["MOD"])}

    def prompt(self, parameter):
        n, m, r = parameter["N"], parameter["M"], parameter["R"]
        banned = "\n".join("(%d, %d, %d)" % tuple(p) for p in parameter["obstacles"])
        return (f"A walker in 3-D space starts at (0, 0, 0) and must end at ({n}, {m}, {r}). In one step it "
                "changes exactly one coordinate, and only to a value whose binary representation contains "
                "every 1-bit of the current value: from (x, y, z) it may go to (x', y, z) with x' != x and "
                "x & x' = x, or change y or z in the same way (& is bitwise AND).\n\n"
                f"The walker must never stand on any of these points:\n{banned}\n\n"
                f"Count the different walks from (0, 0, 0) to ({n}, {m}, {r}) that stay off every listed "
                f"point. Give the count modulo {parameter['MOD']}, as a single integer from 0 to "
                f"{parameter['MOD'] - 1}.")
