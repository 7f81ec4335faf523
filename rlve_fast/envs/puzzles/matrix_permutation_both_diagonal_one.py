"""MatrixPermutation_BothDiagonalOne: reorder the rows and the columns of an N x N 0/1
matrix so that both diagonals of the result hold only 1s.

Answer: two lines, the row order a[0..N-1] and the column order b[0..N-1].  Reward:
(ones on the two diagonals / cells on them)^5; a line that is not a permutation of
0..N-1 is -0.5; anything but two lines of integers is -1.  The generator plants a
solution; any other is right too."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.grids._tables import bernoulli_rows, digit_rows

try:
    from rlve_fast.envs.puzzles._matrix_permutation_both_diagonal_one_kernel import (
        both_diagonals_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def solve_both_diagonals(matrix):
    """Row and column orders putting 1s on both diagonals, or None.

    Positions i and N-1-i of the orders pair up: rows a[i], a[N-1-i] and columns b[i],
    b[N-1-i] must meet in four 1s (a 2 x 2 all-ones block), and for odd N the middle row
    and column meet in a 1.  So the search splits the rows and columns into such blocks
    (plus one 1 for odd N), always extending from the row with the fewest ways left."""
    n = len(matrix)
    row_cols = [sum(1 << c for c in range(n) if matrix[r][c] == 1) for r in range(n)]
    col_rows = [sum(1 << r for r in range(n) if matrix[r][c] == 1) for c in range(n)]
    blocks = []  # (row, row, column, column) or, once, (row, None, column, None)

    def ways(line, lines, across, single, line_bits, across_bits, as_row):
        """The blocks that cover ``line`` (a row when ``as_row``, else a column) within the
        free ``lines`` of its kind and the free ``across`` of the other kind."""
        options = []
        choices = line_bits[line] & across
        cs = [c for c in range(n) if choices >> c & 1]
        if single:
            options.extend((line, None, c, None) for c in cs)
        for x in range(len(cs)):
            for y in range(x + 1, len(cs)):
                partners = across_bits[cs[x]] & across_bits[cs[y]] & lines & ~(1 << line)
                while partners:
                    low = partners & -partners
                    options.append((line, low.bit_length() - 1, cs[x], cs[y]))
                    partners ^= low
        if as_row:
            return options
        return [(r1, r2, c1, c2) for c1, c2, r1, r2 in options]

    def search(rows, cols, single):
        if not rows:
            return True
        deadline.check()
        best = None
        for free, across, line_bits, across_bits, as_row in ((rows, cols, row_cols, col_rows, True),
                                                             (cols, rows, col_rows, row_cols, False)):
            while free:
                low = free & -free
                free ^= low
                options = ways(low.bit_length() - 1, rows if as_row else cols, across, single,
                               line_bits, across_bits, as_row)
                if best is None or len(options) < len(best):
                    best = options
                    if len(options) <= 1:
                        break
            if len(best) <= 1:
                break
        for r1, r2, c1, c2 in best:
            blocks.append((r1, r2, c1, c2))
            if r2 is None:
                done = search(rows & ~(1 << r1), cols & ~(1 << c1), False)
            else:
                done = search(rows & ~(1 << r1) & ~(1 << r2), cols & ~(1 << c1) & ~(1 << c2), single)
            if done:
                return True
            blocks.pop()
        return False

    if not search((1 << n) - 1, (1 << n) - 1, n % 2 == 1):
        return None
    rows_order, cols_order = [0] * n, [0] * n
    for i, (r1, r2, c1, c2) in enumerate(sorted(blocks, key=lambda b: b[1] is None)):
        if r2 is None:
            rows_order[n // 2], cols_order[n // 2] = r1, c1
        else:
            rows_order[i], rows_order[n - 1 - i] = r1, r2
            cols_order[i], cols_order[n - 1 - i] = c1, c2
    return rows_order, cols_order


def orders_text(rows_order, cols_order) -> str:
    return " ".join(map(str, rows_order)) + "\n" + " ".join(map(str, cols_order))


class MatrixPermutation_BothDiagonalOne(Environment):
    id = "MatrixPermutation_BothDiagonalOne"
    parameter_types = {"N": int, "A": [[int]]}
    exact_answer_keys = ()  # any pair of orders that works is right
    planted_answer = True

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}, {"N": n + 1}]
            n += 2

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2:
            raise ValueError("N must be at least 2")
        density = rng.random() / 4.0
        matrix = bernoulli_rows(rng, n, n, density)
        rows_order, cols_order = list(range(n)), list(range(n))
        rng.shuffle(rows_order)
        rng.shuffle(cols_order)
        for i in range(n):
            matrix[rows_order[i]][cols_order[i]] = 1
            matrix[rows_order[i]][cols_order[n - 1 - i]] = 1
        parameter.update(A=matrix, reference_answer=orders_text(rows_order, cols_order))

    def solve(self, parameter):
        found = solve_both_diagonals(parameter["A"])
        if found is None:
            raise ValueError("no orders put 1s on both diagonals")
        return {"reference_answer": orders_text(*found)}

    def prompt(self, parameter):
        n = parameter["N"]
        matrix = digit_rows(parameter["A"])
        return (f"Here is a square matrix A with {n} rows and {n} columns, numbered from 0; every "
                f"entry is 0 or 1 (one row per line, entries written without separators):\n{matrix}\n\n"
                f"Choose an order of the rows, a[0], ..., a[{n - 1}], and an order of the columns, "
                f"b[0], ..., b[{n - 1}] (each a rearrangement of 0, 1, ..., {n - 1}). Rearranged this "
                "way, the matrix has A[a[i]][b[j]] in row i and column j. Both of its diagonals must "
                f"hold only 1s: every cell with i = j and every cell with i + j = {n - 1}.\n\n"
                "Answer with two lines: first a[0] a[1] ... separated by spaces, then b[0] b[1] ... "
                "separated by spaces.")

    def parse(self, answer):
        rows = int_rows_answer(answer)
        return rows if rows is not None and len(rows) == 2 else None

    def score(self, parameter, parsed):
        n, matrix = parameter["N"], parameter["A"]
        rows_order, cols_order = parsed
        for order in (rows_order, cols_order):
            if not (len(order) == n and set(order) == set(range(n))):
                return self.invalid_solution
        if len(matrix) < n or any(len(matrix[r]) < n for r in range(n)):
            raise IndexError("the matrix is smaller than N x N")  # upstream reads every cell
        satisfied = total = 0
        for i in range(n):
            for j in {i, n - 1 - i}:
                total += 1
                satisfied += matrix[rows_order[i]][cols_order[j]]
        if satisfied > total:
            raise ValueError("matrix entries above 1: the config is wrong")
        return rewards.ratio_power(satisfied, total, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (not an N x N 0/1 matrix): the Python scorer reproduces upstream
        return _compiled_kernel(parameter["N"], parameter["A"], self.beta, self.wrong_format,
                                self.invalid_solution)
