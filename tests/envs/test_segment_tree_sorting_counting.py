"""SegmentTreeSortingCounting: the count against trying every sequence of operations; the
scrambling and the compiled search against the twins."""
from __future__ import annotations

import random
from itertools import combinations, permutations

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.trees import segment_tree_sorting_counting as stsc


def brute_count(n, array):
    """Every ordered choice of distinct kinds, and every pair of segments for each."""
    goal = list(range(1, 2 ** n + 1))

    def run(a, kinds):
        if not kinds:
            return int(a == goal)
        size = 2 ** (kinds[0] - 1)
        total = 0
        for x, y in combinations(range(0, len(a), size), 2):
            b = list(a)
            b[x:x + size], b[y:y + size] = a[y:y + size], a[x:x + size]
            total += run(b, kinds[1:])
        return total

    return sum(run(list(array), list(order)) for k in range(n + 1)
               for chosen in combinations(range(1, n + 1), k) for order in permutations(chosen))


def test_count_against_every_sequence():
    env = rlve_fast.make("SegmentTreeSortingCounting")
    rng = random.Random(31)
    solvers = [stsc.sorting_sequences] + ([stsc._compiled.sorting_sequences] if stsc._compiled else [])
    for _ in range(60):
        p = {"N": rng.choice((2, 2, 3))}
        env.sample(rng, p)
        shuffled = list(p["A"])
        rng.shuffle(shuffled)  # most permutations cannot be sorted: 0
        for array in (p["A"], shuffled):
            want = brute_count(p["N"], array)
            for solver in solvers:
                assert solver(p["N"], array) == want, (p["N"], array)


def test_hand_example():
    # 3 4 1 2: exchanging the two halves (kind 2) sorts it; no sequence with a kind-1 exchange does
    assert stsc.sorting_sequences(2, [3, 4, 1, 2]) == 1
    # 2 1 4 3: two pairs are out of order, but kind 1 may be used only once
    assert stsc.sorting_sequences(2, [2, 1, 4, 3]) == 0
    # 1 2 3 4: only the empty sequence (a single exchange unsorts it, and no kind can undo it)
    assert stsc.sorting_sequences(2, [1, 2, 3, 4]) == 1


@pytest.mark.skipif(stsc._compiled is None, reason="compiled search not built")
def test_compiled_search_and_scrambling_match_the_twins():
    env = rlve_fast.make("SegmentTreeSortingCounting")
    rng = random.Random(37)
    for _ in range(150):
        p = {"N": rng.randint(2, 11)}
        env.sample(rng, p)
        assert sorted(p["A"]) == list(range(1, 2 ** p["N"] + 1))
        assert stsc._compiled.sorting_sequences(p["N"], p["A"]) == stsc.sorting_sequences(p["N"], p["A"])
    assert stsc._compiled.spaced([5, 0, 17]) == "5 0 17"


CONFIG = {"seed": 0, "parameter": {"N": 2, "A": [3, 4, 1, 2], "reference_answer": 12}}


@pytest.mark.parametrize("answer, reward", [("12", 1.0), ("6", 0.5 ** 10), ("24", 0.5 ** 10), ("0", 0.0),
                                            ("-1", -1.0), ("12 1", -1.0), ("", -1.0)])
def test_rewards(answer, reward):
    env = rlve_fast.make("SegmentTreeSortingCounting")
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert env.verify(CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward
