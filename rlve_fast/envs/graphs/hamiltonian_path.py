"""HamiltonianPath: in a directed weighted graph with a planted path through every vertex,
find the lightest walk that visits every vertex at least once (repeats allowed). The
optimum is the lightest Hamiltonian path on the shortest-path distances, found by a
compiled branch and bound on the assignment relaxation (the path closed through a dummy
vertex; subtours split as Carpaneto-Toth do).

Answer: the walk "p1 p2 ... pk". Reward: (optimum/weight)^5 for a walk along arcs of the
graph that visits every vertex; anything else is -0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs.graphs._graph_common import density_schedule, random_arcs
from rlve_fast.envs.graphs._walks import COVER_ALL, WalkEnvironment, arc_count


class HamiltonianPath(WalkEnvironment):
    id = "HamiltonianPath"
    parameter_types = {"N": int, "edges": [[int]], "reference_answer_weight": int}
    exact_answer_keys = ("reference_answer_weight",)  # several walks may be lightest
    mode = COVER_ALL
    gold_key = "reference_answer_weight"

    @staticmethod
    def schedule():
        densities = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]
        return density_schedule(3, densities, lambda n, d: arc_count(n, d) >= n)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 2 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 2 and 0 <= edge_density <= 1")
        planted = list(range(n))
        rng.shuffle(planted)
        edges = [[s, t, rng.randint(1, n)] for s, t in zip(planted, planted[1:])]
        on_path = {(s, t) for s, t, _ in edges}
        wanted = arc_count(n, density)
        if len(edges) < wanted:
            # further arcs off the planted path: draw from all arcs, drop the path's ones
            extra = [a for a in random_arcs(rng, n, n * (n - 1)) if tuple(a) not in on_path]
            edges += [[s, t, rng.randint(1, max(1, n // 2))] for s, t in extra[:wanted - len(edges)]]
        rng.shuffle(edges)
        parameter["edges"] = edges

    def solve(self, parameter):
        from rlve_fast.envs.graphs._path_search import covering_walk_by_assignment

        found = covering_walk_by_assignment(parameter["N"], parameter["edges"], deadline.deadline_at())
        if found is None:
            deadline.check()
        weight, walk = found
        return {"reference_answer": " ".join(map(str, walk)), "reference_answer_weight": weight}

    def prompt(self, parameter):
        return (self.arcs_text(parameter)
                + "Find a walk p1, p2, ..., pk that follows arcs of the graph (from each vertex of the walk to "
                "the next) and passes through every vertex at least once; vertices may be visited more than "
                "once. Make the total weight of the arcs used as small as you can.\n\n"
                "Answer with the vertices of the walk in order, on one line, separated by spaces (for 3 "
                "vertices, 0 1 0 2 goes from 0 to 1, back to 0, then to 2).")

    def score(self, parameter, parsed):
        n = parameter["N"]
        if not all(0 <= v < n for v in parsed) or len(set(parsed)) != n:
            return self.invalid_solution
        weight = self.path_weight(parameter, parsed)
        if weight is None:
            return self.invalid_solution
        gold = parameter["reference_answer_weight"]
        if gold > weight:
            raise ValueError("a walk lighter than the stored optimum")
        return (gold / weight) ** self.beta
