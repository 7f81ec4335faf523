"""MatrixPermutation_BothDiagonalOne: the solver against trying every pair of orders, the
scorer on hand-computed cases, both paths on arbitrary answers."""
from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.puzzles.matrix_permutation_both_diagonal_one import solve_both_diagonals
from scoring_paths import reward_on_both_paths


def works(matrix, rows_order, cols_order):
    n = len(matrix)
    return all(matrix[rows_order[i]][cols_order[j]] == 1
               for i in range(n) for j in (i, n - 1 - i))


def test_solver_against_every_pair_of_orders():
    rng = random.Random(8)
    for _ in range(120):
        n = rng.randint(2, 4)
        density = rng.choice((0.3, 0.5, 0.7))
        matrix = [[int(rng.random() < density) for _ in range(n)] for _ in range(n)]
        orders = list(permutations(range(n)))
        solvable = any(works(matrix, a, b) for a in orders for b in orders)
        found = solve_both_diagonals(matrix)
        if solvable:
            assert found is not None and works(matrix, *found)
            assert sorted(found[0]) == sorted(found[1]) == list(range(n))
        else:
            assert found is None


def test_solver_on_planted_matrices():
    env = rlve_fast.make("MatrixPermutation_BothDiagonalOne")
    for seed in range(10):
        problem = env.generate(seed, difficulty=6)
        ours = env.solve(problem.parameter)["reference_answer"]
        assert env.verify(problem.config, "<answer>%s</answer>" % ours)["reward"] == 1.0


CONFIG = {"seed": 0, "parameter": {"N": 3, "A": [[1, 1, 0], [0, 1, 1], [1, 0, 0]]}}
EVEN = {"seed": 0, "parameter": {"N": 4, "A": [[1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 1, 0], [1, 0, 0, 1]]}}


def both_paths(config, text):
    return reward_on_both_paths('MatrixPermutation_BothDiagonalOne', config, text)


@pytest.mark.parametrize("config, answer, reward", [
    (CONFIG, "0 1 2\n0 1 2", 0.6 ** 5),       # A[2][2] and A[0][2] are 0: 3 of 5
    (CONFIG, "1 0 2\n0 1 2", 0.6 ** 5),       # 0, 1, 0 on the diagonal, 1, 1 on the other
    (CONFIG, "0 2 1\n2 1 0", 0.4 ** 5),       # only A[0][0] and A[1][2], on the second diagonal
    (CONFIG, "0 1 2\n\n0 1 2\n", 0.6 ** 5),   # blank lines are skipped
    (CONFIG, "0 1 2\n0 1", -0.5),             # too short a column order
    (CONFIG, "0 1 1\n0 1 2", -0.5),           # not a rearrangement
    (CONFIG, "0 1 3\n0 1 2", -0.5),
    (CONFIG, "0 1 2 0 1 2", -1.0),            # one line
    (CONFIG, "0 1 2\n0 1 2\n0 1 2", -1.0),    # three lines
    (CONFIG, "0 1 2\n0 1 z", -1.0),
    (EVEN, "0 1 2 3\n0 1 2 3", 1.0),
    (EVEN, "0 2 1 3\n0 1 2 3", 1.0),         # rows 1 and 2 are the same
    (EVEN, "1 0 2 3\n0 1 2 3", 0.5 ** 5),     # the top two rows miss: half the cells
])
def test_rewards(config, answer, reward):
    assert both_paths(config, answer) == reward


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(-1, 4), max_size=5), max_size=3))
def test_paths_agree_on_arbitrary_answers(lines):
    reward = both_paths(EVEN, "\n".join(" ".join(map(str, line)) for line in lines))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.permutations(range(4)), st.permutations(range(4)))
def test_orders_score_their_share_of_diagonal_ones(rows_order, cols_order):
    matrix = EVEN["parameter"]["A"]
    ones = sum(matrix[rows_order[i]][cols_order[j]] for i in range(4) for j in (i, 3 - i))
    text = " ".join(map(str, rows_order)) + "\n" + " ".join(map(str, cols_order))
    assert both_paths(EVEN, text) == (ones / 8) ** 5
