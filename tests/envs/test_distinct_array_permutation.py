"""DistinctArrayPermutation: the subset-sum search against all 2**N masks, the reference
construction, and the scorer on both paths."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences.distinct_array_permutation import has_clash, rotated_by_rank


def clash_by_masks(a, b):
    n = len(a)
    return any(sum(a[i] for i in range(n) if m >> i & 1) == sum(b[i] for i in range(n) if m >> i & 1)
               for m in range(1, (1 << n) - 1))


def test_search_against_masks():
    rng = random.Random(5)
    for _ in range(400):
        n = rng.randint(1, 9)
        a = [rng.randint(-6, 12) for _ in range(n)]
        b = a[:]
        rng.shuffle(b)
        assert has_clash(a, b) == clash_by_masks(a, b), (a, b)


def test_reference_construction_never_clashes():
    rng = random.Random(6)
    for _ in range(300):
        n = rng.randint(1, 10)
        a = rng.sample(range(2 * n + 3), n)
        b = rotated_by_rank(a)
        assert sorted(b) == sorted(a) and not clash_by_masks(a, b)
    assert rotated_by_rank([3, 5, 0]) == [5, 0, 3]


CONFIG = {"seed": 0, "parameter": {"N": 3, "array": [3, 5, 0], "reference_answer": "5 0 3"}}


def reward(answer, config=CONFIG):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("DistinctArrayPermutation", config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1], answer
    return out[0]


@pytest.mark.parametrize("answer, expected", [
    ("5 0 3", 1.0),
    ("0 3 5", 1.0),     # d = (3, 2, -5): 3, 2, 5 are not 0
    ("3 5 0", 0.0),     # the identity: position 1 alone clashes
    ("3 0 5", 0.0),     # position 1 keeps 3
    ("5 3 0", 0.0),     # position 3 keeps 0
    ("5 0", -0.5), ("5 0 3 3", -0.5), ("5 0 4", -0.5), ("5 0 x", -1.0), ("", -0.5),
])
def test_rewards(answer, expected):
    assert reward(answer) == expected


def test_values_beyond_the_compiled_range_agree():
    big = 2 ** 62
    config = {"seed": 0, "parameter": {"N": 3, "array": [big, big + 2, -big]}}
    assert reward("%d %d %d" % (big + 2, -big, big), config) == 1.0
    assert reward("%d %d %d" % (big, big + 2, -big), config) == 0.0


@settings(max_examples=150, deadline=None)
@given(st.permutations([0, 1, 4, 6, 9, 11, 13]), st.booleans())
def test_paths_agree_on_permutations(perm, shorten):
    config = {"seed": 0, "parameter": {"N": 7, "array": [0, 1, 4, 6, 9, 11, 13]}}
    values = perm[:-1] if shorten else perm
    got = reward(" ".join(map(str, values)), config)
    if shorten:
        assert got == -0.5
    else:
        assert got == (0.0 if clash_by_masks(config["parameter"]["array"], list(perm)) else 1.0)
