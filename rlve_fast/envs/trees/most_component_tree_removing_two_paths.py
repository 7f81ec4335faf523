"""MostComponentTreeRemovingTwoPaths: remove the vertices of two paths of a tree on 1..N (the
paths share no edge; a path may be a single vertex) to leave as many connected components as
possible; the answer is that largest number.

Answer: one integer. Reward: 1 for the right number, 0 for another integer, -1 otherwise."""
from __future__ import annotations

from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module, rooted
from rlve_fast.integer_answer import IntegerAnswerEnvironment

_compiled = compiled_module("rlve_fast.envs.trees._most_component_tree_removing_two_paths_kernel")


def most_components(n: int, edges) -> int:
    """The largest number of components left after removing two edge-disjoint paths.

    Removing a vertex set S from a tree leaves sum over S of (degree - 2) + c(S) + 1
    components, c(S) being the number of components S itself induces.  Two edge-disjoint
    paths either meet in one vertex (S: a "spider", up to four legs from one centre, c = 1)
    or are vertex-disjoint (c = 1 if an edge joins them, else 2).  With w = degree - 2 the
    answer is the best of
      * every centre v: w(v) + its four best legs (best chains leaving v, if positive) + 2;
      * every edge (p, q), one path on each side: the best paths through/avoiding q in q's
        subtree and through/avoiding p outside it, + 2 when both touch the edge, else + 3.
    Chains and paths outside a subtree come from a second, top-down pass (rerooting)."""
    parent, order, children = rooted(n, edges, root=0, first=1)
    w = [len(children[v]) + (parent[v] >= 0) - 2 for v in range(n)]
    none = -4 * n - 10  # below any path's weight: "no such path"
    down, through, best_below = [0] * n, [0] * n, [0] * n
    for v in reversed(order):
        chains = sorted((max(0, down[c]) for c in children[v]), reverse=True)
        down[v] = w[v] + sum(chains[:1])                  # best chain from v downwards
        through[v] = w[v] + sum(chains[:2])               # best path in v's subtree through v
        best_below[v] = max([through[v]] + [best_below[c] for c in children[v]])
    up, outside = [none] * n, [none] * n  # best chain from the parent away from v; best path off v's subtree
    best = none
    for p in order:
        upward = [max(0, up[p])] if parent[p] >= 0 else []
        legs = sorted([max(0, down[c]) for c in children[p]] + upward, reverse=True)
        best = max(best, w[p] + sum(legs[:4]) + 2)
        for q in children[p]:
            others = sorted([max(0, down[s]) for s in children[p] if s != q] + upward, reverse=True)
            up[q] = w[p] + sum(others[:1])
            out_through = w[p] + sum(others[:2])
            out_avoiding = max([outside[p]] + [best_below[s] for s in children[p] if s != q])
            outside[q] = max(out_through, out_avoiding)
            in_avoiding = max([best_below[c] for c in children[q]], default=none)
            best = max(best, through[q] + out_through + 2, through[q] + out_avoiding + 3,
                       in_avoiding + out_through + 3, in_avoiding + out_avoiding + 3)
    return best


class MostComponentTreeRemovingTwoPaths(IntegerAnswerEnvironment):
    id = "MostComponentTreeRemovingTwoPaths"
    rule = "exact"

    @staticmethod
    def schedule():
        n = 4
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 4:
            raise ValueError("N must be at least 4")
        parameter["edges"] = words(rng).tree_edges(n, first=1)

    def solve(self, parameter):
        solver = _compiled.most_components if _compiled is not None else most_components
        return {"reference_answer": solver(parameter["N"], parameter["edges"])}

    def prompt(self, parameter):
        n = parameter["N"]
        edges = "\n".join("(%d, %d)" % (u, v) for u, v in parameter["edges"])
        return (f"Here is a tree on the vertices 1 to {n} (vertex 1 is its root), given by its {n - 1} "
                f"undirected edges:\n{edges}\n\n"
                "Pick two paths in the tree. Each path runs between any two vertices (the two ends may "
                "coincide, making the path a single vertex), and the two paths must not use a common "
                "edge, though they may pass through common vertices. Then delete every vertex lying on "
                "either path, together with all edges touching those vertices. What remains is a "
                "forest.\n\nWhat is the largest number of connected components this forest can have? "
                "Answer with that number as a single integer.")
