"""CirculatingGrid: the least-cost matching against trying every grid of arrows, the scorer
on hand-computed cases and arbitrary answers on both paths."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import deadline
from rlve_fast.envs.grids import circulating_grid
from rlve_fast.envs.grids._tables import _py_integer_rows
from rlve_fast.envs.grids.circulating_grid import STEPS, fewest_changes, fewest_changes_python
from scoring_paths import reward_on_both_paths


def every_cell_on_a_cycle(grid):
    rows, cols = len(grid), len(grid[0])
    for i in range(rows):
        for j in range(cols):
            a, b, seen = i, j, 0
            while True:  # follow the arrows at most rows * cols steps
                di, dj = STEPS[grid[a][b]]
                a, b, seen = (a + di) % rows, (b + dj) % cols, seen + 1
                if (a, b) == (i, j):
                    break
                if seen > rows * cols:
                    return False
    return True


def test_solver_against_every_grid_of_arrows():
    rng = random.Random(7)
    for _ in range(40):
        rows, cols = rng.choice([(2, 2), (2, 3), (3, 2)])
        grid = [[rng.choice("LRUD") for _ in range(cols)] for _ in range(rows)]
        best = min(sum(a != b for a, b in zip(arrows, (c for row in grid for c in row)))
                   for arrows in product("LRUD", repeat=rows * cols)
                   if every_cell_on_a_cycle([arrows[r * cols:(r + 1) * cols] for r in range(rows)]))
        assert fewest_changes(grid) == best


GRID = [list("RRD"), list("ULL")]  # a 2 x 3 torus
CONFIG = {"seed": 0, "parameter": {"R": 2, "C": 3, "grid": GRID, "gold_answer": 0}}


def both_paths(answer, config):
    return reward_on_both_paths('CirculatingGrid', config, answer)


def test_a_grid_of_cycles_needs_no_change():
    assert fewest_changes(GRID) == 0
    assert both_paths("RRD\nULL", CONFIG) == 1.0


@pytest.mark.parametrize("answer, reward", [
    ("RRR\nLLL", (1 / 3) ** 5),     # two cycles, 3 changes against the best 1
    ("RRD\nRRU", -0.5),             # (0, 2) pointed at twice... and (1, 0) never
    ("RRD\nUL", -1.0),
    ("RRD", -1.0),
    ("RRD\nULX", -1.0),
    ("rrd\null", -1.0),
])
def test_rewards(answer, reward):
    config = {"seed": 0, "parameter": {"R": 2, "C": 3, "grid": [list("RRD"), list("ULD")], "gold_answer": 1}}
    assert fewest_changes(config["parameter"]["grid"]) == 1
    assert both_paths(answer, config) == reward


def test_wrong_stored_optimum():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=1)}
    assert both_paths("RRD\nULL", config) == -1.0  # no change, yet the config says 1
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], grid=["RRD", "ULL"])}
    assert both_paths("RRR\nLLL", config) == 0.0  # rows given as strings work as well


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="LRUDx \u2028", max_size=4), max_size=3))
def test_paths_agree_on_arbitrary_answers(lines):
    config = {"seed": 0, "parameter": {"R": 2, "C": 3, "grid": [list("RRD"), list("ULD")], "gold_answer": 1}}
    reward = both_paths("\n".join(lines), config)
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


compiled = circulating_grid._compiled_solver
needs_compiled = pytest.mark.skipif(compiled is None, reason="the compiled solver is not built")


class FixedBits:
    """Stands in for the problem's random.Random where only the 64-bit seed is read."""

    def __init__(self, bits):
        self.bits = bits

    def getrandbits(self, k):
        return self.bits


@needs_compiled
def test_compiled_draw_is_the_weighted_choice_over_the_same_stream():
    rng = random.Random(11)
    for _ in range(200):
        rows, cols = rng.randint(1, 14), rng.randint(1, 14)
        weights = [rng.randint(1, rows * cols) for _ in range(4)]
        seed = rng.getrandbits(64)
        bounds = [sum(weights[:k + 1]) for k in range(4)]
        draws = _py_integer_rows(FixedBits(seed), rows, cols, 0, bounds[-1] - 1)
        want = [["LRUD"[next(k for k, b in enumerate(bounds) if x < b)] for x in row] for row in draws]
        assert compiled.draw_grid(seed, rows, cols, weights) == want


@needs_compiled
def test_compiled_draw_rejects_bad_weights():
    for weights in ([1, 2, 3], [0, 1, 1, 1], [1, 1, 1, -5]):
        with pytest.raises(ValueError):
            compiled.draw_grid(1, 2, 2, weights)


@needs_compiled
def test_compiled_solver_against_the_python_network():
    rng = random.Random(5)
    shapes = [(2, 2), (2, 5), (5, 2), (3, 3), (7, 4), (10, 13), (16, 16), (1, 4), (4, 1), (1, 1)]
    for rows, cols in shapes * 6:
        weights = [rng.randint(1, rows * cols) for _ in range(4)]
        grid = [rng.choices("LRUD", weights, k=cols) for _ in range(rows)]
        assert fewest_changes(grid) == fewest_changes_python(grid), grid
        rows_as_text = ["".join(row) for row in grid]
        assert fewest_changes(rows_as_text) == fewest_changes_python(grid)


@needs_compiled
def test_compiled_solver_odd_grids():
    # an unknown symbol costs a change whichever way the cell points, as in the twin
    assert fewest_changes([list("RxD"), list("ULL")]) == fewest_changes_python([list("RxD"), list("ULL")]) == 1
    assert compiled.fewest_changes([list("RRD"), list("UL")], float("inf")) == (0, None)  # ragged
    with pytest.raises(IndexError):
        fewest_changes([list("RRD"), list("UL")])  # the twin says why


@needs_compiled
def test_compiled_solver_past_its_deadline():
    rng = random.Random(3)
    grid = [rng.choices("LRUD", k=100) for _ in range(100)]  # past 4096 augmenting paths
    assert compiled.fewest_changes(grid, 0.0) == (-1, None)
    with deadline.budget(1e-9):
        with pytest.raises(rlve_fast.GenerationTimeout):
            fewest_changes(grid)
