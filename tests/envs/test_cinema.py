"""Cinema: the closed form against enumeration of every choice sequence, and upstream's
tuple-against-list comparison."""
from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences import cinema
from rlve_fast.envs.sequences.cinema import seating_probability
from rlve_fast.errors import GenerationError


def everyone_sits(choices, k):
    taken = [False] * (k + 2)
    for seat in choices:
        while seat <= k and taken[seat]:
            seat += 1
        if seat > k:
            return False
        taken[seat] = True
    return True


@pytest.mark.parametrize("k", range(1, 6))
def test_closed_form_against_enumeration(k):
    for n in range(1, k + 1):
        good = sum(everyone_sits(c, k) for c in itertools.product(range(1, k + 1), repeat=n))
        expected = Fraction(good, k ** n)
        a, b = seating_probability(n, k)
        assert (a, b) == (expected.numerator, expected.denominator)


def test_hand_computed():
    assert seating_probability(2, 2) == (3, 4)      # only (2, 2)-type clashes at seat 2 fail
    assert seating_probability(3, 4) == (25, 32)    # 5**2 * 2 / 4**3
    assert seating_probability(1, 7) == (1, 1)


def verify(config, answer):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("Cinema", config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1]
    return out[0]


STORED = {"seed": 0, "parameter": {"MAX_N_K": 4, "N": 3, "K": 4, "gold_answer": [25, 32], "reference_answer": "25 32"}}


@pytest.mark.parametrize("answer, reward", [
    ("25 32", 0.0),          # a tuple never equals the stored list: upstream scores 0 here too
    ("25\n32", 0.0), ("26 32", 0.0), ("25", -1.0), ("25 32 32", -1.0), ("25/32", -1.0), ("x y", -1.0), ("", -1.0),
])
def test_rewards_on_a_stored_config(answer, reward):
    assert verify(STORED, answer) == reward


def test_in_memory_tuple_compares_equal():
    config = {"seed": 0, "parameter": dict(STORED["parameter"], gold_answer=(25, 32))}
    assert verify(config, "25 32") == 1.0
    assert verify(config, " +25  32 ") == 1.0
    assert verify(config, "50 64") == 0.0


def test_generation_and_limits():
    env = rlve_fast.make("Cinema")
    problem = env.generate(3, difficulty=4)
    a, b = problem.parameter["gold_answer"]
    assert problem.parameter["reference_answer"] == "%d %d" % (a, b)
    assert env.solve(problem.parameter) == {"gold_answer": [a, b]}
    with pytest.raises(ValueError):  # a fraction beyond 4,300 digits cannot be written
        env.solve({"N": 3000, "K": 4000})
    assert len(str(env.solve({"N": 1000, "K": 1000})["gold_answer"][1])) <= 4300
    with pytest.raises(GenerationError):
        env.generate(0, parameter={"MAX_N_K": 1})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-10 ** 20, 10 ** 20), max_size=3), st.sampled_from([" ", "\n", "  \t"]))
def test_paths_agree_on_integer_lists(values, sep):
    config = {"seed": 0, "parameter": dict(STORED["parameter"], gold_answer=(25, 32))}
    got = verify(config, sep.join(map(str, values)))
    if len(values) != 2:
        assert got == -1.0
    else:
        assert got == float(tuple(values) == (25, 32))


# ---------------------------------------------------------------- the compiled reference answer
# (decimal and binary powers in C) against Python's own ints and int -> str

kernel = pytest.importorskip("rlve_fast.envs.sequences._cinema_kernel")


def python_answer(n, k):
    """The Python twin's answer, or ValueError's message class when it cannot be written."""
    a, b = seating_probability(n, k)
    if a >= cinema.TOO_LONG or b >= cinema.TOO_LONG:
        return ValueError
    return a, b, "%d %d" % (a, b)


def compiled_answer(n, k):
    try:
        return kernel.reference_answer(n, k)
    except ValueError:
        return ValueError


def digits_boundary_cases():
    """(n, k) whose A or B has 4,299 to 4,302 digits: the edge of what upstream can write."""
    cases = []
    for k in (2, 3, 10, 16, 99, 100, 1000, 1023, 1024, 1357, 3597, 4096, 5395, 9999):
        for n in range(1, k + 1):
            a, b = seating_probability(n, k)
            if max(a, b) >= 10 ** 4298:
                cases += [(m, k) for m in range(max(1, n - 2), min(k, n + 2) + 1)]
                break
    return cases


EDGE_CASES = ([(n, k) for k in range(1, 41) for n in range(1, k + 1)]
              + [(k, k) for k in range(100, 1300, 97)]
              + [(n, 2 ** j) for j in range(1, 13) for n in (1, 2, 3, 2 ** j - 5, 2 ** j - 1, 2 ** j) if 1 <= n <= 2 ** j]
              + [(1, 2 ** 32 - 2), (2, 2 ** 32 - 2), (3, 2 ** 31 + 11), (2, 10 ** 8 - 1), (2, 10 ** 8),
                 (3, 10 ** 8 + 1), (5, 99999989), (200, 720720), (12, 2 ** 31)])


@pytest.mark.parametrize("avx2", [True, False])
def test_compiled_answer_matches_python(avx2):
    rng = random.Random(7)
    cases = EDGE_CASES + digits_boundary_cases()
    for _ in range(600):
        k = rng.choice([rng.randint(1, 60), rng.randint(1, 1500), rng.randint(1, 6000)])
        cases.append((rng.randint(1, k), k))
    kernel.set_avx2(avx2)
    try:
        for n, k in cases:
            assert compiled_answer(n, k) == python_answer(n, k), (n, k)
    finally:
        kernel.set_avx2(True)


def test_compiled_answer_leaves_other_inputs_to_python():
    for n, k in [(0, 5), (6, 5), (2, 2 ** 32 - 1), (2, 2 ** 40), (2.0, 5), (True, 5), (2, 5.0)]:
        assert kernel.reference_answer(n, k) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3000), st.integers(0, 3000))
def test_compiled_answer_property(n, extra):
    assert compiled_answer(n, n + extra) == python_answer(n, n + extra)


def test_python_twin_when_not_compiled(monkeypatch):
    for n, k in [(3, 4), (474, 576), (946, 1356), (3000, 4000)]:
        expected = python_answer(n, k)
        monkeypatch.setattr(cinema, "_compiled_reference_answer", None)
        try:
            got = cinema.reference_answer(n, k)
        except ValueError:
            got = ValueError
        monkeypatch.undo()
        assert got == expected
        assert (compiled_answer(n, k) if cinema._compiled_reference_answer else expected) == expected


def test_generation_same_with_and_without_compiled(monkeypatch):
    env = rlve_fast.make("Cinema")
    compiled = [env.generate(seed, difficulty=level).parameter for seed in range(3) for level in (3, 12, 14)]
    monkeypatch.setattr(cinema, "_compiled_reference_answer", None)
    python = [env.generate(seed, difficulty=level).parameter for seed in range(3) for level in (3, 12, 14)]
    assert compiled == python
    assert all(list(p) == ["MAX_N_K", "N", "K", "gold_answer", "reference_answer"] for p in compiled)
