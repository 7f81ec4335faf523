"""MatrixRMQCounting: count H x W matrices with entries in 1..M whose listed rectangles have
the listed maxima, modulo MOD.

Cut the matrix into blocks along every rectangle edge. A block's entries are bounded by the
smallest maximum among the rectangles covering it, so a rectangle of maximum v can only reach
v inside blocks whose bound is v: rectangles split into independent groups by v. Within a
group, a rectangle whose reachable blocks include another's is implied by it and dropped;
the rest split into connected parts, each an inclusion-exclusion over its rectangles
(compiled, subset sums of the free area). With at most 12 rectangles the grouping costs more
than it saves: one inclusion-exclusion per value over all its rectangles instead, the whole
count in one compiled call.
Reward: one integer; outside [0, MOD) -0.5, the right residue 1.0, another residue 0.0."""
from __future__ import annotations

from bisect import bisect_left

from rlve_fast import deadline
from rlve_fast.envs._residue import ResidueAnswerEnvironment

try:
    from rlve_fast.envs.counting._matrix_rmq_counting_solver import count_few as _compiled_few
    from rlve_fast.envs.counting._matrix_rmq_counting_solver import hitting_sum as _compiled
    from rlve_fast.envs.counting._matrix_rmq_counting_solver import draw_instance as _compiled_draw
except ImportError:  # the extension is not built: the Python twin does the work
    _compiled = _compiled_few = _compiled_draw = None


def hitting_sum(k: int, masks, areas, value: int, mod: int) -> int:
    """Python twin of the compiled inclusion-exclusion (see _matrix_rmq_counting_solver.pyx)."""
    total = 0
    for s in range(1 << k):
        deadline.check()
        free = sum(a for mask, a in zip(masks, areas) if not mask & s)
        term = pow(value, free, mod) * pow(value - 1, sum(areas) - free, mod)
        total += -term if bin(s).count("1") & 1 else term
    return total % mod


def _group_count(covering, areas, value: int, mod: int) -> int:
    """Fillings of the blocks bounded by ``value`` (``covering[i]``: the set of rectangles of
    maximum ``value`` covering block i) in which every rectangle attains ``value``."""
    rectangles = sorted(set().union(*covering)) if covering else []
    reach = {r: frozenset(i for i, cover in enumerate(covering) if r in cover) for r in rectangles}
    # A rectangle reaching a superset of another's blocks attains the value whenever that one does.
    kept = [r for r in rectangles
            if not any(o != r and reach[o] <= reach[r] and (reach[o] < reach[r] or o < r) for o in rectangles)]
    answer, parent = 1, {r: r for r in kept}

    def root(r):
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for cover in covering:
        present = [r for r in cover if r in parent]
        for r in present[1:]:
            parent[root(r)] = root(present[0])
    parts = {}
    for r in kept:
        parts.setdefault(root(r), []).append(r)
    free_area = 0
    blocks_by_part = {p: {} for p in parts}
    for cover, area in zip(covering, areas):
        present = [r for r in cover if r in parent]
        if not present:
            free_area += area
            continue
        part = root(present[0])
        bit = {r: i for i, r in enumerate(parts[part])}
        mask = sum(1 << bit[r] for r in present)
        blocks_by_part[part][mask] = blocks_by_part[part].get(mask, 0) + area
    answer = pow(value, free_area, mod)
    for part, members in parts.items():
        masks, part_areas = list(blocks_by_part[part]), list(blocks_by_part[part].values())
        if _compiled is not None and mod < 1 << 31:
            got = _compiled(len(members), masks, part_areas, value, mod, deadline.deadline_at())
            if got is None:
                deadline.check()
        else:
            got = hitting_sum(len(members), masks, part_areas, value, mod)
        answer = answer * got % mod
    return answer


FEW_RECTANGLES = 12  # up to this many, one inclusion-exclusion per value without the grouping


def count_matrices(h: int, w: int, m: int, constraints, mod: int) -> int:
    if len(constraints) <= FEW_RECTANGLES and _compiled_few is not None and 2 <= mod < 1 << 31:
        return count_few(h, w, m, constraints, mod)
    return count_grouped(h, w, m, constraints, mod)


def count_few(h: int, w: int, m: int, constraints, mod: int) -> int:
    """The same count for a few rectangles, compiled in one call: per value v, one
    inclusion-exclusion over all the rectangles of maximum v (at most 2^12 terms), with blocks
    as bit masks of rectangles."""
    got = _compiled_few(h, w, m, constraints, mod, deadline.deadline_at())
    if got is None:
        deadline.check()
        raise AssertionError("the compiled count stopped before its deadline")
    return got


def count_grouped(h: int, w: int, m: int, constraints, mod: int) -> int:
    xs = sorted({1, h + 1} | {c[0] for c in constraints} | {c[2] + 1 for c in constraints})
    ys = sorted({1, w + 1} | {c[1] for c in constraints} | {c[3] + 1 for c in constraints})
    bound = {}  # block -> (smallest maximum over covering rectangles, the rectangles having it)
    for index, (x1, y1, x2, y2, v) in enumerate(constraints):
        for bx in range(bisect_left(xs, x1), bisect_left(xs, x2 + 1)):
            for by in range(bisect_left(ys, y1), bisect_left(ys, y2 + 1)):
                old = bound.get((bx, by))
                if old is None or v < old[0]:
                    bound[bx, by] = (v, {index})
                elif v == old[0]:
                    old[1].add(index)
        deadline.check()
    uncovered = h * w
    groups = {}
    for (bx, by), (v, rects) in bound.items():
        area = (xs[bx + 1] - xs[bx]) * (ys[by + 1] - ys[by])
        uncovered -= area
        groups.setdefault(v, ([], []))
        groups[v][0].append(rects)
        groups[v][1].append(area)
    answer = pow(m, uncovered, mod)
    for v in {c[4] for c in constraints}:
        covering, areas = groups.get(v, ([], []))
        reachable = set().union(*covering)
        if any(c[4] == v and i not in reachable for i, c in enumerate(constraints)):
            return 0  # a rectangle whose blocks are all bounded below its maximum
        answer = answer * _group_count(covering, areas, v, mod) % mod
    return answer


class MatrixRMQCounting(ResidueAnswerEnvironment):
    id = "MatrixRMQCounting"
    size_factor = 2
    max_mod = 1000000

    @staticmethod
    def schedule():
        n = 2
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2:
            raise ValueError("N must be at least 2")
        side = n * self.size_factor
        if _compiled_draw is not None and side <= 1 << 20:  # the same draws, in one compiled call
            h, w, m, constraints, mod = _compiled_draw(rng, n, side, self.max_mod)
            parameter.update(H=h, W=w, M=m, constraints=constraints, MOD=mod)
            return
        h, w, m = rng.randint(1, side), rng.randint(1, side), rng.randint(1, side * side)
        matrix = [[rng.randint(1, m) for _ in range(w)] for _ in range(h)]
        constraints = []
        for _ in range(n):
            rows, cols = rng.randint(1, h), rng.randint(1, w)
            x1, y1 = rng.randint(1, h - rows + 1), rng.randint(1, w - cols + 1)
            x2, y2 = x1 + rows - 1, y1 + cols - 1
            constraints.append([x1, y1, x2, y2, max(max(row[y1 - 1:y2]) for row in matrix[x1 - 1:x2])])
        parameter.update(H=h, W=w, M=m, constraints=constraints, MOD=rng.randint(2, self.max_mod))

    def solve(self, parameter):
        p = parameter
        return {"reference_answer": count_matrices(p["H"], p["W"], p["M"], p["constraints"], p["MOD"])}

    def prompt(self, parameter):
        h, w, m, mod = parameter["H"], parameter["W"], parameter["M"], parameter["MOD"]
        rules = "\n".join("the largest entry with row in %d..%d and column in %d..%d equals %d"
                          % (x1, x2, y1, y2, v) for x1, y1, x2, y2, v in parameter["constraints"])
        return (f"Fill a matrix A with {h} rows and {w} columns (rows numbered 1 to {h}, columns 1 to {w}) "
                f"with integers from 1 to {m}. The filling must satisfy all {len(parameter['constraints'])} "
                f"of the following conditions, each about a rectangle of A (bounds inclusive):\n{rules}\n\n"
                f"How many fillings satisfy every condition? Give the count modulo {mod}, as a single integer "
                f"from 0 to {mod - 1}.")
