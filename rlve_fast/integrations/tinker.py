"""Tinker cookbook: an environment, a group builder and a dataset in its RL interfaces.

The interfaces are those of thinking-machines-lab/tinker-cookbook ``tinker_cookbook/rl/types.py``:
``Env.step(action, *, extra=None)`` returns a ``StepResult(reward, episode_done,
next_observation, next_stop_condition, metrics, logs)``; ``EnvGroupBuilder.make_envs()``
builds one group; ``RLDataset.get_batch(i)`` returns builders, which must pickle (the
cookbook's rollout executor may send them to other processes).

``RLVEGroupBuilder`` and ``RLVEDataset`` carry only ids, seeds, levels and parameters, and build
the problem where they run (a seed whose generation fails or runs out of time is replaced by a
derived one). The renderer is named (``renderer_name`` + ``model_name``, resolved with the
cookbook's ``renderers.get_renderer`` and ``tokenizer_utils.get_tokenizer``) or given by a
zero-argument ``renderer_factory`` that pickles.

The reward is upstream's reward; ``metrics`` carry ``correct`` (accuracy), ``format``
(format_score) and ``problem_difficulty``, as RLVE's Tinker recipe reports them, and ``logs``
the environment id and level. With a curriculum, every ``step`` records its sample at once
(upstream's Tinker recipe updates per sample the same way) and adds the curriculum's log to
``metrics``. A builder sent to another process leaves the curriculum behind; its episodes say
so (``logs["curriculum_recorded"] == 0``) and :meth:`RLVEDataset.update` counts them.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

try:  # subclass the cookbook's interfaces where it is installed
    from tinker_cookbook.rl.types import Env as _Env, EnvGroupBuilder as _EnvGroupBuilder, RLDataset as _RLDataset
except ImportError:  # pragma: no cover - exercised where the cookbook is absent
    _Env = _EnvGroupBuilder = _RLDataset = object

from rlve_fast.deadline import DEFAULT_TIME_BUDGET
from rlve_fast.integrations._common import ANSWER_TAGS, answer_instruction, completion_text


def _renderer(renderer_name: Optional[str], model_name: Optional[str], factory: Optional[Callable]):
    if factory is not None:
        return factory()
    from tinker_cookbook import renderers
    from tinker_cookbook.tokenizer_utils import get_tokenizer

    return renderers.get_renderer(renderer_name, get_tokenizer(model_name))


def _step_result(**kwargs):
    try:
        from tinker_cookbook.rl.types import StepResult
    except ImportError:
        return dict(kwargs)
    return StepResult(**kwargs)


def _empty_observation():
    try:
        import tinker
    except ImportError:
        return None
    return tinker.ModelInput.empty()


class RLVETinkerEnv(_Env):
    """One episode: the prompt is the observation, one completion is the action."""

    def __init__(self, problem, env, prepared, renderer, curriculum=None):
        self.problem = problem          # rlve_fast.Problem
        self.env = env                  # its environment, with the answer markers
        self.prepared = prepared        # env.prepare(problem.config), shared by the group
        self.renderer = renderer
        self.curriculum = curriculum

    @property
    def stop_condition(self):
        return self.renderer.get_stop_sequences()

    def question(self) -> str:
        return self.problem.prompt + answer_instruction(self.env.answer_markers)

    async def initial_observation(self):
        messages = [{"role": "user", "content": self.question()}]
        return self.renderer.build_generation_prompt(messages), self.stop_condition

    async def step(self, action, *, extra=None):
        # a response that did not end cleanly is still scored on its text, as upstream's recipe does
        message, _termination = self.renderer.parse_response(action)
        result = self.env.verify(self.prepared, completion_text([message]))  # text parts only, no thinking
        env_id, level = self.problem.environment, self.problem.difficulty
        metrics = {"correct": float(result["accuracy"]), "format": float(result["format_score"]),
                   "problem_difficulty": level}
        recorded = self.curriculum is not None
        if recorded:
            metrics.update(self.curriculum.record(env_id, level, result["accuracy"]))
        return _step_result(
            reward=float(result["reward"]), episode_done=True, next_observation=_empty_observation(),
            next_stop_condition=self.stop_condition, metrics=metrics,
            logs={"environment": env_id, "problem_difficulty": level, "seed": self.problem.seed,
                  "curriculum_recorded": int(recorded)},
        )


def _retry_seed(seed: int, attempt: int) -> int:
    """The seed tried after ``attempt`` failures (far from the dataset's consecutive seeds)."""
    if attempt == 0:
        return seed
    state = np.random.SeedSequence([seed, attempt]).generate_state(2, np.uint32)
    return (int(state[0]) << 30) ^ int(state[1])


@dataclass(frozen=True)
class RLVEGroupBuilder(_EnvGroupBuilder):
    """``group_size`` episodes of one problem (GRPO centres rewards within the group)."""
    env_id: str
    seed: int
    difficulty: int
    group_size: int
    parameter: Optional[dict] = None
    renderer_name: Optional[str] = None
    model_name: Optional[str] = None
    renderer_factory: Optional[Callable] = None
    answer_markers: Tuple[str, str] = ANSWER_TAGS
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET
    max_attempts: int = 20
    # in-process only: pickling leaves it behind (a copy elsewhere would learn on its own)
    curriculum: Any = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> Dict[str, Any]:
        return {k: (None if k == "curriculum" else v) for k, v in self.__dict__.items()}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def problem(self):
        """The group's problem: the builder's seed, or a derived one if that seed fails."""
        import rlve_fast
        from rlve_fast.errors import GenerationError

        env = rlve_fast.make(self.env_id, self.answer_markers)
        failure = None
        for attempt in range(self.max_attempts):
            try:
                return env.generate(_retry_seed(self.seed, attempt), difficulty=self.difficulty,
                                    parameter=self.parameter, time_budget=self.time_budget)
            except GenerationError as exc:  # GenerationTimeout included
                failure = exc
        raise GenerationError("%s: no problem from seed %d (level %d) in %d attempts; last: %s"
                              % (self.env_id, self.seed, self.difficulty, self.max_attempts, failure))

    async def make_envs(self):
        import rlve_fast

        renderer = _renderer(self.renderer_name, self.model_name, self.renderer_factory)
        # generation can take seconds: keep the rollout event loop serving meanwhile
        problem = await asyncio.get_running_loop().run_in_executor(None, self.problem)
        env = rlve_fast.make(self.env_id, self.answer_markers)
        prepared = env.prepare(problem.config)
        return [RLVETinkerEnv(problem, env, prepared, renderer, self.curriculum) for _ in range(self.group_size)]

    async def compute_group_rewards(self, trajectory_group, env_group):
        return [(0.0, {}) for _ in trajectory_group]

    def logging_tags(self) -> List[str]:
        return ["rlve", self.env_id]


class RLVEDataset(_RLDataset):
    """Batches of group builders.

    With ``curriculum`` (a :class:`rlve_fast.Curriculum`) problems follow its levels and every
    episode updates it as it is scored; otherwise every batch is drawn at the fixed
    ``difficulty``, and batch ``i`` is always the same (seeds ``i * batch_size + j``)."""

    def __init__(self, environments: Sequence[str], *, batch_size: int, group_size: int, n_batches: int,
                 difficulty: int = 0, curriculum=None, renderer_name: Optional[str] = None,
                 model_name: Optional[str] = None, renderer_factory: Optional[Callable] = None,
                 answer_markers: Tuple[str, str] = ANSWER_TAGS):
        self.environments = list(environments)
        self.batch_size, self.group_size, self.n_batches = batch_size, group_size, n_batches
        self.difficulty, self.curriculum = difficulty, curriculum
        self.renderer = dict(renderer_name=renderer_name, model_name=model_name,
                             renderer_factory=renderer_factory, answer_markers=tuple(answer_markers))

    def __len__(self) -> int:
        return self.n_batches

    def get_batch(self, index: int) -> List[RLVEGroupBuilder]:
        builders = []
        for j in range(self.batch_size):
            if self.curriculum is not None:
                problem = self.curriculum.next_problem()
                env_id, seed, level = problem.environment, problem.seed, problem.difficulty
                parameter = {k: problem.parameter[k] for k in self._schedule_keys(env_id, level, problem.parameter)}
            else:
                seed = index * self.batch_size + j
                env_id = self.environments[seed % len(self.environments)]
                level, parameter = self.difficulty, None
            builders.append(RLVEGroupBuilder(env_id, seed, level, self.group_size, parameter,
                                             curriculum=self.curriculum, **self.renderer))
        return builders

    @staticmethod
    def _schedule_keys(env_id, level, parameter) -> List[str]:
        """The keys of the schedule's parameter (what generation starts from)."""
        import rlve_fast

        keys = set().union(*(p.keys() for p in rlve_fast.make(env_id).parameters(level)))
        return [k for k in parameter if k in keys]

    def update(self, results: Iterable[Any]) -> Dict[str, Any]:
        """Count episodes that ran where the curriculum was out of reach (a rollout executor in
        other processes). ``results``: TrajectoryGroups, Trajectories, Transitions or StepResults
        (or their dicts); episodes already recorded in ``step`` are skipped, so this never counts
        one twice."""
        if self.curriculum is None:
            return {}
        samples = []
        for metrics, logs in _episodes(results):
            if "environment" in logs and not logs.get("curriculum_recorded"):
                samples.append({"environment": logs["environment"], "problem_difficulty": logs["problem_difficulty"],
                                "accuracy": metrics["correct"]})
        return self.curriculum.update(samples)


def _episodes(items: Iterable[Any]):
    """(metrics, logs) of every step in the cookbook's result containers."""
    for item in items:
        if isinstance(item, dict):
            yield item.get("metrics", {}), item.get("logs", {})
        elif hasattr(item, "trajectories_G"):
            yield from _episodes(item.trajectories_G)
        elif hasattr(item, "transitions"):
            yield from _episodes(item.transitions)
        else:
            yield item.metrics, item.logs
