"""NoDoubleTripleCounting: the component product against enumeration of all subsets."""
from __future__ import annotations

import pytest

from rlve_fast.envs.counting import no_double_triple_counting as module
from rlve_fast.envs.counting._multimodular import combine_all


def brute_force(n):
    count = 0
    for mask in range(1 << n):
        chosen = {i + 1 for i in range(n) if mask >> i & 1}
        count += all(2 * x not in chosen and 3 * x not in chosen for x in chosen)
    return count


def test_against_enumeration():
    assert [module.count_free_subsets(n) for n in range(1, 17)] == [brute_force(n) for n in range(1, 17)]


def test_hand_counted():
    assert module.count_free_subsets(3) == 5   # {}, {1}, {2}, {3}, {2, 3}
    assert module.count_free_subsets(4) == 8   # without 1: 8 - 2 (2 and 4 together); with 1: {1}, {1, 4}


def test_shape_counts():
    smooth = module.smooth_numbers(12)
    assert smooth == [1, 2, 3, 4, 6, 8, 9, 12]
    # shape(2): cells 1, 2 in a column -> 3 subsets; shape(3): 1-3 row, 2 above 1 -> 5
    assert module.shape_counts(smooth)[:3] == [2, 3, 5]


def test_compiled_counts_match_the_twin():
    if module._compiled is None:
        pytest.skip("compiled solver not built")
    smooth = module.smooth_numbers(50000)
    assert combine_all(150, lambda p: module._compiled(smooth, p)) == module.shape_counts(smooth)


def test_power_product():
    assert module.power_product([3, 5, 7], [4, 0, 9]) == 3 ** 4 * 7 ** 9
    assert module.power_product([], []) == 1
