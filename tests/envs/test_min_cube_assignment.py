"""MinCubeAssignment: the minimum-cut solvers (compiled and numpy) against trying every
assignment, the scorer on hand-computed cases and arbitrary answers on both paths."""
from __future__ import annotations

import math
import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.grids.min_cube_assignment import least_cost
from scoring_paths import reward_on_both_paths


def brute_force(costs, d):
    p, q, r = len(costs), len(costs[0]), len(costs[0][0])
    best = None
    for values in product(range(r), repeat=p * q):
        grid = [values[i * q:(i + 1) * q] for i in range(p)]
        if any(abs(grid[i][j] - grid[i][j + 1]) > d for i in range(p) for j in range(q - 1)):
            continue
        if any(abs(grid[i][j] - grid[i + 1][j]) > d for i in range(p - 1) for j in range(q)):
            continue
        total = sum(costs[i][j][grid[i][j]] for i in range(p) for j in range(q))
        best = total if best is None else min(best, total)
    return best


def test_solvers_against_every_assignment():
    compiled = pytest.importorskip("rlve_fast.envs.grids._min_cube_assignment_solver")
    rng = random.Random(6)
    for _ in range(120):
        p, q, r = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 4)
        if r ** (p * q) > 5000:
            continue
        d = rng.randint(0, r - 1)
        costs = [[[rng.randint(1, 9) for _ in range(r)] for _ in range(q)] for _ in range(p)]
        best = brute_force(costs, d)
        assert least_cost(costs, d) == best
        assert compiled.least_cost(costs, d, math.inf) == (1, best)


def test_compiled_cut_against_the_numpy_network_on_larger_grids():
    # the compiled solver has its own Dinic (pushing through whole subtrees, after a greedy
    # flow of each cell's cheapest cost) and a shortcut for D >= R - 1: against the network
    # built by numpy and cut by the shared flow code
    compiled = pytest.importorskip("rlve_fast.envs.grids._min_cube_assignment_solver")
    rng = random.Random(61)
    for _ in range(60):
        p, q, r = rng.randint(1, 12), rng.randint(1, 12), rng.randint(1, 14)
        d = rng.choice([0, 1, rng.randint(0, r), r - 1, r])
        high = rng.choice([1, 3, p * q, 1000])
        costs = [[[rng.randint(1, high) for _ in range(r)] for _ in range(q)] for _ in range(p)]
        assert compiled.least_cost(costs, min(d, r), math.inf) == (1, least_cost(costs, d))


@pytest.mark.parametrize("method", [0, 1])
def test_both_max_flows_against_the_numpy_network(method):
    # method 0: Dinic, 1: push-relabel (the solver picks by R against D); both on every
    # kind of instance, D = 0 included (a column sum, without the network)
    compiled = pytest.importorskip("rlve_fast.envs.grids._min_cube_assignment_solver")
    rng = random.Random(100 + method)
    for _ in range(80):
        p, q, r = rng.randint(1, 10), rng.randint(1, 10), rng.randint(1, 16)
        d = rng.choice([0, 1, 1, 2, rng.randint(0, r), r - 1])
        high = rng.choice([1, 2, p * q, 1000])
        costs = [[[rng.randint(1, high) for _ in range(r)] for _ in range(q)] for _ in range(p)]
        want = least_cost(costs, d)
        assert compiled.least_cost(costs, min(d, r), math.inf, method) == (1, want)
        assert compiled.least_cost(costs, min(d, r), math.inf) == (1, want)


def test_all_equal_when_d_is_zero():
    compiled = pytest.importorskip("rlve_fast.envs.grids._min_cube_assignment_solver")
    costs = [[[5, 1, 7], [1, 9, 9]], [[6, 2, 8], [1, 9, 9]]]  # column sums 13, 21, 33
    assert compiled.least_cost(costs, 0, math.inf) == (1, 13) and least_cost(costs, 0) == 13


@pytest.mark.parametrize("method", [0, 1])
def test_max_flows_stop_at_the_deadline(method):
    compiled = pytest.importorskip("rlve_fast.envs.grids._min_cube_assignment_solver")
    rng = random.Random(9)
    costs = [[[rng.randint(1, 900) for _ in range(30)] for _ in range(30)] for _ in range(30)]
    assert compiled.least_cost(costs, 1, 0.0, method) == (-1, None)


COSTS = [[[1, 5, 9], [9, 5, 1]],
         [[4, 1, 4], [4, 4, 4]]]
# With neighbours at most 1 apart the best costs 11 (e.g. 0 1 / 1 1: 1 + 5 + 1 + 4); the
# cell-wise cheapest 0 2 / 1 x would put 0 beside 2.
GOOD = {"seed": 0, "parameter": {"P": 2, "Q": 2, "R": 3, "D": 1, "costs": COSTS, "gold_answer": 11}}


def both_paths(answer, config):
    return reward_on_both_paths('MinCubeAssignment', config, answer)


def test_the_example_optimum():
    assert brute_force(COSTS, 1) == least_cost(COSTS, 1) == 11


@pytest.mark.parametrize("answer, reward", [
    ("0 1\n1 1", 1.0),                       # 1 + 5 + 1 + 4
    ("1 1\n1 1", (11 / 15) ** 5),            # 5 + 5 + 1 + 4
    ("0 0\n0 0", (11 / 18) ** 5),            # 1 + 9 + 4 + 4
    ("0 2\n1 1", -0.5),                      # 0 and 2 side by side
    ("0 1\n2 1", -0.5),                      # 0 above 2
    ("0 3\n1 1", -0.5),                      # 3 is out of range
    ("0 -1\n1 1", -0.5),
    ("0 1\n1", -0.5),                        # a short row
    ("0 1", -0.5),                           # one row
    ("", -0.5),                              # no rows at all
    ("0 x\n1 1", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer, GOOD) == reward


def test_beating_the_stored_optimum_means_a_wrong_config():
    wrong = {"seed": 0, "parameter": dict(GOOD["parameter"], gold_answer=12)}
    assert both_paths("0 1\n1 1", wrong) == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(-1, 3), max_size=3), max_size=3))
def test_paths_agree_on_arbitrary_answers(rows):
    reward = both_paths("\n".join(" ".join(map(str, row)) for row in rows), GOOD)
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0


def python_cost_lines(costs, p, q):
    return "\n".join(["(%d, %d): %s" % (i, j, " ".join(map(str, cell)))
                      for i, row in enumerate(costs[:p]) for j, cell in enumerate(row[:q])])


def test_compiled_cost_lines_match_the_python_text():
    compiled = pytest.importorskip("rlve_fast.envs.grids._min_cube_assignment_solver")
    rng = random.Random(4)
    for _ in range(100):
        p, q, r = rng.randint(1, 12), rng.randint(1, 12), rng.randint(0, 5)
        costs = [[[rng.choice([1, 7, 10 ** 12, -3, 2 ** 63 - 1, -2 ** 63, rng.randint(0, 999)]) for _ in range(r)]
                  for _ in range(q)] for _ in range(p)]
        for shown_p, shown_q in ((p, q), (p + 2, q - 1), (0, q)):
            assert compiled.cost_lines(costs, shown_p, shown_q) == python_cost_lines(costs, shown_p, shown_q)
    # not plain int64 lists: the caller formats them in Python
    assert compiled.cost_lines([[[2 ** 63]]], 1, 1) is None
    assert compiled.cost_lines([[[True]]], 1, 1) is None
    assert compiled.cost_lines([[(1, 2)]], 1, 1) is None


def test_prompt_lists_every_cell():
    env = rlve_fast.make("MinCubeAssignment")
    problem = env.generate(3, difficulty=6)
    parameter = problem.parameter
    assert python_cost_lines(parameter["costs"], parameter["P"], parameter["Q"]) in problem.prompt
