"""Knapsack: choose distinct items of total weight <= W_max with the largest total value.

Reward: (value/optimum)^5 for a valid selection; a selection with repeated or unknown items,
or overweight, is -0.5; no list of integers is -1. (A value above the stored optimum means a
wrong config: upstream's scorer asserts, so the reward is -1.)"""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._generation import bounded_ints, finished, uniform_ints

try:
    from rlve_fast.envs.optimization._knapsack_kernel import knapsack_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

try:
    from rlve_fast.envs.optimization._knapsack_solver import best_value as _compiled_best_value
except ImportError:  # the extension did not build: the Python programme below
    _compiled_best_value = None


def best_value(weights, values, capacity: int) -> int:
    """0/1 knapsack optimum, compiled where the instance allows (same value as
    :func:`plain_best_value`)."""
    if (_compiled_best_value is None or len(weights) != len(values) or not 0 <= capacity <= 1 << 28
            or not all(type(w) is int and w >= 1 for w in weights)
            or not all(type(v) is int for v in values) or sum(map(abs, values)) >= 1 << 62):
        return plain_best_value(weights, values, capacity)
    return finished(_compiled_best_value(weights, values, capacity, deadline.deadline_at()))


def plain_best_value(weights, values, capacity: int) -> int:
    """0/1 knapsack by dynamic programming over capacities."""
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        deadline.check()
        for c in range(capacity, w - 1, -1):
            if best[c - w] + v > best[c]:
                best[c] = best[c - w] + v
    return best[capacity]


class Knapsack(Environment):
    id = "Knapsack"
    parameter_types = {"N": int, "W": [int], "V": [int], "W_max": int, "gold_answer": int}

    value_range_multiple = 2
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
        weights = uniform_ints(rng, n, 1, n)
        parameter["W"] = weights
        parameter["V"] = bounded_ints(rng, 1, [w * self.value_range_multiple for w in weights])
        parameter["W_max"] = rng.randint(min(weights), sum(weights))

    def solve(self, parameter):
        return {"gold_answer": best_value(parameter["W"], parameter["V"], parameter["W_max"])}

    def prompt(self, parameter):
        n = parameter["N"]
        items = "\n".join("item %d: weight %d, value %d" % (i, w, v)
                          for i, (w, v) in enumerate(zip(parameter["W"], parameter["V"])))
        return (f"There are {n} items, numbered 0 to {n - 1}:\n{items}\n\n"
                f"Pick some of them, each at most once, so that their total weight is at most "
                f"{parameter['W_max']} and their total value is as large as possible.\n\n"
                f"Answer with the numbers of the chosen items on one line, separated by spaces "
                f"(for example: 0 {n - 1}).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != len(set(parsed)) or not all(0 <= i < n for i in parsed):
            return self.invalid_solution
        if sum(parameter["W"][i] for i in parsed) > parameter["W_max"]:
            return self.invalid_solution
        value, gold = sum(parameter["V"][i] for i in parsed), parameter["gold_answer"]
        if value > gold:
            raise ValueError("selection beats the stored optimum: the config is wrong")
        return (value / gold) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for a negative N or numbers beyond int64: the Python scorer decides there
        return _compiled_kernel(parameter["N"], parameter["W"], parameter["V"], parameter["W_max"],
                                parameter["gold_answer"], self.beta, self.wrong_format, self.invalid_solution)
