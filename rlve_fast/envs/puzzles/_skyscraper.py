"""Shared parts of the skyscraper puzzles (SkyscraperPuzzle, SkyscraperSumPuzzle).

An N x N grid holds building heights 0..N-1, each once per row and per column.  Looking
along a line, a building is seen when it is taller than everything in front of it; a clue
is the number of buildings seen (``sums`` false) or the total of their heights (``sums``
true), from the left and right of every row and the top and bottom of every column."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.puzzles._skyscraper_kernel import skyscraper_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None
try:
    from rlve_fast.envs.puzzles._skyscraper_solver import planted as _planted
except ImportError:  # not built: the square, its clues and text in Python
    _planted = None


def view(line, sums: bool) -> int:
    """The clue of ``line`` seen from its start."""
    tallest, total = -1, 0
    for height in line:
        if height > tallest:
            tallest = height
            total += height if sums else 1
    return total


def clues(grid, sums: bool):
    """(left, right, top, bottom) clue lists of a square grid."""
    columns = [list(column) for column in zip(*grid)]
    return ([view(row, sums) for row in grid], [view(row[::-1], sums) for row in grid],
            [view(col, sums) for col in columns], [view(col[::-1], sums) for col in columns])


def _search_cells(n, targets, sums):
    """Pure-Python depth-first search over the cells in row-major order (used when the
    compiled solver is not built): complete lines must show their clues, and a partial
    line's view from the start can only grow by the heights still to come that are
    taller than its current maximum."""
    left, right, top, bottom = targets
    grid = [[-1] * n for _ in range(n)]
    row_free = [set(range(n)) for _ in range(n)]
    col_free = [set(range(n)) for _ in range(n)]

    def prefix_fits(line, free, first, last):
        seen = view(line, sums)
        if not free:
            return seen == first and view(line[::-1], sums) == last
        tallest = max(line)
        gain = sum((h if sums else 1) for h in free if h > tallest)
        least = (max(free) if sums else 1) if max(free) > tallest else 0
        return seen + least <= first <= seen + gain

    def search(cell):
        if cell == n * n:
            return True
        deadline.check()
        i, j = divmod(cell, n)
        for v in sorted(row_free[i] & col_free[j]):
            grid[i][j] = v
            row_free[i].discard(v)
            col_free[j].discard(v)
            column = [grid[r][j] for r in range(i + 1)]
            if (prefix_fits(grid[i][:j + 1], row_free[i], left[i], right[i])
                    and prefix_fits(column, col_free[j], top[j], bottom[j]) and search(cell + 1)):
                return True
            row_free[i].add(v)
            col_free[j].add(v)
        grid[i][j] = -1
        return False

    return grid if search(0) else None


def solve_skyscraper(n, left, right, top, bottom, sums: bool):
    """A Latin square of heights 0..n-1 with the given clues, or None when there is none.

    The compiled solver first searches the cyclic squares (p[i] + q[j]) mod n, where the
    generators plant every puzzle, then, if none fits, all Latin squares."""
    targets = (left, right, top, bottom)
    if any(len(t) != n for t in targets):
        raise ValueError("every clue list needs N entries")
    try:
        from rlve_fast.envs.puzzles._skyscraper_solver import cell_search, cyclic_search
    except ImportError:
        return _search_cells(n, targets, sums)
    for search in (cyclic_search, cell_search):
        status, grid = search(n, left, right, top, bottom, sums, deadline.deadline_at())
        if status < 0:
            deadline.check()
            raise RuntimeError("the skyscraper search stopped before its deadline")
        if status > 0:
            return grid
    return None


def grid_text(grid) -> str:
    return "\n".join(" ".join(map(str, row)) for row in grid)


class SkyscraperBase(Environment):
    """The two puzzles differ only in the clue (``sums``) and its wording."""
    parameter_types = {"N": int, "left": [int], "right": [int], "top": [int], "bottom": [int]}
    exact_answer_keys = ()  # any square with the right clues is right
    planted_answer = True

    sums = False
    invalid_solution = -0.5
    beta = 10.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        row_shift, col_shift = list(range(n)), list(range(n))
        rng.shuffle(row_shift)
        rng.shuffle(col_shift)
        if _planted is not None:
            left, right, top, bottom, text = _planted(row_shift, col_shift, self.sums)
        else:
            grid = [[(row_shift[i] + col_shift[j]) % n for j in range(n)] for i in range(n)]
            left, right, top, bottom = clues(grid, self.sums)
            text = grid_text(grid)
        parameter.update(left=left, right=right, top=top, bottom=bottom, reference_answer=text)

    def solve(self, parameter):
        p = parameter
        grid = solve_skyscraper(p["N"], p["left"], p["right"], p["top"], p["bottom"], self.sums)
        if grid is None:
            raise ValueError("no grid has these clues")
        return {"reference_answer": grid_text(grid)}

    clue_words = ""

    def prompt(self, parameter):
        n = parameter["N"]

        def listed(key):
            return " ".join(map(str, parameter[key]))

        return (f"Place a building in every cell of a grid with {n} rows and {n} columns. Heights "
                f"are the integers 0, 1, ..., {n - 1}, and every row and every column must contain "
                "each height exactly once.\n\n"
                "Looking along a row or column from one end, a building can be seen when every "
                f"building in front of it is shorter. {self.clue_words}\n"
                f"- rows, seen from the left (top row first): {listed('left')}\n"
                f"- rows, seen from the right (top row first): {listed('right')}\n"
                f"- columns, seen from the top (leftmost column first): {listed('top')}\n"
                f"- columns, seen from the bottom (leftmost column first): {listed('bottom')}\n\n"
                f"Answer with the filled grid: {n} lines, one per row from top to bottom, each "
                f"holding {n} heights separated by spaces.")

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or not all(len(row) == n for row in parsed):
            return self.wrong_format
        heights = set(range(n))
        if not all(set(row) == heights for row in parsed):
            return self.invalid_solution
        if not all({row[j] for row in parsed} == heights for j in range(n)):
            return self.invalid_solution
        satisfied = sum(sum(int(got == want) for got, want in zip(seen, parameter[key]))
                        for seen, key in zip(clues(parsed, self.sums), ("left", "right", "top", "bottom")))
        return rewards.ratio_power(satisfied, 4 * n, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (clue lists of other lengths, huge clues): the Python scorer decides
        return _compiled_kernel(parameter["N"], parameter["left"], parameter["right"], parameter["top"],
                                parameter["bottom"], self.sums, self.beta, self.wrong_format, self.invalid_solution)
