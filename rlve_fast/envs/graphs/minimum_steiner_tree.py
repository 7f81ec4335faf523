"""MinimumSteinerTree: in a connected weighted graph, pick edges of least total weight that
connect K given vertices (the optimum: Dreyfus-Wagner over terminal subsets, or, when
non-terminals are few, minimum spanning trees over every set of them; compiled).  The
graph, K and the terminals are drawn from a ``Words`` stream, in compiled code or by its
Python twin (the same instance either way).

Answer: the endpoints of the chosen edges, "u1 v1 u2 v2 ...". Reward: (optimum/weight)^5
for graph edges forming one connected piece that touches every terminal and only vertices
0..N-1; an odd count of numbers is -1; anything else invalid is -0.5. Upstream stores only
the optimum (no reference answer)."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._draws_py import Words
from rlve_fast.envs.graphs._graph_common import density_schedule, edge_lines, pair_count
from rlve_fast.envs.graphs.minimum_spanning_tree import DisjointSets

try:
    from rlve_fast.envs.graphs._minimum_steiner_tree_kernel import steiner_kernel as _compiled_kernel
    from rlve_fast.envs.graphs._minimum_steiner_tree_kernel import draw_instance as _draw_instance
except ImportError:  # not built: the Python scorer and draw only
    _compiled_kernel = None
    _draw_instance = None

MAX_TERMINALS = 20


def _draw_instance_py(rng, n, wanted, max_weight, max_terminals):
    """The compiled ``draw_instance`` in Python: the same words of ``Words(rng)`` drawn
    in the same order, so the same problem whether or not the kernel is built."""
    words = Words(rng)
    order = list(range(n))
    words.shuffle(order)
    edges, present = [], set()
    for index in range(1, n):  # each vertex of the order joined to a uniform earlier one
        a, b = order[index], order[words.below(index)]
        u, v = min(a, b), max(a, b)
        present.add((u, v))
        edges.append([u, v, 1 + words.below(max_weight)])
    if wanted > len(edges):
        absent = [(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in present]
        extra = min(wanted - len(edges), len(absent))
        for i in range(extra):  # a partial Fisher-Yates from the front
            j = i + words.below(len(absent) - i)
            absent[i], absent[j] = absent[j], absent[i]
        weights = [1 + words.below(max_weight) for _ in range(extra)]
        edges += [[u, v, w] for (u, v), w in zip(absent, weights)]
    indices = list(range(len(edges)))
    words.shuffle(indices)
    edges = [edges[i] for i in indices]
    k = 3 + words.below(min(max_terminals, n - 1) - 2)
    vertices = list(range(n))
    for i in range(k):
        j = i + words.below(n - i)
        vertices[i], vertices[j] = vertices[j], vertices[i]
    return edges, k, vertices[:k]


class MinimumSteinerTree(Environment):
    id = "MinimumSteinerTree"
    parameter_types = {"N": int, "edges": [[int]], "to_be_connected": [int], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) > n - 1)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 4 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 4 and 0 <= edge_density <= 1")
        # a random spanning tree, then uniform further pairs up to the density's count, weights
        # uniform in 1..N, edges in uniform order; K uniform, the terminals a uniform sample
        draw = _draw_instance if _draw_instance is not None and n <= 4096 else _draw_instance_py
        edges, k, terminals = draw(rng, n, pair_count(n, density), n, MAX_TERMINALS)
        parameter.update(edges=edges, K=k, to_be_connected=terminals)

    def solve(self, parameter):
        from rlve_fast.envs.graphs._minimum_steiner_tree_kernel import steiner_tree_weight

        weight = steiner_tree_weight(parameter["N"], parameter["edges"], parameter["to_be_connected"],
                                     deadline.deadline_at())
        if weight is None:
            deadline.check()
        return {"gold_answer": weight}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        terminals = " ".join(map(str, parameter["to_be_connected"]))
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}. Its edges are listed below as "
                f"(u, v, w): an edge between u and v of weight w.\n{edge_lines(parameter['edges'])}\n\n"
                f"Choose some of these edges so that the chosen edges, taken together, form one connected "
                f"piece that includes all of these {k} vertices: {terminals}. Make the total weight of the "
                "chosen edges as small as you can.\n\n"
                "Answer with the two ends of each chosen edge, all on one line and separated by spaces: "
                "u1 v1 u2 v2 ... (for example 0 1 1 2 2 3 chooses the edges 0-1, 1-2 and 2-3).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) % 2:
            return self.wrong_format
        chosen = [(parsed[i], parsed[i + 1]) for i in range(0, len(parsed), 2)]
        ends = {x for edge in chosen for x in edge}
        if not (ends <= set(range(n)) and ends >= set(parameter["to_be_connected"])):
            return self.invalid_solution
        weight_of = {(u, v): w for u, v, w in parameter["edges"]}
        weight = 0
        for u, v in chosen:
            key = (min(u, v), max(u, v))
            if key not in weight_of:
                return self.invalid_solution
            weight += weight_of[key]
        if not ends:
            raise ValueError("an empty graph is neither connected nor disconnected")
        pieces = DisjointSets(n)
        for u, v in chosen:
            pieces.union(u, v)
        if len({pieces.find(v) for v in ends}) != 1:
            return self.invalid_solution
        gold = parameter["gold_answer"]
        if gold > weight:
            raise ValueError("a tree lighter than the stored optimum")
        return (gold / weight) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (edges or terminals out of range, weights beyond 2^40):
        # the Python scorer reproduces upstream exactly there
        return _compiled_kernel(parameter["N"], parameter["edges"], parameter["to_be_connected"],
                                parameter["gold_answer"], self.beta, self.wrong_format, self.invalid_solution)
