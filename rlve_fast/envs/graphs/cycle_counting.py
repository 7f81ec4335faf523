"""CycleCounting: the number of simple cycles (at least 3 vertices, counted as edge sets) of
a random undirected graph.

Answer: one integer. Reward: (min/max)^10 against the true count; when the count is 0 only 0
earns 1; a negative answer is wrong-format (-1).  Solver: per lowest vertex, a table of path
counts over vertex subsets (compiled, O(2^N * N * degree))."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs.graphs._graph_common import adjacency_masks, density_schedule, edge_lines, pair_count, random_edges
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def count_cycles_python(n: int, edges) -> int:
    """The same count by the same path table, in plain Python (tests, no compiled core)."""
    neighbours = adjacency_masks(n, edges)
    directed = 0
    for s in range(n):
        paths = {(1 << v, v): 1 for v in range(s + 1, n) if neighbours[s] >> v & 1}
        for size in range(1, n - s):
            deadline.check()
            grown = {}
            for (seen, end), count in paths.items():
                if size >= 2 and neighbours[s] >> end & 1:
                    directed += count
                for nxt in range(s + 1, n):
                    if neighbours[end] >> nxt & 1 and not seen >> nxt & 1:
                        key = (seen | 1 << nxt, nxt)
                        grown[key] = grown.get(key, 0) + count
            paths = grown
    return directed // 2


def count_cycles(n: int, edges) -> int:
    try:
        from rlve_fast.envs.graphs._cycle_counting_solver import count_cycles as compiled
    except ImportError:
        return count_cycles_python(n, edges)
    return finished(compiled(n, adjacency_masks(n, edges), deadline.deadline_at()))


class CycleCounting(IntegerAnswerEnvironment):
    id = "CycleCounting"
    zero_exact = True  # upstream: a count of 0 is matched exactly

    @staticmethod
    def schedule():
        densities = (0.25, 0.45, 0.65, 0.85)
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) > 0)

    def sample(self, rng, parameter):
        parameter["edges"] = random_edges(rng, parameter["N"], parameter["edge_density"])

    def solve(self, parameter):
        return {"reference_answer": count_cycles(parameter["N"], parameter["edges"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"Here is an undirected graph with {n} vertices, numbered 0 to {n - 1}, and these edges, "
                f"one per line:\n{edge_lines(parameter['edges'])}\n\n"
                "How many simple cycles does it have? A simple cycle passes through at least 3 distinct "
                "vertices and returns to its start without repeating a vertex or an edge. A cycle is "
                "identified by its set of edges: where you start and which way you go around do not "
                "matter, so (0, 1, 2, 3) and (1, 0, 3, 2) are one cycle, while (0, 1, 2, 3) and "
                "(1, 0, 2, 3) are two different ones.\n\nAnswer with that count as a single integer.")
