"""FBI_BinaryTree: the postorder against the recursive definition, the bit-string generator's
twins and statistics, the scorer."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast.envs.trees import fbi_binary_tree as fbi
from rlve_fast.envs.trees import _sampling


def by_definition(s):
    kind = "B" if set(s) == {"0"} else "I" if set(s) == {"1"} else "F"
    if len(s) == 1:
        return kind
    half = len(s) // 2
    return by_definition(s[:half]) + by_definition(s[half:]) + kind


def test_postorder_against_the_definition():
    rng = random.Random(29)
    solvers = [fbi.postorder_types] + ([fbi._compiled.postorder_types] if fbi._compiled else [])
    for _ in range(300):
        s = "".join(rng.choice("01") for _ in range(2 ** rng.randint(0, 6)))
        for solver in solvers:
            assert solver(s) == by_definition(s)
    assert fbi.postorder_types("0011") == "BBBIIIF"
    assert fbi.postorder_types("0100") == "BIFBBBF"


@pytest.mark.skipif(fbi._compiled is None, reason="compiled generator not built")
def test_compiled_generator_matches_the_twin():
    core = pytest.importorskip("rlve_fast.envs.trees._sampling_core")
    for seed in range(10):
        length = 2 ** (seed + 3)
        slow = fbi.random_bit_string(_sampling.Words(random.Random(seed), fbi.BULK_WORDS), length)
        fast = fbi._compiled.random_bit_string(core.Words(random.Random(seed), fbi.BULK_WORDS), length,
                                               fbi.LOG_SAME)
        assert slow == fast and len(fast) == length and set(fast) <= {"0", "1"}


def test_bits_change_with_upstreams_probability():
    s = fbi.random_bit_string(_sampling.words(random.Random(3), fbi.BULK_WORDS), 1 << 17)
    changes = sum(a != b for a, b in zip(s, s[1:])) / (len(s) - 1)
    assert abs(changes - 0.15) < 0.005  # kept w.p. 0.7, else a fresh fair bit
    firsts = [fbi.random_bit_string(_sampling.words(random.Random(seed)), 1) for seed in range(400)]
    assert 150 < firsts.count("0") < 250


def test_sizes_beyond_the_largest_are_refused():
    env = rlve_fast.make("FBI_BinaryTree")
    with pytest.raises(ValueError):
        env.sample(random.Random(0), {"N": fbi.LARGEST_N + 1})


CONFIG = {"seed": 0, "parameter": {"N": 2, "string": "0100", "reference_answer": "BIFBBBF"}}


def both_paths(text, config=CONFIG):
    return reward_on_both_paths("FBI_BinaryTree", config, text)


@pytest.mark.parametrize("answer, reward", [
    ("BIFBBBF", 1.0), ("\n BIFBBBF \t", 1.0),
    ("BBBBBBB", (4 / 7) ** 5),
    ("IIIIIII", (1 / 7) ** 5),
    ("FFFFFFF", (2 / 7) ** 5),
    ("BIFBBB", -0.5), ("BIFBBBFF", -0.5), ("BIFBBBX", -0.5), ("bifbbbf", -0.5), ("", -0.5),
    ("BIF BBB", -0.5),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="FBI x\n", max_size=9))
def test_paths_agree_on_arbitrary_strings(text):
    reward = both_paths(text)
    assert reward == -0.5 or 0.0 <= reward <= 1.0
