"""Maximum_IndependentSet_Tree: choose vertices of a vertex-weighted tree, no two joined by an
edge, with the largest total weight.

Answer: the chosen vertices, space-separated, any order. Reward: (weight / optimum)^3; a
repeated vertex, a non-vertex or two adjacent vertices is -0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module, rooted

_compiled = compiled_module("rlve_fast.envs.trees._maximum_independent_set_tree_kernel")


def heaviest_independent_set(n: int, edges, weights):
    """(largest weight, a set reaching it as a sorted list): for each vertex, the best of its
    subtree with it taken and with it left out; then taken top-down wherever taking is
    strictly better and the parent is not taken."""
    parent, order, children = rooted(n, edges)
    taken, left = list(weights[:n]), [0] * n
    for v in reversed(order):
        for c in children[v]:
            taken[v] += left[c]
            left[v] += max(taken[c], left[c])
    chosen = [False] * n
    for v in order:
        chosen[v] = taken[v] > left[v] and not (parent[v] >= 0 and chosen[parent[v]])
    root = order[0]
    return max(taken[root], left[root]), [v for v in range(n) if chosen[v]]


class MaximumIndependentSetTree(Environment):
    id = "Maximum_IndependentSet_Tree"
    parameter_types = {"N": int, "edges": [[int]], "R": [int], "reference_weight": int}
    exact_answer_keys = ("reference_weight",)  # several sets may reach the optimum

    invalid_solution = -0.5
    beta = 3.0

    @staticmethod
    def schedule():
        n = 4
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        source = words(rng)
        parameter["edges"] = source.tree_edges(n, shuffled=False)  # listed as the tree grew
        parameter["R"] = source.ints(n, 1, n)

    def solve(self, parameter):
        solver = _compiled.heaviest_independent_set if _compiled is not None else heaviest_independent_set
        weight, chosen = solver(parameter["N"], parameter["edges"], parameter["R"])
        return {"reference_weight": weight, "reference_answer": " ".join(map(str, chosen))}

    def prompt(self, parameter):
        n = parameter["N"]
        edges = "\n".join("(%d, %d)" % (u, v) for u, v in parameter["edges"])
        weights = "\n".join("R[%d] = %d" % (i, r) for i, r in enumerate(parameter["R"]))
        return (f"Below is a tree (connected, undirected, no cycles) on the {n} vertices 0 to {n - 1}. "
                f"Its {n - 1} edges, each written (u, v):\n{edges}\n\n"
                f"Vertex i has weight R[i]:\n{weights}\n\n"
                "Select some distinct vertices such that no edge joins two selected vertices, making "
                "the sum of the selected vertices' weights as large as possible.\n\n"
                "Answer with the selected vertices on a single line, in any order, separated by "
                f"spaces (for example: 0 2 {n - 1}).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(set(parsed)) != len(parsed) or not all(0 <= v < n for v in parsed):
            return self.invalid_solution
        chosen = set(parsed)
        if any(u in chosen and v in chosen for u, v in parameter["edges"]):
            return self.invalid_solution
        weight = sum(parameter["R"][v] for v in chosen)
        gold = parameter["reference_weight"]
        if weight > gold:
            raise ValueError("a set heavier than the stored optimum: a wrong config")
        return (weight / gold) ** self.beta

    def kernel(self, parameter):
        if _compiled is None:
            return None
        n, edges, weights = parameter["N"], parameter["edges"], parameter["R"]
        if not 1 <= n <= 1 << 24 or len(weights) != n or any(len(e) != 2 for e in edges):
            return None  # an unusual config: the Python scorer decides
        return _compiled.IndependentSetKernel(n, edges, weights, parameter["reference_weight"], self.beta,
                                              self.wrong_format, self.invalid_solution)
