"""GraMinimaGame and StoneIntervalsGame: the closed-form solvers against exhaustive game search,
the exact-integer scorers on hand-computed cases (both paths)."""
from __future__ import annotations

import functools
import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.games.gra_minima_game import minima_game_value
from rlve_fast.envs.games.stone_intervals_game import first_player_stones


@functools.lru_cache(maxsize=None)
def minima_margin(numbers):
    """Margin of the player to move, trying every non-empty subset of the remaining numbers."""
    if not numbers:
        return 0
    best = None
    indices = range(len(numbers))
    for size in range(1, len(numbers) + 1):
        for taken in combinations(indices, size):
            rest = tuple(numbers[i] for i in indices if i not in taken)
            value = min(numbers[i] for i in taken) - minima_margin(rest)
            best = value if best is None else max(best, value)
    return best


@functools.lru_cache(maxsize=None)
def stones_for_mover(piles):
    """Stones the player to move collects from here on, trying every legal move."""
    n, total, best = len(piles), sum(piles), None
    for i, pile in enumerate(piles):
        if pile and ((i > 0 and piles[i - 1] == 0) or (i + 1 < n and piles[i + 1] == 0)):
            after = piles[:i] + (0,) + piles[i + 1:]
            value = pile + (total - pile - stones_for_mover(after))
            best = value if best is None else max(best, value)
    return 0 if best is None else best


def test_minima_game_against_search():
    rng = random.Random(3)
    for _ in range(300):
        numbers = tuple(sorted(rng.randint(1, 12) for _ in range(rng.randint(1, 6))))
        assert minima_game_value(list(numbers)) == minima_margin(numbers), numbers


def test_stone_game_against_search():
    rng = random.Random(4)
    for _ in range(1500):
        n = rng.randint(3, 9)
        piles = [rng.randint(1, 2 * n) for _ in range(n)]
        for i in rng.sample(range(n), rng.randint(1, n - 2)):
            piles[i] = 0
        assert first_player_stones(piles) == stones_for_mover(tuple(piles)), piles


def test_hand_computed_values():
    assert minima_game_value([4, 4, 1]) == 3      # take both 4s; Bob takes 1
    assert minima_game_value([1, 5, 3]) == 3      # take {5}; Bob then gains at most 3 - 1 = 2
    assert first_player_stones([4, 4, 0]) == 4    # Alice takes the 4 next to the gap
    assert first_player_stones([0, 2, 4]) == 2    # only pile 1 is takeable: 2, then Bob gets 4
    assert first_player_stones([5, 0, 5]) == 5


CONFIG = {"seed": 0, "parameter": {"N": 3, "A": [4, 4, 1], "reference_answer": 3}}


@pytest.mark.parametrize("env_id", ["GraMinimaGame", "StoneIntervalsGame"])
@pytest.mark.parametrize("answer, reward", [
    ("3", 1.0), (" +3 ", 1.0), ("٣", 1.0), ("4", 0.0), ("-3", 0.0), ("3 3", -1.0), ("three", -1.0),
    ("", -1.0), ("3" + "0" * 30, 0.0),
])
def test_exact_rewards(env_id, answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify(env_id, CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 -+_x\n", max_size=12))
def test_paths_agree(text):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("GraMinimaGame", CONFIG, "<answer>%s</answer>" % text))
    assert out[0] == out[1]
    assert out[0]["reward"] in (-1.0, 0.0, 1.0)
