"""LandAcquisition: partition N items with attributes W[i], L[i] into groups, a group costing
max W times max L over its members, at the least total cost.

Answer: one line per group with its items (numbered from 1). Reward: (optimum/cost)^5; a
partition that misses or repeats an item is -0.5; lines that are not integers are -1.
Instances are redrawn until the best partition beats every simple one (a single group, all
singletons, two groups cut in (W, L) order)."""
from __future__ import annotations

import numpy as np

from rlve_fast import deadline
from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.optimization._land_acquisition_kernel import land_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

BATCH = 64  # attempts drawn at once


def staircase(widths, lengths):
    """The items no other item dominates (both attributes at least as large), by increasing
    width and so decreasing length; equal items are all kept."""
    kept = []
    for w, l in sorted(zip(widths, lengths)):
        while kept and l > kept[-1][1]:
            kept.pop()
        kept.append((w, l))
    return kept


def least_cost(widths, lengths) -> int:
    """The least total cost.  Dominated items ride along free in the group of an item that
    dominates them, and an optimal partition of the staircase takes runs of consecutive steps,
    a run from step i to step j costing width_j * length_i: a quadratic dynamic programme."""
    steps = staircase(widths, lengths)
    best = [0] * (len(steps) + 1)
    for j in range(1, len(steps) + 1):
        width = steps[j - 1][0]
        best[j] = min(best[i] + width * steps[i][1] for i in range(j))
    return best[-1]


def simple_cost(widths, lengths) -> int:
    """The cheapest of one group, all singletons, and two groups cut in (W, L) order."""
    items = sorted(zip(widths, lengths))
    best = min(max(widths) * max(lengths), sum(w * l for w, l in items))
    suffix = [(0, 0)] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        suffix[i] = (max(suffix[i + 1][0], items[i][0]), max(suffix[i + 1][1], items[i][1]))
    top_w = top_l = 0
    for i in range(len(items) - 1):
        top_w, top_l = max(top_w, items[i][0]), max(top_l, items[i][1])
        best = min(best, top_w * top_l + suffix[i + 1][0] * suffix[i + 1][1])
    return best


def first_interesting(widths, lengths) -> int:
    """Python twin of ``_land_acquisition_sampler.first_interesting``: the first row whose
    least cost is below the simple cost, or -1."""
    for row, (w, l) in enumerate(zip(widths.tolist(), lengths.tolist())):
        if least_cost(w, l) < simple_cost(w, l):
            return row
    return -1


class LandAcquisition(Environment):
    id = "LandAcquisition"
    parameter_types = {"N": int, "W": [int], "L": [int], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 4
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 4:
            raise ValueError("N must be at least 4")
        try:
            from rlve_fast.envs.optimization._land_acquisition_sampler import first_interesting as scan
        except ImportError:
            scan = first_interesting
        # attempts are drawn in batches from a generator seeded by rng; the first attempt that
        # passes is the instance, exactly as if they were drawn one at a time
        generator = np.random.Generator(np.random.PCG64(rng.getrandbits(128)))
        while True:
            deadline.check()
            widths = generator.integers(1, n * n, size=(BATCH, n), endpoint=True, dtype=np.int64)
            lengths = generator.integers(1, n * n, size=(BATCH, n), endpoint=True, dtype=np.int64)
            row = scan(widths, lengths)
            if row >= 0:
                parameter["W"] = widths[row].tolist()
                parameter["L"] = lengths[row].tolist()
                return

    def solve(self, parameter):
        return {"gold_answer": least_cost(parameter["W"], parameter["L"])}

    def prompt(self, parameter):
        n = parameter["N"]
        items = "\n".join("W[%d]=%d L[%d]=%d" % (i, w, i, l)
                          for i, (w, l) in enumerate(zip(parameter["W"], parameter["L"]), start=1))
        return (f"There are {n} items, numbered 1 to {n}; item i has two attributes W[i] and L[i]:\n"
                f"{items}\n\n"
                "Divide the items into any number of non-empty groups, each item in exactly one group. "
                "A group S costs (the largest W[i] over i in S) * (the largest L[i] over i in S), and the "
                "total cost is the sum over all groups. Make the total cost as small as you can.\n\n"
                "Answer with one line per group, listing the numbers of its items separated by spaces "
                "(for example, the two lines \"1 3\" and \"2 4\" put items 1 and 3 in one group and "
                "items 2 and 4 in another).")

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, groups):
        n, widths, lengths = parameter["N"], parameter["W"], parameter["L"]
        if sum(len(g) for g in groups) != n or {i for g in groups for i in g} != set(range(1, n + 1)):
            return self.invalid_solution
        cost = sum(max(widths[i - 1] for i in g) * max(lengths[i - 1] for i in g) for g in groups)
        if parameter["gold_answer"] > cost:
            raise ValueError("a partition cheaper than the stored optimum: the config is wrong")
        return (parameter["gold_answer"] / cost) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None where upstream errs (too few attributes), for negative attributes and for costs
        # beyond exact doubles: the Python scorer decides there
        return _compiled_kernel(parameter["N"], parameter["W"], parameter["L"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution)
