"""pytest-benchmark suite: ``pytest bench/ --benchmark-only`` (numbers, not pass/fail).

Compiled and pure-Python paths run side by side on the same rows so their ratio can be read
off one run."""
from __future__ import annotations

import pytest

import rlve_fast
from rlve_fast import _impl, benchmark
from rlve_fast.errors import GenerationError, GenerationTimeout
from corpora import VISIBLE

ENVS = rlve_fast.environments()


@pytest.fixture(scope="module")
def rows():
    if VISIBLE.exists():
        by_env = benchmark.corpus_rows(VISIBLE, ENVS)
    else:
        by_env = benchmark.generated_rows(ENVS)
    ids, configs, responses = [], [], []
    for env_id in sorted(by_env):
        ids += by_env[env_id][0]
        configs += by_env[env_id][1]
        responses += by_env[env_id][2]
    return ids, configs, responses


@pytest.mark.parametrize("implementation", ["compiled", "python"])
def test_verify_batch_mixed(benchmark, rows, implementation):
    with _impl.implementation(implementation):
        result = benchmark(rlve_fast.verify_batch, *rows)
    assert len(result) == len(rows[2])


@pytest.mark.parametrize("size", [1_000, 100_000, 10_000_000])
@pytest.mark.parametrize("implementation", ["compiled", "python"])
def test_extraction(benchmark, size, implementation):
    text = "x" * size + "<answer>42</answer>"
    with _impl.implementation(implementation):
        assert benchmark(_impl.extract_answer, text) == "42"


GENERATION_BUDGET = 2.0  # s; the table script (bench/run_bench.py) uses upstream's 10 s


@pytest.mark.parametrize("env_id", ENVS)
@pytest.mark.parametrize("difficulty", benchmark.GENERATION_LEVELS)
def test_generation(benchmark, env_id, difficulty):
    """One problem per round, a new seed each time; a seed that cannot be generated (past the
    budget, or no instance for it) is counted in extra_info rather than failing the suite."""
    env = rlve_fast.make(env_id)
    seeds = iter(range(10**9))
    failed = {"timeout": 0, "no instance": 0}

    def generate_one():
        try:
            env.generate(next(seeds), difficulty=difficulty, time_budget=GENERATION_BUDGET)
        except GenerationTimeout:
            failed["timeout"] += 1
        except GenerationError:
            failed["no instance"] += 1

    benchmark.pedantic(generate_one, rounds=5, iterations=1, warmup_rounds=1)
    benchmark.extra_info.update(failed)
