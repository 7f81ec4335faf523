"""Vertex_KCenter: in a connected weighted graph, choose K vertices as centres so that the
largest shortest-path distance from any vertex to its nearest centre is as small as
possible (the optimum: a binary search over the distances that occur, each step a compiled
covering search on 64-bit vertex sets).

Answer: the K centres, "x1 x2 ...". Reward: (optimum/largest distance)^5 for K distinct
vertices; another count, a repeat or an out-of-range vertex is -0.5; no list is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import density_schedule, edge_lines, pair_count, random_connected_weighted

try:
    from rlve_fast.envs.graphs._vertex_k_center_kernel import k_center_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


class VertexKCenter(Environment):
    id = "Vertex_KCenter"
    parameter_types = {"N": int, "K": int, "Floyd": [[int]], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # several choices may reach the optimum

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) >= n - 1)

    def sample(self, rng, parameter):
        from rlve_fast.envs.graphs._vertex_k_center_kernel import shortest_distances

        n, density = parameter["N"], parameter["edge_density"]
        if n < 3 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3 and 0 <= edge_density <= 1")
        parameter["K"] = rng.randint(1, n - 1)
        edges = parameter["edges"] = random_connected_weighted(rng, n, density, n)
        parameter["Floyd"] = shortest_distances(n, edges, n * n)

    def solve(self, parameter):
        from rlve_fast.envs.graphs._vertex_k_center_kernel import k_center

        found = k_center(parameter["N"], parameter["K"], parameter["Floyd"], deadline.deadline_at())
        if found is None:
            deadline.check()
        gold, centres = found
        return {"reference_answer": " ".join(map(str, centres)), "gold_answer": gold}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"A connected undirected graph has {n} vertices, numbered 0 to {n - 1}. Its edges are listed "
                f"below as (u, v, w): an edge between u and v of length w.\n{edge_lines(parameter['edges'])}\n\n"
                "The distance between two vertices is the total length of a shortest path between them. "
                f"Pick {k} different vertices as centres. Every vertex is then served by its closest centre; "
                "make the largest of these vertex-to-closest-centre distances as small as you can.\n\n"
                f"Answer with the {k} centres on one line, in any order, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n, k, dist = parameter["N"], parameter["K"], parameter["Floyd"]
        if len(set(parsed)) != len(parsed) or len(parsed) != k:
            return self.invalid_solution
        if not all(0 <= c < n for c in parsed):
            return self.invalid_solution
        worst = 0
        for u in range(n):
            nearest = dist[u][parsed[0]]
            for c in parsed[1:]:
                nearest = min(nearest, dist[u][c])
            worst = max(worst, nearest)
        gold = parameter["gold_answer"]
        if gold > worst:
            raise ValueError("centres better than the stored optimum")
        return (gold / worst) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes, huge distances): the Python scorer reproduces upstream
        return _compiled_kernel(parameter["N"], parameter["K"], parameter["Floyd"], parameter["gold_answer"],
                                self.beta, self.wrong_format, self.invalid_solution)
