"""GridLocalMinimumCounting: count the numberings of an N x M grid with 1..NM whose local
minima (cells smaller than all of their up to 8 neighbours) are exactly the cells marked X.

Inclusion-exclusion over the extra minima E, chosen among the cells C that touch no X (an X
already makes its neighbours non-minimal): answer = sum_E (-1)^|E| #(all of X + E minimal).
Taking the cells of Y from the smallest value up, the probability that all
of Y are minima is h(Y) = (1/|N[Y]|) sum_{y in Y} h(Y - y) (N[Y]: Y and its neighbours; the
smallest of N[Y] must be a cell of Y). One DP over the independent sets S of X + C carries
the signs: D(S) = (1/|N[S]|) sum_y sign(y) D(S - y), and the count is (NM)! sum_{S >= X} D(S).
Cells at king distance >= 3 do not interact, so the sum factorizes over the clusters of X + C.
Compiled as one call per grid (the clusters and their sums) modulo primes above NM; the count
is below (NM)!, so enough primes rebuild it exactly (CRT).
Reward: (min/max)^10 against the true count; a negative answer is wrong-format."""
from __future__ import annotations

import functools
from fractions import Fraction
from math import factorial

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import from_residues, primes
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting import _grid_local_minimum_counting_solver as _compiled
except ImportError:  # the extension is not built: the exact Python twin does the work
    _compiled = None

MAX_STATES = 1 << 26  # larger clusters are refused rather than run out of memory


@functools.lru_cache(maxsize=4096)
def _around(n, m, i, j):
    """The cells of the 3 x 3 block centred on (i, j) inside the grid (cached: grids are
    small and the same cells are asked for many times)."""
    return tuple((i + a, j + b) for a in (-1, 0, 1) for b in (-1, 0, 1) if 0 <= i + a < n and 0 <= j + b < m)


@functools.lru_cache(maxsize=1024)
def _neighbour_indices(n, m):
    """Per cell i * m + j, the indices of its up to 8 neighbours."""
    return tuple(tuple(a * m + b for a, b in _around(n, m, i, j) if (a, b) != (i, j))
                 for i in range(n) for j in range(m))


def clusters(grid):
    """(minima, extras) per cluster: cell lists of X and of the cells touching no X, grouped by
    king distance <= 2 (their closed neighbourhoods meet)."""
    n, m = len(grid), len(grid[0])
    marked = [(i, j) for i in range(n) for j in range(m) if grid[i][j] == "X"]
    covered = [False] * (n * m)
    for i, j in marked:
        for a, b in _around(n, m, i, j):
            if (a, b) != (i, j) and grid[a][b] == "X":
                raise ValueError("two marked cells touch: no numbering has both as minima")
            covered[a * m + b] = True
    cells = marked + [(i, j) for i in range(n) for j in range(m) if not covered[i * m + j]]
    parent = list(range(len(cells)))

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    where = [-1] * (n * m)  # cell index -> position in ``cells``
    for k, (i, j) in enumerate(cells):
        where[i * m + j] = k
    for k, (i, j) in enumerate(cells):  # join each cell with the later cells within distance 2
        for a in range(i, min(n, i + 3)):
            for b in range(max(0, j - 2), min(m, j + 3)):
                other = where[a * m + b]
                if other >= 0 and (a > i or b > j):
                    ra, rb = root(other), root(k)
                    if ra != rb:
                        parent[ra] = rb
    groups = {}
    for k, cell in enumerate(cells):
        groups.setdefault(root(k), ([], []))[0 if k < len(marked) else 1].append(cell)
    return list(groups.values())


def cluster_sum(n, m, minima, extras) -> Fraction:
    """sum over independent E in extras of (-1)^|E| h(minima + E) (Python twin, exact)."""
    cells = minima + extras
    near = [frozenset(_around(n, m, *c)) for c in cells]
    sign = [1] * len(minima) + [-1] * len(extras)
    touching = [[k for k in range(len(cells)) if k != q and cells[k] in near[q]] for q in range(len(cells))]
    table = {0: Fraction(1)}
    order = [0]
    for s in order:  # breadth-first over independent sets, as bit masks of ``cells``
        for q in range(len(cells)):
            if not s >> q & 1 and not any(s >> k & 1 for k in touching[q]):
                t = s | 1 << q
                if t not in table:
                    table[t] = None
                    order.append(t)
        deadline.check()
    order.sort(key=lambda s: bin(s).count("1"))
    for s in order[1:]:
        covered = set().union(*(near[q] for q in range(len(cells)) if s >> q & 1))
        table[s] = sum(sign[q] * table[s ^ 1 << q] for q in range(len(cells)) if s >> q & 1) / len(covered)
    full = (1 << len(minima)) - 1
    return sum(v for s, v in table.items() if s & full == full)


def count_numberings(grid) -> int:
    n, m = len(grid), len(grid[0])
    if _compiled is None:
        total = Fraction(factorial(n * m))
        for minima, extras in clusters(grid):
            total *= cluster_sum(n, m, minima, extras)
        return int(total)
    moduli = primes(_count_bits(n * m) // 61 + 1)
    residues = _compiled.count_residues(grid, moduli, MAX_STATES, deadline.deadline_at())
    if residues is None:
        deadline.check()
        raise RuntimeError("the compiled count stopped before its deadline")
    return from_residues(residues, moduli)


@functools.lru_cache(maxsize=None)
def _count_bits(cells: int) -> int:
    """Bits enough for any count on ``cells`` cells (it is below cells!)."""
    return factorial(cells).bit_length() + 1


class GridLocalMinimumCounting(IntegerAnswerEnvironment):
    id = "GridLocalMinimumCounting"

    @staticmethod
    def schedule():
        size = 3
        while True:
            yield [{"MAX_N_M": size}]
            size += 1

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 2:
            raise ValueError("MAX_N_M must be at least 2")
        n, m = rng.randint(2, limit), rng.randint(2, limit)
        values = list(range(1, n * m + 1))
        rng.shuffle(values)
        if _compiled is not None:
            grid = _compiled.minima_rows(values, n, m)
        else:
            neighbours = _neighbour_indices(n, m)
            marks = ["X" if all(values[k] > value for k in near) else "." for value, near in zip(values, neighbours)]
            grid = [marks[i * m:(i + 1) * m] for i in range(n)]
        parameter.update(N=n, M=m, grid=grid)

    def solve(self, parameter):
        return {"reference_answer": count_numberings(parameter["grid"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        rows = "\n".join("".join(row) for row in parameter["grid"])
        return (f"Write the numbers 1 to {n * m} into the cells of a grid with {n} rows and {m} columns, each "
                "number in exactly one cell. A cell is a local minimum when its number is smaller than the "
                "numbers in all of its neighbouring cells, the neighbours being the up to 8 cells that share "
                "a side or a corner with it (cells outside the grid do not count).\n\n"
                f"In the pattern below, X marks a cell and . an unmarked one:\n{rows}\n\n"
                "How many ways of writing the numbers make the local minima exactly the marked cells? Answer "
                "with a single integer.")
