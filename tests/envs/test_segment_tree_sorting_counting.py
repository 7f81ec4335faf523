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
    assert stsc._compiled.framed_numbers("<", [5, 0, 17], ">") == "<5 0 17>"
    assert stsc._compiled.framed_numbers("", [], "") == ""


@pytest.mark.skipif(stsc._compiled is None, reason="compiled search not built")
def test_compiled_search_on_random_exchanges():
    """Arrays made by random exchanges of any kinds (repeats allowed, so often unsortable or
    with two wrong blocks at a level): the compiled search, which judges an exchange by the
    segments' first numbers before making it, against the twin."""
    rng = random.Random(41)
    for _ in range(400):
        n = rng.randint(2, 9)
        a = list(range(1, 2 ** n + 1))
        for _ in range(rng.randint(0, 2 * n)):
            size = 2 ** rng.randrange(n)
            x, y = rng.sample(range(0, len(a), size), 2)
            a[x:x + size], a[y:y + size] = a[y:y + size], a[x:x + size]
        assert stsc._compiled.sorting_sequences(n, a) == stsc.sorting_sequences(n, a), (n, a)


@pytest.mark.skipif(stsc._compiled is None, reason="compiled text not built")
def test_prompt_numbers_compiled_and_plain_agree():
    env = rlve_fast.make("SegmentTreeSortingCounting")
    rng = random.Random(43)
    for n in (2, 3, 7, 12):
        p = {"N": n}
        env.sample(rng, p)
        text = env.prompt(p)
        assert " ".join(map(str, p["A"])) in text
        saved, stsc._compiled = stsc._compiled, None
        try:
            assert env.prompt(p) == text
        finally:
            stsc._compiled = saved
    # numbers with carries in runs (9 -> 10, 999 -> 1000) and values the kernel leaves to Python
    for values in ([8, 9, 10, 11, 99, 100, 998, 999, 1000, 1001], [0, 1, 2**31 - 1], [3, -1], [True, 2]):
        p = {"N": 2, "A": values}
        assert env.prompt(p).count(" ".join(map(str, values))) == 1


@pytest.mark.skipif(stsc._compiled is None, reason="compiled generator not built")
def test_compiled_scrambling_matches_the_plain_one():
    env = rlve_fast.make("SegmentTreeSortingCounting")
    for seed in range(40):
        n = 2 + seed % 10
        fast, slow = {"N": n}, {"N": n}
        env.sample(random.Random(seed), fast)
        saved, stsc._compiled = stsc._compiled, None
        try:
            env.sample(random.Random(seed), slow)
        finally:
            stsc._compiled = saved
        assert fast == slow


def test_sizes_beyond_the_limit_are_refused():
    env = rlve_fast.make("SegmentTreeSortingCounting")
    with pytest.raises(ValueError):
        env.sample(random.Random(1), {"N": stsc.LARGEST_N + 1})


CONFIG = {"seed": 0, "parameter": {"N": 2, "A": [3, 4, 1, 2], "reference_answer": 12}}


@pytest.mark.parametrize("answer, reward", [("12", 1.0), ("6", 0.5 ** 10), ("24", 0.5 ** 10), ("0", 0.0),
                                            ("-1", -1.0), ("12 1", -1.0), ("", -1.0)])
def test_rewards(answer, reward):
    env = rlve_fast.make("SegmentTreeSortingCounting")
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert env.verify(CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward
