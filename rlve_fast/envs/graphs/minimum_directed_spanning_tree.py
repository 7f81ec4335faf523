"""MinimumDirectedSpanningTree: choose N-1 edges of a weighted directed graph forming an
arborescence rooted at a given vertex (every other vertex has one incoming edge and is
reachable from the root) with the least total weight.

Answer: the endpoints "s1 t1 s2 t2 ...". Reward: (optimum/weight)^5 for an arborescence made
of the graph's edges; an odd count of numbers is -1; anything else is -0.5.  Solver: Edmonds'
algorithm, contracting every cycle of cheapest incoming edges at once (numpy rounds), then
expanding the contractions to recover the edges."""
from __future__ import annotations

import numpy as np

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._generation import finished
from rlve_fast.envs._schedules import plus_tenth
from rlve_fast.envs.graphs._graph_common import (bulk_generator, density_schedule, edge_lines,
                                                 sample_new_pairs, shuffled)

try:
    from rlve_fast.envs.graphs._minimum_directed_spanning_tree_kernel import arborescence_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

SMALL_GRAPH = 32  # vertices up to which sample() draws from rng itself rather than numpy


def min_arborescence(n: int, edges, root: int):
    try:
        from rlve_fast.envs.graphs._minimum_directed_spanning_tree_solver import min_arborescence as compiled
    except ImportError:
        return min_arborescence_numpy(n, edges, root)
    return finished(compiled(n, edges, root, deadline.deadline_at()))


def min_arborescence_numpy(n: int, edges, root: int):
    """(weight, [edge index]) of a least-weight arborescence of ``edges`` [(s, t, w)] rooted at
    ``root``; ValueError if some vertex cannot be reached."""
    src = np.array([e[0] for e in edges], dtype=np.int64)
    dst = np.array([e[1] for e in edges], dtype=np.int64)
    weight = np.array([e[2] for e in edges], dtype=np.int64)
    ident = np.arange(len(edges))
    levels = []  # per contraction: (cheapest-in edge ids per node, cycles, dst by edge id)
    nodes = n
    while True:
        deadline.check()
        keep = (src != dst) & (dst != root)
        src, dst, weight, ident = src[keep], dst[keep], weight[keep], ident[keep]
        order = np.lexsort((weight, dst))
        heads, first = np.unique(dst[order], return_index=True)
        if len(heads) != nodes - 1:
            raise ValueError("some vertex cannot be reached from the root")
        best = np.full(nodes, -1)
        best[heads] = order[first]  # position of the cheapest edge into each node
        parent = np.full(nodes, -1)
        parent[heads] = src[best[heads]]
        # cycles of the cheapest-in graph: walk from each node until a visited one
        state = [0] * nodes  # 0 new, 1 on the current walk, 2 done
        state[root] = 2
        cycles = []
        for start in range(nodes):
            walk, v = [], start
            while state[v] == 0:
                state[v] = 1
                walk.append(v)
                v = int(parent[v])
            if state[v] == 1:
                cycles.append(walk[walk.index(v):])
            for u in walk:
                state[u] = 2
        if not cycles:
            levels.append(({int(h): int(ident[best[h]]) for h in heads}, [], None))
            break
        group = np.arange(nodes)
        fresh = nodes
        cycle_of = np.full(nodes, -1)
        for c, cycle in enumerate(cycles):
            cycle_of[cycle] = c
        # nodes outside cycles keep an id, each cycle becomes one new node
        outside = np.flatnonzero(cycle_of < 0)
        group[outside] = np.arange(len(outside))
        for c, cycle in enumerate(cycles):
            group[cycle] = len(outside) + c
        fresh = len(outside) + len(cycles)
        into = cycle_of[dst] >= 0
        head_by_id = dict(zip(ident[into].tolist(), dst[into].tolist()))
        levels.append(({int(h): int(ident[best[h]]) for h in heads}, cycles, head_by_id))
        weight = weight - np.where(into, weight[best[dst]], 0)
        src, dst, root, nodes = group[src], group[dst], int(group[root]), fresh
    chosen = set(levels[-1][0].values())
    for cheapest, cycles, head_by_id in reversed(levels[:-1]):
        for cycle in cycles:
            entering = next(head_by_id[e] for e in chosen if e in head_by_id and head_by_id[e] in cycle)
            chosen.update(cheapest[v] for v in cycle if v != entering)
    chosen = sorted(chosen)
    return sum(edges[i][2] for i in chosen), chosen


class MinimumDirectedSpanningTree(Environment):
    id = "MinimumDirectedSpanningTree"
    parameter_types = {"N": int, "root": int, "edges": [[int]], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # several arborescences may share the least weight

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = (0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9)
        return density_schedule(4, densities, lambda n, d: int(d * n * (n - 1)) > n - 1, grow=plus_tenth)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 3 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3 and 0 <= edge_density <= 1")
        wanted = int(density * n * (n - 1))
        top = max(1, wanted)
        if n <= SMALL_GRAPH:  # the same draws from rng itself: numpy's overhead dominates small graphs
            order = list(range(n))
            rng.shuffle(order)
            pairs = [(order[rng.randrange(i)], order[i]) for i in range(1, n)]  # entered from an earlier one
            if len(pairs) < wanted:
                present = set(pairs)
                absent = [(s, t) for s in range(n) for t in range(n) if s != t and (s, t) not in present]
                pairs += rng.sample(absent, min(len(absent), wanted - len(pairs)))
            edges = [[s, t, rng.randint(1, top)] for s, t in pairs]
            rng.shuffle(edges)
            parameter["edges"] = edges
            parameter["root"] = order[0]
            return
        gen = bulk_generator(rng)
        order = gen.permutation(n).tolist()
        earlier = gen.integers(0, np.arange(1, n)).tolist()  # each vertex entered from an earlier one
        pairs = [(order[j], order[i]) for i, j in enumerate(earlier, 1)]
        if len(pairs) < wanted:
            pairs += sample_new_pairs(gen, n, pairs, min(n * (n - 1) - len(pairs), wanted - len(pairs)), directed=True)
        weights = gen.integers(1, top + 1, size=len(pairs)).tolist()
        parameter["edges"] = shuffled(gen, [[s, t, w] for (s, t), w in zip(pairs, weights)])
        parameter["root"] = order[0]

    def solve(self, parameter):
        edges = parameter["edges"]
        total, chosen = min_arborescence(parameter["N"], edges, parameter["root"])
        return {"reference_answer": " ".join("%d %d" % (edges[i][0], edges[i][1]) for i in chosen),
                "gold_answer": total}

    def prompt(self, parameter):
        n, root = parameter["N"], parameter["root"]
        return (f"A directed graph has {n} vertices, numbered 0 to {n - 1}. Its weighted edges are listed one "
                f"per line; (s, t, w) is an edge from s to t of weight w:\n{edge_lines(parameter['edges'])}\n\n"
                f"Choose exactly {n - 1} of these edges that form a spanning arborescence rooted at vertex "
                f"{root}: every vertex can be reached from {root} along chosen edges, every vertex other than "
                f"{root} has exactly one chosen edge coming into it, and the chosen edges contain no cycle. "
                "Make the total weight of the chosen edges as small as possible.\n\n"
                "Answer with the chosen edges on one line as their endpoints, separated by spaces: "
                "s1 t1 s2 t2 ... (for example, with 4 vertices and root 0, 0 1 0 2 2 3 picks the edges "
                "0->1, 0->2 and 2->3).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n, root = parameter["N"], parameter["root"]
        if len(parsed) % 2:
            return self.wrong_format
        chosen = list(zip(parsed[0::2], parsed[1::2]))
        if len(chosen) != n - 1 or {x for edge in chosen for x in edge} != set(range(n)):
            return self.invalid_solution
        children = [[] for _ in range(n)]
        for s, t in chosen:
            if s == t:
                return self.invalid_solution
            children[s].append(t)
        # from the root, no vertex may be entered twice, and every vertex must be entered
        seen, stack = [False] * n, [root]
        seen[root] = True
        while stack:
            for t in children[stack.pop()]:
                if seen[t]:
                    return self.invalid_solution
                seen[t] = True
                stack.append(t)
        if not all(seen):
            return self.invalid_solution
        weight_of = {(s, t): w for s, t, w in parameter["edges"]}
        if not all(edge in weight_of for edge in chosen):
            return self.invalid_solution
        weight, gold = sum(weight_of[edge] for edge in chosen), parameter["gold_answer"]
        if gold > weight:
            raise ValueError("an arborescence lighter than the stored optimum: the config is wrong")
        return (gold / weight) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (N outside 2..1024, a root outside 0..N-1, edges other than
        # (s, t, w) triples, weights beyond 2^53): the Python scorer reproduces upstream there
        return _compiled_kernel(parameter["N"], parameter["root"], parameter["edges"], parameter["gold_answer"],
                                self.beta, self.wrong_format, self.invalid_solution)
