"""Generator helpers (rlve_fast/envs/_generation.py): the compiled draws give the values of
their Python twins from the same random.Random, are uniform, and join_ints is str.join."""
from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs import _draws_py as twin

compiled = pytest.importorskip("rlve_fast.envs._draws")
gen_text = pytest.importorskip("rlve_fast.envs._gen_text")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(0, 300), st.integers(-2 ** 70, 2 ** 70), st.integers(0, 2 ** 63 - 1))
def test_uniform_ints_match_the_twin(seed, count, low, width):
    assert (compiled.uniform_ints(random.Random(seed), count, low, low + width)
            == twin.uniform_ints(random.Random(seed), count, low, low + width))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2 ** 32), st.integers(-50, 50), st.lists(st.integers(0, 2 ** 63 - 1), max_size=60))
def test_bounded_ints_and_shuffles_match_the_twin(seed, low, widths):
    highs = [low + w for w in widths]
    assert compiled.bounded_ints(random.Random(seed), low, highs) == twin.bounded_ints(random.Random(seed), low, highs)
    assert compiled.shuffled(random.Random(seed), highs) == twin.shuffled(random.Random(seed), highs)


class FixedSeed:
    """A stand-in for random.Random whose 256 bits give the xoshiro256** state (1, 2, 3, 4)."""

    def getrandbits(self, k):
        assert k == 256
        return 1 | 2 << 64 | 3 << 128 | 4 << 192


def test_the_stream_is_xoshiro256starstar():
    # the generator's published outputs from the state (1, 2, 3, 4)
    reference = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600]
    words = twin.Words(FixedSeed())
    assert [words.word() for _ in range(6)] == reference
    # a range of 2**63 takes the high word of x * 2**63, that is x >> 1, and never rejects
    for module in (compiled, twin):
        assert module.uniform_ints(FixedSeed(), 6, 0, 2 ** 63 - 1) == [x >> 1 for x in reference]


def test_rejections_match_the_twin():
    # r = 3 * 2**61 rejects 1 word in 8
    for seed in range(100):
        a = compiled.uniform_ints(random.Random(seed), 50, 1, 3 * 2 ** 61)
        assert a == twin.uniform_ints(random.Random(seed), 50, 1, 3 * 2 ** 61)
        assert all(1 <= v <= 3 * 2 ** 61 for v in a)


def test_ranges_are_checked():
    for module in (compiled, twin):
        with pytest.raises(ValueError):
            module.uniform_ints(random.Random(0), 3, 5, 4)
        with pytest.raises(ValueError):
            module.uniform_ints(random.Random(0), 3, 0, 2 ** 63)
        assert module.uniform_ints(random.Random(0), 0, 5, 4) == []
        assert module.uniform_ints(random.Random(0), 4, 7, 7) == [7, 7, 7, 7]


def test_draws_are_uniform():
    rng = random.Random(11)
    values = compiled.uniform_ints(rng, 60000, -2, 3)  # 6 values, 10000 expected each
    counts = Counter(values)
    assert set(counts) == set(range(-2, 4))
    assert all(abs(c - 10000) < 500 for c in counts.values()), counts  # about 5 standard deviations
    orders = Counter(tuple(compiled.shuffled(rng, "abc")) for _ in range(12000))
    assert len(orders) == 6 and all(abs(c - 2000) < 230 for c in orders.values()), orders
    bounded = Counter(compiled.bounded_ints(rng, 1, [2] * 20000))
    assert abs(bounded[1] - 10000) < 400 and bounded[1] + bounded[2] == 20000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2 ** 70, 2 ** 70), max_size=30), st.sampled_from([" ", ", ", "\n", "", "é"]))
def test_join_ints_is_str_join(values, sep):
    assert gen_text.join_ints(values, sep) == sep.join(map(str, values))
    assert gen_text.join_ints(values) == " ".join(map(str, values))


def test_draws_stop_at_the_deadline():
    from rlve_fast import deadline
    from rlve_fast.errors import GenerationTimeout

    for module in (compiled, twin):
        with pytest.raises(GenerationTimeout):
            with deadline.budget(1e-9):
                module.uniform_ints(random.Random(1), 10 ** 5, 0, 9)
        with pytest.raises(GenerationTimeout):
            with deadline.budget(1e-9):
                module.shuffled(random.Random(1), range(10 ** 5))
        assert len(module.uniform_ints(random.Random(1), 10 ** 4, 0, 9)) == 10 ** 4  # no budget, no check
