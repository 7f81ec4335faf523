"""LandformGenerationCounting: items with a height H[i] and a limit C[i] are lined up so that
each item has fewer than C[i] taller items before it; count the distinct height sequences
such orderings produce, modulo MOD.

Items are inserted tallest first. An item of height h with t taller items already placed can
go into one of min(t + 1, C) gaps; items of equal height are interchangeable, so within a
height (sorted by C) their gap indices form a non-decreasing sequence under non-decreasing
bounds, counted with running prefix sums. The answer is the product over heights.
Reward: one integer; outside [0, MOD) -0.5, the right residue 1.0, another residue 0.0."""
from __future__ import annotations

from itertools import accumulate, groupby

from rlve_fast import deadline
from rlve_fast.envs._residue import ResidueAnswerEnvironment


def count_nondecreasing(bounds, mod: int) -> int:
    """Sequences 1 <= j_1 <= j_2 <= ... with j_i <= bounds[i] (bounds non-decreasing), mod ``mod``."""
    ways = [1] * max(bounds[0], 0)  # ways[j - 1]: sequences so far ending at j
    for bound in bounds[1:]:
        if bound > len(ways):
            ways.extend([0] * (bound - len(ways)))
        ways = [w % mod for w in accumulate(ways)]
    return sum(ways) % mod


def count_height_sequences(pairs, mod: int) -> int:
    ordered = sorted(pairs, key=lambda item: (-item[0], item[1]))
    answer, taller = 1, 0
    for _, group in groupby(ordered, key=lambda item: item[0]):
        keys = [key for _, key in group]
        slots = taller + 1
        answer = answer * count_nondecreasing([min(slots, key) for key in keys], mod) % mod
        taller += len(keys)
        deadline.check()
    return answer


def _greater_counts(heights, top: int):
    """For each position i: (#j < i with H[j] > H[i], #j with H[j] > H[i]), heights in 1..top."""
    tree = [0] * (top + 1)  # Fenwick tree over heights seen so far
    histogram = [0] * (top + 2)
    for h in heights:
        histogram[h] += 1
    above = [0] * (top + 2)  # above[h] = #heights > h
    for h in range(top - 1, 0, -1):
        above[h] = above[h + 1] + histogram[h + 1]
    out = []
    for seen, h in enumerate(heights):
        at_most, i = 0, h
        while i > 0:
            at_most += tree[i]
            i -= i & -i
        out.append((seen - at_most, above[h]))
        i = h
        while i <= top:
            tree[i] += 1
            i += i & -i
    return out


class LandformGenerationCounting(ResidueAnswerEnvironment):
    id = "LandformGenerationCounting"
    max_mod = 1000000000

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
        heights = [rng.randint(1, n) for _ in range(n)]
        pairs = [[h, rng.randint(before + 1, everywhere + 1)]
                 for h, (before, everywhere) in zip(heights, _greater_counts(heights, n))]
        rng.shuffle(pairs)
        parameter["A"] = pairs
        parameter["MOD"] = rng.randint(2, self.max_mod)

    def solve(self, parameter):
        return {"reference_answer": count_height_sequences(parameter["A"], parameter["MOD"])}

    def prompt(self, parameter):
        n, pairs = parameter["N"], parameter["A"]
        heights = " ".join("H[%d]=%d" % (i, h) for i, (h, _) in enumerate(pairs))
        limits = " ".join("C[%d]=%d" % (i, c) for i, (_, c) in enumerate(pairs))
        return (f"There are {n} items, numbered 0 to {n - 1}; item i has a height H[i] and a limit C[i]:\n"
                f"H: {heights}\nC: {limits}\n\n"
                f"Line the items up in some order p[0], p[1], ..., p[{n - 1}] (a permutation of 0..{n - 1}). "
                "The order is allowed when every item has strictly fewer taller items in front of it than "
                "its limit: for each position i, the number of positions j < i with H[p[j]] > H[p[i]] must "
                "be less than C[p[i]].\n\n"
                f"Each allowed order gives a sequence of heights H[p[0]], H[p[1]], ..., H[p[{n - 1}]]; "
                "different orders may give the same sequence, and such a sequence counts once. How many "
                f"different height sequences can be obtained? Give the count modulo {parameter['MOD']}, "
                f"as a single integer from 0 to {parameter['MOD'] - 1}.")
