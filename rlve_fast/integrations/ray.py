"""Scoring on a Ray cluster (``pip install rlve_fast[ray]``).

``RayVerifier`` is a callable class for ``Dataset.map_batches``: each Ray worker holds one
verifier (by default a one-process :class:`rlve_fast.BatchVerifier`, so a row that hangs or
crashes is flagged instead of taking the Ray task down).  ``verify_dataset`` and
``verify_files`` are the one-call helpers.

Rows need ``response`` and either ``environment`` + ``config`` (a dict or JSON text) or
RLVE's ``metadata`` (JSON text holding both).  Output rows gain ``reward``, ``accuracy``,
``format_score``, ``status`` and ``message``.

``verify_files`` does not go through Ray's JSON reader (one malformed line fails the whole
read, and rows of different environments get one merged schema, so a dict config gains
other rows' keys as nulls).  It runs file mode (:mod:`rlve_fast.files`) with Ray actors as
the pool: each actor reads its own pieces of the input as bytes (or Parquet row slices),
parses each line with :func:`rlve_fast.jsonl.loads`, and writes a part file; the output is
one JSONL file per input, one line per input line, in input order, with unparsable lines
flagged.  Inputs and ``output_dir`` must be paths every Ray node can open (one machine, or
a shared file system).
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

import numpy as np

from rlve_fast.jsonl import RowError, row_task


class RayVerifier:
    """``ds.map_batches(RayVerifier, fn_constructor_kwargs={...}, concurrency=N)``."""

    def __init__(self, answer_markers: Optional[Sequence[str]] = None, isolate: bool = True,
                 timeout: float = 10.0, preload: Sequence[str] = ()):
        self.answer_markers = tuple(answer_markers) if answer_markers is not None else None
        self.verifier = None
        if isolate:
            from rlve_fast.pool import BatchVerifier

            self.verifier = BatchVerifier(workers=1, timeout=timeout, answer_markers=self.answer_markers,
                                          preload=preload)

    def __call__(self, batch: Dict[str, Any]) -> Dict[str, Any]:
        from rlve_fast.batch import verify_batch

        columns = {k: list(v) for k, v in batch.items()}
        n = len(next(iter(columns.values()))) if columns else 0
        rows = [{k: _plain(v[i]) for k, v in columns.items()} for i in range(n)]
        tasks, positions, errors = [], [], {}
        for i, row in enumerate(rows):
            try:
                tasks.append(row_task(row))
                positions.append(i)
            except RowError as exc:
                errors[i] = str(exc)
        ids, configs, responses = ([t[k] for t in tasks] for k in range(3))
        if self.verifier is not None:
            result = self.verifier.verify(ids, configs, responses)
        else:
            result = verify_batch(ids, configs, responses, self.answer_markers)
        reward = np.full(n, np.nan)
        accuracy = np.zeros(n, dtype=np.int8)
        format_score = np.zeros(n, dtype=np.int8)
        status = np.array(["error"] * n, dtype=object)
        message = np.array([""] * n, dtype=object)
        for i, text in errors.items():
            message[i] = text
        for slot, i in enumerate(positions):
            reward[i] = result.reward[slot]
            accuracy[i] = result.accuracy[slot]
            format_score[i] = result.format_score[slot]
            status[i] = result.status[slot]
            message[i] = result.message.get(slot, "")
        out = dict(batch)
        out.update(reward=reward, accuracy=accuracy, format_score=format_score, status=status, message=message)
        return out


def _plain(value):
    """Ray hands numpy scalars and arrays; the verifier wants plain Python values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _cluster_cpus() -> int:
    import ray

    if not ray.is_initialized():
        ray.init()  # as Ray Data would on its first use
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def verify_dataset(dataset, *, concurrency: Optional[int] = None, batch_size: int = 4096,
                   answer_markers: Optional[Sequence[str]] = None, isolate: bool = True,
                   timeout: float = 10.0, preload: Sequence[str] = ()):
    """Score a Ray Dataset; returns the scored Dataset (lazy, like every Ray Data step).

    ``concurrency``: verifier actors (None: one per CPU of the cluster).  Ray Data does not
    keep row order unless ``DataContext.get_current().execution_options.preserve_order`` is
    set; keep an id column to match results to rows."""
    return dataset.map_batches(
        RayVerifier, batch_size=batch_size, concurrency=concurrency or _cluster_cpus(), batch_format="numpy",
        fn_constructor_kwargs={"answer_markers": answer_markers, "isolate": isolate,
                               "timeout": timeout, "preload": tuple(preload)})


class _PieceScorer:
    """Ray actor of ``verify_files``: scores pieces of input files into their part files."""

    def __init__(self, answer_markers=None, isolate: bool = True, timeout: float = 10.0, preload=()):
        import importlib

        self.answer_markers = tuple(answer_markers) if answer_markers is not None else None
        self.verifier = None
        if isolate:
            from rlve_fast.pool import BatchVerifier

            self.verifier = BatchVerifier(workers=1, timeout=timeout, answer_markers=self.answer_markers,
                                          preload=preload)
        else:
            for module in preload:
                importlib.import_module(module)

    def __call__(self, batch: Dict[str, Any]) -> Dict[str, Any]:
        from collections import deque

        from rlve_fast.files import RangeTask, score_range

        out: Dict[str, list] = {"task": [], "rows": [], "flagged": [], "reward": []}
        for i in range(len(batch["task"])):
            task = RangeTask(*(_plain(batch[k][i]) for k in _PIECE_FIELDS))
            sink = _Totals()
            if self.verifier is not None:  # a hang or crash costs its row, not the Ray task
                self.verifier.run_tasks(deque([task]), sink)
            else:
                sink.add(task, score_range(*task.args(), answer_markers=self.answer_markers))
            out["task"].append(task.index)
            for key in ("rows", "flagged", "reward"):
                out[key].append(sink.totals[key])
        return {key: np.asarray(values) for key, values in out.items()}


_PIECE_FIELDS = ("task", "path", "kind", "start", "end", "first_line", "lines", "part")


class _Totals:
    def __init__(self):
        self.totals = {"rows": 0, "flagged": 0, "reward": 0.0}

    def add(self, task, totals) -> None:
        for key in self.totals:
            self.totals[key] += totals[key]


class _RayPool:
    """The pool interface of file mode (``run_tasks``) over Ray actors."""

    def __init__(self, concurrency: int, **actor_kwargs):
        self.concurrency = concurrency
        self.actor_kwargs = actor_kwargs

    def run_tasks(self, pending, sink) -> None:
        import ray.data

        tasks = list(pending)
        pending.clear()
        items = [dict(zip(_PIECE_FIELDS, (i,) + task.args()[:len(_PIECE_FIELDS) - 1])) for i, task in enumerate(tasks)]
        pieces = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
        scored = pieces.map_batches(_PieceScorer, batch_size=1, batch_format="numpy",
                                    concurrency=min(self.concurrency, len(items)),
                                    fn_constructor_kwargs=self.actor_kwargs)
        for row in scored.iter_rows():
            task = tasks[int(row["task"])]
            task.done({"rows": int(row["rows"]), "flagged": int(row["flagged"]), "reward": float(row["reward"])},
                      sink)


class _BySource:
    """Sends each finished piece to the run of its file."""

    def __init__(self, runs):
        self.runs = {run.parts_dir: run for run in runs}

    def add(self, task, totals) -> None:
        from pathlib import Path

        self.runs[Path(task.part).parent].add(task, totals)


def verify_files(paths, output_dir: str, *, concurrency: Optional[int] = None, chunk_bytes: int = 4 << 20,
                 answer_markers: Optional[Sequence[str]] = None, isolate: bool = True, timeout: float = 10.0,
                 preload: Sequence[str] = (), resume: bool = False,
                 progress_bar: bool = False) -> Dict[str, Dict[str, float]]:
    """Score JSONL or Parquet files on the cluster into ``output_dir/<input stem>.jsonl``
    (see the module docstring); returns each output's totals (rows, flagged, reward sum,
    seconds), keyed by output path.  ``concurrency``: actors (None: one per CPU of the
    cluster); ``resume`` continues an interrupted call as ``rlve-fast verify --resume``."""
    from pathlib import Path

    from rlve_fast.files import FileRun, piece_bytes

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    concurrency = concurrency or _cluster_cpus()
    outputs = [Path(output_dir) / (Path(p).stem + ".jsonl") for p in paths]
    if len(set(outputs)) != len(outputs):
        raise ValueError("inputs with the same file name would write the same output in %s" % output_dir)
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    runs = [FileRun(p, out, chunk_bytes=piece_bytes(p, chunk_bytes, concurrency), resume=resume,
                    answer_markers=answer_markers, progress_bar=progress_bar) for p, out in zip(paths, outputs)]
    tasks = [task for run in runs for task in run.tasks]
    try:
        if tasks:
            pool = _RayPool(concurrency, answer_markers=answer_markers, isolate=isolate,
                            timeout=timeout, preload=tuple(preload))
            pool.run_tasks(tasks, _BySource(runs))
    except BaseException:
        for run in runs:
            run.abort()
        raise
    return {str(run.output): run.finish() for run in runs}
