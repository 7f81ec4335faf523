"""CountdownClose: the compiled reference search against its Python twin (bit for bit) and
against an exhaustive evaluation, Python's round(x, 5) reproduced exactly, the scorer's rules."""
from __future__ import annotations

import math
import random
import struct
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.optimization.countdown_close import closest_value_py

search = pytest.importorskip("rlve_fast.envs.optimization._countdown_close_search")


def all_values(numbers):
    """Every exact value of an expression using each number once (+ - * /, any brackets)."""
    if len(numbers) == 1:
        return {Fraction(numbers[0])}
    out = set()
    n = len(numbers)
    for mask in range(1, (1 << n) - 1):
        left = [numbers[i] for i in range(n) if mask >> i & 1]
        right = [numbers[i] for i in range(n) if not mask >> i & 1]
        for a in all_values(tuple(left)):
            for b in all_values(tuple(right)):
                out.update((a + b, a - b, a * b))
                if b:
                    out.add(a / b)
    return out


def bits(x):
    return struct.pack("<d", x)


def test_search_agrees_with_its_twin_bit_for_bit():
    rng = random.Random(12)
    for trial in range(120):
        count = 5 if trial == 0 else rng.randint(2, 4)
        top = rng.choice((8, 16, 48))
        numbers = [rng.randint(1, top) for _ in range(count)]
        target = rng.randint(0, 10 * top)
        assert bits(search.closest_value(numbers, target, math.inf)) == bits(closest_value_py(numbers, target))


def test_search_finds_the_closest_value():
    rng = random.Random(13)
    for _ in range(50):
        numbers = tuple(rng.randint(1, 16) for _ in range(rng.randint(2, 4)))
        target = rng.randint(0, 160)
        best = min(abs(v - target) for v in all_values(numbers))
        found = search.closest_value(list(numbers), target, math.inf)
        assert abs(abs(found - target) - float(best)) < 1e-9


def test_hand_computed_references():
    assert search.closest_value([27, 3, 17], 197, math.inf) == 153.0   # 27 * 17 / 3
    assert search.closest_value([4, 4], 1, math.inf) == 1.0            # 4 / 4
    assert search.closest_value([2, 3], 100, math.inf) == 6.0


def test_round_matches_python():
    rng = random.Random(14)
    samples = [0.015625, -0.015625, 2.5e-5, -3.5e-5, 1e-6, -4e-6, 0.0, -0.0, 2.0 ** 40 + 0.5, 1e300,
               math.inf, -math.inf]
    samples += [rng.uniform(-1, 1) * 2.0 ** rng.randint(-30, 40) for _ in range(20000)]
    samples += [rng.randint(-10 ** 9, 10 ** 9) / 2 ** rng.randint(0, 20) for _ in range(20000)]
    for x in samples:
        assert bits(search.python_round_key(x)) == bits(round(x, 5)), x


def test_no_reference_beyond_six_numbers():
    env = rlve_fast.make("CountdownClose")
    problem = env.generate(0, difficulty=4)
    assert len(problem.parameter["operands"]) == 7
    assert "reference_result" not in problem.parameter and problem.passing_reward_threshold == 1.0


def test_generated_threshold_is_the_reference_reward():
    env = rlve_fast.make("CountdownClose")
    problem = env.generate(3, difficulty=0)
    p = problem.parameter
    assert problem.passing_reward_threshold == 1.0 / (1 + abs(p["reference_result"] - p["target"]))


CONFIG = {"seed": 0, "parameter": {"num_operands": 3, "max_operand": 32, "max_target": 320, "target": 197,
                                   "operands": [27, 3, 17], "reference_result": 153.0},
          "passing_reward_threshold": 1 / 45}


def verify(answer, config=CONFIG):
    return rlve_fast.verify("CountdownClose", config, "<answer>%s</answer>" % answer)


@pytest.mark.parametrize("answer, reward", [
    ("27*17/3", 1 / 45), ("27//3*17", 1 / 45), (" (27 * 17) / 3\n", 1 / 45), ("27+3+17", 1 / 151),
    ("(27+3)*17", 1 / 314), ("3**17*27", 1 / (1 + 3 ** 17 * 27 - 197)),
    ("27+3", -0.5), ("27+3+17+1", -0.5), ("27.0+3+17", -0.5), ("(17-27)**0.5+3", -0.5),
    ("27 3 17", -1.0), ("27+3+17=", -1.0), ("27+3+17=47", -0.5), ("٢٧+3+17", -1.0), ("(27)(3)+17", -1.0), ("27+3+17+...", -1.0),
    ("27**3**17", -1.0),  # 27^(3^17) cannot be computed: an evaluation error here
])
def test_rewards(answer, reward):
    assert verify(answer)["reward"] == reward


def test_accuracy_uses_the_configs_threshold():
    assert verify("27*17/3")["accuracy"] == 1
    assert verify("27+3+17")["accuracy"] == 0
    assert verify("4/(2-2)", {"seed": 0, "parameter": {"operands": [4, 2, 2], "target": 3}})["reward"] == -1.0


@st.composite
def expressions(draw):
    numbers = draw(st.permutations([27, 3, 17]))
    text = str(numbers[0])
    for n in numbers[1:]:
        op = draw(st.sampled_from("+-*/"))
        text = draw(st.sampled_from(["(%s%s%d)", "%s%s%d"])) % (text, op, n)
    return text


@settings(max_examples=100, deadline=None)
@given(expressions())
def test_reward_is_the_closeness_of_the_value(text):
    value = eval(text)  # the test's own oracle: only the three numbers and + - * /
    assert verify(text)["reward"] == 1.0 / (1 + abs(value - 197))
