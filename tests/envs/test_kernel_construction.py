"""Compiled scorers that check a config while reading it into C arrays (one pass, in the
kernel factories) accept exactly the configs the former Python-level checks accepted, and
every reward equals the Python path's, on generated configs and on malformed variants of
them (rows of the wrong length, values out of range, numbers beyond int64, tuples)."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.batch import verify_batch
from rlve_fast.environment import compiled_kernel
from rlve_fast.envs.trees._tree import rooted_at_zero

SIZES = ("N", "M", "K", "R", "C")
BIG = (1 << 40, (1 << 53) + 1, 1 << 62, 1 << 63, 1 << 70)


def _fits(v):
    """An int64 (the constructors' copies raised OverflowError beyond it)."""
    return -(1 << 63) <= v < 1 << 63


def _square(matrix, n):
    return len(matrix) == n and all(len(row) == n for row in matrix)


def _grid(rows, n, m):
    return len(rows) == n and all(len(row) == m for row in rows)


def _walks_usual(p, gold_key="gold_answer"):
    n, edges = p["N"], p["edges"]
    return (1 <= n <= 4096 and all(len(e) == 3 and 0 <= e[0] < n and 0 <= e[1] < n for e in edges)
            and all(abs(e[2]) <= 1 << 40 for e in edges) and _fits(p[gold_key]))


def _coloring_usual(p):
    n, edges = p["N"], p["edges"]
    return (0 <= n <= 4096 and all(len(e) == 2 and 0 <= e[0] < n and 0 <= e[1] < n for e in edges)
            and _fits(p["gold_answer"]))


def _ancestor_usual(p):
    n, parents, costs = p["N"], p["parents"], p["C"]
    try:
        rooted_at_zero(n, parents)
        return (len(costs) == n + 1 and all(0 <= c <= 1 << 20 for c in costs)
                and all(len(parents[v]) == 2 and 0 <= parents[v][1] <= 1 << 20 for v in range(1, n + 1))
                and _fits(p["gold_answer"]))
    except (ValueError, TypeError, IndexError):
        return False


# env id -> the configs that get a compiled scorer (the former checks in ``kernel``, plus
# the numbers the constructors could not hold: those made ``compiled_kernel`` return None)
USUAL = {
    "MatrixPermutation_BothDiagonalOne": lambda p: (
        1 <= p["N"] <= 4096 and _square(p["A"], p["N"]) and all(v in (0, 1) for row in p["A"] for v in row)),
    "FutoshikiPuzzle": lambda p: (
        1 <= p["N"] <= 256 and _square(p["matrix"], p["N"])
        and all(_fits(v) for row in p["matrix"] for v in row)
        and all(len(q) == 4 and all(0 <= x < p["N"] for x in q) for q in p["inequalities"])),
    "LongestPath": _walks_usual,
    "HamiltonianPath": lambda p: _walks_usual(p, "reference_answer_weight"),
    "MaximumAchromaticNumber": _coloring_usual,
    "MinimumHarmoniousChromaticNumber": _coloring_usual,
    "MinimumChromaticNumber": _coloring_usual,
    "MinimumTreeWeightedDominatingAncestor": _ancestor_usual,
    "Vertex_KCenter": lambda p: (
        1 <= p["K"] <= p["N"] <= 4096 and _square(p["Floyd"], p["N"])
        and all(abs(x) <= 1 << 53 for row in p["Floyd"] for x in row) and _fits(p["gold_answer"])),
    "CirculatingGrid": lambda p: (
        1 <= p["R"] and 1 <= p["C"] and p["R"] * p["C"] <= 1 << 22 and _grid(p["grid"], p["R"], p["C"])
        and all(c in ("L", "R", "U", "D") for line in p["grid"] for c in line) and _fits(p["gold_answer"])),
    "FractionalProgramming_BipartiteGraphMatching": lambda p: (
        1 <= p["N"] <= 4096 and _square(p["A"], p["N"]) and _square(p["B"], p["N"])
        and abs(p["gold_SumA"]) < 1 << 53 and abs(p["gold_SumB"]) < 1 << 53
        and all(abs(v) < 1 << 31 for row in list(p["A"]) + list(p["B"]) for v in row)),
    "Binario": lambda p: (
        1 <= p["N"] and 1 <= p["M"] and p["N"] * p["M"] <= 1 << 22 and _grid(p["matrix"], p["N"], p["M"])
        and not any(row.strip("01*") for row in p["matrix"])
        and len(p["row_counts"]) == p["N"] and len(p["col_counts"]) == p["M"]
        and all(_fits(v) for v in list(p["row_counts"]) + list(p["col_counts"]))),
    "ImpParty": lambda p: (
        1 <= p["N"] <= 1000 and all(len(e) == 2 and 0 <= e[0] < 3 * p["N"] and 0 <= e[1] < 3 * p["N"]
                                    for e in p["edges"])),
    "Sudoku": lambda p: (
        1 <= p["N"] and 1 <= p["M"] and p["N"] * p["M"] <= 4096 and _square(p["sudoku"], p["N"] * p["M"])
        and all(_fits(v) for row in p["sudoku"] for v in row)),
    "Minimum_DominatingSet_Grid": lambda p: (
        1 <= p["N"] and 1 <= p["M"] and p["N"] * p["M"] <= 1 << 22 and _grid(p["F"], p["N"], p["M"])
        and sum(abs(v) for row in p["F"] for v in row) < 1 << 53 and _fits(p["gold_answer"])),
    "MaximumIndependentSetGrid": lambda p: (
        1 <= p["N"] and 1 <= p["M"] and p["N"] * p["M"] <= 1 << 22 and _grid(p["matrix"], p["N"], p["M"])
        and sum(abs(v) for row in p["matrix"] for v in row) < 1 << 53 and _fits(p["gold_answer"])),
    "SkyscraperPuzzle": lambda p: _skyscraper_usual(p),
    "SkyscraperSumPuzzle": lambda p: _skyscraper_usual(p),
    "Minimum_CrossingEdges_GraphPartition": lambda p: (
        0 <= p["N"] <= 1 << 20 and 0 <= p["K"] <= 1 << 20 and _fits(p["gold_answer"])
        and all(len(e) == 2 and 0 <= e[0] < p["N"] and 0 <= e[1] < p["N"] for e in p["edges"])),
    "Minimum_DominatingSet": lambda p: (
        1 <= p["N"] <= 4096 and len(p["covering"]) == p["N"] and len(p["C"]) == p["N"]
        and all(m >= 0 and not m >> p["N"] for m in p["covering"]) and all(abs(c) <= 1 << 40 for c in p["C"])
        and _fits(p["gold_answer"])),
    "MinimumSpanningTree": lambda p: (
        2 <= p["N"] <= 4096 and all(len(e) == 3 for e in p["edges"]) and _fits(p["gold_answer"])
        and all(abs(w) <= 1 << 53 for u, v, w in p["edges"] if 0 <= u < p["N"] and 0 <= v < p["N"])),
}


def _skyscraper_usual(p):
    lists = [p[key] for key in ("left", "right", "top", "bottom")]
    return 1 <= p["N"] <= 4096 and all(len(v) == p["N"] and all(_fits(x) for x in v) for v in lists)


def _variants(parameter):
    """Malformed copies of ``parameter``: each integer (or list) field changed in turn."""
    for key, value in parameter.items():
        if key == "reference_answer":
            continue
        if type(value) is int:
            # sizes stay small: the Python scorer may build tables of that size
            for new in (value - 1, value + 1, 0, -1) + ((1 << 13,) if key in SIZES else BIG):
                yield key, {**parameter, key: new}
        elif isinstance(value, list) and value:
            yield key, {**parameter, key: tuple(value)}
            yield key, {**parameter, key: value[:-1]}
            yield key, {**parameter, key: value + value[-1:]}
            first = value[0]
            if isinstance(first, list) and first:
                for where in (0, -1):
                    rows = copy.deepcopy(value)
                    yield key, {**parameter, key: rows[:where] + [rows[where][:-1]] + rows[where:][1:]}
                    rows = copy.deepcopy(value)
                    rows[where] = rows[where] + rows[where][-1:]
                    yield key, {**parameter, key: rows}
                    if type(first[0]) is int:
                        for new in (-1, 0, 1, 2, 3, len(value), len(value) + 1) + BIG + tuple(-b for b in BIG):
                            rows = copy.deepcopy(value)
                            rows[where][where] = new
                            yield key, {**parameter, key: rows}
            elif type(first) is int:
                for new in (-1, 0, 1, 2, len(value)) + BIG + tuple(-b for b in BIG):
                    for where in (0, -1):
                        items = list(value)
                        items[where] = new
                        yield key, {**parameter, key: items}
            elif type(first) is str and first:
                for where in (0, -1):
                    for new in (value[where][:-1], value[where] + value[where][-1], "x" + value[where][1:]):
                        items = list(value)
                        items[where] = new
                        yield key, {**parameter, key: items}


def _parent_variants(parameter):
    """Malformed parent links: other shapes, parents out of range or counted from the end
    (Python indexing), cycles, large weights, bools."""
    parents, n = parameter["parents"], parameter["N"]
    for v in (1, n):
        p, w = parents[v]
        for entry in ([p, w, 0], [p], (p, w), [-1, w], [-n - 1, w], [-n - 2, w], [n + 1, w], [v, w], [True, w],
                      [p, True], [p, -1], [p, 1 << 20], [p, (1 << 20) + 1], [p, 1 << 70], None, "ab"):
            links = list(parents)
            links[v] = entry
            yield "parents", {**parameter, "parents": links}
    if n >= 2:
        links = list(parents)
        links[1], links[2] = [2, 1], [1, 1]  # a cycle away from 0
        yield "parents", {**parameter, "parents": links}


def _responses(parameter):
    reference = str(parameter.get("reference_answer", "1"))
    return ["<answer>%s</answer>" % text for text in
            (reference, reference.replace("1", "2", 1), reference.split("\n")[0], "0", "", "1 2\n3 4")]


def check_kernels_and_rewards(env_id, usual, more_variants):
    """Generated configs and their malformed variants (``_variants`` plus ``more_variants(p)``)
    get a kernel exactly when ``usual`` says the old checks gave one, and ``verify_batch``
    scores them as the Python path does, byte for byte."""
    env = rlve_fast.make(env_id)
    for level in (0, 2):
        problem = env.generate(level + 7, difficulty=level)
        assert compiled_kernel(env, problem.parameter) is not None
        cases = [("", problem.parameter)] + list(_variants(problem.parameter)) + list(more_variants(problem.parameter))
        configs, responses = [], []
        for key, parameter in cases:
            with_kernel = compiled_kernel(env, parameter) is not None
            try:
                expected = usual(parameter)
            except (TypeError, IndexError, ValueError):
                expected = False
            assert with_kernel == expected, (key, parameter)
            for response in _responses(problem.parameter):
                configs.append({"seed": 0, "parameter": parameter})
                responses.append(response)
        fast = verify_batch(env_id, configs, responses)
        with _impl.implementation("python"):
            slow = verify_batch(env_id, configs, responses)
        assert fast.status == slow.status
        assert fast.reward.tolist() == pytest.approx(slow.reward.tolist(), abs=0, nan_ok=True)
        assert fast.reward.tobytes() == slow.reward.tobytes()


@pytest.mark.parametrize("env_id", sorted(USUAL))
def test_kernel_or_none_and_rewards_on_malformed_configs(env_id):
    check_kernels_and_rewards(
        env_id, USUAL[env_id],
        lambda parameter: _parent_variants(parameter) if "parents" in parameter else ())


# Sudoku's kernel reads answers of digits, spaces, tabs and line breaks in one pass of its
# own and hands every other answer to the general parser: both must give upstream's rows.
_ANSWER_PIECES = st.sampled_from(["0", "1", "7", "12", "007", "9" * 18, "9" * 19, "1" * 25, " ", "  ", "\t",
                                  "\n", "\r\n", "\r", "\n\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0",
                                  "\u2028", "\u3000", "+", "-", "_", "x", ",", "\u0663", "\uff11", "é"])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_ANSWER_PIECES, max_size=30).map("".join))
def test_sudoku_kernel_reads_answers_as_the_python_parser(text):
    env = rlve_fast.make("Sudoku")
    kernel = compiled_kernel(env, {"N": 2, "M": 2, "sudoku": [[0] * 4 for _ in range(4)]})
    with _impl.implementation("python"):
        rows = env.parse(text)
    read = kernel.parsed(text)
    if rows is not None and any(not -(1 << 62) <= v < 1 << 62 for row in rows for v in row):
        assert read == "out of range"
    elif read != "out of range":  # "out of range": the row goes to the Python scorer
        assert read == rows


def test_sudoku_kernel_scores_long_answers_as_the_python_path():
    env = rlve_fast.make("Sudoku")
    problem = env.generate(3, difficulty=6)
    reference = problem.parameter["reference_answer"]
    answers = [reference, reference.replace("\n", "\r\n"), reference.replace(" ", "\t"),
               "\n\n" + reference + "\n", reference.replace("\n", " \n ", 3), reference.replace("1", "01"),
               reference.replace(" 2 ", " 02 ", 1), reference.replace(" 3", " +3"), reference[:-2],
               reference + " 1", reference.replace("\n", " ", 1), reference.replace("4", "x", 1)]
    rows = reference.split("\n")
    answers.append("\n".join([rows[1], rows[0]] + rows[2:]))  # two rows swapped: repeats in columns
    answers.append("\n".join(rows[:-1] + [rows[-1].replace("1", str(problem.parameter["NM"] + 1), 1)]))
    responses = ["<answer>%s</answer>" % answer for answer in answers]
    configs = [problem.config] * len(responses)
    fast = verify_batch("Sudoku", configs, responses)
    with _impl.implementation("python"):
        slow = verify_batch("Sudoku", configs, responses)
    assert fast.reward.tobytes() == slow.reward.tobytes()
    assert len(set(fast.reward.tolist())) >= 3


# MinCubeAssignment, MinimumSteinerTree, MinimumSumDifferenceSubmatrix, the spanning-tree
# scorers, LandAcquisition, PipelineArrangement, PowerShortcut, KnightsAndKnaves and
# Minimum_DominatingInterval: their factories check and read the config in one pass too
def _weight_table_usual(p):
    n = p["N"]
    return (2 <= n <= 1024 and all(len(e) == 3 for e in p["edges"]) and _fits(p["gold_answer"])
            and all(abs(w) <= 1 << 53 for s, t, w in p["edges"] if 0 <= s < n and 0 <= t < n))


def _prefix_usual(p, first, second):
    n = p["N"]
    return 1 <= n <= 1 << 20 and len(p[first]) >= n and len(p[second]) >= n and _fits(p["gold_answer"])


USUAL_MORE = {
    "MinCubeAssignment": lambda p: (
        1 <= p["P"] and 1 <= p["Q"] and 1 <= p["R"] and p["P"] * p["Q"] * p["R"] <= 1 << 24
        and len(p["costs"]) == p["P"] and all(_grid(row, p["Q"], p["R"]) for row in p["costs"])
        and sum(abs(v) for row in p["costs"] for cell in row for v in cell) < 1 << 53
        and _fits(p["D"]) and _fits(p["gold_answer"])),
    "MinimumSteinerTree": lambda p: (
        1 <= p["N"] <= 4096 and _fits(p["gold_answer"])
        and all(len(e) == 3 and 0 <= e[0] < p["N"] and 0 <= e[1] < p["N"] and abs(e[2]) <= 1 << 40
                for e in p["edges"])
        and all(0 <= t < p["N"] for t in p["to_be_connected"])),
    "MinimumSumDifferenceSubmatrix": lambda p: (
        p["N"] * p["M"] != 0 and _grid(p["matrix"], p["N"], p["M"])
        and all(abs(v) < 1 << 40 for row in p["matrix"] for v in row)
        and all(-(1 << 63) <= p[key] < 1 << 63 for key in ("R", "C", "gold_answer"))),
    "MinimumDirectedSpanningTree": lambda p: (
        _weight_table_usual(p) and 0 <= p["root"] < p["N"]),
    "MinimumWeightedSpanningTree": _weight_table_usual,
    "LandAcquisition": lambda p: (
        _prefix_usual(p, "W", "L") and min(list(p["W"][:p["N"]]) + list(p["L"][:p["N"]])) >= 0
        and max(p["W"][:p["N"]]) * max(p["L"][:p["N"]]) * p["N"] < 1 << 53
        and all(_fits(v) for v in list(p["W"][:p["N"]]) + list(p["L"][:p["N"]]))),
    "PipelineArrangement": lambda p: (
        _prefix_usual(p, "A", "B") and sum(map(abs, p["A"][:p["N"]])) + sum(map(abs, p["B"][:p["N"]])) < 1 << 53),
    "PowerShortcut": lambda p: (
        1 <= p["N"] <= 4096 and _square(p["achievable"], p["N"]) and _fits(p["gold_answer"])),
    "KnightsAndKnaves": lambda p: (
        -(1 << 63) <= p["N"] < 1 << 63 and type(p["names"]) is list and p["names"] != []
        and type(p["gold_answer"]) is dict
        and all(type(name) is str and name.isascii() and name.isalpha() for name in p["names"])
        and all(type(p["gold_answer"].get(name)) is str for name in p["names"])),
    "Minimum_DominatingInterval": lambda p: (
        1 <= p["N"] <= 1 << 24 and p["M"] == len(p["intervals"]) and _fits(p["K"]) and _fits(p["gold_answer"])
        and all(len(t) == 3 and 1 <= t[0] <= t[1] <= p["N"] and 0 <= t[2] <= 1 << 40 for t in p["intervals"])),
}


@pytest.mark.parametrize("env_id", sorted(USUAL_MORE))
def test_more_kernels_or_none_and_rewards_on_malformed_configs(env_id, monkeypatch):
    monkeypatch.setitem(USUAL, env_id, USUAL_MORE[env_id])
    test_kernel_or_none_and_rewards_on_malformed_configs(env_id)
