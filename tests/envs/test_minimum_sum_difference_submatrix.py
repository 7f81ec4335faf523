"""MinimumSumDifferenceSubmatrix: the search against enumeration of every submatrix, and the
scorer's rules on both paths."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences.minimum_sum_difference_submatrix import least_cost, least_cost_py


def cost(a, rows, cols):
    return (sum(abs(a[q][j] - a[p][j]) for p, q in zip(rows, rows[1:]) for j in cols)
            + sum(abs(a[i][k] - a[i][j]) for i in rows for j, k in zip(cols, cols[1:])))


def every_submatrix(a, r, c):
    return min((cost(a, rows, cols), rows, cols) for rows in combinations(range(len(a)), r)
               for cols in combinations(range(len(a[0])), c))


def test_search_against_enumeration():
    rng = random.Random(9)
    for _ in range(250):
        n, m = rng.randint(1, 6), rng.randint(1, 7)
        a = [[rng.randint(1, n * m) for _ in range(m)] for _ in range(n)]
        r, c = rng.randint(1, n), rng.randint(1, m)
        best = every_submatrix(a, r, c)[0]
        assert least_cost(a, r, c) == best == least_cost_py(a, r, c), (a, r, c)


def test_hand_computed():
    a = [[1, 5, 2],
         [4, 4, 9],
         [1, 6, 2]]
    # rows 0, 2 and columns 0, 2: |1-1| + |2-2| down, |2-1| + |2-1| across
    assert cost(a, (0, 2), (0, 2)) == 2 and cost(a, (0, 1), (0, 1)) == 8 and cost(a, (0, 2), (1, 2)) == 8
    assert least_cost(a, 2, 2) == 2


A = [[16, 13, 10, 16], [12, 7, 5, 10], [5, 4, 9, 5], [10, 4, 3, 11]]
CONFIG = {"seed": 0, "parameter": {"MAX_N_M": 4, "N": 4, "M": 4, "R": 2, "C": 3, "matrix": A, "gold_answer": 21}}


def reward(answer, config=CONFIG):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("MinimumSumDifferenceSubmatrix", config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1], answer
    return out[0]


def test_stored_optimum_is_right():
    gold, rows, cols = every_submatrix(A, 2, 3)
    assert gold == 21 == least_cost(A, 2, 3)
    assert reward("%s\n%s" % (" ".join(map(str, rows)), " ".join(map(str, cols)))) == 1.0


@pytest.mark.parametrize("answer, expected", [
    ("0 1\n0 1 2", (21 / cost(A, (0, 1), (0, 1, 2))) ** 5),
    ("0 1\n\n0 1 2\n", (21 / cost(A, (0, 1), (0, 1, 2))) ** 5),   # blank lines are skipped
    ("0 1 0 1 2", -1.0),               # one line
    ("0 1\n0 1 2\n3", -1.0),           # three lines
    ("0 1 2\n0 1 2", -1.0),            # three rows
    ("1 0\n0 1 2", -0.5),              # not increasing
    ("0 4\n0 1 2", -0.5),              # out of range
    ("0 1\n0 1 -1", -0.5),
    ("0 1\n0 1 x", -1.0),
])
def test_rewards(answer, expected):
    assert reward(answer) == expected


def test_zero_cost_and_wrong_optimum():
    flat = {"seed": 0, "parameter": {"N": 3, "M": 3, "R": 2, "C": 2, "matrix": [[5] * 3] * 3, "gold_answer": 0}}
    assert reward("0 1\n1 2", flat) == 1.0
    wrong = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=30)}
    assert reward("0 1\n0 1 2", wrong) == -1.0     # a cost below the stored optimum: upstream asserts


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 5), max_size=4), max_size=3))
def test_paths_agree_on_arbitrary_rows(lines):
    got = reward("\n".join(" ".join(map(str, line)) for line in lines))
    assert got in (-1.0, -0.5) or 0.0 < got <= 1.0
