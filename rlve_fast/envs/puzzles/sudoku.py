"""Sudoku: complete an (N*M) x (N*M) grid (0 = empty) so that every row, every column and
every box of N rows by M columns holds each of 1..N*M once.

Answer: N*M lines of N*M integers.  Reward: 1 for a valid completion; 0 when a row, column
or box repeats a digit; -0.5 for a digit out of range or a changed given; -1 for a grid of
the wrong shape (or no grid).  Puzzles are blanked from a planted grid, the stored
reference; any valid completion is right.  The grid, its blanks and both texts are made in
compiled code (``_sudoku_generator``): sides reach 1024."""
from __future__ import annotations

import numpy as np

from rlve_fast import deadline
from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.grids._tables import matrix_text, rows_text

try:
    from rlve_fast.envs.puzzles._sudoku_kernel import sudoku_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


try:
    from rlve_fast.envs.puzzles import _sudoku_generator as _generator
except ImportError:  # not built: numpy draws the grid
    _generator = None

EXAMPLE_UP_TO = 16  # the prompt shows an answer layout example up to this many rows


def _grouped_order_numpy(gen, n, size):
    """An order of 0..n-1 that keeps blocks of ``size`` together: the blocks in a random
    order, each block's members in a random order (drawn by a numpy generator)."""
    blocks = gen.permutation(n // size)
    return (blocks[:, None] * size + np.argsort(gen.random((n // size, size)), axis=1)).ravel()


def solve_sudoku(box_rows, box_cols, grid):
    """A completion of ``grid`` (0 = empty) with boxes of ``box_rows`` x ``box_cols``, or
    None when there is none.

    Three compiled searches, each handing over when it gets stuck: a constraint search
    with a small branch budget (quick on easy puzzles), a search over the grids the
    generator plants (digit at (r, c) a function of f(r) + g(c) mod n, which settles
    large half-empty puzzles at once), then the constraint search without a budget (up to 64
    digits; larger grids get the second search only)."""
    from rlve_fast.envs.puzzles._sudoku_solver import pattern_search, solve_grid

    if box_rows * box_cols <= 64:
        attempts = ((solve_grid, 300), (pattern_search, 100000), (solve_grid, -1))
    else:  # beyond 64 digits only the planted family is searched
        attempts = ((pattern_search, -1),)
    for search, steps in attempts:
        status, found = search(box_rows, box_cols, grid, deadline.deadline_at(), steps)
        if status == -1:
            deadline.check()
            raise RuntimeError("the Sudoku search stopped before its deadline")
        if status == 1:
            return found
        if status == 0 and search is solve_grid:
            return None  # the constraint search is complete: there is no completion
    return None


def grid_text(grid, largest: int = 0) -> str:
    """Rows of integers, one line each, separated by spaces (a list of lists or an array);
    ``largest``: the largest entry expected (grids of ints in 0..largest take the compiled
    writer)."""
    if isinstance(grid, np.ndarray):
        return matrix_text(grid)
    if _generator is not None and largest:
        text = _generator.grid_text(grid, largest)
        if text is not None:
            return text
    return rows_text(grid)


class Sudoku(Environment):
    id = "Sudoku"
    parameter_types = {"N": int, "M": int, "sudoku": [[int]]}
    exact_answer_keys = ()  # any valid completion is right
    planted_answer = True

    invalid_solution = -0.5
    wrong_solution = 0.0
    correct_solution = 1.0

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
        box_rows, box_cols = rng.randint(2, largest), rng.randint(2, largest)
        n = box_rows * box_cols
        blanks = max(1, int(n * n * sparsity))
        if _generator is None:
            return self._sample_numpy(rng, parameter, box_rows, box_cols, blanks)
        transpose = rng.random() < 0.5  # the transpose: boxes of M rows by N columns
        # the digit relabelling, the row and column orders and the blanks are drawn in there
        sudoku, reference = _generator.planted(box_rows, box_cols, transpose, blanks, rng.getrandbits(64))
        if transpose:
            box_rows, box_cols = box_cols, box_rows
        parameter.update(N=box_rows, M=box_cols, NM=n, reference_answer=reference, sudoku=sudoku)

    def _sample_numpy(self, rng, parameter, box_rows, box_cols, blanks):
        """The same draw through numpy (no compiled generator)."""
        n = box_rows * box_cols
        gen = np.random.Generator(np.random.PCG64(rng.getrandbits(64)))
        # the standard pattern: row r starts its cycle at M * (r mod N) + r div N
        r = np.arange(n)
        pattern = ((box_cols * (r % box_rows) + r // box_rows)[:, None] + r[None, :]) % n
        digits = gen.permutation(n) + 1
        grid = digits[pattern[_grouped_order_numpy(gen, n, box_rows)][:, _grouped_order_numpy(gen, n, box_cols)]]
        if rng.random() < 0.5:  # the transpose: boxes of M rows by N columns
            grid = grid.T
            box_rows, box_cols = box_cols, box_rows
        grid = np.ascontiguousarray(grid, dtype=np.int64)
        reference = grid_text(grid)
        grid.ravel()[gen.choice(n * n, blanks, replace=False)] = 0
        parameter.update(N=box_rows, M=box_cols, NM=n, reference_answer=reference, sudoku=grid.tolist())

    def solve(self, parameter):
        found = solve_sudoku(parameter["N"], parameter["M"], parameter["sudoku"])
        if found is None:
            raise ValueError("the puzzle has no solution")
        return {"reference_answer": grid_text(found)}

    def prompt(self, parameter):
        box_rows, box_cols = parameter["N"], parameter["M"]
        n = box_rows * box_cols
        head = f"Complete this Sudoku of {n} rows and {n} columns; 0 marks an empty cell:\n"
        middle = (f"\n\nFill every empty cell with an integer from 1 to {n} so that each row and each column "
                  f"contains every integer from 1 to {n} exactly once. The grid is also cut into boxes of "
                  f"{box_rows} rows by {box_cols} columns ({box_cols} bands of boxes from top to bottom, "
                  f"{box_rows} boxes across each band), and every box must contain every integer from 1 "
                  f"to {n} exactly once too. Cells that already hold a number keep it.\n\n"
                  f"Answer with the whole completed grid: {n} lines, top row first, each with {n} integers "
                  "separated by spaces.")
        # a layout example for grids a reader can take in at a glance; a 496 x 496 example
        # would double the prompt and say nothing the sentence above does not
        example_side = n if n <= EXAMPLE_UP_TO else 0
        if example_side:
            middle += " This shows the layout only (it is not a solution):\n"
        if _generator is not None:  # the grid and the example written straight into one string
            text = _generator.framed_grid_text(parameter["sudoku"], n, head, middle, example_side)
            if text is not None:
                return text
        example = "\n".join([" ".join(map(str, range(1, n + 1)))] * example_side)
        return head + grid_text(parameter["sudoku"], n) + middle + example

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, parsed):
        box_rows, box_cols = parameter["N"], parameter["M"]
        n = box_rows * box_cols
        if len(parsed) != n or any(len(row) != n for row in parsed):
            return self.wrong_format
        for row, given_row in zip(parsed, parameter["sudoku"]):
            for value, given in zip(row, given_row):
                if not 1 <= value <= n or (given != 0 and value != given):
                    return self.invalid_solution
        if any(len(set(row)) != n for row in parsed):
            return self.wrong_solution
        if any(len({row[c] for row in parsed}) != n for c in range(n)):
            return self.wrong_solution
        for band in range(box_cols):  # box_cols bands of box_rows rows, box_rows boxes each
            for stack in range(box_rows):
                box = {parsed[r][c] for r in range(band * box_rows, (band + 1) * box_rows)
                       for c in range(stack * box_cols, (stack + 1) * box_cols)}
                if len(box) != n:
                    return self.wrong_solution
        return self.correct_solution

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes, huge givens): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["M"], parameter["sudoku"], self.wrong_format,
                                self.invalid_solution, self.wrong_solution, self.correct_solution)
