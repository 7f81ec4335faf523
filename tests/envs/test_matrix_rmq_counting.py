"""MatrixRMQCounting: the grouped inclusion-exclusion against enumeration of all matrices."""
from __future__ import annotations

import random
from itertools import product

import pytest

import rlve_fast
from rlve_fast.envs.counting import matrix_rmq_counting as module
from rlve_fast.seeding import problem_rng


def brute_force(h, w, m, constraints):
    count = 0
    for cells in product(range(1, m + 1), repeat=h * w):
        if all(max(cells[(i - 1) * w + j - 1] for i in range(x1, x2 + 1) for j in range(y1, y2 + 1)) == v
               for x1, y1, x2, y2, v in constraints):
            count += 1
    return count


@pytest.mark.parametrize("h, w, m, constraints, count", [
    (1, 2, 3, [[1, 1, 1, 2, 3]], 5),                      # 9 pairs minus the 4 without a 3
    (1, 2, 3, [[1, 1, 1, 1, 2], [1, 1, 1, 2, 3]], 1),     # (2, 3)
    (1, 2, 3, [[1, 1, 1, 1, 2], [1, 1, 1, 2, 1]], 0),     # max 1 over both forbids the 2
    (2, 1, 4, [[1, 1, 1, 1, 2]], 4),                      # first entry 2, second free
    (1, 3, 2, [[1, 1, 1, 2, 1], [1, 2, 1, 3, 2]], 1),     # (1, 1, 2)
])
def test_hand_counted(h, w, m, constraints, count):
    assert module.count_matrices(h, w, m, constraints, 10**6) == count


def test_against_enumeration():
    rng = random.Random(4)
    for _ in range(150):
        h, w, m = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3)
        while h * w > 6:
            h, w = rng.randint(1, 3), rng.randint(1, 3)
        constraints = []
        for _ in range(rng.randint(1, 5)):
            x1, x2 = sorted((rng.randint(1, h), rng.randint(1, h)))
            y1, y2 = sorted((rng.randint(1, w), rng.randint(1, w)))
            constraints.append([x1, y1, x2, y2, rng.randint(1, m)])
        mod = rng.choice([2, 10, 999983])
        expected = brute_force(h, w, m, constraints) % mod
        assert module.count_matrices(h, w, m, constraints, mod) == expected
        assert module.count_grouped(h, w, m, constraints, mod) == expected


def test_few_rectangles_path_against_the_grouped_count():
    if module._compiled is None:
        pytest.skip("compiled solver not built")
    rng = random.Random(9)
    for _ in range(200):
        h, w = rng.randint(1, 12), rng.randint(1, 12)
        m = rng.randint(1, 40)
        matrix = [[rng.randint(1, m) for _ in range(w)] for _ in range(h)]
        constraints = []
        for _ in range(rng.randint(1, module.FEW_RECTANGLES)):
            x1, x2 = sorted((rng.randint(1, h), rng.randint(1, h)))
            y1, y2 = sorted((rng.randint(1, w), rng.randint(1, w)))
            # mostly the true maximum (a nonzero count), sometimes any value
            v = max(max(row[y1 - 1:y2]) for row in matrix[x1 - 1:x2]) if rng.random() < 0.8 else rng.randint(1, m)
            constraints.append([x1, y1, x2, y2, v])
        mod = rng.choice([2, 1000, 999983, 2**31 - 1])
        assert module.count_few(h, w, m, constraints, mod) == module.count_grouped(h, w, m, constraints, mod)


def test_compiled_inclusion_exclusion_matches_the_twin():
    if module._compiled is None:
        pytest.skip("compiled solver not built")
    rng = random.Random(8)
    for _ in range(100):
        k = rng.randint(1, 7)
        masks = [rng.randint(0, (1 << k) - 1) for _ in range(rng.randint(1, 9))]
        areas = [rng.randint(1, 30) for _ in masks]
        value, mod = rng.randint(1, 50), rng.choice([2, 97, 1000000, 2**31 - 1])
        assert module._compiled(k, masks, areas, value, mod, float("inf")) == module.hitting_sum(k, masks, areas, value, mod)


@pytest.mark.parametrize("make_rng", [lambda seed: problem_rng("MatrixRMQCounting", seed), random.Random])
def test_compiled_draw_matches_the_python_sample(make_rng, monkeypatch):
    if module._compiled_draw is None:
        pytest.skip("compiled solver not built")
    env = rlve_fast.make("MatrixRMQCounting")
    for n in (2, 3, 5, 9, 14, 25):
        for seed in range(40):
            drawn, drawn_rng = {"N": n}, make_rng(seed)
            env.sample(drawn_rng, drawn)
            with monkeypatch.context() as patch:
                patch.setattr(module, "_compiled_draw", None)
                expected, expected_rng = {"N": n}, make_rng(seed)
                env.sample(expected_rng, expected)
            assert drawn == expected
            assert drawn_rng.getrandbits(64) == expected_rng.getrandbits(64)  # the same draws consumed


def test_modulus_one_takes_the_python_path():
    assert module.count_matrices(2, 2, 3, [[1, 1, 2, 2, 3]], 1) == 0
