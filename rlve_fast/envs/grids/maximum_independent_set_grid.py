"""MaximumIndependentSetGrid: select cells of an N x M grid of positive weights, no two
sharing an edge, with the largest total weight.

Answer: N lines of M characters '0'/'1' (1 = selected).  Reward: (total / optimum)^3 for a
valid selection; two adjacent selected cells are -0.5; anything but N lines of M digits 0/1
is -1.  The optimum is total weight - the least weight of a vertex cover, which is a
minimum cut of the checkerboard's bipartite graph (König)."""
from __future__ import annotations

from rlve_fast import deadline, rewards
from rlve_fast.environment import Environment
from rlve_fast.envs.grids._flows import flow_graph
from rlve_fast.envs.grids._tables import integer_rows, rows_text

try:
    from rlve_fast.envs.grids._maximum_independent_set_grid_kernel import (
        independent_cells_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def max_independent_weight(weights):
    """The largest weight of a set of pairwise non-adjacent cells."""
    n, m = len(weights), len(weights[0]) if weights else 0
    source, sink = n * m, n * m + 1
    graph = flow_graph(n * m + 2)
    total = sum(map(sum, weights))
    uncuttable = total + 1  # more than every weight together
    for i in range(n):
        for j in range(m):
            cell, w = i * m + j, weights[i][j]
            if (i + j) % 2:
                graph.add_edge(source, cell, w)
                for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= a < n and 0 <= b < m:
                        graph.add_edge(cell, a * m + b, uncuttable)
            else:
                graph.add_edge(cell, sink, w)
    status, cut = graph.max_flow(source, sink, deadline.deadline_at())
    if status < 0:
        deadline.check()
        raise RuntimeError("the flow stopped before its deadline")
    return total - cut


class MaximumIndependentSetGrid(Environment):
    id = "MaximumIndependentSetGrid"
    parameter_types = {"N": int, "M": int, "matrix": [[int]], "gold_answer": int}

    invalid_solution = -0.5
    beta = 3.0

    @staticmethod
    def schedule():
        largest = 3
        while True:
            yield [{"MAX_N_M": largest}]
            largest = int(largest * 1.1 + 1)

    def sample(self, rng, parameter):
        largest = parameter["MAX_N_M"]
        if largest < 2:
            raise ValueError("MAX_N_M must be at least 2")
        n, m = rng.randint(2, largest), rng.randint(2, largest)
        parameter.update(N=n, M=m, matrix=integer_rows(rng, n, m, 1, max(n, m)))

    def solve(self, parameter):
        return {"gold_answer": max_independent_weight(parameter["matrix"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"Here is a grid of {n} rows and {m} columns; each cell has a weight:\n"
                f"{rows_text(parameter['matrix'])}\n\n"
                "Choose a set of cells in which no two chosen cells are neighbours (sharing a side: "
                "left, right, above or below), so that the chosen weights add up to as much as "
                "possible.\n\n"
                f"Answer with {n} lines, one per row from the top, each a string of {m} characters "
                "with nothing between them: 1 for a chosen cell, 0 for the others.")

    def parse(self, answer):
        return [line.strip() for line in answer.splitlines() if line.strip()]

    def score(self, parameter, parsed):
        n, m, weights = parameter["N"], parameter["M"], parameter["matrix"]
        if len(parsed) != n or any(len(row) != m for row in parsed):
            return self.wrong_format
        if any(c not in "01" for row in parsed for c in row):
            return self.wrong_format
        total, gold = 0, parameter["gold_answer"]
        for i in range(n):
            for j in range(m):
                if parsed[i][j] == "1":
                    total += weights[i][j]
                    for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                        if 0 <= a < n and 0 <= b < m and parsed[a][b] == "1":
                            return self.invalid_solution
        if total > gold:
            raise ValueError("the selection beats the stored optimum: the config is wrong")
        return rewards.ratio_power(total, gold, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes, huge weights): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["M"], parameter["matrix"], parameter["gold_answer"],
                                self.beta, self.wrong_format, self.invalid_solution)
