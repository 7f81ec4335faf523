"""MinimumTreeWeightedDominatingAncestor: a tree rooted at 0 (already selected) with weighted
edges and vertex costs C; select exactly K more vertices so that the sum over vertices u of
C[u] * (distance from u up to its nearest selected ancestor, u itself included) is least.

Answer: the K vertices, space-separated. Reward: (optimum / cost)^5 (1 when both are 0); a
wrong count or a vertex outside 1..N is -0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module, rooted_at_zero

_compiled = compiled_module("rlve_fast.envs.trees._minimum_tree_weighted_dominating_ancestor_kernel")


def at(values, j):
    """values[j], where a list of "at most j" optima stays flat past its end."""
    return values[min(j, len(values) - 1)]


def combine(first, second, limit):
    """The min-plus convolution of two "at most j selections" cost lists, up to ``limit``."""
    length = min(limit, len(first) + len(second) - 2) + 1
    return [min(at(first, j - x) + second[x] for x in range(min(j, len(second) - 1) + 1))
            for j in range(length)]


def least_cost(n: int, parents, costs, k: int) -> int:
    """The least total cost with k selected vertices besides the root.

    For each vertex v and each level t above it, ``table[v][t][j]`` is the least cost of v's
    subtree with at most j selections in it when the nearest selected vertex above v is its
    ancestor a at level t (more selections never cost more, so "at most" and "exactly" agree
    at j = k <= n): either v is selected (its children then answer to v) or v pays C[v]
    times its distance to a (and its children answer to a).  Children's lists combine by
    min-plus convolution."""
    children, order = rooted_at_zero(n, parents)
    level, dist, size = [0] * (n + 1), [0] * (n + 1), [1] * (n + 1)
    ancestors = [[] for _ in range(n + 1)]  # ancestors[v][t]: v's ancestor at level t
    for v in order[1:]:
        p, w = parents[v]
        level[v], dist[v], ancestors[v] = level[p] + 1, dist[p] + w, ancestors[p] + [p]
    for v in reversed(order[1:]):
        size[parents[v][0]] += size[v]
    table = [None] * (n + 1)  # table[v][t]: v's list when its nearest selected ancestor is at level t

    def merged(v, t):  # the lists of v's children combined, for an ancestor at level t (or v itself)
        out = [0]
        for c in children[v]:
            out = combine(out, table[c][t], k)
        return out

    for v in reversed(order[1:]):
        deadline.check()
        below_selected = merged(v, level[v])
        rows = []
        for t in range(level[v]):
            below_waiting = merged(v, t)
            pay = costs[v] * (dist[v] - dist[ancestors[v][t]])
            row = [pay + below_waiting[0]]
            for j in range(1, min(k, size[v]) + 1):
                row.append(min(pay + at(below_waiting, j), at(below_selected, j - 1)))
            rows.append(row)
        table[v] = rows
    return at(merged(0, 0), k)


class MinimumTreeWeightedDominatingAncestor(Environment):
    id = "MinimumTreeWeightedDominatingAncestor"
    parameter_types = {"N": int, "K": int, "parents": [object], "C": [int], "gold_answer": int}

    weight_range = 10
    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2:
            raise ValueError("N must be at least 2")
        source = words(rng)
        order, attached_to = source.attachments(n + 1, root_first=True)
        weights = source.ints(n, 1, self.weight_range)
        parents = [None] * (n + 1)
        for i in range(1, n + 1):
            parents[order[i]] = [order[attached_to[i]], weights[i - 1]]
        parameter["parents"] = parents
        parameter["C"] = [0] + source.ints(n, 0, self.weight_range)
        parameter["K"] = source.randint(1, n - 1)

    def solve(self, parameter):
        solver = _compiled.least_cost if _compiled is not None else least_cost
        return {"gold_answer": solver(parameter["N"], parameter["parents"], parameter["C"], parameter["K"])}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        links = "\n".join("vertex %d: parent %d, edge weight %d" % (v, p, w)
                          for v, (p, w) in enumerate(parameter["parents"][1:], start=1))
        costs = " ".join("C[%d]=%d" % (v, c) for v, c in enumerate(parameter["C"]) if v > 0)
        return (f"A tree has the {n + 1} vertices 0 to {n}; vertex 0 is its root. Every other vertex has "
                f"a parent, joined to it by an edge with a weight:\n{links}\n\n"
                f"Every vertex other than the root has a cost: {costs}\n\n"
                f"Vertex 0 is selected already; select exactly {k} more vertices among 1 to {n}. For each "
                f"vertex u from 1 to {n}, let D[u] be the distance (the sum of edge weights along the path) "
                "from u up to the closest selected vertex among u itself and its ancestors; the root "
                f"always qualifies. The total cost is the sum of C[u] * D[u] over u = 1..{n}. Make it as "
                "small as possible.\n\n"
                f"Answer with the {k} selected vertices (not 0) on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != parameter["K"]:
            return self.invalid_solution
        selected = [True] + [False] * n
        for v in parsed:
            if not 1 <= v <= n:
                return self.invalid_solution
            selected[v] = True
        children = [[] for _ in range(n + 1)]
        for v in range(1, n + 1):
            p, w = parameter["parents"][v]
            children[p].append((v, w))
        total, stack = 0, [(0, 0)]
        while stack:  # distance from each vertex up to its nearest selected one
            v, up = stack.pop()
            if selected[v]:
                up = 0
            total += parameter["C"][v] * up
            stack.extend((c, up + w) for c, w in children[v])
        gold = parameter["gold_answer"]
        if gold > total:
            raise ValueError("a selection cheaper than the stored optimum: a wrong config")
        if total == 0:
            if gold != 0:
                raise ValueError("a zero cost with a non-zero stored optimum: a wrong config")
            return 1.0
        return (gold / total) ** self.beta

    def kernel(self, parameter):
        if _compiled is None:
            return None
        n, parents, costs = parameter["N"], parameter["parents"], parameter["C"]
        # plain configs (every parent a pair of ints in range) are checked and read in one pass
        kernel = _compiled.ancestor_cost_kernel(n, parameter["K"], parents, costs, parameter["gold_answer"],
                                                self.beta, self.wrong_format, self.invalid_solution)
        if kernel is not NotImplemented:
            return kernel
        try:
            _, order = rooted_at_zero(n, parents)
            usual = (len(costs) == n + 1 and all(0 <= c <= 1 << 20 for c in costs)
                     and all(len(parents[v]) == 2 and 0 <= parents[v][1] <= 1 << 20 for v in range(1, n + 1)))
        except (ValueError, TypeError, IndexError):
            usual = False
        if not usual:
            return None  # not a tree, or unusual numbers: the Python scorer decides
        return _compiled.AncestorCostKernel(n, parameter["K"], parents, costs, order, parameter["gold_answer"],
                                            self.beta, self.wrong_format, self.invalid_solution)
