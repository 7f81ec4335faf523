"""MaxMultSplit: cut a string of N digits (1-9) into exactly K + 1 non-empty pieces so that
the product of the pieces, read as integers, is as large as possible.

Answer: the pieces on one line. Reward: (product / optimum)^3 for K + 1 integers whose decimal
forms concatenate to the string; other lists -0.5; no list of integers -1 (a product above the
stored optimum means a wrong config: upstream asserts, so -1).

The optimum comes from the usual programme over (pieces, prefix), run on log10 values in
compiled code; every state whose log10 is within 1e-9 of the best is kept, and the exact
integer optimum is then taken over those states only.
"""
from __future__ import annotations

import math

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.strings._max_mult_split_kernel import MaxMultSplitKernel
except ImportError:  # not built: the Python scorer only
    MaxMultSplitKernel = None

K_RATIOS = (0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95)
LOG_TOLERANCE = 1e-9  # log10 units; the float programme is off by far less


def best_product_py(text: str, parts: int) -> int:
    """The plain programme over exact integers (twin of the compiled search): best[k][i] is
    the largest product of k + 1 pieces of text[:i + 1] (0 where there is none)."""
    n = len(text)
    best = [[0] * n for _ in range(parts)]
    for i in range(n):
        best[0][i] = int(text[:i + 1])
    for k in range(1, parts):
        deadline.check()
        for i in range(n):
            for j in range(1, i + 1):
                candidate = int(text[j:i + 1]) * best[k - 1][j - 1]
                if candidate > best[k][i]:
                    best[k][i] = candidate
    return best[parts - 1][n - 1]


def best_product(text: str, parts: int) -> int:
    if not 1 <= parts <= len(text):
        raise ValueError("need 1 <= K + 1 <= N")
    if not text.isascii() or not text.isdigit() or "0" in text:
        return best_product_py(text, parts)
    try:
        from rlve_fast.envs.strings._max_mult_split_kernel import split_candidates
    except ImportError:  # the extension did not build
        return best_product_py(text, parts)
    states = split_candidates(text, parts - 1, deadline.deadline_at(), LOG_TOLERANCE)
    if states is None:
        deadline.check()
        raise RuntimeError("split_candidates stopped without a passed deadline")
    exact = {}
    for k, i, choices in sorted(states):
        if k == 0:
            exact[0, i] = int(text[:i + 1])
        else:
            exact[k, i] = max(int(text[j:i + 1]) * exact[k - 1, j - 1] for j in choices)
    return exact[parts - 1, len(text) - 1]


class MaxMultSplit(Environment):
    id = "MaxMultSplit"
    parameter_types = {"K": int, "string": str, "gold_answer": int}

    invalid_solution = -0.5
    beta = 3.0
    weight = 1.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            choices = {2, n - 1}  # built as upstream builds it: the set's order is the list's
            for ratio in K_RATIOS:
                k = int(n * ratio)
                if 2 <= k <= n - 1:
                    choices.add(k)
            yield [{"N": n, "K": k} for k in choices]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n, k = parameter["N"], parameter["K"]
        if not 1 <= k < n:
            raise ValueError("need 1 <= K < N")
        parameter["string"] = "".join(rng.choices("123456789", k=n))

    def solve(self, parameter):
        return {"gold_answer": best_product(parameter["string"], parameter["K"] + 1)}

    def prompt(self, parameter):
        n, parts = parameter["N"], parameter["K"] + 1
        return (f"Here is a string of {n} digits:\n{parameter['string']}\n\n"
                f"Cut it into exactly {parts} non-empty pieces, keeping the digits in order (reading the "
                "pieces left to right gives back the string), so that the product of the pieces, each read "
                "as an integer, is as large as possible.\n\n"
                f"Answer with the {parts} pieces on one line, separated by spaces; for example, the answer "
                "31 2 cuts the string 312 into the pieces 31 and 2.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        if len(parsed) != parameter["K"] + 1:
            return self.invalid_solution
        if "".join(map(str, parsed)) != parameter["string"]:
            return self.invalid_solution
        product, gold = math.prod(parsed), parameter["gold_answer"]
        if product > gold:
            raise ValueError("product beats the stored optimum: the config is wrong")
        return self.weight * ((product / gold) ** self.beta)

    def kernel(self, parameter):
        if MaxMultSplitKernel is None:
            return None  # not built: the Python scorer
        if len(parameter["string"]) > 18:
            return None  # the pieces may exceed int64: the Python scorer takes these
        return MaxMultSplitKernel(parameter["string"], parameter["K"] + 1, parameter["gold_answer"],
                                  self.beta, self.weight, self.wrong_format, self.invalid_solution)
