"""Scoring on a Ray cluster (``pip install rlve_fast[ray]``).

``RayVerifier`` is a callable class for ``Dataset.map_batches``: each Ray worker holds one
verifier (by default a one-process :class:`rlve_fast.BatchVerifier`, so a row that hangs or
crashes is flagged instead of taking the Ray task down).  ``verify_dataset`` and
``verify_files`` are the one-call helpers.

Rows need ``response`` and either ``environment`` + ``config`` (a dict or JSON text) or
RLVE's ``metadata`` (JSON text holding both).  Output rows gain ``reward``, ``accuracy``,
``format_score``, ``status`` and ``message``.
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


def verify_dataset(dataset, *, concurrency: int = 1, batch_size: int = 4096,
                   answer_markers: Optional[Sequence[str]] = None, isolate: bool = True,
                   timeout: float = 10.0, preload: Sequence[str] = ()):
    """Score a Ray Dataset; returns the scored Dataset (lazy, like every Ray Data step)."""
    return dataset.map_batches(
        RayVerifier, batch_size=batch_size, concurrency=concurrency, batch_format="numpy",
        fn_constructor_kwargs={"answer_markers": answer_markers, "isolate": isolate,
                               "timeout": timeout, "preload": tuple(preload)})


def verify_files(paths, output_dir: str, *, concurrency: int = 1, **kwargs) -> None:
    """Score JSONL or Parquet files on the cluster and write JSONL results to ``output_dir``."""
    import ray.data

    paths = [paths] if isinstance(paths, str) else list(paths)
    if all(str(p).endswith(".parquet") for p in paths):
        dataset = ray.data.read_parquet(paths)
    else:
        dataset = ray.data.read_json(paths, lines=True)
    verify_dataset(dataset, concurrency=concurrency, **kwargs).write_json(output_dir)
