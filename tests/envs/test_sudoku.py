"""Sudoku: the solvers against enumeration of every 4 x 4 Sudoku, on planted puzzles, the
scorer on hand-computed grids, both paths on arbitrary answers."""
from __future__ import annotations

import math
import random
from collections import Counter
from itertools import permutations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.puzzles._sudoku_solver import pattern_search, solve_grid
from rlve_fast.envs.puzzles.sudoku import solve_sudoku
from scoring_paths import reward_on_both_paths


def valid(grid, box_rows, box_cols):
    n = box_rows * box_cols
    units = [list(row) for row in grid] + [list(col) for col in zip(*grid)]
    units += [[grid[r][c] for r in range(top, top + box_rows) for c in range(left, left + box_cols)]
              for top in range(0, n, box_rows) for left in range(0, n, box_cols)]
    return all(sorted(unit) == list(range(1, n + 1)) for unit in units)


ALL_4X4 = [g for g in ([list(p) for p in rows] for rows in permutations(permutations(range(1, 5)), 4))
           if valid(g, 2, 2)]


def fits(grid, puzzle):
    return all(p in (0, g) for grow, prow in zip(grid, puzzle) for g, p in zip(grow, prow))


def test_there_are_288_sudokus_of_side_4():
    assert len(ALL_4X4) == 288


def test_solvers_against_every_4x4_sudoku():
    rng = random.Random(3)
    for _ in range(300):
        puzzle = [row[:] for row in rng.choice(ALL_4X4)]
        for cell in rng.sample(range(16), rng.randint(1, 15)):
            puzzle[cell // 4][cell % 4] = 0
        if rng.random() < 0.5:  # a changed given: often no completion is left
            r, c = rng.randrange(4), rng.randrange(4)
            puzzle[r][c] = rng.randint(1, 4)
        solvable = any(fits(g, puzzle) for g in ALL_4X4)
        found = solve_sudoku(2, 2, puzzle)
        assert (found is not None) == solvable
        if found is not None:
            assert valid(found, 2, 2) and fits(found, puzzle)
        status, complete = solve_grid(2, 2, puzzle, math.inf)
        assert status == int(solvable) and (complete is None or (valid(complete, 2, 2) and fits(complete, puzzle)))
        status, pattern = pattern_search(2, 2, puzzle, math.inf)
        if status == 1:
            assert valid(pattern, 2, 2) and fits(pattern, puzzle)
        else:
            assert status == 0


@pytest.mark.parametrize("level", [3, 6])
def test_solvers_on_planted_puzzles(level):
    env = rlve_fast.make("Sudoku")
    # generation plants the answer and never solves; a nearly empty large grid (say 64 digits,
    # 90% blank) can take the constraint search minutes, so those are left out here
    problems = (env.generate(seed, difficulty=level).parameter for seed in range(60))
    easy = [p for p in problems if p["N"] * p["M"] <= 30 or p["sparsity"] <= 0.6][:12]
    assert len(easy) == 12
    for p in easy:
        found = solve_sudoku(p["N"], p["M"], p["sudoku"])
        assert valid(found, p["N"], p["M"]) and fits(found, p["sudoku"])
        status, pattern = pattern_search(p["N"], p["M"], p["sudoku"], math.inf, 100000)
        assert status == -2 or (status == 1 and valid(pattern, p["N"], p["M"]) and fits(pattern, p["sudoku"]))


def test_generated_grids_are_sudokus_with_the_stated_boxes():
    env = rlve_fast.make("Sudoku")
    for seed in range(20):
        p = env.generate(seed, difficulty=4).parameter
        solution = [list(map(int, line.split())) for line in p["reference_answer"].split("\n")]
        assert p["NM"] == p["N"] * p["M"] and valid(solution, p["N"], p["M"]) and fits(solution, p["sudoku"])
        blanks = sum(v == 0 for row in p["sudoku"] for v in row)
        assert blanks == max(1, int(p["NM"] * p["NM"] * p["sparsity"]))


# boxes of 1 row by 2 columns would not do: upstream's sizes start at 2; here 2 rows x 3 columns
SOLUTION = [[1, 2, 3, 4, 5, 6],
            [4, 5, 6, 1, 2, 3],
            [2, 3, 1, 5, 6, 4],
            [5, 6, 4, 2, 3, 1],
            [3, 1, 2, 6, 4, 5],
            [6, 4, 5, 3, 1, 2]]
PUZZLE = [[v if (r + c) % 3 else 0 for c, v in enumerate(row)] for r, row in enumerate(SOLUTION)]
CONFIG = {"seed": 0, "parameter": {"N": 2, "M": 3, "sudoku": PUZZLE}}


def text(grid):
    return "\n".join(" ".join(map(str, row)) for row in grid)


def both_paths(answer, config=CONFIG):
    return reward_on_both_paths('Sudoku', config, answer)


def swapped_columns(grid, a, b):
    return [[row[b] if c == a else row[a] if c == b else v for c, v in enumerate(row)] for row in grid]


@pytest.mark.parametrize("answer, reward", [
    (text(SOLUTION), 1.0),
    ("\n" + text(SOLUTION) + "\n\n", 1.0),
    (text(SOLUTION[:5]), -1.0),                                   # five rows
    (text(SOLUTION).replace("\n", " "), -1.0),                    # one line
    (text(SOLUTION) + " 1", -1.0),                                # a long last row
    (text([[7] + row[1:] for row in SOLUTION]), -0.5),            # 7 is out of range (and a given changes)
    (text([[0] + row[1:] for row in SOLUTION]), -0.5),            # 0 is out of range
    (text([SOLUTION[1]] + SOLUTION[1:]), -0.5),                   # changes the givens of row 0
    (text(swapped_columns(SOLUTION, 0, 3)), -0.5),                # still Latin, but the given at (1, 0) changes
    (text(SOLUTION[:1] + [SOLUTION[0]] + SOLUTION[2:]), -0.5),    # row 1 has givens 5, 1, 3
    (text(SOLUTION).replace("6", "x"), -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_repeated_digit_in_a_row_of_an_empty_puzzle_scores_zero():
    config = {"seed": 0, "parameter": {"N": 2, "M": 2, "sudoku": [[0] * 4 for _ in range(4)]}}
    assert both_paths("1 1 2 3\n2 3 4 1\n3 4 1 2\n4 1 2 3", config) == 0.0
    assert both_paths("1 2 3 4\n3 4 1 2\n2 1 4 3\n4 3 2 1", config) == 1.0
    assert both_paths("1 2 3 4\n2 3 4 1\n3 4 1 2\n4 1 2 3", config) == 0.0  # Latin, boxes repeat


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(-1, 7), min_size=5, max_size=7), min_size=5, max_size=7))
def test_paths_agree_on_arbitrary_grids(rows):
    assert both_paths(text(rows)) in (-1.0, -0.5, 0.0, 1.0)


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(6)))
def test_relabelled_solutions_break_only_the_givens(relabel):
    grid = [[relabel[v - 1] + 1 for v in row] for row in SOLUTION]
    expected = 1.0 if grid == SOLUTION else -0.5
    assert both_paths(text(grid)) == expected


def test_compiled_grid_text_matches_the_general_writer():
    from rlve_fast.envs.puzzles import sudoku

    generator = pytest.importorskip("rlve_fast.envs.puzzles._sudoku_generator")
    rng = random.Random(3)
    for _ in range(50):
        n, m = rng.randint(1, 12), rng.randint(1, 12)
        largest = rng.choice([1, 9, 10, 99, 1000, 9999])
        rows = [[rng.randint(0, largest) for _ in range(m)] for _ in range(n)]
        assert generator.grid_text(rows, largest) == sudoku.rows_text(rows)
        assert sudoku.grid_text(rows, largest) == sudoku.rows_text(rows)
    # anything else is left to the general writer
    for rows, largest in [([[1, 2], [3]], 9), ([[1, 10]], 9), ([[True, 1]], 9), ([[-1]], 9), ([], 9),
                          ([[]], 9), ([(1, 2)], 9), ([[1 << 70]], 9), ([[1]], 10000)]:
        assert generator.grid_text(rows, largest) is None


def test_numpy_draw_without_the_compiled_generator():
    # the fallback path draws through numpy: still a planted Sudoku with the stated blanks
    from rlve_fast.envs.puzzles.sudoku import Sudoku

    env = rlve_fast.make("Sudoku")
    for seed in range(10):
        rng = random.Random(seed)
        p = {"MAX_N_M": 4, "sparsity": 0.5}
        box_rows, box_cols = rng.randint(2, 4), rng.randint(2, 4)
        Sudoku._sample_numpy(env, rng, p, box_rows, box_cols, max(1, int((box_rows * box_cols) ** 2 * 0.5)))
        solution = [list(map(int, line.split())) for line in p["reference_answer"].split("\n")]
        assert valid(solution, p["N"], p["M"]) and fits(solution, p["sudoku"])


def _specified_grids_2x3():
    """Every outcome of the specified draw for boxes of 2 rows by 3 columns, digits left
    alone (their relabelling is checked on its own): row orders (bands of 2 rows, each band
    shuffled, then the bands), column orders (stacks of 3 likewise), transposed or not; all
    outcomes equally likely."""
    n = 6
    base = [[(3 * (r % 2) + r // 2 + c) % n + 1 for c in range(n)] for r in range(n)]

    def grouped_orders(size):
        inner = list(permutations(range(size)))
        return [[block * size + members[k][i] for k, block in enumerate(block_order) for i in range(size)]
                for block_order in permutations(range(n // size))
                for members in product(inner, repeat=n // size)]

    outcomes = []
    for rows in grouped_orders(2):
        for cols in grouped_orders(3):
            grid = tuple(tuple(base[r][c] for c in cols) for r in rows)
            outcomes += [grid, tuple(zip(*grid))]
    return outcomes


def _chi_square_ok(counts, expected):
    chi2 = sum((counts[key] - want) ** 2 / want for key, want in expected.items())
    dof = len(expected) - 1
    return chi2 < dof + 6 * math.sqrt(2 * dof)


def test_compiled_draw_has_the_specified_distribution():
    # grids compared with their digits relabelled so that the first row reads 1..n: each
    # must come up as often as its share of the specified draw's outcomes
    generator = pytest.importorskip("rlve_fast.envs.puzzles._sudoku_generator")

    def normalised(grid):
        relabel = {v: i + 1 for i, v in enumerate(grid[0])}
        return tuple(tuple(relabel[v] for v in row) for row in grid)

    specified = Counter(normalised(g) for g in _specified_grids_2x3())
    draws, total = 20000, sum(specified.values())
    seen = Counter()
    rng = random.Random(11)
    for _ in range(draws):
        rows, reference = generator.planted(2, 3, rng.random() < 0.5, 0, rng.getrandbits(64))
        grid = tuple(tuple(map(int, line.split())) for line in reference.split("\n"))
        assert [list(row) for row in grid] == rows
        seen[normalised(grid)] += 1
    assert set(seen) <= set(specified)
    assert _chi_square_ok(seen, {g: draws * c / total for g, c in specified.items()})


def test_compiled_digits_and_blanks_are_uniform():
    generator = pytest.importorskip("rlve_fast.envs.puzzles._sudoku_generator")
    draws, blanks = 12000, 5
    first_cell, blank_cells = Counter(), Counter()
    rng = random.Random(5)
    for _ in range(draws):
        rows, reference = generator.planted(2, 2, False, blanks, rng.getrandbits(64))
        first_cell[int(reference.split()[0])] += 1
        holes = [r * 4 + c for r in range(4) for c in range(4) if rows[r][c] == 0]
        assert len(holes) == blanks
        blank_cells.update(holes)
    assert _chi_square_ok(first_cell, {d: draws / 4 for d in range(1, 5)})
    assert _chi_square_ok(blank_cells, {c: draws * blanks / 16 for c in range(16)})


def test_compiled_texts_on_large_grids():
    # sides with 1- to 4-digit values: the one-pass writer against the general one
    generator = pytest.importorskip("rlve_fast.envs.puzzles._sudoku_generator")
    from rlve_fast.envs.puzzles import sudoku

    for box_rows, box_cols, blanks in [(2, 5, 0), (4, 25, 5000), (32, 32, 1000000), (31, 33, 1)]:
        n = box_rows * box_cols
        rows, reference = generator.planted(box_rows, box_cols, True, blanks, 7)
        full = [list(map(int, line.split())) for line in reference.split("\n")]
        assert sudoku.rows_text(full) == reference and valid(full, box_cols, box_rows)
        assert fits(full, rows) and sum(row.count(0) for row in rows) == blanks
        assert generator.grid_text(rows, n) == sudoku.rows_text(rows)


def test_prompt_written_in_one_string_matches_the_python_text(monkeypatch):
    from rlve_fast.envs.puzzles import sudoku

    env = rlve_fast.make("Sudoku")
    problems = [env.generate(seed, difficulty=level) for seed in range(6) for level in (0, 5, 12)]
    monkeypatch.setattr(sudoku, "_generator", None)
    for problem in problems:
        assert env.prompt(problem.parameter) == problem.prompt
    generator = pytest.importorskip("rlve_fast.envs.puzzles._sudoku_generator")
    assert generator.framed_grid_text([[1, 2], [2, 1]], 2, "×", "", 2) is None
    assert generator.framed_grid_text([[1, 2], [2, 1]], 2, "a\n", "\nb\n", 3) == "a\n1 2\n2 1\nb\n1 2 3\n1 2 3\n1 2 3"


def test_prompt_states_the_layout_and_shows_an_example_only_for_small_grids():
    from rlve_fast.envs.puzzles import sudoku

    env = rlve_fast.make("Sudoku")
    small = env.generate(0, difficulty=0)
    n = small.parameter["N"] * small.parameter["M"]
    assert n <= sudoku.EXAMPLE_UP_TO
    assert small.prompt.endswith("\n".join([" ".join(map(str, range(1, n + 1)))] * n))
    big = next(p for p in (env.generate(seed, difficulty=20) for seed in range(10))
               if p.parameter["N"] * p.parameter["M"] > sudoku.EXAMPLE_UP_TO)
    side = big.parameter["N"] * big.parameter["M"]
    assert big.prompt.endswith(f"{side} lines, top row first, each with {side} integers separated by spaces.")
    assert "layout only" not in big.prompt
