"""Problem random streams: fixed per (environment, seed), unrelated between neighbours."""
from __future__ import annotations

import random

import pytest

from rlve_fast.seeding import problem_rng


def draws(env_id, seed, n=8):
    rng = problem_rng(env_id, seed)
    return [rng.getrandbits(32) for _ in range(n)]


def test_same_pair_same_stream():
    assert draws("Sorting", 42) == draws("Sorting", 42)


def test_neighbouring_seeds_and_environments_share_nothing():
    streams = [draws("Sorting", s) for s in range(40, 46)] + [draws("CRT", 42), draws("Sortin", 42)]
    values = [v for stream in streams for v in stream]
    assert len(set(values)) == len(values)  # no shifted copies (Random(seed + i) would repeat)


def test_big_seeds_are_distinct():
    assert draws("Sorting", 2 ** 62) != draws("Sorting", 2 ** 62 + 1)
    assert draws("Sorting", 255) != draws("Sorting", 256)


@pytest.mark.parametrize("bad", [-1, 1.0, "3", True, None])
def test_bad_seeds_are_refused(bad):
    with pytest.raises(ValueError, match="seed"):
        problem_rng("Sorting", bad)


# ProblemRandom's compiled draws must give exactly random.Random's numbers from the same state.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from rlve_fast.seeding import ProblemRandom, _compiled  # noqa: E402

BOUND = st.integers(-(2 ** 70), 2 ** 70)
CALLS = st.one_of(
    st.tuples(st.just("randint"), st.tuples(BOUND, BOUND).map(sorted).map(tuple)),
    st.tuples(st.just("randrange"), st.tuples(st.integers(1, 2 ** 66))),
    st.tuples(st.just("randrange"), st.tuples(BOUND, BOUND).filter(lambda t: t[0] < t[1])),
    st.tuples(st.just("randrange"), st.tuples(st.integers(-50, 0), st.integers(1, 50), st.integers(1, 7))),
    st.tuples(st.just("choice"), st.tuples(st.lists(st.integers(), min_size=1, max_size=30))),
    st.tuples(st.just("sample"), st.integers(0, 40).map(lambda k: (range(40), k))),
    st.tuples(st.just("random"), st.just(())),
)


def test_the_compiled_draws_are_in_use():
    assert _compiled is not None, "rlve_fast._core.rng is not built"
    assert ProblemRandom.randint is _compiled.randint


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2 ** 64), st.lists(CALLS, max_size=40))
def test_problem_random_draws_what_random_random_draws(seed, calls):
    ours, theirs = ProblemRandom(seed), random.Random(seed)
    for name, args in calls:
        assert getattr(ours, name)(*args) == getattr(theirs, name)(*args), (name, args)
    mine, reference = list(range(50)), list(range(50))
    ours.shuffle(mine)
    theirs.shuffle(reference)
    assert mine == reference
    assert ours.getrandbits(64) == theirs.getrandbits(64)  # same state afterwards


@pytest.mark.parametrize("name, args, error", [
    ("randint", (5, 4), ValueError), ("randrange", (3, 3), ValueError), ("randrange", (0,), ValueError),
    ("choice", ([],), IndexError), ("randrange", (0, 10, 0), ValueError),
])
def test_bad_arguments_fail_as_in_random(name, args, error):
    for rng in (ProblemRandom(1), random.Random(1)):
        with pytest.raises(error):
            getattr(rng, name)(*args)
