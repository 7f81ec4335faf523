"""MaxMultSplit: the optimum against enumeration of all cuttings, the log-space search
against the exact programme, and the scorer on both paths."""
from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.strings.max_mult_split import best_product, best_product_py


def all_cuttings(text, parts):
    best = 0
    for cuts in itertools.combinations(range(1, len(text)), parts - 1):
        bounds = (0,) + cuts + (len(text),)
        best = max(best, math.prod(int(text[a:b]) for a, b in zip(bounds, bounds[1:])))
    return best


def test_optimum_against_enumeration():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 11)
        text = "".join(rng.choice("123456789") for _ in range(n))
        parts = rng.randint(1, n)
        assert best_product(text, parts) == all_cuttings(text, parts) == best_product_py(text, parts)


def test_log_search_on_long_strings_and_near_ties():
    rng = random.Random(8)
    for _ in range(40):
        n = rng.randint(20, 60)
        text = "".join(rng.choice(rng.choice(["123456789", "19", "11", "99"])) for _ in range(n))
        parts = rng.randint(1, n)
        assert best_product(text, parts) == best_product_py(text, parts), (text, parts)


def test_hand_computed():
    assert best_product("771", 3) == 49          # 7 * 7 * 1
    assert best_product("1226", 4) == 24
    assert best_product("312", 2) == 62          # 31 * 2 beats 3 * 12
    assert best_product("1111", 2) == 121        # 11 * 11 beats 1 * 111


CONFIG = {"seed": 0, "parameter": {"N": 4, "K": 1, "string": "1231", "gold_answer": 123}}  # 123 * 1; 12 * 31 = 372


def reward(answer, config):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("MaxMultSplit", config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1], answer
    return out[0]


GOOD = {"seed": 0, "parameter": {"N": 4, "K": 1, "string": "1231", "gold_answer": 372}}


@pytest.mark.parametrize("answer, expected", [
    ("12 31", 1.0),
    ("123 1", (123 / 372) ** 3),
    ("1 231", (231 / 372) ** 3),
    ("12\n31", 1.0),
    ("012 31", 1.0),          # int("012") is 12, and str(12) matches the string
    ("+12 31", 1.0),
    ("12 3 1", -0.5),         # three pieces
    ("1231", -0.5),
    ("21 31", -0.5),          # not the string
    ("-12 31", -0.5),
    ("12 31x", -1.0),
])
def test_rewards(answer, expected):
    assert reward(answer, GOOD) == expected


def test_product_above_the_stored_optimum_is_minus_one():
    assert reward("12 31", CONFIG) == -1.0   # the stored optimum 123 is wrong


def test_long_strings_use_the_python_scorer():
    text = "9" * 25
    config = {"seed": 0, "parameter": {"N": 25, "K": 1, "string": text, "gold_answer": best_product(text, 2)}}
    assert reward("9" * 12 + " " + "9" * 13, config) == 1.0
    assert reward("9 " + "9" * 24, config) == (9 * int("9" * 24) / best_product(text, 2)) ** 3


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-200, 5000), min_size=0, max_size=4))
def test_paths_agree(values):
    config = {"seed": 0, "parameter": {"N": 6, "K": 2, "string": "123412", "gold_answer": best_product("123412", 3)}}
    got = reward(" ".join(map(str, values)), config)
    if len(values) == 3 and "".join(map(str, values)) == "123412":
        assert got == (math.prod(values) / config["parameter"]["gold_answer"]) ** 3
    else:
        assert got == -0.5
