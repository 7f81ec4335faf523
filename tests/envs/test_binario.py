"""Binario: the generator's fill (compiled and Python twins), the solver against every grid
of small sizes, the scorer on hand-computed cases and arbitrary answers on both paths."""
from __future__ import annotations

import math
import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.grids.binario import random_fill, solve_binario
from scoring_paths import reward_on_both_paths


def no_three(grid):
    lines = [list(row) for row in grid] + [list(col) for col in zip(*grid)]
    return not any(line[t] == line[t + 1] == line[t + 2] for line in lines for t in range(len(line) - 2))


def test_fill_twins_agree_and_obey_the_rule():
    compiled = pytest.importorskip("rlve_fast.envs.grids._binario_fill")
    rng = random.Random(5)
    for _ in range(200):
        n, m = rng.randint(1, 8), rng.randint(1, 8)
        order = list(range(n * m))
        rng.shuffle(order)
        seed = rng.getrandbits(64)
        grid = random_fill(n, m, order, seed)
        assert compiled.random_fill(n, m, order, seed, math.inf) == (1, grid)
        assert len(grid) == n and all(len(row) == m for row in grid) and no_three(grid)


def test_fill_reaches_large_grids():
    compiled = pytest.importorskip("rlve_fast.envs.grids._binario_fill")
    order = list(range(120 * 90))
    random.Random(1).shuffle(order)
    status, grid = compiled.random_fill(120, 90, order, 7, math.inf)
    assert status == 1 and no_three(grid)


def all_grids(n, m):
    for bits in product((0, 1), repeat=n * m):
        grid = [bits[r * m:(r + 1) * m] for r in range(n)]
        if no_three(grid):
            yield grid


GRIDS = {(n, m): list(all_grids(n, m)) for n in range(2, 5) for m in range(2, 5)}


def test_solver_against_every_small_grid():
    rng = random.Random(9)
    for _ in range(250):
        n, m = rng.randint(2, 4), rng.randint(2, 4)
        planted = rng.choice(GRIDS[n, m])
        rows, cols = [sum(r) for r in planted], [sum(c) for c in zip(*planted)]
        if rng.random() < 0.3:
            rows[rng.randrange(n)] += rng.choice((-1, 1))
        matrix = ["".join("*" if rng.random() < 0.6 else str(v) for v in row) for row in planted]
        fits = [g for g in GRIDS[n, m] if [sum(r) for r in g] == rows and [sum(c) for c in zip(*g)] == cols
                and all(x in ("*", str(v)) for line, row in zip(matrix, g) for x, v in zip(line, row))]
        found = solve_binario(matrix, rows, cols)
        if fits:
            assert [tuple(map(int, line)) for line in found] in fits
        else:
            assert found is None


CONFIG = {"seed": 0, "parameter": {"N": 3, "M": 4, "matrix": ["0*1*", "**0*", "1***"],
                                   "row_counts": [2, 2, 2], "col_counts": [2, 1, 2, 1]}}


def both_paths(answer, config=CONFIG):
    return reward_on_both_paths('Binario', config, answer)


@pytest.mark.parametrize("answer, reward", [
    ("0011\n1100\n1010", 1.0),
    ("0011\n0100\n1010", (5 / 7) ** 10),   # row 1 has one 1, column 0 has one 1
    ("0110\n1001\n1001", (5 / 7) ** 10),   # columns 2 and 3 miss
    ("1010\n0101\n1010", -0.5),            # changes the given 0 at (0, 0)
    ("0011\n1001\n1010", -0.5),            # column 1 is 0, 0, 0
    ("0010\n0100\n1000", -0.5),            # column 3 is 0, 0, 0
    ("001\n110\n101", -1.0),               # three columns
    ("0011\n1100", -1.0),                  # two rows
    ("0011\n1100\n10a0", -1.0),            # not a digit
    ("0 0 1 1\n1100\n1010", -1.0),         # spaces inside a row
    ("  0011 \n\n1100\n 1010\n", 1.0),     # blank lines and spaces around rows are dropped
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_three_in_a_line_is_invalid():
    free = {"seed": 0, "parameter": {"N": 3, "M": 3, "matrix": ["***"] * 3,
                                     "row_counts": [1, 1, 1], "col_counts": [1, 1, 1]}}
    assert both_paths("100\n010\n001", free) == 1.0
    assert both_paths("000\n110\n001", free) == -0.5  # a row of three 0s
    assert both_paths("100\n100\n100", free) == -0.5  # a column of three 1s
    assert both_paths("110\n010\n001", free) == (4 / 6) ** 10  # row 0 and column 1 have two 1s


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="01 *x\t\r\x85\u2028\x1c\xa0\uff11", min_size=0, max_size=6), max_size=5))
def test_paths_agree_on_arbitrary_answers(lines):
    reward = both_paths("\n".join(lines))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


def test_sampled_fields_agree_with_the_planted_grid():
    env = rlve_fast.make("Binario")
    for level in (0, 3, 9, 16):
        for seed in range(20):
            p = env.generate(seed, difficulty=level).parameter
            rows = p["reference_answer"].split("\n")
            assert len(rows) == p["N"] and all(len(row) == p["M"] for row in rows)
            assert p["row_counts"] == [row.count("1") for row in rows]
            assert p["col_counts"] == [sum(row[c] == "1" for row in rows) for c in range(p["M"])]
            assert all(given in ("*", cell) for line, row in zip(p["matrix"], rows) for given, cell in zip(line, row))
            assert "*" in "".join(p["matrix"])
