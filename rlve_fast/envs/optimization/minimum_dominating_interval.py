"""Minimum_DominatingInterval: points 1..N on a line and M weighted intervals; choose K
distinct points, each inside some interval, so that the total cost of the intervals holding
at least one chosen point is as small as possible.

Answer: the K points, space-separated. Reward: (optimum / cost)^5; a wrong count, a repeat
or a point outside every interval is -0.5; no list of integers is -1."""
from __future__ import annotations

from bisect import bisect_right

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module

_compiled = compiled_module("rlve_fast.envs.optimization._minimum_dominating_interval_kernel")


def cheapest_points(n: int, k: int, intervals):
    """(least cost, chosen points) for k covered points among 1..n.

    Going left to right, the intervals a new point i adds to the bill after the previous
    chosen point p are those with p < L <= i <= R; ``best[j][i]`` is the least cost of j
    points ending at i, over every covered p < i."""
    reach = [[0] * (n + 2) for _ in range(n + 2)]  # reach[l][i]: cost of intervals [l, R] with R >= i
    for low, high, cost in intervals:
        reach[low][high] += cost
    covered = covered_points(n, intervals)
    for low in range(1, n + 1):
        for i in range(n - 1, 0, -1):
            reach[low][i] += reach[low][i + 1]
    best = [[None] * (n + 1) for _ in range(k + 1)]
    came_from = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0
    for j in range(1, k + 1):
        deadline.check()
        for i in range(1, n + 1):
            if not covered[i]:
                continue
            added = 0
            for p in range(i - 1, -1, -1):  # added: cost of intervals with p < L <= i <= R
                added += reach[p + 1][i]
                if best[j - 1][p] is not None:
                    total = best[j - 1][p] + added
                    if best[j][i] is None or total < best[j][i]:
                        best[j][i], came_from[j][i] = total, p
    ends = [i for i in range(1, n + 1) if best[k][i] is not None]
    if not ends:
        raise ValueError("fewer than K points are covered")
    last = min(ends, key=lambda i: best[k][i])
    cost, points = best[k][last], []
    for j in range(k, 0, -1):
        points.append(last)
        last = came_from[j][last]
    return cost, points[::-1]


def covered_points(n: int, intervals):
    """covered[x] for x in 0..n: whether some interval holds x (by a difference array)."""
    starts = [0] * (n + 2)
    for low, high, _ in intervals:
        starts[low] += 1
        starts[high + 1] -= 1
    covered, open_now = [False] * (n + 1), 0
    for x in range(1, n + 1):
        open_now += starts[x]
        covered[x] = open_now > 0
    return covered


def pair_of(index: int, n: int, row_starts) -> list:
    """The index-th interval [l, r] (1 <= l <= r <= n) in the order (1,1), (1,2), ..., (n,n)."""
    low = bisect_right(row_starts, index)
    return [low, low + index - row_starts[low - 1]]


class MinimumDominatingInterval(Environment):
    id = "Minimum_DominatingInterval"
    parameter_types = {"N": int, "M": int, "K": int, "intervals": [[int]], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # several choices may share the least cost

    cost_range = 10
    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n, "M": min(n * (n + 1) // 2, 2 * n), "K_density": d}
                   for d in (0.1, 0.2, 0.3, 0.5, 0.7, 0.9)]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n, m, density = parameter["N"], parameter["M"], parameter["K_density"]
        if n < 3 or m < 2 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3, M >= 2 and 0 <= K_density <= 1")
        source = words(rng)
        pairs = n * (n + 1) // 2
        row_starts = [0]  # row_starts[l - 1]: index of the interval [l, l]
        for low in range(1, n + 1):
            row_starts.append(row_starts[-1] + n - low + 1)
        chosen = source.sample(pairs, min(pairs, m))
        costs = source.ints(len(chosen), 1, self.cost_range)
        parameter["intervals"] = [pair_of(i, n, row_starts) + [c] for i, c in zip(chosen, costs)]
        parameter["K"] = max(1, int(density * sum(covered_points(n, parameter["intervals"]))))

    def solve(self, parameter):
        solver = _compiled.cheapest_points if _compiled is not None else cheapest_points
        cost, points = solver(parameter["N"], parameter["K"], parameter["intervals"])
        return {"reference_answer": " ".join(map(str, points)), "gold_answer": cost}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        listing = "\n".join("interval %d: from %d to %d, cost %d" % (i, low, high, cost)
                            for i, (low, high, cost) in enumerate(parameter["intervals"]))
        return (f"Points numbered 1, 2, ..., {n} lie on a line. There are {parameter['M']} intervals; "
                f"interval i covers the points L to R (inclusive) and has a cost C:\n{listing}\n\n"
                f"Choose {k} different points, each of which lies in at least one interval. The price of "
                "your choice is the total cost of all intervals that contain at least one chosen point. "
                "Make the price as small as possible.\n\n"
                f"Answer with the {k} chosen points on one line, separated by spaces "
                f"(for example: {' '.join(map(str, range(1, k + 1)))}).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        k = parameter["K"]
        if len(parsed) != k or len(set(parsed)) != k:
            return self.invalid_solution
        lows, highs, costs = zip(*parameter["intervals"])
        if not all(any(low <= x <= high for low, high in zip(lows, highs)) for x in parsed):
            return self.invalid_solution
        cost = sum(costs[i] for i in range(parameter["M"])
                   if any(lows[i] <= x <= highs[i] for x in parsed))
        gold = parameter["gold_answer"]
        if gold > cost:
            raise ValueError("a choice cheaper than the stored optimum: a wrong config")
        return (gold / cost) ** self.beta

    def kernel(self, parameter):
        if _compiled is None:
            return None
        # None for an unusual config (interval ends outside 1..N, costs beyond 2^40): the
        # Python scorer decides
        return _compiled.dominating_kernel(parameter["N"], parameter["M"], parameter["K"], parameter["intervals"],
                                           parameter["gold_answer"], self.beta, self.wrong_format,
                                           self.invalid_solution)
