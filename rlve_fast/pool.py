"""A persistent pool of verifier processes: every core busy, no row lost.

``BatchVerifier`` sends rows to worker processes in chunks (rows of one config kept
together, equal configs merged, so each worker prepares a config once per chunk) and puts
the results back in input order.  Two things no thread pool can do are handled by killing
processes:

* a row that runs past the time limit (compiled code and sympy cannot be interrupted by
  signals or threads): its worker is killed and replaced, the row comes back ``timeout``;
* a worker that dies (segfault, OOM kill, ``os._exit``): only the row it was scoring is
  flagged ``error`` with the reason; the other rows of its chunk are scored again elsewhere.

Each worker announces the row it is on through a shared-memory slot (row index and start
time, written by the compiled row loop; ``NOT_ON_A_ROW`` while it reads or writes between
rows), which is how the supervisor knows which row hung or crashed.  Work between rows is
held to the same time limit; a chunk whose worker dies or hangs twice outside any row has
all its rows flagged.
"""
from __future__ import annotations

import asyncio
import collections
import itertools
import multiprocessing as mp
import os
import threading
import time
from multiprocessing.connection import wait
from multiprocessing.reduction import ForkingPickler
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as np

from rlve_fast.batch import ERROR, NOT_ON_A_ROW, BatchResult, ConfigSharing, _error_message, mark_progress, row_env_ids, verify_batch

TIMEOUT = "timeout"
IDLE = 0.0


def _worker_main(conn, progress_buffer, slot: int, answer_markers, preload) -> None:
    """Worker process entry point (module level, so spawn/forkserver can import it)."""
    import gc
    import importlib

    from rlve_fast import registry

    for module in preload:
        importlib.import_module(module)
    try:
        registry.environment_ids()  # every environment module imported now, not in a row's time
    except Exception:  # noqa: BLE001 (a broken module: the rows that need it will say so)
        pass
    # Scoring allocates millions of short-lived, acyclic objects (parsed rows, results): with
    # the imported modules frozen and a larger first generation, the cycle collector stops
    # rescanning them (file mode runs ~30% faster).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    progress = np.frombuffer(progress_buffer, dtype=np.float64)[2 * slot: 2 * slot + 2]
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        task_id, kind, payload = message
        mark_progress(progress, NOT_ON_A_ROW)  # work outside rows is held to the time limit too
        failure = None
        try:
            if kind == "rows":
                env_ids, configs, responses = payload
                result = verify_batch(env_ids, configs, responses, answer_markers, progress=progress)
                flags = {i: (result.status[i], result.message.get(i, "")) for i in result.message}
                reply = (result.reward, result.accuracy, result.format_score, flags)
            else:
                from rlve_fast.files import score_range
                reply = score_range(*payload, answer_markers=answer_markers, progress=progress)
        except Exception as exc:  # noqa: BLE001 (e.g. a part file that cannot be written)
            failure, reply = _error_message(exc), None
        progress[1] = IDLE
        conn.send((task_id, failure, reply))


class RowsTask:
    """Rows of an in-memory batch (indices into the caller's columns)."""

    def __init__(self, columns, rows: List[int]):
        self.columns = columns  # (env_ids, configs, responses)
        self.rows = rows
        self.starts = 0  # times its worker died or hung outside any row

    def message(self):
        return "rows", tuple([column[i] for i in self.rows] for column in self.columns)

    def done(self, reply, result: BatchResult) -> None:
        reward, accuracy, format_score, flags = reply
        index = np.asarray(self.rows)
        result.reward[index] = reward
        result.accuracy[index] = accuracy
        result.format_score[index] = format_score
        for i, (status, text) in flags.items():
            result.flag(self.rows[i], status, text)

    def fail_row(self, position: int, status: str, reason: str, result: BatchResult):
        """The row at ``position`` hung or crashed its worker: flag it, return what is left."""
        result.flag(self.rows[position], status, reason)
        return self._rest(self.rows[:position] + self.rows[position + 1:])

    def fail_all(self, reason: str, result: BatchResult) -> None:
        for i in self.rows:
            result.flag(i, ERROR, reason)

    def unsendable(self, reason: str, result: BatchResult):
        """The chunk cannot be pickled: flag the rows that cannot be, return the rest."""
        rest = []
        for i in self.rows:
            try:
                ForkingPickler.dumps(tuple(column[i] for column in self.columns))
                rest.append(i)
            except Exception as exc:  # noqa: BLE001 (reported on the row)
                result.flag(i, ERROR, "cannot send this row to a worker process: %s" % _error_message(exc))
        if len(rest) == len(self.rows):  # every row pickles alone, not together: flag them all
            self.fail_all(reason, result)
            return None
        return self._rest(rest)

    def _rest(self, rows: List[int]):
        return RowsTask(self.columns, rows) if rows else None


class _Worker:
    def __init__(self, ctx, slot: int, progress_buffer, answer_markers, preload):
        self.slot = slot
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, progress_buffer, slot, answer_markers, preload),
                                   name="rlve-fast-verifier-%d" % slot, daemon=True)
        self.process.start()
        child.close()
        self.task = None  # the task it is running
        self.completed = 0  # chunks answered: 0 at death means it never got going

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death_reason(process) -> str:
    """"worker process died (SIGSEGV)": what the task's verdict says, before where it died."""
    code = process.exitcode
    if code is not None and code < 0:
        import signal
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "signal %d" % -code
        return "worker process died (%s)" % name
    return "worker process died (exit code %s)" % code


class _Gathering:
    """Rows of concurrent async calls waiting for one ``verify`` (one per event loop)."""

    __slots__ = ("loop", "env_ids", "configs", "responses", "waiters")

    def __init__(self, loop):
        self.loop = loop
        self.env_ids: List = []
        self.configs: List = []
        self.responses: List = []
        self.waiters: List = []  # (future, first row, end row or None for a single row's dict)


class AsyncBatching:
    """Asyncio entry points over a blocking ``verify(env_ids, configs, responses)``.

    Concurrent calls (single rows from ``verify_async``, whole groups from
    ``verify_rows_async``) are gathered for ``async_window`` seconds into one ``verify``
    call, run in a thread so the event loop never blocks.  A trainer's step awaits thousands
    of single rows at once, so a call only appends to the gathering and the results are
    made in bulk."""

    async_window = 0.002
    _gathering: Optional[_Gathering] = None

    def _join(self) -> _Gathering:
        loop = asyncio.get_running_loop()
        gathering = self._gathering
        if gathering is None or gathering.loop is not loop:
            gathering = self._gathering = _Gathering(loop)
            loop.call_later(self.async_window, self._start_flush, gathering)
        return gathering

    async def verify_batch_async(self, env_ids, configs, responses) -> BatchResult:
        """``verify`` of one batch, off the event loop (no merging with other calls)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.verify, env_ids, configs, responses)

    async def verify_async(self, env_id: str, config: Any, response: Any) -> Dict[str, Any]:
        """One row's result dict; concurrent calls are scored together."""
        gathering = self._join()
        future = gathering.loop.create_future()
        gathering.waiters.append((future, len(gathering.responses), None))
        gathering.env_ids.append(env_id)
        gathering.configs.append(config)
        gathering.responses.append(response)
        return await future

    async def verify_rows_async(self, env_ids: Sequence[str], configs: Sequence[Any],
                                responses: Sequence[Any]) -> List[Dict[str, Any]]:
        """Result dicts for a group of rows, merged with concurrent calls into one batch."""
        env_ids = row_env_ids(env_ids, configs, responses)
        n = len(responses)
        gathering = self._join()
        future = gathering.loop.create_future()
        start = len(gathering.responses)
        gathering.waiters.append((future, start, start + n))
        gathering.env_ids.extend(env_ids)
        gathering.configs.extend(configs)
        gathering.responses.extend(responses)
        return await future

    def _start_flush(self, gathering: _Gathering) -> None:
        if self._gathering is gathering:
            self._gathering = None  # later calls start the next gathering
        gathering.loop.create_task(self._flush(gathering))

    async def _flush(self, gathering: _Gathering) -> None:
        try:
            result = await self.verify_batch_async(gathering.env_ids, gathering.configs, gathering.responses)
        except Exception as exc:  # noqa: BLE001 (handed to every waiting caller)
            for future, _, _ in gathering.waiters:
                if not future.done():
                    future.set_exception(exc)
            return
        rows = result.to_dicts()
        for future, start, end in gathering.waiters:
            if not future.done():  # a caller may have been cancelled
                future.set_result(rows[start] if end is None else rows[start:end])


class LocalVerifier(AsyncBatching):
    """The in-process verifier behind the same interface as :class:`BatchVerifier`
    (no process isolation: a row that hangs blocks its thread)."""

    def __init__(self, answer_markers: Optional[Sequence[str]] = None):
        self.answer_markers = tuple(answer_markers) if answer_markers is not None else None
        self._lock = threading.Lock()

    def verify(self, env_ids, configs, responses) -> BatchResult:
        with self._lock:
            return verify_batch(env_ids, configs, responses, self.answer_markers)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what a container or taskset allows
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class BatchVerifier(AsyncBatching):
    """Verify rows on ``workers`` processes (None: every core this process may run on);
    reusable, and a context manager.

    ``timeout`` is the per-row limit in seconds; ``preload`` names modules every worker
    imports first (where custom environments register themselves).

    >>> with BatchVerifier(workers=2) as verifier:            # doctest: +SKIP
    ...     result = verifier.verify(env_ids, configs, responses)
    """

    def __init__(self, workers: Optional[int] = None, *, timeout: float = 10.0, chunk_size: int = 256,
                 answer_markers: Optional[Sequence[str]] = None, start_method: Optional[str] = None,
                 preload: Sequence[str] = ()):
        self.n_workers = workers or _available_cores()
        if self.n_workers < 1:
            raise ValueError("workers must be at least 1")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.timeout = float(timeout)
        self.chunk_size = int(chunk_size)
        self.answer_markers = tuple(answer_markers) if answer_markers is not None else None
        self.preload = tuple(preload)  # modules each worker imports (custom environments)
        if start_method is None:
            start_method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self._ctx = mp.get_context(start_method)
        self._progress_buffer = self._ctx.RawArray("d", 2 * self.n_workers)
        self._progress = np.frombuffer(self._progress_buffer, dtype=np.float64).reshape(self.n_workers, 2)
        self._workers: List[Optional[_Worker]] = [self._spawn(slot) for slot in range(self.n_workers)]
        self._lock = threading.Lock()
        self._closed = False
        self._startup_failures = 0

    # ------------------------------------------------------------------ lifecycle
    def _spawn(self, slot: int) -> _Worker:
        self._progress[slot] = (0.0, IDLE)
        return _Worker(self._ctx, slot, self._progress_buffer, self.answer_markers, self.preload)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            if worker is not None:
                worker.stop()

    def __enter__(self) -> "BatchVerifier":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # ------------------------------------------------------------------ scoring
    def verify(self, env_ids: Union[str, Sequence[str]], configs: Sequence[Any],
               responses: Sequence[Any]) -> BatchResult:
        """Score every row; results in input order, unscorable rows flagged."""
        env_ids = row_env_ids(env_ids, configs, responses)
        n = len(responses)
        result = BatchResult(n)
        # Equal dict configs become one object: grouped into the same chunks, pickled once per
        # chunk, prepared once per chunk.
        share = ConfigSharing()
        configs = [share(config) for config in configs]
        columns = (env_ids, configs, responses)
        self.run_tasks(collections.deque(RowsTask(columns, rows) for rows in self._chunks(env_ids, configs)), result)
        return result

    def _chunks(self, env_ids, configs) -> List[List[int]]:
        """Row indices grouped by (environment, config object), cut into chunks."""
        groups: Dict[Any, List[int]] = {}
        for i, (env_id, config) in enumerate(zip(env_ids, configs)):
            key = (env_id, config if isinstance(config, (str, bytes)) else id(config))
            groups.setdefault(key, []).append(i)
        order = [i for rows in groups.values() for i in rows]
        size = max(1, min(self.chunk_size, -(-len(order) // self.n_workers)))
        return [order[k:k + size] for k in range(0, len(order), size)]

    def run_tasks(self, pending: collections.deque, sink) -> None:
        """Run tasks (``RowsTask``, ``files.RangeTask``) on the workers until all are done.

        ``task.message()`` is what a worker runs and ``task.done(reply, sink)`` takes its
        answer.  The verdicts on a task whose worker hung or died go to ``fail_row(position,
        status, reason, sink)`` (on a row; returns what is left to run) or ``fail_all(reason,
        sink)`` (outside any row, twice); ``unsendable(reason, sink)`` gets a task that cannot
        be pickled (returns what is left to run)."""
        if self._closed:
            raise RuntimeError("this BatchVerifier is closed")
        with self._lock:
            try:
                self._run(pending, sink)
            except BaseException:
                # An exception (a task's own, or KeyboardInterrupt) left tasks on workers that
                # nobody waits for now: replace those workers so the next call starts clean.
                self._replace_busy()
                raise

    def _run(self, pending: collections.deque, sink) -> None:
        task_ids = itertools.count()
        while pending or any(w.task is not None for w in self._workers):
            for worker in self._workers:
                while worker.task is None and pending:
                    task = pending.popleft()
                    try:  # pickled here, so a row that cannot be sent is flagged, not a wedged worker
                        data = ForkingPickler.dumps((next(task_ids),) + task.message())
                    except Exception as exc:  # noqa: BLE001 (reported on the rows)
                        rest = task.unsendable("cannot send these rows to a worker process: %s"
                                               % _error_message(exc), sink)
                        if rest is not None:
                            pending.appendleft(rest)
                        continue
                    worker.task = task
                    try:
                        worker.conn.send_bytes(data)
                    except OSError:  # BrokenPipeError included: its death is noticed below
                        pass
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                continue
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                         timeout=self._poll_interval(busy))
            now = time.monotonic()
            for worker in busy:
                if worker.conn in ready:
                    try:
                        message = worker.conn.recv()
                    except (EOFError, OSError):  # it closed its end: it is exiting
                        worker.process.join(timeout=5)
                        message = None
                    if message is not None:
                        task, worker.task = worker.task, None
                        worker.completed += 1
                        self._startup_failures = 0
                        _, failure, reply = message
                        if failure is None:
                            task.done(reply, sink)
                        else:  # an exception, not a row's verdict: the same again would fail too
                            task.fail_all("the worker could not run these rows: " + failure, sink)
                        continue
                if worker.process.sentinel in ready or not worker.process.is_alive():
                    worker.process.join(timeout=5)
                    self._replace(worker, pending, sink, death=_death_reason(worker.process))
                    continue
                # The row id first, then its start time (mark_progress writes them the other
                # way round): an overdue time always belongs to the row id read here.
                position = self._progress[worker.slot, 0]
                started = self._progress[worker.slot, 1]
                if started != IDLE and now - started > self.timeout:
                    worker.process.kill()
                    worker.process.join()
                    self._replace(worker, pending, sink, position=position)

    def _poll_interval(self, busy) -> float:
        starts = [self._progress[w.slot, 1] for w in busy if self._progress[w.slot, 1] != IDLE]
        if not starts:
            return min(0.05, self.timeout)
        return max(0.0, min(0.05, min(starts) + self.timeout - time.monotonic()))

    def _replace(self, worker: _Worker, pending, sink, death: Optional[str] = None,
                 position: Optional[float] = None) -> None:
        """A worker died (``death`` says how) or was killed for running past the time limit
        (at ``position``): settle the row it was on, requeue the rest, respawn it."""
        task, worker.task = worker.task, None
        slot = worker.slot
        try:
            worker.conn.close()
        except OSError:
            pass
        timed_out = death is None
        if not timed_out:  # where its slot froze
            position = self._progress[slot, 0] if self._progress[slot, 1] != IDLE else NOT_ON_A_ROW
        if position >= 0:
            if timed_out:
                rest = task.fail_row(int(position), TIMEOUT, "scoring this row took longer than %.3g s; its "
                                     "worker was killed and replaced" % self.timeout, sink)
            else:
                rest = task.fail_row(int(position), ERROR, death + " while scoring this row", sink)
        else:
            # Outside any row (receiving, reading or writing its rows): run it once more.
            if timed_out:
                reason = ("its worker spent longer than %.3g s outside any row (reading, preparing or "
                          "writing these rows) and was killed" % self.timeout)
            else:
                reason = death + " outside any row (reading, preparing or writing these rows)"
                if worker.completed == 0:
                    self._startup_failures += 1
                    if self._startup_failures >= 3:
                        self._workers[slot] = self._spawn(slot)
                        raise RuntimeError("verifier worker processes die on start-up (%s); is the "
                                           "calling script importable by multiprocessing (a file, "
                                           "with an `if __name__ == '__main__':` guard)?" % death)
            task.starts += 1
            rest = task
            if task.starts > 1:
                task.fail_all(reason, sink)
                rest = None
        if rest is not None:
            pending.appendleft(rest)
        self._workers[slot] = self._spawn(slot)

    def _replace_busy(self) -> None:
        for worker in self._workers:
            if worker.task is not None:
                worker.task = None
                worker.process.kill()
                worker.process.join()
                worker.conn.close()
                self._workers[worker.slot] = self._spawn(worker.slot)
