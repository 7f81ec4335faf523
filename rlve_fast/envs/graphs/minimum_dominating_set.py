"""Minimum_DominatingSet: choose vertices of a graph, each with a cost, so that every vertex
is chosen or next to a chosen one, at the least total cost (found by a compiled branch and
bound over 64-bit vertex sets, bounded by cost shares and disjoint neighbourhoods).

Answer: the chosen vertices, "x1 x2 ...". Reward: (optimum/cost)^5 for a dominating set; a
repeated or out-of-range vertex, or a vertex left undominated, is -0.5; no list is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import adjacency_masks, density_schedule, edge_lines, pair_count, random_pairs

try:
    from rlve_fast.envs.graphs._minimum_dominating_set_kernel import (
        dominating_set_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

COST_RANGE = 10


class MinimumDominatingSet(Environment):
    id = "Minimum_DominatingSet"
    parameter_types = {"N": int, "covering": [int], "C": [int], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # several sets may share the least cost

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) > 0)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 2 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 2 and 0 <= edge_density <= 1")
        edges = random_pairs(rng, n, pair_count(n, density))
        parameter["edges"] = edges
        parameter["C"] = [rng.randint(1, COST_RANGE) for _ in range(n)]
        parameter["covering"] = [mask | 1 << v for v, mask in enumerate(adjacency_masks(n, edges))]

    def solve(self, parameter):
        from rlve_fast.envs.graphs._minimum_dominating_set_kernel import cheapest_dominating_set

        found = cheapest_dominating_set(parameter["N"], parameter["covering"], parameter["C"],
                                        deadline.deadline_at())
        if found is None:
            deadline.check()
        gold, chosen = found
        return {"reference_answer": " ".join(map(str, chosen)), "gold_answer": gold}

    def prompt(self, parameter):
        n = parameter["N"]
        costs = "\n".join("C[%d]=%d" % pair for pair in enumerate(parameter["C"]))
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these edges:\n"
                f"{edge_lines(parameter['edges'])}\n\n"
                f"Choosing vertex i costs C[i]:\n{costs}\n\n"
                "Choose a set of distinct vertices such that each vertex of the graph is either chosen "
                "itself or joined by an edge to at least one chosen vertex. Make the total cost of the "
                "chosen vertices as small as you can.\n\n"
                f"Answer with the chosen vertices on one line, in any order, separated by spaces "
                f"(for example: 0 1 {n - 1}).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n, covering = parameter["N"], parameter["covering"]
        if len(set(parsed)) != len(parsed):
            return self.invalid_solution
        dominated = 0
        for u in parsed:
            if not 0 <= u < n:
                return self.invalid_solution
            dominated |= covering[u]
        if dominated != (1 << n) - 1:
            return self.invalid_solution
        cost, gold = sum(parameter["C"][u] for u in parsed), parameter["gold_answer"]
        if gold > cost:
            raise ValueError("a dominating set cheaper than the stored optimum")
        return (gold / cost) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd masks, huge costs): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["covering"], parameter["C"], parameter["gold_answer"],
                                self.beta, self.wrong_format, self.invalid_solution)
