"""The process-pool verifier: order, equality with the in-process path, and faults."""
from __future__ import annotations

import asyncio
import time

import pytest

import rlve_fast
import rlve_fast.testing  # noqa: F401  (registers the Debug_* environments here too)
from rlve_fast import BatchVerifier

SORTING = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
           "passing_reward_threshold": 1.0}
EMPTY = {"seed": 0, "parameter": {}}


@pytest.fixture(scope="module")
def verifier():
    with BatchVerifier(workers=2, timeout=2.0, chunk_size=4, preload=["rlve_fast.testing"]) as v:
        yield v


def _rows(n):
    answers = ["<answer>1 2 3</answer>", "<answer>3 2 1</answer>", "nothing", "<answer>1 2</answer>"]
    configs = [dict(SORTING, seed=i // 4) for i in range(n)]
    return ["Sorting"] * n, configs, [answers[i % 4] for i in range(n)]


def test_pool_equals_in_process_and_keeps_order(verifier):
    rows = _rows(203)
    pooled = verifier.verify(*rows)
    local = rlve_fast.verify_batch(*rows)
    assert list(pooled.reward) == list(local.reward)
    assert pooled.status == local.status == ["ok"] * 203
    assert list(pooled.reward[:4]) == [1.0, (1 / 3) ** 10, -1.0, -0.5]


def test_hidden_debug_environments_are_not_listed():
    assert not any(e.startswith("Debug") for e in rlve_fast.environments())


def test_hanging_row_times_out_and_the_rest_is_scored(verifier):
    env_ids = ["Sorting", "Debug_Sleep", "Sorting", "Debug_Sleep", "Sorting"]
    configs = [SORTING, EMPTY, SORTING, EMPTY, SORTING]
    responses = ["<answer>1 2 3</answer>", "<answer>60</answer>", "<answer>1 2 3</answer>",
                 "<answer>0.01</answer>", "<answer>3 2 1</answer>"]
    start = time.monotonic()
    result = verifier.verify(env_ids, configs, responses)
    assert time.monotonic() - start < 30
    assert result.status == ["ok", "timeout", "ok", "ok", "ok"]
    assert "longer than" in result.message[1]
    assert list(result.reward[[0, 2, 3, 4]]) == [1.0, 1.0, 1.0, (1 / 3) ** 10]
    # the pool is still whole afterwards
    assert verifier.verify(*_rows(8)).status == ["ok"] * 8


@pytest.mark.parametrize("fault, reason", [("exit", "exit code 3"), ("segfault", "SIGSEGV")])
def test_worker_death_costs_only_its_row(verifier, fault, reason):
    env_ids = ["Sorting"] * 6 + ["Debug_Crash"] + ["Sorting"] * 6
    configs = [SORTING] * 6 + [EMPTY] + [SORTING] * 6
    responses = ["<answer>1 2 3</answer>"] * 6 + ["<answer>%s</answer>" % fault] + ["<answer>1 3 2</answer>"] * 6
    result = verifier.verify(env_ids, configs, responses)
    assert result.status == ["ok"] * 6 + ["error"] + ["ok"] * 6
    assert reason in result.message[6]
    assert list(result.reward[:6]) == [1.0] * 6
    assert list(result.reward[7:]) == [(1 / 3) ** 10] * 6


def test_bad_rows_are_flagged_not_lost(verifier):
    result = verifier.verify(["Sorting", "Nope", "Sorting"], [SORTING, SORTING, {"seed": 1}],
                             ["<answer>1 2 3</answer>", "x", "x"])
    assert result.status == ["ok", "error", "error"]
    assert "Nope" in result.message[1] and "parameter" in result.message[2]


def test_verify_async_micro_batches_concurrent_calls(verifier):
    env_ids, configs, responses = _rows(64)

    async def main():
        return await asyncio.gather(*(verifier.verify_async(e, c, r)
                                      for e, c, r in zip(env_ids, configs, responses)))

    results = asyncio.run(main())
    local = rlve_fast.verify_batch(env_ids, configs, responses)
    assert [r["reward"] for r in results] == list(local.reward)
    assert asyncio.iscoroutinefunction(BatchVerifier.verify_async)


def test_closed_verifier_refuses_work():
    v = BatchVerifier(workers=1)
    v.close()
    with pytest.raises(RuntimeError):
        v.verify(*_rows(2))
