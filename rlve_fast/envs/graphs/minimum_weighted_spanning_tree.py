"""MinimumWeightedSpanningTree: pick a root and a spanning tree of a weighted undirected graph;
each non-root vertex pays the weight of the edge into it times its depth (edges from the root).
Minimise the total.

Answer: "root u1 v1 u2 v2 ..." (the root, then N-1 edges). Reward: (optimum/cost)^5 for a
spanning tree of the graph's edges (a cost of 0 scores 1); a root out of range is -0.5, then an
odd count of endpoint numbers is -1, anything else that is not a spanning tree is -0.5; no
integers at all is -1.  Solver: a layer DP over vertex sets (compiled, O(N * 3^N))."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._generation import finished
from rlve_fast.envs.graphs._graph_common import density_schedule, edge_lines, pair_count

try:
    from rlve_fast.envs.graphs._minimum_weighted_spanning_tree_kernel import depth_tree_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def weight_matrix(n: int, edges):
    """w[x][y]: the lightest edge between x and y, None where there is none."""
    w = [[None] * n for _ in range(n)]
    for u, v, weight in edges:
        if w[u][v] is None or weight < w[u][v]:
            w[u][v] = w[v][u] = weight
    return w


def least_depth_cost_python(n: int, edges) -> int:
    """The same layer DP in plain Python (tests, no compiled core)."""
    w = weight_matrix(n, edges)
    full = (1 << n) - 1
    inf = float("inf")
    prev = {1 << x: 0 for x in range(n)}
    answer = inf
    for layer in range(1, n):
        deadline.check()
        cur = {}
        for a, base in prev.items():
            rest = [x for x in range(n) if not a >> x & 1]
            link = [min((w[x][y] for y in range(n) if a >> y & 1 and w[x][y] is not None), default=inf) for x in rest]
            for pick in range(1, 1 << len(rest)):
                chosen = [i for i in range(len(rest)) if pick >> i & 1]
                cost = sum(link[i] for i in chosen)
                if cost < inf:
                    key = a | sum(1 << rest[i] for i in chosen)
                    cur[key] = min(cur.get(key, inf), base + layer * cost)
        answer = min(answer, cur.get(full, inf))
        prev = cur
    if answer == inf:
        raise ValueError("the graph is not connected")
    return answer


def least_depth_cost(n: int, edges) -> int:
    try:
        from rlve_fast.envs.graphs._minimum_weighted_spanning_tree_solver import least_depth_cost as compiled
    except ImportError:
        return least_depth_cost_python(n, edges)
    return finished(compiled(n, weight_matrix(n, edges), deadline.deadline_at()))


class MinimumWeightedSpanningTree(Environment):
    id = "MinimumWeightedSpanningTree"
    parameter_types = {"N": int, "edges": [[int]], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        densities = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
        return density_schedule(3, densities, lambda n, d: pair_count(n, d) > n - 1)

    def sample(self, rng, parameter):
        n, density = parameter["N"], parameter["edge_density"]
        if n < 3 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3 and 0 <= edge_density <= 1")
        # plain draws from rng: the solver is exponential in N, so N stays small and numpy's
        # per-call overhead would cost more than the draws themselves
        order = list(range(n))
        rng.shuffle(order)
        pairs, present = [], set()
        for i in range(1, n):  # each vertex joined to a random earlier one: a connected graph
            a, b = order[i], order[rng.randrange(i)]
            pair = (a, b) if a < b else (b, a)
            pairs.append(pair)
            present.add(pair)
        wanted = int(density * n * (n - 1) / 2)
        if len(pairs) < wanted:
            absent = [(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in present]
            pairs += rng.sample(absent, min(len(absent), wanted - len(pairs)))
        edges = [[u, v, rng.randint(0, n)] for u, v in pairs]
        rng.shuffle(edges)
        parameter["edges"] = edges

    def solve(self, parameter):
        return {"gold_answer": least_depth_cost(parameter["N"], parameter["edges"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}. Its weighted edges are listed one "
                f"per line; (u, v, w) joins u and v with weight w:\n{edge_lines(parameter['edges'])}\n\n"
                f"Choose a root vertex and exactly {n - 1} of the edges forming a spanning tree (they connect all "
                f"{n} vertices and contain no cycle). Hang the tree from the root: every other vertex t is "
                "entered by the one tree edge on its path from the root, and if t is K edges away from the "
                "root, that edge costs its weight times K. The cost of the choice is the sum of these edge "
                "costs. Make it as small as possible.\n\n"
                "Answer on one line with the root followed by the endpoints of the chosen edges, all separated "
                "by spaces: root u1 v1 u2 v2 ... (for example, with 4 vertices, 0 0 1 1 2 1 3 means root 0 "
                "and the edges 0-1, 1-2 and 1-3).")

    def parse(self, answer):
        parsed = int_list_answer(answer)
        return parsed if parsed else None  # no numbers at all is wrong-format

    def score(self, parameter, parsed):
        n, root, rest = parameter["N"], parsed[0], parsed[1:]
        if not 0 <= root < n:
            return self.invalid_solution
        if len(rest) % 2:
            return self.wrong_format
        tree = list(zip(rest[0::2], rest[1::2]))
        if len(tree) != n - 1 or {x for edge in tree for x in edge} != set(range(n)):
            return self.invalid_solution
        weight_of = {(u, v): w for u, v, w in parameter["edges"]}
        links = {}
        for u, v in tree:
            if (min(u, v), max(u, v)) not in weight_of:
                return self.invalid_solution
            links.setdefault(u, set()).add(v)
            links.setdefault(v, set()).add(u)
        depth, stack = {root: 0}, [root]  # N-1 edges reaching every vertex: a spanning tree
        while stack:
            v = stack.pop()
            for t in links[v]:
                if t not in depth:
                    depth[t] = depth[v] + 1
                    stack.append(t)
        if len(depth) != n:
            return self.invalid_solution
        cost = sum(weight_of[(min(u, v), max(u, v))] * max(depth[u], depth[v]) for u, v in tree)
        gold = parameter["gold_answer"]
        if gold > cost:
            raise ValueError("a tree cheaper than the stored optimum: the config is wrong")
        if cost == 0:
            if gold != 0:
                raise ValueError("a tree of cost 0 against a negative optimum: the config is wrong")
            return 1.0
        return (gold / cost) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (N outside 2..1024, edges other than (s, t, w) triples,
        # weights beyond 2^53): the Python scorer reproduces upstream there
        return _compiled_kernel(parameter["N"], parameter["edges"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution)
