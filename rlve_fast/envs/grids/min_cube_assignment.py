"""MinCubeAssignment: give every cell of a P x Q grid a value f in 0..R-1, at cost
c(i, j, f), so that neighbouring cells differ by at most D, with the least total cost.

Answer: P lines of Q integers.  Reward: (optimum / cost)^5 for a valid assignment; the
wrong shape, a value out of range or neighbours too far apart is -0.5; no integer rows is
-1.  The optimum is a minimum cut: each cell is a column of R + 1 nodes whose arcs carry
the costs, and uncuttable arcs between neighbouring columns forbid jumps above D."""
from __future__ import annotations

import numpy as np

from rlve_fast import deadline, rewards
from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._generation import join_ints
from rlve_fast.envs.grids._flows import flow_graph
from rlve_fast.envs.grids._tables import integer_cells

try:
    from rlve_fast.envs.grids._min_cube_assignment_kernel import cube_assignment_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None
try:  # the prompt's cost block written in one buffer (a line per cell adds up past 300 cells)
    from rlve_fast.envs.grids._min_cube_assignment_solver import cost_lines as _cost_lines
except ImportError:
    _cost_lines = None


def least_cost(costs, most_apart):
    """The least total cost of values (one per cell, within R) with neighbours at most
    ``most_apart`` apart."""
    p, q, r = len(costs), len(costs[0]), len(costs[0][0])
    c = np.asarray(costs, dtype=np.int64).reshape(p, q, r)
    uncuttable = int(c.sum()) + 1
    cells = p * q
    source, sink = (r + 1) * cells, (r + 1) * cells + 1
    node = np.arange((r + 1) * cells, dtype=np.int64).reshape(r + 1, p, q)  # node[layer, i, j]
    tails, heads, caps = [], [], []

    def arcs(u, v, capacity):
        u, v, capacity = np.broadcast_arrays(*(np.asarray(x, dtype=np.int64) for x in (u, v, capacity)))
        tails.append(u.ravel())
        heads.append(v.ravel())
        caps.append(capacity.ravel())

    arcs(source, node[0], uncuttable)
    arcs(node[:r], node[1:r + 1], np.moveaxis(c, 2, 0))  # cutting layer k -> k+1 picks value k
    arcs(node[r], sink, uncuttable)
    # a cell at layer L forces each neighbour above layer L - D - 1
    for di, dj in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        src = node[most_apart:r + 1, max(0, -di):p - max(0, di), max(0, -dj):q - max(0, dj)]
        dst = node[0:r + 1 - most_apart, max(0, di):p - max(0, -di), max(0, dj):q - max(0, -dj)]
        if src.size:
            arcs(src, dst, uncuttable)
    graph = flow_graph((r + 1) * cells + 2)
    graph.add_edges(np.concatenate(tails), np.concatenate(heads), np.concatenate(caps))
    status, cut = graph.max_flow(source, sink, deadline.deadline_at())
    if status < 0:
        deadline.check()
        raise RuntimeError("the flow stopped before its deadline")
    return cut


class MinCubeAssignment(Environment):
    id = "MinCubeAssignment"
    parameter_types = {"P": int, "Q": int, "R": int, "D": int, "costs": [[[int]]], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        largest = 2
        while True:
            yield [{"MAX_P_Q_R": largest}]
            largest += 1

    def sample(self, rng, parameter):
        largest = parameter["MAX_P_Q_R"]
        if largest < 2:
            raise ValueError("MAX_P_Q_R must be at least 2")
        p, q, r = rng.randint(2, largest), rng.randint(2, largest), rng.randint(2, largest)
        parameter.update(P=p, Q=q, R=r, costs=integer_cells(rng, p, q, r, 1, p * q), D=rng.randint(0, r - 1))

    def solve(self, parameter):
        costs, most_apart = parameter["costs"], parameter["D"]
        if most_apart < 0:
            raise ValueError("D must be non-negative")
        try:
            from rlve_fast.envs.grids._min_cube_assignment_solver import least_cost as compiled
        except ImportError:
            return {"gold_answer": least_cost(costs, most_apart)}
        status, cut = compiled(costs, min(most_apart, len(costs[0][0])), deadline.deadline_at())
        if status < 0:
            deadline.check()
            raise RuntimeError("the flow stopped before its deadline")
        return {"gold_answer": cut}

    def prompt(self, parameter):
        p, q, r, d = parameter["P"], parameter["Q"], parameter["R"], parameter["D"]
        costs = None if _cost_lines is None else _cost_lines(parameter["costs"], p, q)
        if costs is None:  # not built, or costs beyond plain int64 lists
            costs = "\n".join(["(%d, %d): %s" % (i, j, join_ints(cell))
                               for i, row in enumerate(parameter["costs"][:p]) for j, cell in enumerate(row[:q])])
        return (f"A grid has {p} rows and {q} columns; cell (i, j) is in row i and column j, both "
                f"counted from 0. Give every cell (i, j) an integer value f(i, j) from 0 to {r - 1}. "
                f"Choosing value f for cell (i, j) costs c(i, j, f); each line below lists, for one "
                f"cell, the costs c(i, j, 0), c(i, j, 1), ..., c(i, j, {r - 1}) in that order:\n"
                f"{costs}\n\n"
                f"Any two cells sharing a side must get values that differ by at most {d}. Make the "
                "sum of the costs of the chosen values as small as possible.\n\n"
                f"Answer with {p} lines, one per row from row 0, each holding the {q} values of that "
                "row separated by spaces.")

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, parsed):
        p, q, r, d, costs = parameter["P"], parameter["Q"], parameter["R"], parameter["D"], parameter["costs"]
        if len(parsed) != p or any(len(row) != q for row in parsed):
            return self.invalid_solution
        total = 0
        for i in range(p):
            for j in range(q):
                value = parsed[i][j]
                if not 0 <= value < r:
                    return self.invalid_solution
                for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= a < p and 0 <= b < q and abs(value - parsed[a][b]) > d:
                        return self.invalid_solution
                total += costs[i][j][value]
        gold = parameter["gold_answer"]
        if gold > total:
            raise ValueError("the assignment beats the stored optimum: the config is wrong")
        return rewards.ratio_power(gold, total, self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (other shapes, costs too large to add up exactly in a
        # double): the Python scorer reproduces upstream exactly there
        return _compiled_kernel(parameter["P"], parameter["Q"], parameter["R"], parameter["D"], parameter["costs"],
                                parameter["gold_answer"], self.beta, self.wrong_format, self.invalid_solution)
