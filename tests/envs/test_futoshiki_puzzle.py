"""FutoshikiPuzzle: the solver against enumeration of all Latin squares, the scorer's rules."""
from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.puzzles.futoshiki_puzzle import solve_futoshiki


def latin_squares(n):
    rows = list(permutations(range(n)))

    def extend(square):
        if len(square) == n:
            yield square
            return
        for row in rows:
            if all(row[c] != other[c] for other in square for c in range(n)):
                yield from extend(square + [row])

    yield from extend([])


SQUARES = {n: [tuple(map(tuple, s)) for s in latin_squares(n)] for n in (3, 4)}


def fits(square, grid, inequalities):
    n = len(grid)
    return (all(grid[r][c] in (-1, square[r][c]) for r in range(n) for c in range(n))
            and all(square[a][b] < square[x][y] for a, b, x, y in inequalities))


def test_solver_against_all_latin_squares():
    rng = random.Random(6)
    for _ in range(200):
        n = rng.choice((3, 4))
        planted = rng.choice(SQUARES[n])  # a tuple of row tuples
        grid = [[v if rng.random() < 0.3 else -1 for v in row] for row in planted]
        cells = [(r, c) for r in range(n) for c in range(n)]
        inequalities = []
        for _ in range(rng.randint(1, 2 * n)):
            (a, b), (x, y) = rng.sample(cells, 2)
            inequalities.append([a, b, x, y])  # may be unsatisfiable: the solver must say so
        solvable = any(fits(s, grid, inequalities) for s in SQUARES[n])
        found = solve_futoshiki(grid, inequalities)
        if solvable:
            assert found is not None and fits([tuple(r) for r in found], grid, inequalities)
            assert tuple(map(tuple, found)) in set(SQUARES[n])  # a real Latin square
        else:
            assert found is None


CONFIG = {"seed": 0, "parameter": {"N": 3, "sparsity": 0.5,
                                   "matrix": [[0, -1, -1], [-1, 2, -1], [-1, -1, 1]],
                                   "inequalities": [[0, 0, 0, 1], [0, 2, 1, 0], [2, 2, 0, 2]]}}
SOLUTION = "0 1 2\n1 2 0\n2 0 1"


def both_paths(text):
    env = rlve_fast.make("FutoshikiPuzzle")
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(env.verify(CONFIG, "<answer>%s</answer>" % text)["reward"])
    assert out[0] == out[1], (text, out)
    return out[0]


@pytest.mark.parametrize("answer, reward", [
    (SOLUTION, (2 / 3) ** 5),                       # 2 < 1 fails: c[0][2]=2, c[1][0]=1
    ("0 1 2\n1 2 0\n2 0 1\n\n", (2 / 3) ** 5),      # blank lines are skipped
    ("0 2 1\n1 0 2\n2 1 0", -0.5),                  # changes the given c[1][1] = 2
    ("0 1 2\n1 2 0", -1.0),                         # wrong shape
    ("0 1 2 1 2 0 2 0 1", -1.0),                    # one line
    ("0 1 1\n1 2 0\n2 0 1", -0.5),                  # row not a permutation
    ("0 1 2\n0 1 2\n0 1 2", -0.5),                  # columns not permutations
    ("0 1 x\n1 2 0\n2 0 1", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_solver_meets_every_constraint_of_a_generated_puzzle():
    env = rlve_fast.make("FutoshikiPuzzle")
    for seed in range(20):
        problem = env.generate(seed, difficulty=3)
        ours = env.solve(problem.parameter)["reference_answer"]
        assert env.verify(problem.config, "<answer>%s</answer>" % ours)["reward"] == 1.0
        assert env.verify(problem.config, "<answer>%s</answer>" % problem.parameter["reference_answer"])["reward"] == 1.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(-1, 3), min_size=0, max_size=4), max_size=4))
def test_paths_agree_on_arbitrary_grids(rows):
    both_paths("\n".join(" ".join(map(str, row)) for row in rows))
