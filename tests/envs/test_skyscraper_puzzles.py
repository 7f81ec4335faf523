"""SkyscraperPuzzle and SkyscraperSumPuzzle: the solvers against enumeration of all Latin
squares, the scorer on hand-computed grids, both paths on arbitrary answers."""
from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.puzzles import _skyscraper
from rlve_fast.envs.puzzles._skyscraper import clues, solve_skyscraper
from scoring_paths import reward_on_both_paths


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


SQUARES = {n: [list(map(list, s)) for s in latin_squares(n)] for n in (3, 4)}


def is_latin(grid, n):
    return (len(grid) == n and all(sorted(row) == list(range(n)) for row in grid)
            and all(sorted(col) == list(range(n)) for col in zip(*grid)))


@pytest.mark.parametrize("sums", [False, True])
def test_solver_against_all_latin_squares(sums):
    rng = random.Random(4)
    for _ in range(150):
        n = rng.choice((3, 4))
        targets = clues(rng.choice(SQUARES[n]), sums)
        if rng.random() < 0.4:  # perturb a clue: often no square fits any more
            k, i = rng.randrange(4), rng.randrange(n)
            targets[k][i] += rng.choice((-1, 1))
        solvable = any(clues(s, sums) == targets for s in SQUARES[n])
        for found in (solve_skyscraper(n, *targets, sums), _skyscraper._search_cells(n, targets, sums)):
            if solvable:
                assert found is not None and is_latin(found, n) and clues(found, sums) == targets
            else:
                assert found is None


@pytest.mark.parametrize("sums", [False, True])
def test_solver_on_planted_puzzles(sums):
    env_id = "SkyscraperSumPuzzle" if sums else "SkyscraperPuzzle"
    env = rlve_fast.make(env_id)
    for seed in range(6):
        problem = env.generate(seed, difficulty=5)  # N = 8
        ours = env.solve(problem.parameter)["reference_answer"]
        assert env.verify(problem.config, "<answer>%s</answer>" % ours)["reward"] == 1.0


# The grid A below has these clues: seen counts / seen height totals.
GRID_A = "0 1 2\n1 2 0\n2 0 1"
GRID_B = "0 2 1\n1 0 2\n2 1 0"
COUNT = {"seed": 0, "parameter": {"N": 3, "left": [3, 2, 1], "right": [1, 2, 2],
                                  "top": [3, 2, 1], "bottom": [1, 2, 2]}}
SUM = {"seed": 0, "parameter": {"N": 3, "left": [3, 3, 2], "right": [2, 2, 3],
                                "top": [3, 3, 2], "bottom": [2, 2, 3]}}



@pytest.mark.parametrize("env_id, config", [("SkyscraperPuzzle", COUNT), ("SkyscraperSumPuzzle", SUM)])
@pytest.mark.parametrize("answer, reward", [
    (GRID_A, 1.0),
    (GRID_B, 0.5 ** 10),                   # 6 of the 12 clues match (in both puzzles)
    ("\n" + GRID_A + "\n\n", 1.0),         # blank lines are skipped
    ("0 1 2\n1 2 0", -1.0),                # two rows
    ("0 1 2 1 2 0 2 0 1", -1.0),           # one line
    ("0 1 2\n1 2 0 0\n2 0 1", -1.0),       # a long row
    ("0 1 2\n1 2 0\n1 2 0", -0.5),         # columns repeat heights
    ("0 1 1\n1 2 0\n2 0 1", -0.5),         # a row repeats a height
    ("0 1 3\n1 2 0\n2 0 1", -0.5),         # a height out of range
    ("0 1 x\n1 2 0\n2 0 1", -1.0),
])
def test_rewards(env_id, config, answer, reward):
    assert reward_on_both_paths(env_id, config, answer) == reward


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["SkyscraperPuzzle", "SkyscraperSumPuzzle"]),
       st.lists(st.lists(st.integers(-1, 3), min_size=0, max_size=4), max_size=4))
def test_paths_agree_on_arbitrary_grids(env_id, rows):
    config = COUNT if env_id == "SkyscraperPuzzle" else SUM
    reward = reward_on_both_paths(env_id, config, "\n".join(" ".join(map(str, row)) for row in rows))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SQUARES[3]), st.booleans())
def test_a_latin_square_scores_its_share_of_clues(square, sums):
    env_id, config = ("SkyscraperSumPuzzle", SUM) if sums else ("SkyscraperPuzzle", COUNT)
    seen = clues(square, sums)
    matching = sum(a == b for k, key in enumerate(("left", "right", "top", "bottom"))
                   for a, b in zip(seen[k], config["parameter"][key]))
    text = "\n".join(" ".join(map(str, row)) for row in square)
    assert reward_on_both_paths(env_id, config, text) == (matching / 12) ** 10


def test_compiled_planted_square_matches_the_python_twin():
    planted = getattr(_skyscraper, "_planted", None)
    if planted is None:
        pytest.skip("the compiled skyscraper solver is not built")
    rng = random.Random(3)
    for n in list(range(1, 14)) + [25, 64, 101]:
        for _ in range(5):
            row_shift, col_shift = list(range(n)), list(range(n))
            rng.shuffle(row_shift)
            rng.shuffle(col_shift)
            grid = [[(row_shift[i] + col_shift[j]) % n for j in range(n)] for i in range(n)]
            for sums in (False, True):
                left, right, top, bottom, text = planted(row_shift, col_shift, sums)
                assert (left, right, top, bottom) == clues(grid, sums)
                assert text == _skyscraper.grid_text(grid)
    with pytest.raises(ValueError):
        planted([0, 1], [0], False)
