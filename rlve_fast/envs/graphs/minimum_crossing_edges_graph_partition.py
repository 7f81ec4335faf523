"""Minimum_CrossingEdges_GraphPartition: split the vertices of a graph into exactly K
non-empty parts with as few edges between different parts as possible (the optimum: a
compiled branch and bound that places vertices breadth-first, starts from one big part
beside K - 1 singletons, and bounds the edges that can still fall inside parts by who must
open the missing parts and how fast parts can grow).

Answer: the part (0..K-1) of each vertex. Reward: (optimum/crossing edges)^5, 1 when
nothing crosses; a list of the wrong length, a part outside 0..K-1 or an empty part is
-0.5; no list is -1. Upstream stores only the optimum (no reference answer)."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import density_schedule, edge_lines, pair_count, random_pairs

try:
    from rlve_fast.envs.graphs._minimum_crossing_edges_graph_partition_kernel import (
        partition_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


class MinimumCrossingEdgesGraphPartition(Environment):
    id = "Minimum_CrossingEdges_GraphPartition"
    parameter_types = {"N": int, "K": int, "edges": [[int]], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = [0.02, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]
        return density_schedule(3, densities, lambda n, d: pair_count(n, d) > 0)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 3 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3 and 0 <= edge_density <= 1")
        parameter["K"] = rng.randint(2, n - 1)
        parameter["edges"] = random_pairs(rng, n, pair_count(n, density))

    def solve(self, parameter):
        return {"gold_answer": self.best_partition(parameter)[0]}

    @staticmethod
    def best_partition(parameter):
        """(fewest crossing edges, the part of each vertex)."""
        from rlve_fast.envs.graphs._minimum_crossing_edges_graph_partition_kernel import fewest_crossing_edges

        found = fewest_crossing_edges(parameter["N"], parameter["K"], parameter["edges"], deadline.deadline_at())
        if found is None:
            deadline.check()
        return found

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these edges:\n"
                f"{edge_lines(parameter['edges'])}\n\n"
                f"Divide the vertices into exactly {k} groups, numbered 0 to {k - 1}, so that every vertex "
                "belongs to one group and no group is empty. An edge is cut when its two ends lie in "
                "different groups; make the number of cut edges as small as you can.\n\n"
                f"Answer with {n} integers on one line, separated by spaces: the group (0 to {k - 1}) of "
                f"vertex 0, then the group of vertex 1, and so on up to vertex {n - 1}.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n, k = parameter["N"], parameter["K"]
        if len(parsed) != n or not all(0 <= x < k for x in parsed) or len(set(parsed)) != k:
            return self.invalid_solution
        crossing = sum(parsed[u] != parsed[v] for u, v in parameter["edges"])
        gold = parameter["gold_answer"]
        if gold > crossing:
            raise ValueError("a partition with fewer crossing edges than the stored optimum")
        if crossing == 0:
            return 1.0
        return (gold / crossing) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd pairs, huge sizes): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["K"], parameter["edges"], parameter["gold_answer"],
                                self.beta, self.wrong_format, self.invalid_solution)
