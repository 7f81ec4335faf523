"""SegmentTreeSortingCounting: a permutation of 1..2^N; operation type i (each used at most
once, in any order) swaps two of the 2^(N-i+1) aligned segments of length 2^(i-1). Count the
operation sequences (their order and swaps included) that sort the array.

Answer: one integer. Reward: (min/max)^10 against the count; a negative answer is -1."""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from math import factorial

from rlve_fast import deadline
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module
from rlve_fast.integer_answer import IntegerAnswerEnvironment

_compiled = compiled_module("rlve_fast.envs.trees._segment_tree_sorting_counting_kernel")

LARGEST_N = 26  # the instance lists 2^N numbers: at N = 26 a 3.5 GB peak (2^26 Python ints)
# and 4.5-7 s of CPU, most of it the kernel's first touch of that memory (so past 10 s on a
# loaded 2-core machine); N = 27 would need ~7 GB


def sorting_sequences(n: int, array) -> int:
    """How many operation sequences sort ``array`` (a permutation of 1..2^n).

    Operations of different types can be applied in any order with the same effect on
    sortedness, so a set of k operations counts k! times.  Types are decided from the
    smallest: once types below i are decided, every aligned block of length 2^(i-1) must be
    consecutive numbers; at type i, a block of length 2^i is right when its second half
    continues its first.  No wrong block: skip type i.  One or two: try each swap of two of
    their halves that mends them all.  More: no way on."""
    a = list(array)
    if len(a) != 1 << n:
        raise ValueError("the array's length is not 2^N")
    found = Counter()  # number of operations -> sorting sets of that size

    def swap(x, y, size):
        a[x:x + size], a[y:y + size] = a[y:y + size], a[x:x + size]

    def search(level, used):
        deadline.check()
        if level == n:
            found[used] += 1
            return
        size = 1 << level
        wrong = [j for j in range(0, len(a), 2 * size) if a[j + size] != a[j] + size]
        if not wrong:
            search(level + 1, used)
        elif len(wrong) <= 2:
            halves = [x for j in wrong for x in (j, j + size)]
            for x, y in combinations(halves, 2):
                swap(x, y, size)
                if all(a[j + size] == a[j] + size for j in wrong):
                    search(level + 1, used + 1)
                swap(x, y, size)

    search(0, 0)
    return sum(count * factorial(used) for used, count in found.items())


class SegmentTreeSortingCounting(IntegerAnswerEnvironment):
    id = "SegmentTreeSortingCounting"
    parameter_types = {"reference_answer": int}

    @staticmethod
    def schedule():
        n = 2
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if not 2 <= n <= LARGEST_N:
            raise ValueError("N must be between 2 and %d" % LARGEST_N)
        source = words(rng)
        kinds = [t + 1 for t in source.sample(n, source.randint(1, n))]
        swaps = []
        for kind in kinds:
            count = 1 << (n - kind + 1)
            first, second = source.below(count), source.below(count - 1)
            swaps.append((kind, first, second + (second >= first)))
        if _compiled is not None:
            parameter["A"] = _compiled.scrambled(n, swaps)
        else:
            a = list(range(1, (1 << n) + 1))
            for kind, first, second in swaps:
                size = 1 << (kind - 1)
                x, y = first * size, second * size
                a[x:x + size], a[y:y + size] = a[y:y + size], a[x:x + size]
            parameter["A"] = a

    def solve(self, parameter):
        solver = _compiled.sorting_sequences if _compiled is not None else sorting_sequences
        count = solver(parameter["N"], parameter["A"])
        if count <= 0:
            raise ValueError("no sequence sorts the array")
        return {"reference_answer": count}

    def prompt(self, parameter):
        n = parameter["N"]
        head = f"An array A[1..2^{n}] holds a permutation of the numbers 1 to 2^{n}:\n"
        tail = (f"\n\nThere are {n} kinds of operation, numbered 1 to {n}. Operation kind i cuts the array "
                f"into consecutive segments of length 2^(i-1) (2^({n}-i+1) of them) and exchanges two of "
                "those segments, any two you like. Each kind may be used at most once, possibly not at "
                "all, and the kinds used may come in any order.\n\n"
                "How many different sequences of operations turn A into the increasing array 1, 2, ..., "
                f"2^{n}? Two sequences differ when their lengths differ or when, at some step, they use a "
                "different kind or exchange a different pair of segments.\n\n"
                "Answer with that number as a single integer.")
        if _compiled is not None:
            try:
                return _compiled.framed_numbers(head, parameter["A"], tail)  # the same text, one copy
            except (ValueError, TypeError, OverflowError):
                pass  # unusual values: format them in Python
        return head + " ".join(map(str, parameter["A"])) + tail
