"""Reproducible random streams for problem generation.

Each problem's generator is derived from (environment id, seed) through numpy's
SeedSequence, so the same pair gives the same problem in any process and on any platform,
and neighbouring seeds of one environment, or one seed of two environments, share nothing
(unlike ``Random(seed + index)``)."""
from __future__ import annotations

import random
import zlib

import numpy as np


def stable_id_hash(env_id: str) -> int:
    """A 32-bit hash of the identifier that does not change between processes."""
    return zlib.crc32(env_id.encode("utf-8"))


def problem_rng(env_id: str, seed: int) -> random.Random:
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError("seed must be a non-negative int, got %r" % (seed,))
    state = np.random.SeedSequence([stable_id_hash(env_id), seed]).generate_state(4, np.uint32)
    return random.Random(int.from_bytes(state.tobytes(), "little"))
