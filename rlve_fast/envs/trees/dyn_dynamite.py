"""DynDynamite: in a tree on 0..N-1 with some key vertices, choose M centers so that the
largest distance from a key vertex to its nearest center is as small as possible.

Answer: the M centers, space-separated (repeats allowed). Reward: (optimum / achieved)^5;
a list of the wrong length or with a non-vertex is -0.5; no list of integers is -1."""
from __future__ import annotations

from collections import deque

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module, rooted

_compiled = compiled_module("rlve_fast.envs.trees._dyn_dynamite_kernel")


def centers_needed(parent, order, is_key, radius: int) -> int:
    """The fewest centers within ``radius`` of every key vertex (greedy from the leaves up).

    Children before parents, each vertex knows the farthest key below it not yet covered
    (``open_key``, -1 for none) and the nearest center below it (``center``).  A center
    close enough covers the open key; an open key at exactly ``radius`` gets a center on the
    vertex itself (it cannot wait any higher); whatever is open at the root gets one more."""
    n = len(parent)
    far_away = n + 1
    open_key, center = [-1] * n, [far_away] * n
    count = 0
    for v in reversed(order):
        if is_key[v]:
            open_key[v] = max(open_key[v], 0)
        if open_key[v] >= 0 and open_key[v] + center[v] <= radius:
            open_key[v] = -1
        if open_key[v] == radius:
            count += 1
            open_key[v], center[v] = -1, 0
        p = parent[v]
        if p >= 0:
            if open_key[v] >= 0:
                open_key[p] = max(open_key[p], open_key[v] + 1)
            center[p] = min(center[p], center[v] + 1)
    return count + (open_key[order[0]] >= 0)


def least_radius(n: int, edges, key_vertices, m: int) -> int:
    """The least r such that m centers put every key vertex within distance r of one."""
    parent, order, _ = rooted(n, edges)
    is_key = [False] * n
    for v in key_vertices:
        is_key[v] = True
    low, high = 0, n
    while low < high:
        middle = (low + high) // 2
        if centers_needed(parent, order, is_key, middle) <= m:
            high = middle
        else:
            low = middle + 1
    return low


class DynDynamite(Environment):
    id = "DynDynamite"
    parameter_types = {"N": int, "M": int, "edges": [[int]], "key_vertices": [int], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        source = words(rng)
        parameter["edges"] = source.tree_edges(n)
        keys = parameter["key_vertices"] = source.sample(n, source.randint(2, n))
        parameter["M"] = source.randint(1, len(keys) - 1)

    def solve(self, parameter):
        solver = _compiled.least_radius if _compiled is not None else least_radius
        return {"gold_answer": solver(parameter["N"], parameter["edges"], parameter["key_vertices"],
                                      parameter["M"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        edges = "\n".join("%d %d" % (u, v) for u, v in parameter["edges"])
        keys = " ".join(map(str, parameter["key_vertices"]))
        return (f"Consider a tree (a connected undirected graph without cycles) whose {n} vertices are "
                f"numbered 0 to {n - 1}. Its {n - 1} edges are listed below, one per line as \"u v\":\n"
                f"{edges}\n\nThe key vertices are: {keys}\n\n"
                f"Choose exactly {m} of the {n} vertices (any vertices, key or not) to be centers. Measure "
                "distance in edges: two vertices are d apart when the path joining them has d edges. "
                "Make the largest distance from a key vertex to its closest center as small as "
                "possible.\n\n"
                f"Answer with the {m} chosen centers on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != parameter["M"] or not all(0 <= v < n for v in parsed):
            return self.invalid_solution
        adjacent = [[] for _ in range(n)]
        for u, v in parameter["edges"]:
            adjacent[u].append(v)
            adjacent[v].append(u)
        distance = [None] * n
        queue = deque(parsed)
        for v in parsed:
            distance[v] = 0
        while queue:
            u = queue.popleft()
            for v in adjacent[u]:
                if distance[v] is None:
                    distance[v] = distance[u] + 1
                    queue.append(v)
        achieved = max(distance[v] for v in parameter["key_vertices"])
        gold = parameter["gold_answer"]
        if not 0 < gold <= achieved:
            raise ValueError("the stored optimum is not below the achieved distance: a wrong config")
        return (gold / achieved) ** self.beta

    def kernel(self, parameter):
        if _compiled is None:
            return None
        try:
            return _compiled.CentersKernel(parameter["N"], parameter["M"], parameter["edges"],
                                           parameter["key_vertices"], parameter["gold_answer"],
                                           self.beta, self.wrong_format, self.invalid_solution)
        except ValueError:
            return None  # not a tree, or keys that are not vertices: the Python scorer decides
