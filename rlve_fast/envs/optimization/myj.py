"""MYJ: N shops in a row and M customers (a, b, c): a customer looks at shops a..b and buys
once at the lowest price there, if that price is at most c. Set the N prices to earn the most.

Answer: the N prices, space-separated. Reward: (earned / optimum)^5; a list of the wrong length
is -0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module

_compiled = compiled_module("rlve_fast.envs.optimization._myj_kernel")
_prices_kernel = None if _compiled is None else _compiled.prices_kernel


def best_prices(n: int, customers):
    """(largest takings, prices reaching them).

    Prices may be taken among the customers' limits.  Going through those values v from the
    largest down, best[l][r] is the most that the customers lying inside shops l..r pay when
    every price there is at least v: either no shop there is priced v (the value for the next
    larger v), or the cheapest shop p gets price v, every customer inside l..r that covers p
    and accepts v pays v, and the shops left and right of p are solved on their own."""
    values = sorted({c for _, _, c in customers})
    inside = [[0] * (n + 2) for _ in range(n + 2)]  # customers inside l..r accepting the current v
    best = [[0] * (n + 2) for _ in range(n + 2)]
    choice = {}  # (l, r, level) -> the shop priced values[level], or 0 for none
    pending = sorted(customers, key=lambda t: -t[2])
    for level in range(len(values) - 1, -1, -1):
        deadline.check()
        v = values[level]
        while pending and pending[0][2] == v:
            a, b, _ = pending.pop(0)
            for low in range(1, a + 1):
                for high in range(b, n + 1):
                    inside[low][high] += 1
        current = [[0] * (n + 2) for _ in range(n + 2)]
        for length in range(1, n + 1):
            for low in range(1, n - length + 2):
                high = low + length - 1
                top, pick = best[low][high], 0
                for p in range(low, high + 1):
                    paying = inside[low][high] - inside[low][p - 1] - inside[p + 1][high]
                    gain = current[low][p - 1] + current[p + 1][high] + v * paying
                    if gain > top:
                        top, pick = gain, p
                current[low][high] = top
                choice[low, high, level] = pick
        best = current
    prices = [values[-1]] * (n + 1)  # shops no customer needs cheaper keep the largest value

    def assign(low, high, level):
        while low <= high:
            while level < len(values) and choice[low, high, level] == 0:
                level += 1
            if level == len(values):
                return
            p = choice[low, high, level]
            prices[p] = values[level]
            assign(low, p - 1, level)
            low = p + 1

    assign(1, n, 0)
    return best[1][n], prices[1:]


def takings(prices, customers) -> int:
    """What the customers pay for these prices (upstream's rule)."""
    shops = [None] + list(prices)
    total = 0
    for a, b, c in customers:
        lowest = min(shops[a:b + 1])
        if lowest <= c:
            total += lowest
    return total


class MYJ(Environment):
    id = "MYJ"
    parameter_types = {"N": int, "customers": [[int]], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)  # several price lists may reach the optimum

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
        if n < 1:
            raise ValueError("N must be at least 1")
        source = words(rng)
        most = n * (n + 1) // 2
        m = parameter["M"] = source.randint(1, most)
        customers = []
        for _ in range(m):
            a, b = source.randint(1, n), source.randint(1, n)
            customers.append([min(a, b), max(a, b), source.randint(1, most)])
        parameter["customers"] = customers

    def solve(self, parameter):
        solver = _compiled.best_prices if _compiled is not None else best_prices
        gold, prices = solver(parameter["N"], parameter["customers"])
        return {"gold_answer": gold, "reference_answer": " ".join(map(str, prices))}

    def prompt(self, parameter):
        n, customers = parameter["N"], parameter["customers"]
        listing = "\n".join("(%d, %d, %d)" % tuple(t) for t in customers)
        return (f"{n} shops stand in a row, numbered 1 to {n} from left to right, and each sells the same "
                f"item at its own price P[i]. There are {len(customers)} customers, each written (a, b, c): "
                "the customer looks at shops a to b, finds the lowest price among them, and buys one item "
                "at that price if it is at most c (otherwise buys nothing):\n"
                f"{listing}\n\n"
                "Choose the prices so that the total money the shops take is as large as possible.\n\n"
                f"Answer with P[1], P[2], ..., P[{n}] on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        if len(parsed) != parameter["N"]:
            return self.invalid_solution
        earned, gold = takings(parsed, parameter["customers"]), parameter["gold_answer"]
        if earned > gold:
            raise ValueError("takings above the stored optimum: a wrong config")
        return (earned / gold) ** self.beta

    def kernel(self, parameter):
        if _prices_kernel is None:
            return None
        # None for an unusual config (N out of 1..2^20, a customer not (a, b, c) with
        # 1 <= a <= b <= N, numbers beyond int64): the Python scorer decides there
        return _prices_kernel(parameter["N"], parameter["customers"], parameter["gold_answer"], self.beta,
                              self.wrong_format, self.invalid_solution)
