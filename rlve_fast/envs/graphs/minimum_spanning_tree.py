"""MinimumSpanningTree: pick N-1 edges of a weighted undirected graph that connect all N
vertices with the least total weight.

Answer: the endpoints "u1 v1 u2 v2 ...". Reward: (optimum/weight)^5 for a spanning tree made
of the graph's edges; an odd count of numbers (or none) is -1; anything else that is not a
spanning tree of the graph is -0.5.  The graph draw and Kruskal's algorithm are compiled
(Python twins below give the same graphs and trees)."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._draws_py import Words
from rlve_fast.envs._generation import finished, join_ints, join_rows

try:
    from rlve_fast.envs.graphs._minimum_spanning_tree_solver import (
        kruskal_tree, random_connected_graph)
except ImportError:  # the extension did not build: the Python twins below
    kruskal_tree = random_connected_graph = None

try:
    from rlve_fast.envs.graphs._minimum_spanning_tree_kernel import (
        spanning_tree_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


class DisjointSets:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, v: int) -> int:
        while self.parent[v] != v:
            self.parent[v] = self.parent[self.parent[v]]
            v = self.parent[v]
        return v

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[ra] = rb
        return True


def plain_random_connected_graph(rng, n: int, target: int, max_weight: int) -> list:
    """Edges [u, v, w] (u < v): a random spanning tree (each vertex of a random order joins a
    uniformly chosen earlier one), then uniformly chosen other pairs up to ``target`` edges;
    weights uniform in [1, max_weight]; the edges in uniformly random order."""
    if n < 2 or max_weight < 1:
        raise ValueError("need n >= 2 and max_weight >= 1")
    words = Words(rng)
    order = list(range(n))
    words.shuffle(order)
    ends, taken = [], set()
    for i in range(1, n):
        a, b = order[i], order[words.below(i)]
        ends.append((min(a, b), max(a, b)))
        taken.add(ends[-1])
    extra = target - (n - 1)
    if extra > 0:
        others = []
        for a in range(n):
            deadline.check()
            others.extend((a, b) for b in range(a + 1, n) if (a, b) not in taken)
        for i in range(min(extra, len(others))):  # the first ones of a random ordering
            j = i + words.below(len(others) - i)
            others[i], others[j] = others[j], others[i]
            ends.append(others[i])
    edges = [[a, b, 1 + words.below(max_weight)] for a, b in ends]
    words.shuffle(edges)
    return edges


def minimum_tree(n: int, edges):
    """:func:`kruskal`, compiled where the edges allow: (total weight, [(u, v)])."""
    result = -1 if kruskal_tree is None else finished(kruskal_tree(n, edges, deadline.deadline_at()))
    if result == -1:
        return kruskal(n, edges)
    total, flat = result
    return total, list(zip(flat[::2], flat[1::2]))


def kruskal(n: int, edges):
    """(total weight, [(u, v)]) of a minimum spanning tree (the graph is connected)."""
    sets, chosen, total = DisjointSets(n), [], 0
    for u, v, w in sorted(edges, key=lambda e: e[2]):
        if sets.union(u, v):
            chosen.append((u, v))
            total += w
    if len(chosen) != n - 1:
        raise ValueError("the graph is not connected")
    return total, chosen


class MinimumSpanningTree(Environment):
    id = "MinimumSpanningTree"
    parameter_types = {"N": int, "edges": [[int]], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # several trees may share the least weight

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 4
        densities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9]
        while True:
            yield [{"N": n, "edge_density": d} for d in densities if int(d * n * (n - 1) / 2) > n - 1]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 3 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3 and 0 <= edge_density <= 1")
        target = int(density * n * (n - 1) / 2)
        # a random spanning tree first (so the graph is connected), then extra random edges
        draw = plain_random_connected_graph if random_connected_graph is None else random_connected_graph
        parameter["edges"] = draw(rng, n, target, max(1, target))

    def solve(self, parameter):
        total, tree = minimum_tree(parameter["N"], parameter["edges"])
        return {"reference_answer": join_ints([x for edge in tree for x in edge]), "gold_answer": total}

    def prompt(self, parameter):
        n = parameter["N"]
        edges = join_rows(parameter["edges"])
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these weighted edges, "
                f"each written (u, v, w) for an edge between u and v of weight w:\n{edges}\n\n"
                f"Choose exactly {n - 1} of these edges so that together they connect all {n} vertices "
                "(a spanning tree), with the smallest possible sum of weights.\n\n"
                "Answer with the endpoints of the chosen edges on one line, separated by spaces: "
                "u1 v1 u2 v2 ... (for example 0 1 1 2 2 3 picks the edges 0-1, 1-2 and 2-3).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) % 2:
            return self.wrong_format
        tree = [(parsed[i], parsed[i + 1]) for i in range(0, len(parsed), 2)]
        if len(tree) != n - 1:
            return self.invalid_solution
        if {x for edge in tree for x in edge} != set(range(n)):
            return self.invalid_solution
        weight_of = {(e[0], e[1]): e[2] for e in parameter["edges"]}
        sets, weight, connected = DisjointSets(n), 0, True
        for u, v in tree:
            key = (min(u, v), max(u, v))
            if key not in weight_of:
                return self.invalid_solution
            weight += weight_of[key]
            connected &= sets.union(u, v)  # N-1 edges over N vertices: a tree iff no cycle
        if not connected:
            return self.invalid_solution
        if parameter["gold_answer"] > weight:
            raise ValueError("a tree lighter than the stored optimum: the config is wrong")
        return (parameter["gold_answer"] / weight) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (too many vertices for a dense table, odd edges, huge weights):
        # the Python scorer reproduces upstream exactly there
        return _compiled_kernel(parameter["N"], parameter["edges"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution)
