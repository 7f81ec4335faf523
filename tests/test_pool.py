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


# ---------------------------------------------------------------------- faults that once wedged it
def test_unpicklable_row_is_flagged_and_the_pool_stays_usable(verifier):
    import threading

    locked = dict(SORTING, lock=threading.Lock())  # a config no pickle can send
    env_ids, configs, responses = _rows(12)
    configs[5] = locked
    result = verifier.verify(env_ids, configs, responses)
    assert result.status[5] == "error" and "cannot send this row" in result.message[5]
    assert "lock" in result.message[5]
    local = rlve_fast.verify_batch(*_rows(12))
    assert [result.reward[i] for i in range(12) if i != 5] == [local.reward[i] for i in range(12) if i != 5]
    assert verifier.verify(*_rows(8)).status == ["ok"] * 8  # not wedged


def test_an_exception_inside_run_tasks_leaves_the_pool_usable(verifier):
    from collections import deque

    from rlve_fast.pool import RowsTask

    columns = _rows(64)
    tasks = deque(RowsTask(columns, rows) for rows in verifier._chunks(columns[0], columns[1]))
    with pytest.raises((TypeError, AttributeError)):
        verifier.run_tasks(tasks, sink=None)  # done() cannot store into None: raises mid-run
    assert all(w.task is None for w in verifier._workers)
    assert verifier.verify(*_rows(40)).status == ["ok"] * 40


def test_externally_killed_worker_costs_only_its_row(verifier):
    import os
    import signal
    import threading

    env_ids = ["Sorting"] * 5 + ["Debug_Sleep"] + ["Sorting"] * 5
    configs = [SORTING] * 5 + [EMPTY] + [SORTING] * 5
    responses = ["<answer>1 2 3</answer>"] * 5 + ["<answer>60</answer>"] + ["<answer>3 2 1</answer>"] * 5
    killed = []

    def kill_the_sleeper():
        deadline = time.monotonic() + 10
        while not killed and time.monotonic() < deadline:
            for worker in verifier._workers:
                row, started = verifier._progress[worker.slot]
                if worker.task is not None and started != 0.0 and row >= 0 \
                        and time.monotonic() - started > 0.2:  # on a row for a while: the sleeper
                    os.kill(worker.process.pid, signal.SIGKILL)
                    killed.append(worker.process.pid)
                    return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_the_sleeper)
    killer.start()
    result = verifier.verify(env_ids, configs, responses)
    killer.join()
    assert killed
    assert result.status == ["ok"] * 5 + ["error"] + ["ok"] * 5
    assert "SIGKILL" in result.message[5] and "while scoring this row" in result.message[5]
    assert list(result.reward[:5]) == [1.0] * 5 and list(result.reward[6:]) == [(1 / 3) ** 10] * 5


# ---------------------------------------------------------------------- equal configs, one preparation
def test_equal_configs_in_separate_dicts_are_prepared_once(monkeypatch):
    import copy

    from rlve_fast.environment import Environment

    calls = []
    prepare = Environment.prepare
    monkeypatch.setattr(Environment, "prepare", lambda self, config: calls.append(1) or prepare(self, config))
    env_ids, configs, responses = _rows(64)  # 16 prompts (seeds) x 4 samples
    copies = [copy.deepcopy(c) for c in configs]  # as a trainer parsing each row's metadata
    shared = rlve_fast.verify_batch(env_ids, configs, responses)
    assert len(calls) == 16
    calls.clear()
    separate = rlve_fast.verify_batch(env_ids, copies, responses)
    assert len(calls) == 16
    assert list(separate.reward) == list(shared.reward) and separate.status == shared.status


def test_equal_by_python_but_not_by_type_configs_stay_apart():
    as_float = dict(SORTING, parameter=dict(SORTING["parameter"], N=3.0))  # == SORTING, but N is a float
    assert as_float == SORTING
    result = rlve_fast.verify_batch(["Sorting"] * 3, [SORTING, as_float, dict(SORTING)],
                                    ["<answer>1 2 3</answer>"] * 3)
    one = rlve_fast.verify_batch(["Sorting"], [as_float], ["<answer>1 2 3</answer>"])
    assert result.status == ["ok", "error", "ok"] and "expected int" in result.message[1]
    assert result.message[1] == one.message[0]


def test_pool_groups_equal_configs_into_the_same_chunks(verifier):
    import copy

    env_ids, configs, responses = _rows(64)
    copies = [copy.deepcopy(c) for c in configs]
    from rlve_fast.batch import ConfigSharing

    share = ConfigSharing()
    chunks = verifier._chunks(env_ids, [share(c) for c in copies])
    seeds = [{copies[i]["seed"] for i in chunk} for chunk in chunks]
    assert all(len(s) == 1 for s in seeds)  # chunk_size 4 = one prompt's 4 samples
    assert list(verifier.verify(env_ids, copies, responses).reward) == list(rlve_fast.verify_batch(*_rows(64)).reward)


# ---------------------------------------------------------------------- verify_async
def test_verify_async_flags_hangs_and_crashes(verifier):
    rows = [("Sorting", SORTING, "<answer>1 2 3</answer>"), ("Debug_Sleep", EMPTY, "<answer>60</answer>"),
            ("Debug_Crash", EMPTY, "<answer>segfault</answer>"), ("Sorting", SORTING, "<answer>3 2 1</answer>")]

    async def main():
        return await asyncio.gather(*(verifier.verify_async(*row) for row in rows))

    results = asyncio.run(main())
    assert [r["status"] for r in results] == ["ok", "timeout", "error", "ok"]
    assert "SIGSEGV" in results[2]["message"] and results[1]["reward"] is None
    assert [results[0]["reward"], results[3]["reward"]] == [1.0, (1 / 3) ** 10]


def test_concurrent_verify_async_calls_become_one_pool_batch(verifier, monkeypatch):
    batches = []
    verify = verifier.verify

    def counting(env_ids, configs, responses):
        batches.append(len(responses))
        return verify(env_ids, configs, responses)

    monkeypatch.setattr(verifier, "verify", counting)
    env_ids, configs, responses = _rows(48)

    async def main():
        singles = [verifier.verify_async(e, c, r) for e, c, r in zip(env_ids[:32], configs[:32], responses[:32])]
        group = verifier.verify_rows_async(env_ids[32:], configs[32:], responses[32:])
        return await asyncio.gather(*singles, group)

    results = asyncio.run(main())
    assert batches == [48]  # 32 single rows and a group of 16, scored as one batch
    local = rlve_fast.verify_batch(env_ids, configs, responses)
    assert [r["reward"] for r in results[:32]] + [r["reward"] for r in results[32]] == list(local.reward)


def test_workers_default_to_the_cores_this_process_may_use():
    import os

    from rlve_fast.pool import _available_cores

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert _available_cores() == expected
