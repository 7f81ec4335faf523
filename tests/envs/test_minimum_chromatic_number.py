"""MinimumChromaticNumber's compiled edge draw: the shared random_pairs' edges, draw for draw."""
from __future__ import annotations

import random

import pytest

from rlve_fast.envs.graphs import minimum_chromatic_number as module
from rlve_fast.envs.graphs._graph_common import pair_count, random_pairs
from rlve_fast.seeding import problem_rng


@pytest.mark.skipif(module._compiled_pairs is None, reason="extension not built")
@pytest.mark.parametrize("make_rng", [lambda seed: problem_rng("MinimumChromaticNumber", seed), random.Random])
def test_compiled_draw_matches_random_pairs(make_rng):
    for seed in range(60):
        for n in (2, 3, 5, 8, 13, 21, 34, 60):
            for density in (0.0, 0.02, 0.05, 0.15, 0.45, 0.95, 1.0):
                count = pair_count(n, density)
                expected_rng, rng = make_rng(seed), make_rng(seed)
                expected = random_pairs(expected_rng, n, count)
                drawn = module._compiled_pairs(rng, n, count, module._sample_uses_pool(n * (n - 1) // 2, count))
                assert drawn == expected
                assert rng.getrandbits(64) == expected_rng.getrandbits(64)  # the same draws consumed


@pytest.mark.skipif(module._compiled_pairs is None, reason="extension not built")
def test_pool_rule_is_random_py_s():
    # both of random.sample's methods occur in the schedule's range of sizes
    sizes = [(n * (n - 1) // 2, pair_count(n, d)) for n in range(5, 40) for d in (0.02, 0.5, 0.95)]
    assert {module._sample_uses_pool(total, count) for total, count in sizes} == {True, False}
    with pytest.raises(ValueError):
        module._compiled_pairs(random.Random(0), 4, 7, True)
