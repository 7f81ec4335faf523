"""A refused problem's GenerationError: it names the environment, the seed and the instance,
abridged once the instance is large (a refused instance can hold millions of numbers)."""
from __future__ import annotations

import pytest

import rlve_fast
from rlve_fast.environment import brief_repr
from rlve_fast.errors import GenerationError


def test_small_instances_are_shown_whole():
    parameter = {"N": 10, "K": 2, "shuffling_methods": [[2, 1, 3], [3, 1, 2]], "name": "x" * 100}
    assert brief_repr(parameter) == repr(parameter)


@pytest.mark.parametrize("parameter", [
    {"N": 26, "A": list(range(1 << 20))},
    {"rows": [[0] * 300 for _ in range(300)]},
    {"deep": [[[1] * 40] * 40] * 40},
    {"text": "y" * 100_000},
])
def test_large_instances_are_abridged(parameter):
    text = brief_repr(parameter)
    assert len(text) < 1000
    assert text.startswith("{") and "..." in text


def test_a_refused_problem_names_environment_seed_and_instance():
    env = rlve_fast.make("CardColoringCounting")
    parameter = {"N": 12, "K": 2}  # two random shuffles of 12 cards: S_12 or A_12, refused
    with pytest.raises(GenerationError) as caught:
        for seed in range(20):
            env.generate(seed, parameter=dict(parameter))
    message = str(caught.value)
    assert message.startswith("CardColoringCounting: cannot generate for seed ")
    assert "'shuffling_methods': [[" in message and "more than" in message
