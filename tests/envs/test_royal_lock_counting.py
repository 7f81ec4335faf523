"""RoyalLockCounting: king placements against enumeration, and both solvers against each other."""
from __future__ import annotations

from itertools import combinations

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting import royal_lock_counting as module


def brute_force(n, k):
    cells = [(i, j) for i in range(n) for j in range(n)]
    return sum(all(max(abs(a[0] - b[0]), abs(a[1] - b[1])) > 1 for a, b in combinations(chosen, 2))
               for chosen in combinations(cells, k))


def test_hand_counted():
    assert module.solve_kings(3, 1) == 9
    assert module.solve_kings(3, 2) == 16   # C(9, 2) = 36 minus 20 touching pairs
    assert module.solve_kings(3, 4) == 1    # the four corners
    assert module.solve_kings(3, 5) == 0
    assert module.solve_kings(4, 4) == 79


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_against_enumeration(n):
    for k in range(0, min(n * n, 7) + 1):
        want = brute_force(n, k)
        assert module.solve_kings(n, k) == want, (n, k)
        assert module.count_kings(n, k) == want, (n, k)


def test_compiled_matches_the_twin():
    # even and odd boards take the meet-in-the-middle path from n = 4 on
    for n in range(4, 10):
        for k in range(0, (n + 1) ** 2 // 4 + 2, 2):
            assert module.solve_kings(n, k) == module.count_kings(n, k), (n, k)


@pytest.mark.parametrize("reference, answer, reward", [
    (16, "16", 1.0), (16, "8", 0.5 ** 10), (16, "0", 0.0), (16, "-2", -1.0), (0, "0", 1.0), (0, "5", 0.0),
])
def test_rewards(reference, answer, reward):
    config = {"seed": 0, "parameter": {"N": 3, "K": 2, "reference_answer": reference}}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("RoyalLockCounting", config, "<answer>%s</answer>" % answer)["reward"] == reward


def test_count_bits_bounds_the_count():
    # the saddle-point bound holds (and is far below C(N^2, K) for crowded boards), and the
    # counts that need it still come out exact: odd and even boards, K up to past the maximum
    if module.weighted_total_log2 is None:
        pytest.skip("compiled solver not built")
    import math
    from rlve_fast.envs.counting._multimodular import combine
    for n in (15, 16):
        top = ((n + 1) // 2) ** 2
        for k in sorted({1, 2, n, top // 3, top // 2, top - 1, top, top + 1}):
            # residues for the safe C(N^2, k) bound
            want = combine(module.comb(n * n, k).bit_length() + 1,
                           lambda p: module._compiled(n, k, p, math.inf))
            assert want.bit_length() <= module.count_bits(n, k), (n, k)
            assert module.solve_kings(n, k) == want, (n, k)
    assert module.count_bits(16, 64) < 60 < module.comb(256, 64).bit_length()


def test_weighted_total_matches_the_polynomial():
    if module.weighted_total_log2 is None:
        pytest.skip("compiled solver not built")
    import math
    for n in (3, 4, 5, 6, 7):
        counts = [module.solve_kings(n, k) for k in range(((n + 1) // 2) ** 2 + 1)]
        for z in (0.25, 1.0, 3.0):
            exact = sum(count * z ** k for k, count in enumerate(counts))
            assert abs(module.weighted_total_log2(n, z, math.inf) - math.log2(exact)) < 1e-9
