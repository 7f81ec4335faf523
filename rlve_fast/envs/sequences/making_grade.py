"""MakingGrade: find a monotone (non-decreasing or non-increasing) array B closest to a given
array A in the sum of |A[i] - B[i]|.

Answer: B[1..N] on one line. Reward: (optimum/cost)^5 for a monotone B of length N; another
length or a non-monotone B is -0.5; no list of integers is -1 (a cost below the stored optimum
means a wrong config: upstream's scorer asserts, so -1). The optimum comes from the
slope-trick heap, in both directions."""
from __future__ import annotations

import heapq

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import step_by_one

try:
    from rlve_fast.envs.sequences._making_grade_kernel import MakingGradeKernel
except ImportError:  # not built: the Python scorer only
    MakingGradeKernel = None


def non_decreasing(values) -> bool:
    return all(a <= b for a, b in zip(values, values[1:]))


def non_increasing(values) -> bool:
    return all(a >= b for a, b in zip(values, values[1:]))


def fit_non_decreasing(values):
    """(least cost, an optimal non-decreasing B): each value joins a max-heap of the levels in
    use; when it undercuts the top, the top moves down to it and the difference is paid. B is
    read back from the heap tops, right to left."""
    heap, cost, tops = [], 0, []
    for a in values:
        if heap and -heap[0] > a:
            cost += -heap[0] - a
            heapq.heapreplace(heap, -a)
        heapq.heappush(heap, -a)
        tops.append(-heap[0])
    best = tops[:]
    for i in range(len(best) - 2, -1, -1):
        best[i] = min(best[i], best[i + 1])
    return cost, best


def fit_monotone(values):
    """(least cost, an optimal monotone B) over both directions."""
    up_cost, up = fit_non_decreasing(values)
    down_cost, down = fit_non_decreasing([-a for a in values])
    if down_cost < up_cost:
        return down_cost, [-b for b in down]
    return up_cost, up


class MakingGrade(Environment):
    id = "MakingGrade"
    parameter_types = {"N": int, "A": [int], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0
    weight = 1.0

    @staticmethod
    def schedule():
        return step_by_one("N", 4)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 4:
            raise ValueError("N must be at least 4")
        while True:  # a monotone draw (rare) has nothing to fix: draw again
            values = [rng.randint(0, n * n) for _ in range(n)]
            if not (non_decreasing(values) or non_increasing(values)):
                parameter["A"] = values
                return

    def solve(self, parameter):
        return {"gold_answer": fit_monotone(parameter["A"])[0]}

    def prompt(self, parameter):
        n = parameter["N"]
        entries = ", ".join("A[%d]=%d" % (i, a) for i, a in enumerate(parameter["A"], start=1))
        return (f"The array A has {n} entries: {entries}\n"
                f"Choose integers B[1], ..., B[{n}] that form a monotone sequence (either non-decreasing "
                f"or non-increasing) so that |A[1] - B[1]| + ... + |A[{n}] - B[{n}]| is as small as possible.\n\n"
                f"Answer with B[1], ..., B[{n}] on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        if len(parsed) != parameter["N"]:
            return self.invalid_solution
        if not (non_decreasing(parsed) or non_increasing(parsed)):
            return self.invalid_solution
        gold = parameter["gold_answer"]
        cost = sum(abs(a - b) for a, b in zip(parameter["A"], parsed))
        if not 0 < gold <= cost:
            raise ValueError("cost %r against a stored optimum of %r: the config is wrong" % (cost, gold))
        return self.weight * ((gold / cost) ** self.beta)

    def kernel(self, parameter):
        if MakingGradeKernel is None:
            return None  # not built: the Python scorer
        if len(parameter["A"]) != parameter["N"]:
            return None  # upstream's zip() then pairs fewer entries: the Python scorer does it
        return MakingGradeKernel(parameter["A"], parameter["gold_answer"], self.beta, self.weight,
                                 self.wrong_format, self.invalid_solution)
