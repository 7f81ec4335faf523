"""TRL: a reward function for ``GRPOTrainer`` and an environment class for its ``environment_factory``.

With a dataset of generated problems (a ``prompt`` and RLVE's ``metadata`` per row)::

    from datasets import Dataset
    from rlve_fast.integrations.trl import problem_dataset, rlve_reward
    dataset = Dataset.from_list(problem_dataset(["Sorting", "CRT"], count=512, difficulty=3))
    trainer = GRPOTrainer(model=..., reward_funcs=rlve_reward, train_dataset=dataset, args=GRPOConfig(...))

Procedurally, no dataset (each rollout group gets a fresh problem, optionally from the adaptive
curriculum, which the reward function then updates)::

    from rlve_fast.integrations.trl import RLVEEnvironment, rlve_reward
    factory = RLVEEnvironment.factory(["Sorting", "CRT"], num_generations=8,
                                      curriculum=rlve_fast.Curriculum(["Sorting", "CRT"], samples_per_prompt=8))
    trainer = GRPOTrainer(model=..., reward_funcs=rlve_reward, environment_factory=factory,
                          args=GRPOConfig(num_generations=8, max_steps=1000, ...))

``rlve_reward(prompts, completions, **columns)`` takes plain or conversational completions and
returns one float per completion, or ``None`` for a row it cannot score (no valid label, a
completion that is not text): TRL leaves such rows out of the reward instead of training on a
made-up 0.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from rlve_fast.deadline import DEFAULT_TIME_BUDGET
from rlve_fast.integrations._common import (ANSWER_TAGS, LabelError, answer_instruction, chat_prompt,
                                            completion_text, generated_problems, metadata_json, parse_label)

log = logging.getLogger(__name__)


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
        if environments is not None:
            _feed_curricula(environments, rows, result)
        return rewards

    rlve_reward.__name__ = "rlve_reward"  # TRL logs each reward under its function's name
    return rlve_reward


rlve_reward = make_reward_function()


def _feed_curricula(environments, rows, result) -> None:
    """After a scored batch, each curriculum behind the environments sees its samples once."""
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


def problem_dataset(environments: Sequence[str], count: int, *, difficulty: int = 0, seed: int = 0,
                    answer_markers: Sequence[str] = ANSWER_TAGS,
                    time_budget: Optional[float] = DEFAULT_TIME_BUDGET) -> List[Dict[str, Any]]:
    """Rows ``{"prompt": [user message], "metadata": <RLVE metadata JSON>}`` for
    ``datasets.Dataset.from_list``: ``count`` problems per environment."""
    return [{"prompt": chat_prompt(problem, answer_markers), "metadata": metadata_json(problem)}
            for problem in generated_problems(environments, count, difficulty=difficulty, seed=seed,
                                              answer_markers=answer_markers, time_budget=time_budget)]


class ProblemSource:
    """Problems for the environments of one trainer process, one per rollout group.

    TRL resets one environment per rollout, the ``num_generations`` rollouts of a prompt one
    after another; every ``num_generations`` consecutive resets share a problem, so a GRPO
    group compares completions of one problem.  Problems come from the ``curriculum`` when
    given, otherwise an environment is drawn uniformly and generated at ``difficulty``; all
    draws derive from (``seed``, group number), so a run is reproducible."""

    def __init__(self, environments: Sequence[str], *, num_generations: int, difficulty: int = 0,
                 curriculum=None, seed: int = 0, answer_markers: Sequence[str] = ANSWER_TAGS,
                 time_budget: Optional[float] = DEFAULT_TIME_BUDGET, max_attempts: int = 100):
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
        self._resets = 0
        self._problem = None
        self._lock = threading.Lock()

    def next_problem(self):
        with self._lock:
            if self._resets % self.num_generations == 0:
                self._problem = self._draw(self._resets // self.num_generations)
            self._resets += 1
            return self._problem

    def _draw(self, group: int):
        import rlve_fast
        from rlve_fast.errors import GenerationError

        if self.curriculum is not None:
            return self.curriculum.next_problem()
        for attempt in range(self.max_attempts):
            state = np.random.SeedSequence([self.seed, group, attempt]).generate_state(2, np.uint32)
            rng = random.Random(int(state[0]) << 32 | int(state[1]))
            env_id = self.environments[rng.randrange(len(self.environments))]
            try:
                return rlve_fast.make(env_id, self.answer_markers).generate(
                    rng.getrandbits(62), difficulty=self.difficulty, time_budget=self.time_budget)
            except GenerationError:
                continue
        raise GenerationError("no problem generated in %d attempts" % self.max_attempts)


class RLVEEnvironment:
    """One rollout's environment for TRL's ``environment_factory``.

    ``reset(**example)``: with a ``metadata`` column (a dataset from :func:`problem_dataset`) the
    row's problem is used and its prompt is already in the dataset; otherwise the next problem
    is drawn from the shared :class:`ProblemSource` and its statement returned, which TRL
    appends to the (empty) user message.  It exposes no tools: the completion is the answer,
    scored by :data:`rlve_reward`, which finds the problem through ``environments``."""

    def __init__(self, source: Optional[ProblemSource] = None):
        self.source = source
        self.problem = None
        self.label: Optional[str] = None

    @classmethod
    def factory(cls, environments: Sequence[str], *, num_generations: int, **kwargs):
        """The callable to pass as ``environment_factory`` (its instances share one source)."""
        return functools.partial(cls, ProblemSource(environments, num_generations=num_generations, **kwargs))

    def reset(self, **example) -> Optional[str]:
        if example.get("metadata") is not None:
            self.problem = None
            self.label = example["metadata"]
            return None
        if self.source is None:
            raise ValueError("RLVEEnvironment without a ProblemSource needs a 'metadata' column")
        self.problem = self.source.next_problem()
        self.label = metadata_json(self.problem)
        return self.problem.prompt + answer_instruction(self.source.answer_markers)
