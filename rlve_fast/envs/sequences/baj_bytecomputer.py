"""BAJBytecomputer: an array of -1/0/+1 values; one operation adds X[i] to X[i+1]. Find the
fewest operations that make the array non-decreasing.

Answer: one integer. Reward: 1 for the reference count, 0 for another integer, -1 when the
answer is not an integer. The count is a dynamic programme over the last value (-1, 0 or 1),
with every entry kept in -1..1 as the reference solution does; instances it finds impossible
are drawn again."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._schedules import step_by_one
from rlve_fast.integer_answer import IntegerAnswerEnvironment

VALUES = (-1, 0, 1)


def fewest_operations_py(values):
    """Python twin of the compiled ``fewest_operations`` (-1: impossible)."""
    if not values:
        return -1
    if any(x not in VALUES for x in values):
        raise ValueError("entries must be -1, 0 or 1")
    best = {values[0]: 0}  # final value of the previous entry -> fewest operations so far
    for x in values[1:]:
        nxt = {}
        for p, cost in best.items():
            for k in (0, 1, 2):  # more operations leave -1..1 (or change nothing when p = 0)
                q = x + k * p
                if p <= q <= 1 and q >= -1 and cost + k < nxt.get(q, cost + k + 1):
                    nxt[q] = cost + k
        best = nxt
    return min(best.values()) if best else -1


try:
    from rlve_fast.envs.sequences._baj_bytecomputer_solver import fewest_operations
except ImportError:  # the extension did not build
    fewest_operations = fewest_operations_py


class BAJBytecomputer(IntegerAnswerEnvironment):
    id = "BAJBytecomputer"
    rule = "exact"

    @staticmethod
    def schedule():
        return step_by_one("N", 3)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        while True:  # about half of the draws are impossible (a -1 after leading zeros)
            deadline.check()
            weights = [rng.randint(1, n) for _ in range(3)]
            values = rng.choices(VALUES, weights=weights, k=n)
            if fewest_operations(values) >= 0:
                parameter["X"] = values
                return

    def solve(self, parameter):
        answer = fewest_operations(parameter["X"])
        if answer < 0:
            raise ValueError("no sequence of operations sorts this array")
        return {"reference_answer": answer}

    def prompt(self, parameter):
        n = parameter["N"]
        entries = ", ".join("X[%d]=%d" % (i, x) for i, x in enumerate(parameter["X"], start=1))
        return (f"An array X has {n} entries, each -1, 0 or +1: {entries}\n"
                f"One operation picks an index i with 1 <= i < {n} and replaces X[i+1] by X[i+1] + X[i]. "
                f"Operations may be repeated as often as you like. What is the smallest number of operations "
                f"after which X[1] <= X[2] <= ... <= X[{n}]?\n\n"
                "Answer with that number as a single integer.")
