"""MinimumSumDifferenceSubmatrix: choose R of the N rows and C of the M columns of a matrix so
that the R x C submatrix they cut out has the least sum of |differences| between neighbouring
entries (horizontal and vertical).

Answer: two lines, the row indices and the column indices (0-based, increasing). Reward:
(optimum/cost)^5 (1 when both are 0); not two lines, or lines of the wrong lengths, -1;
indices out of range or not increasing, -0.5; no integers, -1 (a cost below the stored
optimum means a wrong config: upstream asserts, so -1). The optimum enumerates the row
choices (or the column choices, whichever is cheaper) in compiled code, with a programme
over the other side.
"""
from __future__ import annotations

import math
from itertools import combinations

from rlve_fast import deadline
from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import step_by_one

VALUE_LIMIT = 1 << 40  # the compiled search sums entries in int64 (its scorer checks the same bound)

try:
    from rlve_fast.envs.sequences._minimum_sum_difference_submatrix_kernel import submatrix_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def least_cost_py(matrix, r: int, c: int) -> int:
    """Twin of the compiled search: each choice of r rows, then best[i][k] = least cost of k
    columns ending at column i."""
    m = len(matrix[0])
    answer = None
    for rows in combinations(range(len(matrix)), r):
        deadline.check()
        down = [sum(abs(matrix[q][i] - matrix[p][i]) for p, q in zip(rows, rows[1:])) for i in range(m)]
        best = [[None] * (c + 1) for _ in range(m)]
        for i in range(m):
            best[i][1] = down[i]
            for k in range(2, c + 1):
                options = [best[j][k - 1] + sum(abs(matrix[p][i] - matrix[p][j]) for p in rows)
                           for j in range(i) if best[j][k - 1] is not None]
                best[i][k] = min(options) + down[i] if options else None
        for i in range(m):
            if best[i][c] is not None and (answer is None or best[i][c] < answer):
                answer = best[i][c]
    return answer


def least_cost(matrix, r: int, c: int) -> int:
    """The least neighbour-difference sum over all r x c submatrices."""
    n, m = len(matrix), len(matrix[0]) if matrix else 0
    if not (1 <= r <= n and 1 <= c <= m) or any(len(row) != m for row in matrix):
        raise ValueError("need an N x M matrix with 1 <= R <= N and 1 <= C <= M")
    # the cost is the same on the transpose: enumerate the side with fewer choices
    if math.comb(m, c) * n * n * r < math.comb(n, r) * m * m * c:
        matrix, r, c = [list(col) for col in zip(*matrix)], c, r
    if any(abs(v) >= VALUE_LIMIT for row in matrix for v in row):
        return least_cost_py(matrix, r, c)
    try:
        from rlve_fast.envs.sequences._minimum_sum_difference_submatrix_kernel import least_cost as compiled
    except ImportError:  # the extension did not build
        return least_cost_py(matrix, r, c)
    answer, timed_out = compiled(matrix, r, c, deadline.deadline_at())
    if timed_out:
        deadline.check()
    return answer


class MinimumSumDifferenceSubmatrix(Environment):
    id = "MinimumSumDifferenceSubmatrix"
    parameter_types = {"N": int, "M": int, "R": int, "C": int, "matrix": [[int]], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0
    weight = 1.0

    @staticmethod
    def schedule():
        return step_by_one("MAX_N_M", 4)

    def sample(self, rng, parameter):
        top = parameter["MAX_N_M"]
        if top < 3:
            raise ValueError("MAX_N_M must be at least 3")
        n, m = rng.randint(3, top), rng.randint(3, top)
        parameter["N"], parameter["M"] = n, m
        parameter["R"], parameter["C"] = rng.randint(2, n - 1), rng.randint(2, m - 1)
        parameter["matrix"] = [[rng.randint(1, n * m) for _ in range(m)] for _ in range(n)]

    def solve(self, parameter):
        return {"gold_answer": least_cost(parameter["matrix"], parameter["R"], parameter["C"])}

    def prompt(self, parameter):
        n, m, r, c = parameter["N"], parameter["M"], parameter["R"], parameter["C"]
        rows = "\n".join(" ".join(map(str, row)) for row in parameter["matrix"])
        return (f"Below is a matrix with {n} rows (numbered 0 to {n - 1}) and {m} columns (numbered 0 to "
                f"{m - 1}), one row per line:\n{rows}\n\n"
                f"Pick {r} of the rows and {c} of the columns. Keeping their order, they cut out an "
                f"{r} x {c} submatrix. Its cost is the sum of |a - b| over every pair of entries a, b that "
                "are next to each other in the submatrix, either in the same row and neighbouring columns "
                "or in the same column and neighbouring rows. Make the cost as small as possible.\n\n"
                f"Answer with two lines: the {r} chosen row numbers in increasing order on the first line, "
                f"and the {c} chosen column numbers in increasing order on the second, separated by spaces.")

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, parsed):
        if len(parsed) != 2:
            return self.wrong_format
        rows, cols = parsed
        r, c, matrix = parameter["R"], parameter["C"], parameter["matrix"]
        if len(rows) != r or len(cols) != c:
            return self.wrong_format
        if not all(0 <= i < parameter["N"] for i in rows) or not all(0 <= j < parameter["M"] for j in cols):
            return self.invalid_solution
        if any(a >= b for a, b in zip(rows, rows[1:])) or any(a >= b for a, b in zip(cols, cols[1:])):
            return self.invalid_solution
        cut = [[matrix[i][j] for j in cols] for i in rows]
        cost = sum(abs(cut[i + 1][j] - cut[i][j]) for i in range(r - 1) for j in range(c))
        cost += sum(abs(cut[i][j + 1] - cut[i][j]) for i in range(r) for j in range(c - 1))
        gold = parameter["gold_answer"]
        if not gold <= cost:
            raise ValueError("cost below the stored optimum: the config is wrong")
        if cost == 0:
            if gold != 0:
                raise ValueError("zero cost against a non-zero optimum")
            return self.weight
        return self.weight * ((gold / cost) ** self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None where upstream would index past the lists or values reach VALUE_LIMIT: the
        # Python scorer reproduces upstream there
        return _compiled_kernel(parameter["N"], parameter["M"], parameter["R"], parameter["C"], parameter["matrix"],
                                parameter["gold_answer"], self.beta, self.weight, self.wrong_format,
                                self.invalid_solution)
