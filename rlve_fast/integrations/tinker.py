"""Tinker cookbook: an environment, a group builder and a dataset in its RL interfaces.

``RLVEGroupBuilder`` (an ``EnvGroupBuilder``) and ``RLVEDataset`` (an ``RLDataset``) carry only
ids, seeds, levels and parameters, so they pickle small and build the problem where they
run.  The renderer is named, not carried (``renderer_name`` + ``model_name``, resolved with
the cookbook's ``renderers.get_renderer`` and ``tokenizer_utils.get_tokenizer``), or given
by a zero-argument ``renderer_factory`` that pickles.

The reward of a completion is upstream's reward; ``metrics`` carry ``correct`` (accuracy)
and ``format`` (format_score) as the cookbook's problem environments do, and the step's
``metadata`` holds RLVE's ``{environment, problem_difficulty}`` for the curriculum.
Without the cookbook installed the classes still work against any object with the same
methods (that is how the tests run: the cookbook pulls in a CUDA build of torch).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

try:  # subclass the cookbook's interfaces where it is installed
    from tinker_cookbook.rl.types import Env as _Env, EnvGroupBuilder as _EnvGroupBuilder, RLDataset as _RLDataset
except ImportError:  # pragma: no cover - exercised where the cookbook is absent
    _Env = _EnvGroupBuilder = _RLDataset = object

from rlve_fast.integrations._common import answer_instruction


def _renderer(renderer_name: Optional[str], model_name: Optional[str], factory: Optional[Callable]):
    if factory is not None:
        return factory()
    from tinker_cookbook import renderers
    from tinker_cookbook.tokenizer_utils import get_tokenizer

    return renderers.get_renderer(renderer_name, get_tokenizer(model_name))


def _step_result(**kwargs):
    try:
        from tinker_cookbook.rl.types import StepResult
        return StepResult(**kwargs)
    except ImportError:
        return dict(kwargs)


def _empty_observation():
    try:
        import tinker
        return tinker.ModelInput.empty()
    except ImportError:
        return None


class RLVETinkerEnv(_Env):
    """One episode: the prompt is the observation, one completion is the action."""

    def __init__(self, env_id: str, seed: int, difficulty: int, parameter: Optional[dict], renderer,
                 answer_markers: Tuple[str, str] = ("<answer>", "</answer>")):
        import rlve_fast

        self.env = rlve_fast.make(env_id, answer_markers)
        self.problem = self.env.generate(seed, difficulty=difficulty, parameter=parameter)
        self.prepared = self.env.prepare(self.problem.config)
        self.renderer = renderer
        self.answer_markers = answer_markers

    @property
    def stop_condition(self):
        return self.renderer.get_stop_sequences()

    def question(self) -> str:
        return self.problem.prompt + answer_instruction(self.answer_markers)

    async def initial_observation(self):
        return self.renderer.build_generation_prompt([{"role": "user", "content": self.question()}]), self.stop_condition

    async def step(self, action):
        message, _ = self.renderer.parse_response(action)
        result = self.env.verify(self.prepared, message["content"])
        return _step_result(
            reward=result["reward"], episode_done=True, next_observation=_empty_observation(),
            next_stop_condition=self.stop_condition,
            metrics={"correct": float(result["accuracy"]), "format": float(result["format_score"])},
            metadata={"environment": self.problem.environment, "problem_difficulty": self.problem.difficulty},
        )


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
    answer_markers: Tuple[str, str] = ("<answer>", "</answer>")

    async def make_envs(self):
        renderer = _renderer(self.renderer_name, self.model_name, self.renderer_factory)
        return [RLVETinkerEnv(self.env_id, self.seed, self.difficulty, self.parameter, renderer,
                              self.answer_markers) for _ in range(self.group_size)]

    async def compute_group_rewards(self, trajectory_group, env_group):
        return [(0.0, {}) for _ in trajectory_group]

    def logging_tags(self) -> List[str]:
        return ["rlve", self.env_id]


class RLVEDataset(_RLDataset):
    """Batches of group builders.

    With ``curriculum`` (a :class:`rlve_fast.Curriculum`) problems follow its levels, and
    ``update`` feeds finished step results back to it; otherwise every batch is drawn at the
    fixed ``difficulty``, and batch ``i`` is always the same (seeds ``i * batch_size + j``)."""

    def __init__(self, environments: Sequence[str], *, batch_size: int, group_size: int, n_batches: int,
                 difficulty: int = 0, curriculum=None, renderer_name: Optional[str] = None,
                 model_name: Optional[str] = None, renderer_factory: Optional[Callable] = None,
                 answer_markers: Tuple[str, str] = ("<answer>", "</answer>")):
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
            builders.append(RLVEGroupBuilder(env_id, seed, level, self.group_size, parameter, **self.renderer))
        return builders

    @staticmethod
    def _schedule_keys(env_id, level, parameter) -> List[str]:
        """The keys of the schedule's parameter (what generation starts from)."""
        import rlve_fast

        keys = set().union(*(p.keys() for p in rlve_fast.make(env_id).parameters(level)))
        return [k for k in parameter if k in keys]

    def update(self, step_results: Sequence[Any]) -> Dict[str, Any]:
        """Feed finished episodes (StepResults, or their dicts) to the curriculum."""
        if self.curriculum is None:
            return {}
        samples = []
        for r in step_results:
            meta = r["metadata"] if isinstance(r, dict) else r.metadata
            metrics = r["metrics"] if isinstance(r, dict) else r.metrics
            samples.append({"environment": meta["environment"], "problem_difficulty": meta["problem_difficulty"],
                            "accuracy": metrics["correct"]})
        return self.curriculum.update(samples)
