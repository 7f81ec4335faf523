"""Problem random streams: fixed per (environment, seed), unrelated between neighbours."""
from __future__ import annotations

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
