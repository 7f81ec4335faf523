"""Minimum_DominatingSet_Grid: choose cells of an N x M grid of costs so that every cell is
chosen or has a chosen neighbour (up, down, left, right), at the least total cost.

Answer: one line "i j" (1-based) per chosen cell.  Reward: (optimum / cost)^5 for a
dominating set; a cell outside the grid or listed twice is -0.5; a set that leaves a cell
uncovered is -0.2; a line that is not two integers is -1."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.environment import Environment
from rlve_fast.envs.grids._tables import integer_rows, rows_text

try:
    from rlve_fast.envs.grids._minimum_dominating_set_grid_kernel import (
        dominating_set_grid_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

SELECTED, COVERED, OPEN = 0, 1, 2
WIDEST = 13  # 3^13 frontier states: the dynamic programme's limit


def least_dominating_cost(costs):
    """The least total cost of a dominating set of the grid ``costs``.

    A dynamic programme over the cells in row-major order of the narrower orientation.
    Its state is the frontier: the last w cells seen, one per column, each SELECTED,
    COVERED (not chosen, with a chosen neighbour) or OPEN (not chosen, no chosen neighbour
    yet).  Taking cell (i, j) covers the open cell to its left and the one above; leaving
    it is allowed only if the cell above (which leaves the frontier) is covered.  At the
    end no cell of the last row may be open."""
    if len(costs[0]) > len(costs):
        costs = [list(col) for col in zip(*costs)]
    n, w = len(costs), len(costs[0])
    if w > WIDEST:
        raise ValueError("the grid is too wide for the dynamic programme")
    try:
        from rlve_fast.envs.grids._minimum_dominating_set_grid_solver import least_dominating_cost as compiled
    except ImportError:
        return frontier_programme(costs)
    status, best = compiled(costs, deadline.deadline_at())
    if status < 0:
        deadline.check()
        raise RuntimeError("the dynamic programme stopped before its deadline")
    return best


def frontier_programme(costs):
    """The programme of ``least_dominating_cost`` in Python (its compiled twin's reference)."""
    n, w = len(costs), len(costs[0])
    states = {(COVERED,) * w: 0}
    for i in range(n):
        for j in range(w):
            deadline.check()
            after = {}
            for state, total in states.items():
                up, left = state[j], state[j - 1] if j else COVERED
                options = [(SELECTED, total + costs[i][j])]
                if up != OPEN:
                    options.append((COVERED if SELECTED in (up, left) else OPEN, total))
                for mine, cost in options:
                    new = list(state)
                    new[j] = mine
                    if mine == SELECTED and j and left == OPEN:
                        new[j - 1] = COVERED
                    new = tuple(new)
                    if cost < after.get(new, cost + 1):
                        after[new] = cost
            states = after
    return min(total for state, total in states.items() if OPEN not in state)


class Minimum_DominatingSet_Grid(Environment):
    id = "Minimum_DominatingSet_Grid"
    parameter_types = {"N": int, "M": int, "F": [[int]], "gold_answer": int}

    invalid_solution = -0.5
    unsuccessful_solution = -0.2
    beta = 5.0

    @staticmethod
    def schedule():
        largest = 3
        while True:
            yield [{"MAX_N_M": largest}]
            largest += 1

    def sample(self, rng, parameter):
        largest = parameter["MAX_N_M"]
        if largest < 2:
            raise ValueError("MAX_N_M must be at least 2")
        n, m = rng.randint(2, largest), rng.randint(2, largest)
        parameter.update(N=n, M=m, F=integer_rows(rng, n, m, 1, n * m))

    def solve(self, parameter):
        return {"gold_answer": least_dominating_cost(parameter["F"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"A grid has {n} rows and {m} columns, numbered from 1. Row i of the table below "
                f"lists the costs F[i][1], ..., F[i][{m}] of the cells (i, 1), ..., (i, {m}):\n"
                f"{rows_text(parameter['F'])}\n\n"
                "Choose a set of distinct cells such that every cell of the grid is chosen itself or "
                "shares a side (up, down, left or right) with a chosen cell. Make the total cost of "
                "the chosen cells as small as possible.\n\n"
                "Answer with one line per chosen cell, in any order, holding its row and column "
                "(1-based) separated by a space, like: 1 2")

    def parse(self, answer):
        cells = []
        for line in answer.splitlines():
            tokens = line.split()
            if not tokens:
                continue
            if len(tokens) != 2:
                return None
            try:
                cells.append((int(tokens[0]), int(tokens[1])))
            except ValueError:
                return None
        return cells

    def score(self, parameter, parsed):
        n, m, costs = parameter["N"], parameter["M"], parameter["F"]
        chosen = [[False] * m for _ in range(n)]
        for i, j in parsed:
            if not (1 <= i <= n and 1 <= j <= m) or chosen[i - 1][j - 1]:
                return self.invalid_solution
            chosen[i - 1][j - 1] = True
        for i in range(n):
            for j in range(m):
                if not any(0 <= a < n and 0 <= b < m and chosen[a][b]
                           for a, b in ((i, j), (i, j - 1), (i, j + 1), (i - 1, j), (i + 1, j))):
                    return self.unsuccessful_solution
        total, gold = sum(costs[i - 1][j - 1] for i, j in parsed), parameter["gold_answer"]
        if not 0 < gold <= total:
            raise ValueError("the stored optimum does not fit this set: the config is wrong")
        return rewards.ratio_power(gold, total, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes, huge costs): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["M"], parameter["F"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution, self.unsuccessful_solution)
