"""MinimumSpanningTree: pick N-1 edges of a weighted undirected graph that connect all N
vertices with the least total weight.

Answer: the endpoints "u1 v1 u2 v2 ...". Reward: (optimum/weight)^5 for a spanning tree made
of the graph's edges; an odd count of numbers (or none) is -1; anything else that is not a
spanning tree of the graph is -0.5."""
from __future__ import annotations

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment


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
        max_weight = max(1, target)
        order = list(range(n))
        rng.shuffle(order)
        # a random spanning tree first (so the graph is connected), then extra random edges
        pairs = set()
        for index in range(1, n):
            a, b = order[index], order[rng.randrange(index)]
            pairs.add((min(a, b), max(a, b)))
        if len(pairs) < target:
            others = [(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in pairs]
            pairs.update(rng.sample(others, min(len(others), target - len(pairs))))
        edges = [[u, v, rng.randint(1, max_weight)] for u, v in sorted(pairs)]
        rng.shuffle(edges)
        parameter["edges"] = edges

    def solve(self, parameter):
        total, tree = kruskal(parameter["N"], parameter["edges"])
        return {"reference_answer": " ".join("%d %d" % e for e in tree), "gold_answer": total}

    def prompt(self, parameter):
        n = parameter["N"]
        edges = "\n".join("(%d, %d, %d)" % tuple(e) for e in parameter["edges"])
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
        from rlve_fast.envs.graphs._minimum_spanning_tree_kernel import SpanningTreeKernel

        n = parameter["N"]
        if not 2 <= n <= 4096 or any(len(e) != 3 for e in parameter["edges"]):
            return None  # a dense weight table would be too large, or the config is odd
        return SpanningTreeKernel(n, parameter["edges"], parameter["gold_answer"], self.beta,
                                  self.wrong_format, self.invalid_solution)
