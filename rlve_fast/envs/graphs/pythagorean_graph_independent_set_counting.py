"""PythagoreanGraph_IndependentSetCounting: vertices i, j of an array H are adjacent when
H[i]^2 + H[j]^2 is a perfect square and gcd(H[i], H[j]) = 1; count the non-empty independent
sets modulo MOD.

Answer: one integer. Reward: 1 for the count mod MOD, 0 for another value in [0, MOD), -0.5
outside that range, -1 for no integer.  Equal values are never adjacent, so a value that
occurs c times is one vertex with 2^c - 1 ways to be chosen; the count of the value graph is
found by splitting into components and branching on a vertex of largest degree until the
parts are trees (a tree DP)."""
from __future__ import annotations

from math import gcd, isqrt

from rlve_fast import deadline
from rlve_fast.envs._residue import ResidueAnswerEnvironment
from rlve_fast.envs._schedules import plus_tenth, steps


def primitive_leg_pairs(limit: int):
    """Every pair (a, b) of legs of a primitive Pythagorean triple with a, b <= limit
    (Euclid: m > k >= 1 coprime, of opposite parity, legs m^2 - k^2 and 2mk)."""
    pairs = []
    for k in range(1, isqrt(limit) + 1):
        for m in range(k + 1, limit // (2 * k) + 1):
            a = m * m - k * k
            if a > limit:
                break
            if (m - k) % 2 and gcd(m, k) == 1:
                pairs.append((a, 2 * m * k))
    return pairs


def count_weighted_independent_sets(neighbours, weight, mod: int) -> int:
    """Sum over independent sets S (the empty one included) of prod(weight[v] for v in S),
    modulo ``mod``.  ``neighbours``: vertex -> set of vertices."""

    def components(vertices):
        left, parts = set(vertices), []
        while left:
            start = left.pop()
            part, stack = [start], [start]
            while stack:
                for w in neighbours[stack.pop()]:
                    if w in left:
                        left.discard(w)
                        part.append(w)
                        stack.append(w)
            parts.append(part)
        return parts

    def tree_count(part, inside):
        root = part[0]
        order, parent = [root], {root: None}
        for v in order:
            for w in neighbours[v]:
                if w in inside and w not in parent:
                    parent[w] = v
                    order.append(w)
        skip, take = {}, {}
        for v in reversed(order):
            s, t = 1, weight[v] % mod
            for w in neighbours[v]:
                if w in inside and parent.get(w) == v:
                    s = s * (skip[w] + take[w]) % mod
                    t = t * skip[w] % mod
            skip[v], take[v] = s, t
        return (skip[root] + take[root]) % mod

    def count(vertices):
        deadline.check()
        total = 1
        for part in components(vertices):
            inside = set(part)
            degree = {v: len(neighbours[v] & inside) for v in part}
            if sum(degree.values()) == 2 * (len(part) - 1):
                total = total * tree_count(part, inside) % mod
                continue
            pivot = max(part, key=degree.__getitem__)
            without = inside - {pivot}
            total = total * (count(without) + weight[pivot] * count(without - neighbours[pivot])) % mod
        return total

    return count(neighbours.keys())


def independent_sets_mod(values, mod: int) -> int:
    """The number of independent sets (the empty one included) of the graph on ``values``,
    modulo ``mod``."""
    multiplicity = {}
    for h in values:
        multiplicity[h] = multiplicity.get(h, 0) + 1
    neighbours = {h: set() for h in multiplicity}
    for a, b in primitive_leg_pairs(max(multiplicity)):
        if a in neighbours and b in neighbours:
            neighbours[a].add(b)
            neighbours[b].add(a)
    weight = {h: (1 << c) - 1 for h, c in multiplicity.items()}
    return count_weighted_independent_sets(neighbours, weight, mod)


class PythagoreanGraphIndependentSetCounting(ResidueAnswerEnvironment):
    id = "PythagoreanGraph_IndependentSetCounting"
    parameter_types = {"MOD": int, "reference_answer": int}  # the config check reads MOD first
    planted_answer = True  # sample() needs the count to reject instances; solve() recomputes it

    max_mod = 1000000

    @staticmethod
    def schedule():
        return ([{"N": n}] for n in steps(3, plus_tenth))

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        mod = parameter["MOD"] = rng.randint(2, self.max_mod)
        while True:  # redraw until the count differs from that of an edgeless graph
            deadline.check()
            values = [rng.randint(1, 2 * n) for _ in range(n)]
            total = independent_sets_mod(values, mod)
            if total != pow(2, n, mod):
                break
        parameter["H"] = values
        parameter["reference_answer"] = (total - 1) % mod

    def solve(self, parameter):
        return {"reference_answer": (independent_sets_mod(parameter["H"], parameter["MOD"]) - 1) % parameter["MOD"]}

    def prompt(self, parameter):
        n, h = parameter["N"], parameter["H"]
        listing = " ".join("H[%d]=%d" % (i, x) for i, x in enumerate(h))
        return (f"Here is an array H of {n} positive integers: {listing}\n\n"
                f"Build an undirected graph on the vertices 0 to {n - 1}: two different vertices i and j are "
                "joined by an edge exactly when H[i]^2 + H[j]^2 is the square of an integer and H[i] and H[j] "
                "have no common divisor greater than 1.\n\n"
                "How many non-empty sets of vertices contain no two vertices joined by an edge (non-empty "
                f"independent sets)? Give the count modulo {parameter['MOD']} as a single integer.")
