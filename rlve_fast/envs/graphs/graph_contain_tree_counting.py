"""GraphContainTreeCounting: count the bijections p from the vertices of a tree T to those of
a graph G (both on N vertices) that send every tree edge (u, v) to a graph edge (p(u), p(v)).

Answer: one integer. Reward: (min/max)^10 against the true count; an answer <= 0 is
wrong-format (-1).  Solver: inclusion-exclusion over vertex sets X of G of the number of
edge-preserving maps of T into G[X] (a tree DP), compiled, O(2^N * N * edges), exact
modulo 2^128."""
from __future__ import annotations

import numpy as np

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs.graphs._graph_common import (adjacency_masks, bulk_generator, density_schedule,
                                                 edge_lines, pair_count, sample_new_pairs, shuffled)
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def rooted_tree(n: int, tree_edges):
    """(order, parent, child_count) of the tree rooted at 0: order lists children first."""
    links = [[] for _ in range(n)]
    for u, v in tree_edges:
        links[u].append(v)
        links[v].append(u)
    parent, order, stack = [-1] * n, [], [0]
    seen = [False] * n
    seen[0] = True
    while stack:
        u = stack.pop()
        order.append(u)
        for v in links[u]:
            if not seen[v]:
                seen[v] = True
                parent[v] = u
                stack.append(v)
    if len(order) != n:
        raise ValueError("the tree edges do not connect all vertices")
    order.reverse()
    child_count = [0] * n
    for v in range(n):
        if parent[v] >= 0:
            child_count[parent[v]] += 1
    return order, parent, child_count


def count_embeddings_python(n: int, graph_edges, tree_edges) -> int:
    """The same inclusion-exclusion in plain Python (tests, no compiled core)."""
    adj = adjacency_masks(n, graph_edges)
    order, parent, _ = rooted_tree(n, tree_edges)
    total = 0
    for subset in range(1, 1 << n):
        deadline.check()
        inside = [x for x in range(n) if subset >> x & 1]
        product = [[1] * n for _ in range(n)]
        for u in order[:-1]:
            f = {x: sum(product[u][y] for y in inside if adj[x] >> y & 1) for x in inside}
            for x in inside:
                product[parent[u]][x] *= f[x]
        hom = sum(product[order[-1]][x] for x in inside)
        total += -hom if (n - len(inside)) % 2 else hom
    return total


def count_embeddings(n: int, graph_edges, tree_edges) -> int:
    try:
        from rlve_fast.envs.graphs._graph_contain_tree_counting_solver import count_embeddings as compiled
    except ImportError:
        return count_embeddings_python(n, graph_edges, tree_edges)
    order, parent, child_count = rooted_tree(n, tree_edges)
    return finished(compiled(n, adjacency_masks(n, graph_edges), order, parent, child_count, deadline.deadline_at()))


class GraphContainTreeCounting(IntegerAnswerEnvironment):
    id = "GraphContainTreeCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        densities = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) >= n - 1)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 3:
            raise ValueError("N must be at least 3")
        gen = bulk_generator(rng)
        order = gen.permutation(n).tolist()
        earlier = gen.integers(0, np.arange(1, n)).tolist()  # each vertex hangs from an earlier one
        tree = shuffled(gen, [(min(order[i], order[j]), max(order[i], order[j])) for i, j in enumerate(earlier, 1)])
        order = gen.permutation(n).tolist()  # a random relabelling puts a copy of the tree into the graph
        graph = [(min(order[u], order[v]), max(order[u], order[v])) for u, v in tree]
        wanted = int(density * n * (n - 1) / 2)
        if len(graph) < wanted:
            graph += sample_new_pairs(gen, n, graph, min(n * (n - 1) // 2 - len(graph), wanted - len(graph)))
        parameter["T_edges"] = [[u, v] for u, v in tree]
        parameter["G_edges"] = shuffled(gen, [[u, v] for u, v in graph])

    def solve(self, parameter):
        count = count_embeddings(parameter["N"], parameter["G_edges"], parameter["T_edges"])
        if count <= 0:
            raise ValueError("the graph holds no copy of the tree")
        return {"reference_answer": count}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"There are two undirected graphs on the same vertices 0 to {n - 1}: a graph G and a tree T.\n\n"
                f"Edges of G, one per line:\n{edge_lines(parameter['G_edges'])}\n\n"
                f"Edges of T, one per line:\n{edge_lines(parameter['T_edges'])}\n\n"
                "Count the permutations p of the vertices (one-to-one maps from the vertices of T onto "
                "the vertices of G) such that for every edge (u, v) of T, the pair (p(u), p(v)) is an "
                "edge of G.\n\nAnswer with that count as a single integer.")
