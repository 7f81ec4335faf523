"""CirculatingGrid: every cell of an R x C torus points to a neighbour (L, R, U, D, wrapping
around the edges); change as few arrows as possible so that every cell lies on a cycle.

Every cell is on a cycle exactly when every cell is pointed at exactly once, so the answer
is a least-cost perfect matching of cells to neighbours (cost 1 for a changed arrow).
Answer: R lines of C letters L/R/U/D.  Reward: (least changes / changes)^5 (1 when both
are 0) for a valid grid; a cell pointed at other than once is -0.5; anything but R lines of
C such letters is -1.

The grid is drawn and the flow solved in compiled code (``_circulating_grid_solver.pyx``:
no Python call per cell or per arc); the Python functions here are its twins."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.environment import Environment
from rlve_fast.envs.grids._flows import flow_graph
from rlve_fast.envs.grids._tables import integer_rows

try:
    from rlve_fast.envs.grids._circulating_grid_kernel import circulating_grid_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None
try:
    from rlve_fast.envs.grids import _circulating_grid_solver as _compiled_solver
except ImportError:  # not built: the Python draw and solver below
    _compiled_solver = None

ARROWS = "LRUD"
STEPS = {"L": (0, -1), "R": (0, 1), "U": (-1, 0), "D": (1, 0)}


def fewest_changes(grid):
    """The least number of arrows to change so that every cell is pointed at once."""
    if _compiled_solver is not None:
        status, cost = _compiled_solver.fewest_changes(grid, deadline.deadline_at())
        if status > 0:
            return cost
        if status < 0:
            deadline.check()
            raise RuntimeError("the flow stopped before its deadline")
    return fewest_changes_python(grid)


def fewest_changes_python(grid):
    """The same, with the network built in Python (the twin; ragged grids fail here)."""
    rows, cols = len(grid), len(grid[0])
    cells = rows * cols
    source, sink = 2 * cells, 2 * cells + 1
    graph = flow_graph(2 * cells + 2)
    for i in range(rows):
        for j in range(cols):
            cell = i * cols + j
            graph.add_edge(source, cell, 1)
            graph.add_edge(cells + cell, sink, 1)
            for arrow in ARROWS:
                di, dj = STEPS[arrow]
                target = (i + di) % rows * cols + (j + dj) % cols
                graph.add_edge(cell, cells + target, 1, int(arrow != grid[i][j]))
    status, flow, cost = graph.min_cost_flow(source, sink, deadline.deadline_at())
    if status < 0:
        deadline.check()
        raise RuntimeError("the flow stopped before its deadline")
    if flow != cells:
        raise ValueError("no arrangement points at every cell once")
    return cost


class CirculatingGrid(Environment):
    id = "CirculatingGrid"
    parameter_types = {"R": int, "C": int, "grid": ([[str]], [str]), "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        largest = 3
        while True:
            yield [{"MAX_R_C": largest}]
            largest += 1

    def sample(self, rng, parameter):
        largest = parameter["MAX_R_C"]
        if largest < 3:
            raise ValueError("MAX_R_C must be at least 3")
        rows, cols = rng.randint(2, largest), rng.randint(2, largest)
        weights = [rng.randint(1, rows * cols) for _ in ARROWS]
        if _compiled_solver is not None:  # the same stream and rule as below, in C
            parameter.update(R=rows, C=cols, grid=_compiled_solver.draw_grid(rng.getrandbits(64), rows, cols, weights))
            return
        # arrow k with probability weights[k] / sum(weights)
        bounds = [sum(weights[:k + 1]) for k in range(len(ARROWS))]
        draws = integer_rows(rng, rows, cols, 0, bounds[-1] - 1)
        grid = [[ARROWS[next(k for k, b in enumerate(bounds) if x < b)] for x in row] for row in draws]
        parameter.update(R=rows, C=cols, grid=grid)

    def solve(self, parameter):
        return {"gold_answer": fewest_changes(parameter["grid"])}

    def prompt(self, parameter):
        rows, cols = parameter["R"], parameter["C"]
        grid = "\n".join("".join(row) for row in parameter["grid"])
        return (f"A grid has {rows} rows and {cols} columns; cell (i, j) is in row i (0 to {rows - 1}) "
                f"and column j (0 to {cols - 1}). Each cell holds an arrow that sends you to a "
                "neighbouring cell, wrapping around the edges:\n"
                f"- L: to (i, (j - 1) mod {cols});  R: to (i, (j + 1) mod {cols});\n"
                f"- U: to ((i - 1) mod {rows}, j);  D: to ((i + 1) mod {rows}, j);\n"
                f"where -1 mod n is n - 1. The grid is:\n{grid}\n\n"
                "Change some of the arrows so that, starting from any cell and following the "
                "arrows, you always come back to that cell after one or more moves. Change as few "
                "cells as you can.\n\n"
                f"Answer with the new grid in the same layout: {rows} lines of {cols} letters "
                "(each L, R, U or D) with nothing between them.")

    def parse(self, answer):
        return [line.strip() for line in answer.splitlines() if line.strip()]

    def score(self, parameter, parsed):
        rows, cols, given = parameter["R"], parameter["C"], parameter["grid"]
        if len(parsed) != rows or any(len(line) != cols for line in parsed):
            return self.wrong_format
        if not all(c in ARROWS for line in parsed for c in line):
            return self.wrong_format
        pointed = [[0] * cols for _ in range(rows)]
        for i in range(rows):
            for j in range(cols):
                di, dj = STEPS[parsed[i][j]]
                pointed[(i + di) % rows][(j + dj) % cols] += 1
        if any(count != 1 for line in pointed for count in line):
            return self.invalid_solution
        changes = sum(int(parsed[i][j] != given[i][j]) for i in range(rows) for j in range(cols))
        gold = parameter["gold_answer"]
        if gold > changes:
            raise ValueError("fewer changes than the stored optimum: the config is wrong")
        if changes == 0:
            if gold != 0:
                raise ValueError("no changes needed but the stored optimum is not 0")
            return 1.0
        return rewards.ratio_power(gold, changes, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes or symbols): the Python scorer reproduces upstream
        return _compiled_kernel(parameter["R"], parameter["C"], parameter["grid"], parameter["gold_answer"],
                                self.beta, self.wrong_format, self.invalid_solution)
