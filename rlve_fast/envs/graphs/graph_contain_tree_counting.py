"""GraphContainTreeCounting: count the bijections p from the vertices of a tree T to those of
a graph G (both on N vertices) that send every tree edge (u, v) to a graph edge (p(u), p(v)).

Answer: one integer. Reward: (min/max)^10 against the true count; an answer <= 0 is
wrong-format (-1).

Solver: inclusion-exclusion over vertex sets C of G of hom(C), the number of edge-preserving
maps of T into G[C].  T is connected, so hom(X) is the sum of hom over the components of
G[X]; a connected C is a component of exactly the sets C + Z with Z outside C's closed
neighbourhood, whose signs cancel unless C dominates G.  So the count is the sum over the
connected dominating sets C of (-1)^(N - |C|) hom(C), and each such C holds every cut vertex
of G.  hom(C) is a tree DP over the classes of isomorphic rooted subtrees (one vector per
class, the root chosen for the least work, see subtree_plan).  Compiled: O(2^(N - cut vertices) *
classes * edges), exact modulo 2^128.  The compiled module also does the set-up (masks, cut
vertices, classes) and the draw of graphs up to SMALL_GRAPH vertices, each in one call: at 4 to
6 vertices that Python set-up was most of a problem's time."""
from __future__ import annotations

import random

import numpy as np

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs.graphs._graph_common import (SMALL_GRAPH, adjacency_masks, bulk_generator, density_schedule,
                                                 edge_lines, pair_count, sample_new_pairs, shuffled)
from rlve_fast.integer_answer import IntegerAnswerEnvironment
from rlve_fast.seeding import ProblemRandom

try:
    from rlve_fast.envs.graphs import _graph_contain_tree_counting_solver as _compiled
except ImportError:  # the extension did not build: the Python twins
    _compiled = None

# the generators whose getrandbits and _randbelow the compiled draw reproduces exactly
_COMPILED_DRAW_TYPES = (ProblemRandom, random.Random)


def _reach(adj, allowed: int, seed: int) -> int:
    """The vertices of ``allowed`` connected to the vertex ``seed`` inside it (bit masks)."""
    reach = frontier = 1 << seed
    while frontier:
        grown = 0
        while frontier:
            low = frontier & -frontier
            grown |= adj[low.bit_length() - 1]
            frontier ^= low
        frontier = grown & allowed & ~reach
        reach |= frontier
    return reach


def cut_vertices(n: int, adj) -> int:
    """Bit mask of the vertices whose removal disconnects the (connected) graph."""
    full = (1 << n) - 1
    cut = 0
    for v in range(n):
        rest = full & ~(1 << v)
        if rest and _reach(adj, rest, (rest & -rest).bit_length() - 1) != rest:
            cut |= 1 << v
    return cut


def subtree_plan(n: int, tree_edges, sweep_cost: float = 1000.0):
    """The classes of isomorphic rooted subtrees for the best root: a list whose entries,
    children first and the root last, are [(child class or -1 for a leaf, multiplicity), ...].
    The best root makes the least work per vertex set: a sweep of the edges per non-root
    class (``sweep_cost`` multiplications per vertex) and the multiplications of the class
    values (one per factor beyond the first, leaf children making one factor); the first
    such root on ties."""
    links = [[] for _ in range(n)]
    for u, v in tree_edges:
        links[u].append(v)
        links[v].append(u)
    best = None
    for root in range(n):
        parent, order = [-1] * n, [root]
        for u in order:  # breadth first: parents before children
            for v in links[u]:
                if v != parent[u]:
                    parent[v] = u
                    order.append(v)
        if len(order) != n:
            raise ValueError("the tree edges do not connect all vertices")
        shapes, plan, klass = {}, [], [0] * n
        for u in reversed(order[1:]):
            kids = sorted(klass[v] for v in links[u] if v != parent[u])
            if not kids:
                klass[u] = -1
                continue
            shape = tuple((d, kids.count(d)) for d in sorted(set(kids)))
            if shape not in shapes:
                shapes[shape] = len(plan)
                plan.append(list(shape))
            klass[u] = shapes[shape]
        kids = sorted(klass[v] for v in links[root])
        plan.append([(d, kids.count(d)) for d in sorted(set(kids))])
        products = sum(sum(m for d, m in entry if d >= 0) + any(d < 0 for d, _ in entry) - 1 for entry in plan)
        work = (len(plan) - 1) * sweep_cost + products
        if best is None or work < best[0]:
            best = (work, plan)
    return best[1]


def sweep_cost(n: int, adj) -> float:
    """The ``sweep_cost`` the compiled count weighs roots by: a sweep adds about
    min(d, 1 - d) * |X| values per vertex of X (|X| ~ n / 2), an addition costing about 0.4
    multiplication."""
    density = sum(bin(a).count("1") for a in adj) / (n * (n - 1))
    return 0.4 * (min(density, 1 - density) * n / 2 + 2)


def count_embeddings_python(n: int, graph_edges, tree_edges) -> int:
    """The same sum in plain Python (tests, no compiled core)."""
    if n == 1:
        return 1
    adj = adjacency_masks(n, graph_edges)
    full = (1 << n) - 1
    if _reach(adj, full, 0) != full:
        return 0  # a spanning tree cannot map onto a disconnected graph
    forced = cut_vertices(n, adj)
    plan = subtree_plan(n, tree_edges)
    total, X = 0, forced
    while True:
        deadline.check()
        members = [x for x in range(n) if X >> x & 1]
        cover = X
        for x in members:
            cover |= adj[x]
        if cover == full and members and _reach(adj, X, members[0]) == X:
            degree = {x: bin(adj[x] & X).count("1") for x in members}
            sums = []  # sums[c][x]: sum of class c's values over x's neighbours in X

            def value(x, shape):
                product = 1
                for d, m in shape:
                    product *= (degree[x] if d < 0 else sums[d][x]) ** m
                return product

            for shape in plan[:-1]:
                g = {x: value(x, shape) for x in members}
                sums.append({x: sum(g[y] for y in members if adj[x] >> y & 1) for x in members})
            hom = sum(value(x, plan[-1]) for x in members)
            total += -hom if (n - len(members)) % 2 else hom
        if X == full:
            return total
        X = ((X + 1) | forced) & full


def count_embeddings(n: int, graph_edges, tree_edges) -> int:
    """The number of bijections from the tree onto the graph keeping every tree edge."""
    if _compiled is None:
        return count_embeddings_python(n, graph_edges, tree_edges)
    if n == 1:
        return 1
    return finished(_compiled.count_embeddings(n, graph_edges, tree_edges, deadline.deadline_at()))


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
        wanted = int(density * n * (n - 1) / 2)
        if n <= SMALL_GRAPH:  # the same draws by random.Random: numpy's set-up costs more here
            if _compiled is not None and type(rng) in _COMPILED_DRAW_TYPES:
                parameter["T_edges"], parameter["G_edges"] = _compiled.draw_small(rng, n, wanted)
                return
            tree, graph = self._tree_and_graph_small(rng, n, wanted)
        else:
            gen = bulk_generator(rng)
            order = gen.permutation(n).tolist()
            earlier = gen.integers(0, np.arange(1, n)).tolist()  # each vertex hangs from an earlier one
            tree = shuffled(gen, [(min(order[i], order[j]), max(order[i], order[j])) for i, j in enumerate(earlier, 1)])
            order = gen.permutation(n).tolist()  # a random relabelling puts a copy of the tree into the graph
            graph = [(min(order[u], order[v]), max(order[u], order[v])) for u, v in tree]
            if len(graph) < wanted:
                graph += sample_new_pairs(gen, n, graph, min(n * (n - 1) // 2 - len(graph), wanted - len(graph)))
            graph = shuffled(gen, graph)
        parameter["T_edges"] = [[u, v] for u, v in tree]
        parameter["G_edges"] = [[u, v] for u, v in graph]

    @staticmethod
    def _tree_and_graph_small(rng, n: int, wanted: int):
        """The draw of ``sample`` by ``rng`` itself: a uniformly labelled random recursive tree in
        random edge order, a random relabelling of it plus uniformly chosen absent pairs up to
        ``wanted`` edges, in random order."""
        order = list(range(n))
        rng.shuffle(order)
        tree = [(min(order[i], order[j]), max(order[i], order[j]))
                for i, j in ((i, rng.randrange(i)) for i in range(1, n))]
        rng.shuffle(tree)
        rng.shuffle(order)
        graph = [(min(order[u], order[v]), max(order[u], order[v])) for u, v in tree]
        if len(graph) < wanted:
            present = set(graph)
            absent = [(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in present]
            graph += rng.sample(absent, min(len(absent), wanted - len(graph)))
        rng.shuffle(graph)
        return tree, graph

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
