"""What the three colouring environments share: the random graph, the schedule, the answer
(one colour per vertex) and the checks of a colouring; the exact searches are compiled
(``_coloring_search.pyx``), and so is the scorer (``_coloring_kernel.pyx``)."""
from __future__ import annotations

from typing import ClassVar

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import density_schedule, edge_lines, pair_count, random_pairs

try:
    from rlve_fast.envs.graphs._coloring_kernel import coloring_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

PROPER, HARMONIOUS, COMPLETE = 0, 1, 2  # as in _coloring_kernel.pyx


def run_search(search, n, edges):
    """Call a compiled search under the current generation deadline."""
    found = search(n, edges, deadline.deadline_at())
    if found is None:
        deadline.check()
        raise RuntimeError("the search stopped without reaching its deadline")
    return found


def colour_pairs(colours, edges):
    """The list of (smaller, larger) colour pairs on the edges, or None if an edge joins
    two vertices of one colour."""
    pairs = []
    for u, v in edges:
        if colours[u] == colours[v]:
            return None
        pairs.append((min(colours[u], colours[v]), max(colours[u], colours[v])))
    return pairs


class ColoringEnvironment(Environment):
    """A graph of N vertices with a share ``edge_density`` of all pairs as edges; the answer
    colours every vertex. Subclasses set ``mode`` and the search that finds the optimum."""
    parameter_types = {"N": int, "edges": [[int]], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # many colourings reach the optimum

    mode: ClassVar[int] = PROPER
    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = [0.02, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]
        return density_schedule(5, densities, lambda n, d: pair_count(n, d) > 0)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 2 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 2 and 0 <= edge_density <= 1")
        parameter["edges"] = random_pairs(rng, n, pair_count(n, density))

    def solve(self, parameter):
        gold, colours = self.optimum(parameter["N"], parameter["edges"])
        return {"reference_answer": " ".join(map(str, colours)), "gold_answer": gold}

    def optimum(self, n, edges):
        """(optimal number of colours, a colouring reaching it)."""
        raise NotImplementedError

    rules: ClassVar[str] = ""  # the rules as a list; {last} stands for N - 1

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these edges:\n"
                f"{edge_lines(parameter['edges'])}\n\n"
                f"Give every vertex a colour, a non-negative integer; call the colour of vertex i c[i]. "
                f"The colouring must follow these rules:\n{self.rules.format(last=n - 1)}\n\n"
                f"Answer with c[0] c[1] ... c[{n - 1}] on one line: {n} integers separated by spaces "
                "(for a graph of 4 vertices, 0 1 0 2 would give vertices 0 and 2 colour 0, vertex 1 "
                "colour 1 and vertex 3 colour 2).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        if len(parsed) != parameter["N"]:
            return self.invalid_solution
        pairs = colour_pairs(parsed, parameter["edges"])
        if pairs is None:
            return self.invalid_solution
        used, gold = len(set(parsed)), parameter["gold_answer"]
        if self.mode == HARMONIOUS and len(set(pairs)) < len(pairs):
            return self.invalid_solution
        if self.mode == COMPLETE:
            if len(set(pairs)) < used * (used - 1) // 2:
                return self.invalid_solution
            if used > gold:
                raise ValueError("a complete colouring with more colours than the stored optimum")
            return (used / gold) ** self.beta
        if gold > used:
            raise ValueError("a colouring with fewer colours than the stored optimum")
        return (gold / used) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd pairs): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["edges"], parameter["gold_answer"], self.mode, self.beta,
                                self.wrong_format, self.invalid_solution)
