"""FBI_BinaryTree: the postorder against the recursive definition, the bit-string generator's
twins and statistics, the scorer."""
from __future__ import annotations

import math
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


@pytest.mark.skipif(fbi._compiled is None, reason="compiled generator not built")
def test_compiled_words_leave_the_same_state():
    """The compiled generator follows the Mersenne twister itself: the same words, and the
    random.Random and the word source left as the twin leaves them (blocks of any size)."""
    core = pytest.importorskip("rlve_fast.envs.trees._sampling_core")
    for seed in range(4):
        for length, block in ((1 << 12, 300), (1 << 16, fbi.BULK_WORDS), (100000, 624), (1 << 17, 1)):
            slow_rng, fast_rng = random.Random(seed), random.Random(seed)
            slow, fast = _sampling.Words(slow_rng, block), core.Words(fast_rng, block)
            assert (fbi.random_bit_string(slow, length)
                    == fbi._compiled.random_bit_string(fast, length, fbi.LOG_SAME))
            assert slow_rng.getstate() == fast_rng.getstate()
            assert [slow.word() for _ in range(700)] == [fast.word() for _ in range(700)]


@pytest.mark.skipif(fbi._compiled is None, reason="compiled generator not built")
def test_run_table_matches_the_logarithm():
    """The threshold table gives 1 + int(log(u) / log_same) for every u, also on and next to
    the thresholds, where only the very same log can decide."""
    rng = random.Random(5)
    for log_same in (fbi.LOG_SAME, -0.16, -0.5, -3.0):
        values = [1.0, 2.0 ** -53, 1.0 - 2.0 ** -53] + [(rng.getrandbits(53) + 1) / 2.0 ** 53
                                                           for _ in range(20000)]
        for k in range(1, 230):
            edge = math.exp(k * log_same)
            if edge < 2.0 ** -53:
                break
            for _ in range(5):
                values.append(edge)
                edge = math.nextafter(edge, 0.0)
            values += [math.nextafter(edge, 1.0) * (1 + 1e-12), edge * (1 + 3e-9), edge * (1 - 3e-9)]
        values = [u for u in values if 0.0 < u <= 1.0]
        want = [1 + int(math.log(u) / log_same) for u in values]
        assert fbi._compiled.table_runs(values, log_same) == want
    with pytest.raises(ValueError):
        fbi._compiled.table_runs([0.5], -0.01)  # too many thresholds: the generator calls log


@pytest.mark.skipif(fbi._compiled is None, reason="compiled generator not built")
def test_long_strings_compiled_and_twins_agree():
    """Long enough for the run table and the 8-leaf postorder, and with a log_same the
    table refuses."""
    core = pytest.importorskip("rlve_fast.envs.trees._sampling_core")
    for seed, log_same in ((0, fbi.LOG_SAME), (1, -0.4), (2, -0.01)):
        length = 1 << 15
        slow = fbi.random_bit_string(_sampling.Words(random.Random(seed), fbi.BULK_WORDS), length, log_same)
        fast = fbi._compiled.random_bit_string(core.Words(random.Random(seed), fbi.BULK_WORDS), length,
                                               log_same)
        assert slow == fast
        assert fbi._compiled.postorder_types(fast) == fbi.postorder_types(fast)
    # every 8-leaf pattern, and letters other than 0 and 1 (I, as in the twin)
    s = "".join(format(p, "08b") for p in range(256))
    assert fbi._compiled.postorder_types(s) == fbi.postorder_types(s) == by_definition(s)
    odd = "".join(random.Random(7).choice("01x") for _ in range(1 << 10))
    assert fbi._compiled.postorder_types(odd) == fbi.postorder_types(odd)
    odd = "".join(random.Random(8).choice("01\u0101") for _ in range(1 << 6))  # a two-byte str
    assert fbi._compiled.postorder_types(odd) == fbi.postorder_types(odd)
    for bad in ("", "010", "0" * 24):
        with pytest.raises(ValueError):
            fbi._compiled.postorder_types(bad)


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
