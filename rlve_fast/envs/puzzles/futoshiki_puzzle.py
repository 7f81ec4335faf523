"""FutoshikiPuzzle: complete a Latin square (each row and column holds 0..N-1 once) that
agrees with the given cells and satisfies "c[a][b] < c[x][y]" constraints.

Puzzles are blanked from a planted solution, which is the stored reference; other completions
can be right too, so our solver (a constraint search) only has to find one.
Reward: (satisfied inequalities / all)^5 for a Latin square agreeing with the givens; a grid
of the wrong shape (or no grid) is -1; rows or columns that are not permutations, or a
changed given, are -0.5."""
from __future__ import annotations

from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.puzzles._futoshiki_puzzle_kernel import futoshiki_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def solve_futoshiki(grid, inequalities):
    """A completion of ``grid`` (-1 = empty) satisfying every inequality, or None.

    Depth-first search on the cell with the fewest candidates; a candidate is allowed when
    its row and column do not hold it yet and every inequality with an already filled
    partner holds."""
    n = len(grid)
    cells = [row[:] for row in grid]
    full = (1 << n) - 1
    row_used, col_used = [0] * n, [0] * n
    for r in range(n):
        for c in range(n):
            v = cells[r][c]
            if v >= 0:
                row_used[r] |= 1 << v
                col_used[c] |= 1 << v
    smaller_than = {}  # cell -> cells that must hold larger values
    larger_than = {}
    for r1, c1, r2, c2 in inequalities:
        smaller_than.setdefault((r1, c1), []).append((r2, c2))
        larger_than.setdefault((r2, c2), []).append((r1, c1))

    def candidates(r, c):
        mask = full & ~(row_used[r] | col_used[c])
        low, high = 0, n - 1
        for r2, c2 in smaller_than.get((r, c), ()):
            if cells[r2][c2] >= 0:
                high = min(high, cells[r2][c2] - 1)
        for r2, c2 in larger_than.get((r, c), ()):
            if cells[r2][c2] >= 0:
                low = max(low, cells[r2][c2] + 1)
        return [v for v in range(low, high + 1) if mask >> v & 1]

    empty = [(r, c) for r in range(n) for c in range(n) if cells[r][c] < 0]

    def search():
        best, best_options = None, None
        for r, c in empty:
            if cells[r][c] >= 0:
                continue
            options = candidates(r, c)
            if best_options is None or len(options) < len(best_options):
                best, best_options = (r, c), options
                if len(options) <= 1:
                    break
        if best is None:
            return True
        r, c = best
        for v in best_options:
            cells[r][c] = v
            row_used[r] |= 1 << v
            col_used[c] |= 1 << v
            if search():
                return True
            row_used[r] &= ~(1 << v)
            col_used[c] &= ~(1 << v)
        cells[r][c] = -1
        return False

    if not all(cells[r1][c1] < cells[r2][c2] for r1, c1, r2, c2 in inequalities
               if cells[r1][c1] >= 0 and cells[r2][c2] >= 0):
        return None
    return cells if search() else None


class FutoshikiPuzzle(Environment):
    id = "FutoshikiPuzzle"
    parameter_types = {"N": int, "matrix": [[int]], "inequalities": [[int]]}
    exact_answer_keys = ()  # any valid completion is right
    planted_answer = True

    constraints_per_row = 2
    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 3
        sparsities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        while True:
            yield [{"N": n, "sparsity": s} for s in sparsities]
            n += 1

    def sample(self, rng, parameter):
        n, sparsity = parameter["N"], parameter["sparsity"]
        if n < 3 or not 0 < sparsity < 1:
            raise ValueError("need N >= 3 and 0 < sparsity < 1")
        row_shift, col_shift = list(range(n)), list(range(n))
        rng.shuffle(row_shift)
        rng.shuffle(col_shift)
        solution = [[(row_shift[i] + col_shift[j]) % n for j in range(n)] for i in range(n)]
        # Cell pairs (a, b) with solution[a] < solution[b]: every value fills n cells, so
        # there are n^2 * n(n-1)/2 of them.  A few are drawn uniformly without replacement by
        # rejection (about half of all pairs qualify), never listing the n^4 candidates.
        valid_pairs = n * n * n * (n - 1) // 2
        count = rng.randint(1, min(valid_pairs, self.constraints_per_row * n))
        chosen, inequalities = set(), []
        while len(inequalities) < count:
            a, b = rng.randrange(n * n), rng.randrange(n * n)
            if solution[a // n][a % n] < solution[b // n][b % n] and (a, b) not in chosen:
                chosen.add((a, b))
                inequalities.append([a // n, a % n, b // n, b % n])
        puzzle = [row[:] for row in solution]
        for cell in rng.sample(range(n * n), max(1, int(n * n * sparsity))):
            puzzle[cell // n][cell % n] = -1
        parameter.update(matrix=puzzle, inequalities=inequalities,
                         reference_answer="\n".join(" ".join(map(str, row)) for row in solution))

    def solve(self, parameter):
        cells = solve_futoshiki(parameter["matrix"], parameter["inequalities"])
        if cells is None:
            raise ValueError("the puzzle has no solution")
        return {"reference_answer": "\n".join(" ".join(map(str, row)) for row in cells)}

    def prompt(self, parameter):
        n = parameter["N"]
        grid = "\n".join(" ".join(map(str, row)) for row in parameter["matrix"])
        rules = "\n".join("c[%d][%d] < c[%d][%d]" % tuple(q) for q in parameter["inequalities"])
        return (f"Fill in this {n} x {n} grid; -1 marks an empty cell:\n{grid}\n\n"
                f"Every row and every column must contain each of the integers 0 to {n - 1} exactly once, "
                "the filled cells must keep their values, and these comparisons must hold, where c[i][j] "
                f"is the value in row i, column j (both counted from 0):\n{rules}\n\n"
                f"Answer with the completed grid: {n} lines of {n} integers separated by spaces.")

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or any(len(row) != n for row in parsed):
            return self.wrong_format
        values = set(range(n))
        if not all(set(row) == values for row in parsed):
            return self.invalid_solution
        if not all({parsed[i][j] for i in range(n)} == values for j in range(n)):
            return self.invalid_solution
        for given_row, row in zip(parameter["matrix"], parsed):
            if any(g != -1 and g != v for g, v in zip(given_row, row)):
                return self.invalid_solution
        inequalities = parameter["inequalities"]
        satisfied = sum(int(parsed[r1][c1] < parsed[r2][c2]) for r1, c1, r2, c2 in inequalities)
        return (satisfied / len(inequalities)) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes or coordinates): the Python scorer reproduces upstream
        return _compiled_kernel(parameter["N"], parameter["matrix"], parameter["inequalities"], self.beta,
                                self.wrong_format, self.invalid_solution)
