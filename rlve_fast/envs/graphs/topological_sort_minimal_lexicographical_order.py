"""TopologicalSort_MinimalLexicographicalOrder: order 0..N-1 so that every "X before Y"
condition holds, choosing, among valid orders, the one that puts 0 as early as possible,
then 1, then 2, ...

That order is the reverse of the topological order of the reversed graph that always takes
the largest available vertex (a max-heap Kahn), a classic exchange argument.
Reward for a permutation of 0..N-1: 0.5 * (satisfied/all)^5, plus, when every condition
holds, 0.5 * mean([gold=answer])^5; another list is -0.5; no list is -1.  The conditions'
draw and the order are compiled (Python twins below give the same conditions and order)."""
from __future__ import annotations

import heapq

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._draws_py import Words
from rlve_fast.envs._generation import finished, join_ints, join_rows

try:
    from rlve_fast.envs.graphs._topological_sort_kernel import topological_sort_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

try:
    from rlve_fast.envs.graphs._topological_sort_solver import random_conditions, smallest_labels_first
except ImportError:  # the extension did not build: the Python twins below
    random_conditions = smallest_labels_first = None


def plain_random_conditions(rng, n: int, max_in_degree: int) -> list:
    """[[before, after]] in random order: along a random ordering of 0..n-1, each vertex
    after the first gets a uniform number (0 to min(position, max_in_degree)) of distinct,
    uniformly chosen earlier vertices that must come before it; drawn again while empty."""
    if n < 2 or max_in_degree < 1:
        raise ValueError("need n >= 2 and max_in_degree >= 1")
    words = Words(rng)
    hidden = list(range(n))
    words.shuffle(hidden)
    conditions = []
    while not conditions:
        for i in range(1, n):
            chosen = []  # earlier positions taken for vertex i, in increasing order
            for t in range(words.below(min(i, max_in_degree) + 1)):
                x = words.below(i - t)  # the x-th position not yet chosen
                for c in chosen:
                    if c > x:
                        break
                    x += 1
                chosen.append(x)
                chosen.sort()
                conditions.append([hidden[x], hidden[i]])
    words.shuffle(conditions)
    return conditions


def smallest_labels_order(n: int, conditions) -> list:
    """:func:`earliest_small_labels_order`, compiled where the conditions allow."""
    order = -1 if smallest_labels_first is None else finished(
        smallest_labels_first(n, conditions, deadline.deadline_at()))
    return earliest_small_labels_order(n, conditions) if order == -1 else order


def earliest_small_labels_order(n: int, conditions) -> list:
    successors_reversed = [[] for _ in range(n)]
    waiting = [0] * n  # in the reversed graph: how many "after" vertices still wait
    for before, after in conditions:
        successors_reversed[after].append(before)
        waiting[before] += 1
    heap = [-v for v in range(n) if waiting[v] == 0]
    heapq.heapify(heap)
    reversed_order = []
    while heap:
        v = -heapq.heappop(heap)
        reversed_order.append(v)
        for u in successors_reversed[v]:
            waiting[u] -= 1
            if waiting[u] == 0:
                heapq.heappush(heap, -u)
    if len(reversed_order) < n:
        raise ValueError("the conditions contain a cycle")
    return reversed_order[::-1]


class TopologicalSortMinimalLexicographicalOrder(Environment):
    id = "TopologicalSort_MinimalLexicographicalOrder"
    parameter_types = {"N": int, "before_conditions": [[int]], "gold_answer": [int]}

    max_in_degree = 3
    invalid_solution = -0.5
    order_weight, order_beta = 0.5, 5.0
    match_weight, match_beta = 0.5, 5.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        draw = plain_random_conditions if random_conditions is None else random_conditions
        parameter["before_conditions"] = draw(rng, n, self.max_in_degree)

    def solve(self, parameter):
        gold = smallest_labels_order(parameter["N"], parameter["before_conditions"])
        return {"gold_answer": gold, "reference_answer": join_ints(gold)}

    def prompt(self, parameter):
        n = parameter["N"]
        rules = join_rows(parameter["before_conditions"], " comes before ", "- ", "", "\n")
        return (f"Arrange the integers 0 to {n - 1} (each exactly once) in an order that respects all of "
                f"these rules:\n{rules}\n\n"
                "Several orders may respect them. Pick the one in which 0 is as early as possible; among "
                "those, the one in which 1 is as early as possible; then 2, and so on.\n\n"
                f"Answer with the {n} integers of that order on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n, conditions = parameter["N"], parameter["before_conditions"]
        if len(parsed) != n or len(set(parsed)) != n or not all(0 <= v < n for v in parsed):
            return self.invalid_solution
        position = [0] * n
        for index, v in enumerate(parsed):
            position[v] = index
        satisfied = sum(position[a] < position[b] for a, b in conditions)
        reward = 0.0
        reward += self.order_weight * ((satisfied / len(conditions)) ** self.order_beta)
        if satisfied == len(conditions):
            same = sum(int(g == a) for g, a in zip(parameter["gold_answer"], parsed))
            reward += self.match_weight * ((same / n) ** self.match_beta)
        return reward

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for numbers beyond int64: the Python scorer decides there
        return _compiled_kernel(parameter["N"], parameter["before_conditions"], parameter["gold_answer"],
                                self.wrong_format, self.invalid_solution, self.order_weight,
                                self.order_beta, self.match_weight, self.match_beta)
