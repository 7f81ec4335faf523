"""verl: reward functions (sync, async, batch) and a dataset writer.

Point verl's custom reward at this file::

    custom_reward_function.path=$(python -c "import rlve_fast.integrations.verl as m; print(m.__file__)")
    custom_reward_function.name=compute_score          # or compute_score_async (reward loop),
                                                       # or compute_score_batch with reward_model.reward_manager=batch

and train on a dataset written by ``rlve-fast verl-dataset`` (or :func:`write_dataset`): each row has
``data_source`` (``rlve/<environment>``), ``prompt`` (one user message), ``ability``,
``reward_model = {"style": "rule", "ground_truth": <RLVE metadata as JSON text>}`` and
``extra_info``.  The ground truth is the label: the environment id and upstream's config.

Each function returns ``{"score": reward, "acc": accuracy, "format": format_score, "error": ""}``
(upstream's reward dict under verl's names; every row has the same keys, since verl's reward
managers append each key to a per-row list). A row whose ground truth is not a valid
(environment, config) pair, or whose completion is not text, is flagged: ``error`` says why,
``acc`` and ``format`` are NaN (no made-up 0 in the accuracy), and ``score`` is ``invalid_score``
(default 0.0: verl puts the score into its reward tensor, which needs a finite number). What
verl does with those (volcengine/verl ``workers/reward_manager``, ``trainer/ppo/metric_utils.py``):
the row trains on ``invalid_score``; validation skips the text ``error`` column, and the NaN makes
the data source's ``acc`` mean NaN, so a flagged row shows instead of lowering accuracy.
Other answer markers: ``custom_reward_function.reward_kwargs.answer_markers`` (e.g. ``['\\boxed{', '}']``).
"""
from __future__ import annotations

import asyncio
import logging
import math
from typing import Any, Dict, List, Optional, Sequence

from rlve_fast.integrations._common import (ANSWER_TAGS, LabelError, chat_prompt, generated_problems,
                                            metadata_json, parse_label)

log = logging.getLogger(__name__)

DATA_SOURCE_PREFIX = "rlve/"


def _markers(answer_markers) -> Sequence[str]:
    return ANSWER_TAGS if answer_markers is None else tuple(answer_markers)


def _label(ground_truth: Any, extra_info: Optional[dict]):
    """(environment, config) from the ground truth, or from ``extra_info["metadata"]``."""
    if ground_truth is None and isinstance(extra_info, dict) and "metadata" in extra_info:
        ground_truth = extra_info["metadata"]
    return parse_label(ground_truth)


def _flagged(message: str, invalid_score: float) -> Dict[str, Any]:
    log.warning("rlve_fast: row not scored: %s", message)
    return {"score": float(invalid_score), "acc": math.nan, "format": math.nan, "error": message}


def compute_score_batch(data_sources: Sequence[str], solution_strs: Sequence[Any], ground_truths: Sequence[Any],
                        extra_infos: Optional[Sequence[Optional[dict]]] = None, *,
                        answer_markers: Optional[Sequence[str]] = None, invalid_score: float = 0.0,
                        **kwargs) -> List[Dict[str, Any]]:
    """verl's batch form (``reward_model.reward_manager=batch``): one compiled batch for all rows."""
    import rlve_fast

    n = len(solution_strs)
    if extra_infos is None:
        extra_infos = [None] * n
    out: List[Optional[Dict[str, Any]]] = [None] * n
    rows, env_ids, configs, responses = [], [], [], []
    for i, (ground_truth, extra_info, solution) in enumerate(zip(ground_truths, extra_infos, solution_strs)):
        try:
            env_id, config = _label(ground_truth, extra_info)
        except LabelError as exc:
            out[i] = _flagged(str(exc), invalid_score)
            continue
        rows.append(i)
        env_ids.append(env_id)
        configs.append(config)
        responses.append(solution)
    result = rlve_fast.verify_batch(env_ids, configs, responses, _markers(answer_markers))
    for slot, i in enumerate(rows):
        row = result[slot]
        if row["status"] != "ok":
            out[i] = _flagged(row["message"], invalid_score)
        else:
            out[i] = {"score": row["reward"], "acc": row["accuracy"], "format": row["format_score"], "error": ""}
    return out  # type: ignore[return-value]


def compute_score(data_source: str, solution_str: Any, ground_truth: Any, extra_info: Optional[dict] = None, *,
                  answer_markers: Optional[Sequence[str]] = None, invalid_score: float = 0.0,
                  **kwargs) -> Dict[str, Any]:
    """verl's per-sample form (the naive reward manager)."""
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info],
                               answer_markers=answer_markers, invalid_score=invalid_score)[0]


async def compute_score_async(data_source: str, solution_str: Any, ground_truth: Any,
                              extra_info: Optional[dict] = None, *,
                              answer_markers: Optional[Sequence[str]] = None, invalid_score: float = 0.0,
                              **kwargs) -> Dict[str, Any]:
    """The coroutine form for verl's reward loop: scoring runs on the default executor, so
    the event loop keeps serving other rollouts meanwhile."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, lambda: compute_score(
        data_source, solution_str, ground_truth, extra_info,
        answer_markers=answer_markers, invalid_score=invalid_score))


# ---------------------------------------------------------------------- datasets
def problem_rows(environments: Sequence[str], count: int, *, difficulty: int = 0, seed: int = 0,
                 split: str = "train", answer_markers: Optional[Sequence[str]] = None,
                 time_budget: Optional[float] = 10.0) -> List[Dict[str, Any]]:
    """``count`` verl rows per environment at ``difficulty``, seeds ``seed``, ``seed + 1``, ...
    (a seed whose generation fails or runs out of time is skipped)."""
    markers = _markers(answer_markers)
    rows: List[Dict[str, Any]] = []
    for problem in generated_problems(environments, count, difficulty=difficulty, seed=seed,
                                      answer_markers=markers, time_budget=time_budget):
        rows.append({
            "data_source": DATA_SOURCE_PREFIX + problem.environment,
            "prompt": chat_prompt(problem, markers),
            "ability": "reasoning",
            "reward_model": {"style": "rule", "ground_truth": metadata_json(problem)},
            "extra_info": {"split": split, "index": len(rows), "environment": problem.environment,
                           "difficulty": difficulty, "seed": problem.seed},
        })
    return rows


def write_dataset(path: str, environments: Sequence[str], count: int, **kwargs) -> int:
    """Write :func:`problem_rows` to a Parquet file (needs pyarrow); returns the row count.
    The file is written to a temporary name and renamed when complete."""
    import os

    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("writing a verl dataset needs pyarrow: pip install 'rlve_fast[arrow]'") from None
    rows = problem_rows(environments, count, **kwargs)
    table = pa.Table.from_pylist(rows)
    tmp = "%s.tmp-%d" % (path, os.getpid())
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return len(rows)
