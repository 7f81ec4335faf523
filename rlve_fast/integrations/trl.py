"""TRL: a reward function for ``GRPOTrainer`` and an environment class for its ``environment_factory``.

The calls mirrored are those of huggingface/trl ``trl/trainer/grpo_trainer.py``: reward functions
get ``prompts``, ``completions``, ``completion_ids``, every dataset column, ``trainer_state``,
``log_extra``, ``log_metric`` and (with ``environment_factory``) ``environments`` as keyword
arguments, and may return ``None`` for a row (TRL leaves it out of the reward); an environment's
public methods other than ``reset`` become tools, and ``reset(**row)`` may return text appended
to the row's last user message.

With a dataset of generated problems (a ``prompt`` and RLVE's ``metadata`` per row)::

    from datasets import Dataset
    from rlve_fast.integrations.trl import problem_dataset, rlve_reward
    dataset = Dataset.from_list(problem_dataset(["Sorting", "CRT"], count=512, difficulty=3))
    trainer = GRPOTrainer(model=..., reward_funcs=rlve_reward, train_dataset=dataset, args=GRPOConfig(...))

Procedurally (each rollout group gets a fresh problem, optionally from the adaptive curriculum,
which the reward function then updates)::

    from rlve_fast.integrations.trl import environment_factory, problem_ids, rlve_reward
    factory = environment_factory(["Sorting", "CRT"], num_generations=8,
                                  curriculum=rlve_fast.Curriculum(["Sorting", "CRT"], samples_per_prompt=8))
    trainer = GRPOTrainer(model=..., reward_funcs=rlve_reward, environment_factory=factory,
                          train_dataset=Dataset.from_list(problem_ids(100000)),
                          args=GRPOConfig(num_generations=8, max_steps=1000, ...))

``rlve_reward(prompts, completions, **columns)`` takes plain or conversational completions and
returns one float per completion, or ``None`` for a row it cannot score (no valid label, a
completion that is not text) instead of a made-up 0.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from rlve_fast.deadline import DEFAULT_TIME_BUDGET
from rlve_fast.integrations._common import (ANSWER_TAGS, LabelError, answer_instruction, chat_prompt,
                                            completion_text, generated_problems, metadata_json, parse_label)

log = logging.getLogger(__name__)

KEY_COLUMN = "problem_id"  # the dataset column that names a rollout group's problem


def make_reward_function(answer_markers: Sequence[str] = ANSWER_TAGS, verifier=None):
    """A TRL reward function scoring with ``answer_markers``; ``verifier`` (a
    :class:`rlve_fast.BatchVerifier`) moves scoring onto a process pool."""
    markers = tuple(answer_markers)

    def rlve_reward(prompts=None, completions=None, **columns) -> List[Optional[float]]:
        if completions is None:
            raise TypeError("rlve_reward needs the completions")
        environments = columns.get("environments")
        labels = columns.get("metadata")
        if labels is None and environments is not None:
            labels = [getattr(env, "label", None) for env in environments]
        if labels is None:
            raise ValueError("rlve_reward needs a 'metadata' column (RLVE's {environment, config}) "
                             "or RLVEEnvironment instances from environment_factory")
        if len(labels) != len(completions):
            raise ValueError("rlve_reward got %d completions but %d labels: each completion needs its row's label"
                             % (len(completions), len(labels)))
        rewards: List[Optional[float]] = [None] * len(completions)
        rows, env_ids, configs, responses = [], [], [], []
        for i, (label, completion) in enumerate(zip(labels, completions)):
            try:
                env_id, config = parse_label(label)
                response = completion_text(completion)
            except (LabelError, TypeError) as exc:
                log.warning("rlve_fast: completion %d not scored: %s", i, exc)
                continue
            rows.append(i)
            env_ids.append(env_id)
            configs.append(config)
            responses.append(response)
        if verifier is not None:
            result = verifier.verify(env_ids, configs, responses)
        else:
            import rlve_fast
            result = rlve_fast.verify_batch(env_ids, configs, responses, markers)
        for slot, i in enumerate(rows):
            if result.status[slot] == "ok":
                rewards[i] = float(result.reward[slot])
            else:
                log.warning("rlve_fast: completion %d not scored: %s", i, result.message.get(slot))
        if environments is not None and _training(columns):
            _feed_curricula(environments, rows, result, columns.get("log_metric"))
        return rewards

    rlve_reward.__name__ = "rlve_reward"  # TRL logs each reward under its function's name
    return rlve_reward


rlve_reward = make_reward_function()


def _training(columns) -> bool:
    """False while TRL evaluates. TRL passes ``log_metric=self._log_metric`` (a method of the
    trainer) and picks its mode from ``self.model.training``; without TRL, training is assumed."""
    trainer = getattr(columns.get("log_metric"), "__self__", None)
    return bool(getattr(getattr(trainer, "model", None), "training", True))


def _feed_curricula(environments, rows, result, log_metric=None) -> None:
    """After a scored training batch, each curriculum behind the environments sees its samples once."""
    samples_by_curriculum: Dict[int, Any] = {}
    for slot, i in enumerate(rows):
        env = environments[i]
        source = getattr(env, "source", None)
        if source is None or source.curriculum is None or env.problem is None or result.status[slot] != "ok":
            continue
        curriculum, samples = samples_by_curriculum.setdefault(id(source.curriculum), (source.curriculum, []))
        samples.append({"environment": env.problem.environment, "problem_difficulty": env.problem.difficulty,
                        "accuracy": int(result.accuracy[slot])})
    for curriculum, samples in samples_by_curriculum.values():
        curriculum.update(samples)
        if log_metric is not None:
            for name, value in curriculum.metrics().items():
                log_metric(name, float(value))


def problem_dataset(environments: Sequence[str], count: int, *, difficulty: int = 0, seed: int = 0,
                    answer_markers: Sequence[str] = ANSWER_TAGS,
                    time_budget: Optional[float] = DEFAULT_TIME_BUDGET) -> List[Dict[str, Any]]:
    """Rows ``{"prompt": [user message], "metadata": <RLVE metadata JSON>}`` for
    ``datasets.Dataset.from_list``: ``count`` problems per environment."""
    return [{"prompt": chat_prompt(problem, answer_markers), "metadata": metadata_json(problem)}
            for problem in generated_problems(environments, count, difficulty=difficulty, seed=seed,
                                              answer_markers=answer_markers, time_budget=time_budget)]


def problem_ids(count: int, start: int = 0) -> List[Dict[str, Any]]:
    """Rows ``{"prompt": [empty user message], "problem_id": k}`` for ``environment_factory``:
    TRL repeats each row for the ``num_generations`` rollouts of a group (on whichever
    processes they land), and the id picks the group's problem."""
    return [{"prompt": [{"role": "user", "content": ""}], KEY_COLUMN: k} for k in range(start, start + count)]


class ProblemSource:
    """Problems for the environments of one trainer process, one per rollout group.

    A group is recognised by its row's ``problem_id`` (see :func:`problem_ids`): without a
    curriculum the problem is a function of (``seed``, id), the same on every process, so a
    group spread over several GPUs (TRL's sampler does that) still shares one problem. With a
    curriculum the id's first reset draws the next problem, which its other rollouts reuse;
    keep a curriculum on one process. Rows without an id (TRL's placeholder dataset) fall back
    to counting: every ``num_generations`` consecutive resets share a problem, which holds on
    one process only. Without a curriculum an environment is drawn uniformly and generated at
    ``difficulty``."""

    def __init__(self, environments: Sequence[str], *, num_generations: int, difficulty: int = 0,
                 curriculum=None, seed: int = 0, answer_markers: Sequence[str] = ANSWER_TAGS,
                 time_budget: Optional[float] = DEFAULT_TIME_BUDGET, max_attempts: int = 100,
                 max_open_groups: int = 4096):
        import rlve_fast

        if num_generations < 1:
            raise ValueError("num_generations must be at least 1")
        self.environments = [rlve_fast.make(e, answer_markers).id for e in environments]
        self.num_generations = num_generations
        self.difficulty = difficulty
        self.curriculum = curriculum
        self.seed = seed
        self.answer_markers = tuple(answer_markers)
        self.time_budget = time_budget
        self.max_attempts = max_attempts
        self.max_open_groups = max_open_groups
        self._open: "OrderedDict[Any, list]" = OrderedDict()  # id -> [problem, resets left]
        self._resets = 0
        self._lock = threading.Lock()

    def next_problem(self, key: Any = None):
        """The problem for a reset of the group ``key`` (None: the next of consecutive resets)."""
        with self._lock:
            if key is None:
                key = ("reset-count", self._resets // self.num_generations)
                self._resets += 1
            entry = self._open.get(key)
            if entry is None:
                entry = self._open[key] = [self._draw(key), self.num_generations]
                while len(self._open) > self.max_open_groups:  # groups whose rollouts went elsewhere
                    self._open.popitem(last=False)
            entry[1] -= 1
            if entry[1] == 0:  # the group's last rollout: a later reset of the id is a new group
                del self._open[key]
            return entry[0]

    def _draw(self, key):
        import rlve_fast
        from rlve_fast.errors import GenerationError

        if self.curriculum is not None:
            return self.curriculum.next_problem()
        group = key[1] if isinstance(key, tuple) else key
        for attempt in range(self.max_attempts):
            state = np.random.SeedSequence([self.seed, _as_entropy(group), attempt]).generate_state(2, np.uint32)
            rng = random.Random(int(state[0]) << 32 | int(state[1]))
            env_id = self.environments[rng.randrange(len(self.environments))]
            try:
                return rlve_fast.make(env_id, self.answer_markers).generate(
                    rng.getrandbits(62), difficulty=self.difficulty, time_budget=self.time_budget)
            except GenerationError:
                continue
        raise GenerationError("no problem generated in %d attempts" % self.max_attempts)


def _as_entropy(key: Any) -> int:
    """A non-negative integer for SeedSequence from a row id (an integer or text)."""
    if isinstance(key, (int, np.integer)) and key >= 0:
        return int(key)
    return int.from_bytes(str(key).encode(), "little")


class RLVEEnvironment:
    """One rollout's environment for TRL's ``environment_factory`` (build the factory with
    :func:`environment_factory`).

    ``reset(**row)``: a row with a ``metadata`` column (a dataset from :func:`problem_dataset`)
    uses that problem, whose prompt is already in the row; otherwise the problem comes from the
    shared :class:`ProblemSource` (keyed by the row's ``problem_id`` when it has one) and its
    statement is returned, which TRL appends to the row's (empty) user message. It exposes no
    tools: the completion is the answer, scored by :data:`rlve_reward`, which finds the problem
    through ``environments``. TRL pools instances and resets them again for later batches."""

    def __init__(self, source: Optional[ProblemSource] = None):
        self.source = source
        self.problem = None
        self.label: Optional[str] = None

    def reset(self, **row) -> Optional[str]:
        if row.get("metadata") is not None:
            self.problem = None
            self.label = row["metadata"]
            return None
        if self.source is None:
            raise ValueError("RLVEEnvironment without a ProblemSource needs a 'metadata' column")
        self.problem = self.source.next_problem(row.get(KEY_COLUMN))
        self.label = metadata_json(self.problem)
        return self.problem.prompt + answer_instruction(self.source.answer_markers)


def environment_factory(environments: Sequence[str], *, num_generations: int, **kwargs):
    """The callable to pass as ``GRPOTrainer(environment_factory=...)``: its environments share
    one :class:`ProblemSource` (``kwargs``: ``curriculum``, ``difficulty``, ``seed``, ...).

    A module function rather than a method, since TRL turns every public method of an
    environment into a tool."""
    return functools.partial(RLVEEnvironment, ProblemSource(environments, num_generations=num_generations, **kwargs))
