"""Binario: fill the '*' cells of an N x M grid of '0'/'1' so that every row and column has
its given number of 1s and no three equal cells are adjacent in a row or a column.

Answer: N lines of M characters '0'/'1'.  Reward: (rows and columns with the right count of
1s / (N + M))^10; a changed given or three equal cells in a line is -0.5; anything but N
lines of M digits 0/1 is -1.  The generator plants a grid (a random depth-first fill, as
upstream's); any other grid that fits is right too."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.environment import Environment
from rlve_fast.envs.grids._tables import _Stream

try:
    from rlve_fast.envs.grids._binario_kernel import binario_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None
try:
    from rlve_fast.envs.grids._binario_fill import random_fill as _compiled_fill
except ImportError:  # not built: the Python fill (the same grids, slower)
    _compiled_fill = None

_DIGITS = ("0", "1")
# the two other cells of each run of three through a cell, along one axis
_RUNS = ((-2, -1), (-1, 1), (1, 2))


def random_fill(rows, cols, order, seed):
    """A random 0/1 grid with no three equal cells in a line (None if there is none).

    Depth-first search over the cells in ``order``; each node tries its two values in a
    random order (the first a fresh bit of the stream seeded with ``seed``), as upstream's
    generator does.  Every settled cell also forbids its value to the third cell of any
    run of two equal settled cells it completes, repeatedly (unit propagation), and a cell
    left with no value ends the branch.  Those branches hold no grid, so the grid found is
    the one plain backtracking with the same value orders finds; it just never wanders
    into them (in practice it does not backtrack at all)."""
    stream = _Stream(seed)
    k = len(order)
    allowed = [3] * k  # bit 0: may be 0, bit 1: may be 1
    trail = []         # (cell, previous allowed set)

    def restrict(cell, bits):
        trail.append((cell, allowed[cell]))
        allowed[cell] = bits

    def undo(mark):
        while len(trail) > mark:
            cell, old = trail.pop()
            allowed[cell] = old

    def propagate(start):
        queue = [start]
        for x in queue:
            w = allowed[x]
            i, j = divmod(x, cols)
            for di, dj in ((0, 1), (1, 0)):
                for s, t in _RUNS:
                    (ia, ja), (ib, jb) = (i + di * s, j + dj * s), (i + di * t, j + dj * t)
                    if not (0 <= ia < rows and 0 <= ja < cols and 0 <= ib < rows and 0 <= jb < cols):
                        continue
                    a, b = ia * cols + ja, ib * cols + jb
                    if allowed[a] == w and allowed[b] == w:
                        return False
                    if allowed[a] == w and allowed[b] & w:
                        third = b
                    elif allowed[b] == w and allowed[a] & w:
                        third = a
                    else:
                        continue
                    restrict(third, allowed[third] & ~w)
                    if not allowed[third]:
                        return False
                    queue.append(third)
        return True

    tried, first, mark = [0] * k, [0] * k, [0] * k
    if k:
        first[0] = stream.next64() & 1
    d = 0
    while d < k:
        deadline.check()
        x = order[d]
        advanced = False
        while tried[d] < 2:
            v = first[d] ^ tried[d]
            tried[d] += 1
            undo(mark[d])
            if not allowed[x] >> v & 1:
                continue
            if allowed[x] == 1 << v:
                advanced = True
                break
            restrict(x, 1 << v)
            if propagate(x):
                advanced = True
                break
        if advanced:
            d += 1
            if d < k:
                tried[d], first[d], mark[d] = 0, stream.next64() & 1, len(trail)
            continue
        undo(mark[d])
        d -= 1
        if d < 0:
            return None
    return [[allowed[r * cols + c] >> 1 for c in range(cols)] for r in range(rows)]


def _fill(rows, cols, order, seed):
    if _compiled_fill is None:
        return random_fill(rows, cols, order, seed)
    status, grid = _compiled_fill(rows, cols, order, seed, deadline.deadline_at())
    if status < 0:
        deadline.check()
        raise RuntimeError("the Binario fill stopped before its deadline")
    return grid


def _has_run_of_three(line):
    return any(line[t] == line[t + 1] == line[t + 2] for t in range(len(line) - 2))


def solve_binario(matrix, row_counts, col_counts):
    """A grid of '0'/'1' strings fitting the givens ('*' = free), the counts of 1s and the
    no-three rule, or None.

    Rows are chosen top to bottom; each row's candidates are enumerated cell by cell
    (givens, its count, no three in the row), and a candidate must keep every column free
    of three equal cells and within reach of its count of 1s."""
    n, m = len(matrix), len(col_counts)
    chosen = []
    ones = [0] * m

    def row_options(r):
        line = []

        def extend(c, count):
            if c == m:
                if count == row_counts[r]:
                    yield line[:]
                return
            deadline.check()
            for v in (0, 1):
                given = matrix[r][c]
                if given != "*" and int(given) != v:
                    continue
                if count + v > row_counts[r] or count + v + (m - c - 1) < row_counts[r]:
                    continue
                if c >= 2 and line[c - 1] == line[c - 2] == v:
                    continue
                line.append(v)
                yield from extend(c + 1, count + v)
                line.pop()

        return extend(0, 0)

    def search(r):
        if r == n:
            return True
        left = n - r - 1
        for row in row_options(r):
            if r >= 2 and any(chosen[r - 1][c] == chosen[r - 2][c] == row[c] for c in range(m)):
                continue
            if any(ones[c] + row[c] > col_counts[c] or ones[c] + row[c] + left < col_counts[c] for c in range(m)):
                continue
            chosen.append(row)
            for c in range(m):
                ones[c] += row[c]
            if search(r + 1):
                return True
            for c in range(m):
                ones[c] -= row[c]
            chosen.pop()
        return False

    if len(row_counts) != n or any(len(line) != m for line in matrix):
        raise ValueError("the counts do not fit the matrix")
    return ["".join(map(str, row)) for row in chosen] if search(0) else None


class Binario(Environment):
    id = "Binario"
    parameter_types = {"N": int, "M": int, "matrix": [str], "row_counts": [int], "col_counts": [int]}
    exact_answer_keys = ()  # any grid that fits is right
    planted_answer = True

    invalid_solution = -0.5
    beta = 10.0

    @staticmethod
    def schedule():
        largest = 2
        sparsities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        while True:
            yield [{"MAX_N_M": largest, "sparsity": s} for s in sparsities]
            largest += 1

    def sample(self, rng, parameter):
        largest, sparsity = parameter["MAX_N_M"], parameter["sparsity"]
        if largest < 2 or not 0 < sparsity < 1:
            raise ValueError("need MAX_N_M >= 2 and 0 < sparsity < 1")
        n, m = rng.randint(2, largest), rng.randint(2, largest)
        order = list(range(n * m))
        rng.shuffle(order)
        grid = _fill(n, m, order, rng.getrandbits(64))
        if grid is None:
            raise ValueError("no grid of this size avoids three equal cells in a line")
        cells = [_DIGITS[v] for row in grid for v in row]
        answer = "".join(cells)
        for cell in rng.sample(range(n * m), max(1, int(n * m * sparsity))):
            cells[cell] = "*"
        masked = "".join(cells)
        parameter.update(N=n, M=m, reference_answer="\n".join([answer[r * m:(r + 1) * m] for r in range(n)]),
                         row_counts=list(map(sum, grid)),
                         col_counts=list(map(sum, zip(*grid))),
                         matrix=[masked[r * m:(r + 1) * m] for r in range(n)])

    def solve(self, parameter):
        found = solve_binario(parameter["matrix"], parameter["row_counts"], parameter["col_counts"])
        if found is None:
            raise ValueError("no grid fits")
        return {"reference_answer": "\n".join(found)}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"Here is a grid with {n} rows and {m} columns. Each cell holds 0 or 1, or '*' "
                "when it is still empty:\n" + "\n".join(parameter["matrix"]) + "\n\n"
                "Replace every '*' by 0 or 1 so that:\n"
                "- row by row from the top, the rows contain this many 1s: "
                + ", ".join(map(str, parameter["row_counts"])) + ";\n"
                "- column by column from the left, the columns contain this many 1s: "
                + ", ".join(map(str, parameter["col_counts"])) + ";\n"
                "- no row and no column has three neighbouring cells with the same digit.\n\n"
                f"Answer with the completed grid in the same layout: {n} lines, top row first, each "
                f"a string of {m} characters 0 or 1 with nothing between them.")

    def parse(self, answer):
        return [line.strip() for line in answer.splitlines() if line.strip()]

    def score(self, parameter, parsed):
        n, m = parameter["N"], parameter["M"]
        if len(parsed) != n or any(len(row) != m for row in parsed):
            return self.wrong_format
        if not all(c in "01" for row in parsed for c in row):
            return self.wrong_format
        for row, given_row in zip(parsed, parameter["matrix"]):
            for cell, given in zip(row, given_row):
                if given != "*" and cell != given:
                    if given not in ("0", "1"):
                        raise ValueError("a given that is neither 0, 1 nor *: the config is wrong")
                    return self.invalid_solution
        if any(_has_run_of_three(row) for row in parsed):
            return self.invalid_solution
        if any(_has_run_of_three([row[c] for row in parsed]) for c in range(m)):
            return self.invalid_solution
        satisfied = sum(int(row.count("1") == want) for row, want in zip(parsed, parameter["row_counts"]))
        satisfied += sum(int(sum(row[c] == "1" for row in parsed) == want)
                         for c, want in zip(range(m), parameter["col_counts"]))
        return rewards.ratio_power(satisfied, n + m, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes or symbols): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["M"], parameter["matrix"], parameter["row_counts"],
                                parameter["col_counts"], self.beta, self.wrong_format, self.invalid_solution)
