"""LongestPath: in a random directed weighted graph, find the heaviest path that repeats no
vertex (the optimum: a compiled branch and bound on the assignment relaxation, the path
closed through a dummy vertex and unused vertices assigned to themselves; subtours split as
Carpaneto-Toth do). Upstream stores only the optimum (no reference answer).

Answer: the path "p1 p2 ... pk". Reward: (weight/optimum)^5 for a path along arcs of the
graph without repeats; a repeat, an out-of-range vertex or a missing arc is -0.5; an empty
or non-integer answer is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs.graphs._graph_common import density_schedule, random_arcs
from rlve_fast.envs.graphs._walks import SIMPLE, WalkEnvironment, arc_count


class LongestPath(WalkEnvironment):
    id = "LongestPath"
    parameter_types = {"N": int, "edges": [[int]], "gold_answer": int}
    mode = SIMPLE

    @staticmethod
    def schedule():
        densities = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]
        return density_schedule(4, densities, lambda n, d: arc_count(n, d) > 0)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 3 or not 0.0 < density <= 1.0 or arc_count(n, density) <= 0:
            raise ValueError("need N >= 3 and a density giving at least one arc")
        parameter["edges"] = [[s, t, rng.randint(1, n)] for s, t in random_arcs(rng, n, arc_count(n, density))]

    def solve(self, parameter):
        return {"gold_answer": self.heaviest(parameter)[0]}

    @staticmethod
    def heaviest(parameter):
        """(greatest path weight, a path reaching it)."""
        from rlve_fast.envs.graphs._path_search import heaviest_path_by_assignment

        found = heaviest_path_by_assignment(parameter["N"], parameter["edges"], deadline.deadline_at())
        if found is None:
            deadline.check()
        return found

    def prompt(self, parameter):
        n = parameter["N"]
        return (self.arcs_text(parameter)
                + "Find a path p1, p2, ..., pk that follows arcs of the graph (from each vertex of the path to "
                "the next) and never visits a vertex twice. Make the total weight of the arcs used as large "
                "as you can.\n\n"
                f"Answer with the vertices of the path in order, on one line, separated by spaces (for "
                f"example 0 1 {n - 1} goes from 0 to 1 and then to {n - 1}).")

    def parse(self, answer):
        parsed = super().parse(answer)
        return parsed if parsed else None  # an empty path is a format error upstream

    def score(self, parameter, parsed):
        n = parameter["N"]
        if not all(0 <= v < n for v in parsed) or len(set(parsed)) != len(parsed):
            return self.invalid_solution
        weight = self.path_weight(parameter, parsed)
        if weight is None:
            return self.invalid_solution
        gold = parameter["gold_answer"]
        if not (weight <= gold and gold > 0):
            raise ValueError("a path heavier than the stored optimum, or no positive optimum")
        return (weight / gold) ** self.beta
