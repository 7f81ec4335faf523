"""slime: reward functions, a curriculum data source and the all-samples hook.

With these, RLVE's training scripts run on plain slime:

* ``--custom-rm-path rlve_fast.integrations.slime.reward`` (per sample), or
  ``--group-rm --custom-rm-path rlve_fast.integrations.slime.group_reward`` (one batch per group);
  each returns upstream's reward dict (``--reward-key reward`` picks the scalar). A sample
  whose metadata is not a valid (environment, config) pair gets
  ``{"reward": None, "accuracy": None, "format_score": None, "error": ...}``: never a silent 0.
* ``--data-source-path rlve_fast.integrations.slime.CurriculumDataSource`` draws problems from
  the adaptive curriculum, reading RLVE's arguments when present (``--environment-list``,
  ``--initial-difficulty``, ``--difficulty-sliding-window-size``,
  ``--min-metric-to-increase-difficulty``, ``--min-prompts-before-difficulty-check``,
  ``--answer-marker-type``, ``--n-samples-per-prompt``, ``--rollout-seed``);
* ``--rollout-all-samples-process-path rlve_fast.integrations.slime.process_all_samples``
  feeds every scored sample of a rollout step back to the curriculum (upstream's update).
"""
from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from rlve_fast.integrations._common import ANSWER_TAGS, BOXED, answer_instruction


def answer_markers(args) -> Tuple[str, str]:
    """The marker pair named by RLVE's ``--answer-marker-type`` (default ``\\boxed{}``)."""
    kind = getattr(args, "answer_marker_type", "\\boxed{}")
    if kind == "\\boxed{}":
        return BOXED
    if kind == "<answer></answer>":
        return ANSWER_TAGS
    raise ValueError("unknown answer marker type %r (use '\\boxed{}' or '<answer></answer>')" % (kind,))


def _metadata(sample) -> Tuple[str, Any]:
    meta = sample.metadata
    if isinstance(meta, str):
        meta = json.loads(meta)
    return meta["environment"], meta["config"]


def _score(args, samples) -> List[Dict[str, Any]]:
    import rlve_fast

    rows, out = [], [None] * len(samples)
    for i, sample in enumerate(samples):
        try:
            env_id, config = _metadata(sample)
            rows.append((i, env_id, config, sample.response))
        except (KeyError, TypeError, ValueError) as exc:
            out[i] = {"reward": None, "accuracy": None, "format_score": None,
                      "error": "sample metadata is not RLVE's {environment, config}: %r" % (exc,)}
    result = rlve_fast.verify_batch([r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows],
                                    answer_markers(args))
    for slot, (i, *_rest) in enumerate(rows):
        row = result[slot]
        if row["status"] == "ok":
            out[i] = {"reward": row["reward"], "accuracy": row["accuracy"], "format_score": row["format_score"]}
        else:
            out[i] = {"reward": None, "accuracy": None, "format_score": None, "error": row["message"]}
    return out


async def reward(args, sample, **kwargs) -> Dict[str, Any]:
    """Per-sample custom reward function: upstream's reward dict."""
    return (await asyncio.get_running_loop().run_in_executor(None, _score, args, [sample]))[0]


async def group_reward(args, samples, **kwargs) -> List[Dict[str, Any]]:
    """Batched form (``--group-rm``): one compiled batch for the whole group."""
    return await asyncio.get_running_loop().run_in_executor(None, _score, args, list(samples))


def _sample_class():
    try:
        from slime.utils.types import Sample
        return Sample
    except ImportError:
        return _Sample


@dataclass
class _Sample:
    """Stand-in with slime's Sample fields, used where slime is not installed."""
    index: Optional[int] = None
    prompt: Any = ""
    response: str = ""
    label: Optional[str] = None
    reward: Any = None
    metadata: dict = field(default_factory=dict)


class CurriculumDataSource:
    """slime data source (``--data-source-path``) that draws problems from the curriculum."""

    def __init__(self, args):
        from rlve_fast.curriculum import Curriculum

        self.args = args
        environments = getattr(args, "environment_list", None)
        if not environments:
            raise ValueError("set --environment-list to the environments to train on")
        self.curriculum = Curriculum(
            environments,
            samples_per_prompt=getattr(args, "n_samples_per_prompt", 1),
            initial_difficulty=getattr(args, "initial_difficulty", 0),
            window=getattr(args, "difficulty_sliding_window_size", 4),
            threshold=getattr(args, "min_metric_to_increase_difficulty", 0.9),
            min_prompts=getattr(args, "min_prompts_before_difficulty_check", 8),
            seed=getattr(args, "rollout_seed", 0) or 0)
        self.instruction = answer_instruction(answer_markers(args))
        self.sample_index = 0
        self.Sample = _sample_class()

    def get_samples(self, num_samples: int) -> List[list]:
        groups = []
        for _ in range(num_samples):
            problem = self.curriculum.next_problem()
            group = []
            for _ in range(getattr(self.args, "n_samples_per_prompt", 1)):
                group.append(self.Sample(index=self.sample_index,
                                         prompt=[{"role": "user", "content": problem.prompt + self.instruction}],
                                         metadata=problem.metadata))
                self.sample_index += 1
            groups.append(group)
        return groups

    def add_samples(self, samples) -> None:
        raise RuntimeError("CurriculumDataSource generates problems; it holds no buffer")

    def _path(self, root: str, rollout_id) -> str:
        return os.path.join(root, "rollout", "rlve_fast_curriculum_%s.json" % rollout_id)

    def save(self, rollout_id) -> None:
        path = self._path(self.args.save, rollout_id)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.curriculum.save(path)
        with open(path + ".index", "w") as fh:
            fh.write(str(self.sample_index))

    def load(self, rollout_id=None) -> None:
        if getattr(self.args, "load", None) is None or rollout_id in (None, -1):
            return
        from rlve_fast.curriculum import Curriculum

        path = self._path(self.args.load, rollout_id)
        self.curriculum = Curriculum.load(path)
        if os.path.exists(path + ".index"):
            with open(path + ".index") as fh:
                self.sample_index = int(fh.read())


def process_all_samples(args, all_samples, data_source) -> Dict[str, Any]:
    """``--rollout-all-samples-process-path``: feed a step's scored samples to the curriculum."""
    flat = []
    stack = list(all_samples)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        else:
            flat.append(item)
    scored = [s for s in flat if isinstance(s.reward, dict) and s.reward.get("accuracy") is not None]
    return data_source.curriculum.update(scored)
