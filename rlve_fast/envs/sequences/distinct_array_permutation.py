"""DistinctArrayPermutation: permute an array A of N distinct integers into B so that no
non-empty proper subset of positions has the same sum in A and in B.

Answer: B on one line. Reward: 1 for such a B, 0 for a permutation of A with a clashing
subset, -0.5 for a list that is not a permutation of A, -1 for no list of integers. With
d = A - B (summing to 0), a clash is a non-empty proper subset of d summing to 0; if one
exists, one (it or its complement) avoids the last position, so it suffices to look for a
zero sum among the non-empty subsets of d[0..N-2] (a set of reachable sums, not 2**N masks).
The reference pairs each value with the next larger one, the largest with the smallest.
"""
from __future__ import annotations

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import step_by_one

try:
    from rlve_fast.envs.sequences._distinct_array_permutation_kernel import DistinctSumsKernel
except ImportError:  # not built: the Python scorer only
    DistinctSumsKernel = None


def rotated_by_rank(values):
    """B[i] = the value ranked just above A[i] (the largest gets the smallest)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0] * len(values)
    for rank, i in enumerate(order):
        out[i] = values[order[(rank + 1) % len(order)]]
    return out


def has_clash(a, b) -> bool:
    """Some non-empty proper subset S of positions has sum(A[S]) == sum(B[S]) (A and B
    being permutations of each other)."""
    reachable = set()  # sums of non-empty subsets of d[0..i]
    for x, y in zip(a[:-1], b[:-1]):
        d = x - y
        reachable |= {s + d for s in reachable}
        reachable.add(d)
        if 0 in reachable:
            return True
    return False


class DistinctArrayPermutation(Environment):
    id = "DistinctArrayPermutation"
    parameter_types = {"array": [int]}

    invalid_solution = -0.5
    incorrect_solution = 0.0
    correct_solution = 1.0
    max_n = 22

    @staticmethod
    def schedule():
        for level in step_by_one("N", 3):
            level[0]["N"] = min(level[0]["N"], DistinctArrayPermutation.max_n)
            yield level

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        parameter["array"] = rng.sample(range(2 * n), n)

    def solve(self, parameter):
        return {"reference_answer": " ".join(map(str, rotated_by_rank(parameter["array"])))}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"The array A has {n} distinct integers, A[1] to A[{n}]: {' '.join(map(str, parameter['array']))}\n"
                f"Rearrange A into an array B (a permutation of A) such that for every set S of positions "
                f"with 0 < |S| < {n}, the sum of A[i] over i in S differs from the sum of B[i] over i in S.\n\n"
                "Answer with B[1], ..., B[N] on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        array = parameter["array"]
        if sorted(parsed) != sorted(array):
            return self.invalid_solution
        return self.incorrect_solution if has_clash(array, parsed) else self.correct_solution

    def kernel(self, parameter):
        if DistinctSumsKernel is None:
            return None  # not built: the Python scorer
        return DistinctSumsKernel(parameter["array"], self.wrong_format, self.invalid_solution,
                                  self.incorrect_solution, self.correct_solution)
