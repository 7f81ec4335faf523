"""Tinker cookbook adapter against the cookbook's real interfaces.

The cookbook pulls a CUDA build of torch, so its types are stubbed here as they are in
thinking-machines-lab/tinker-cookbook ``tinker_cookbook/rl/types.py`` (``StepResult``'s fields,
the abstract methods of ``Env``, ``EnvGroupBuilder`` and ``RLDataset``, ``Transition``,
``Trajectory``, ``TrajectoryGroup``), with ``tinker.ModelInput.empty()``; the rollout loop
(``tinker_cookbook/rl/rollout_runner.py``) calls ``env.step(tokens, extra=ActionExtra(...))``,
and a renderer's ``parse_response`` returns ``(message, ParseTermination)``
(``tinker_cookbook/renderers/base.py``)."""
from __future__ import annotations

import asyncio
import importlib
import pickle
import sys
import types
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import pytest

import rlve_fast


@dataclass
class StepResult:
    reward: float
    episode_done: bool
    next_observation: object
    next_stop_condition: list
    metrics: dict = field(default_factory=dict)
    logs: dict = field(default_factory=dict)


@dataclass
class Transition:
    ob: object
    ac: object
    reward: float
    episode_done: bool
    metrics: dict = field(default_factory=dict)
    logs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Trajectory:
    transitions: list
    final_ob: object
    stop_reason: object = None


@dataclass
class TrajectoryGroup:
    trajectories_G: list
    final_rewards_G: list
    metrics_G: list


class Env(ABC):
    @abstractmethod
    async def initial_observation(self): ...

    @abstractmethod
    async def step(self, action, *, extra=None): ...


class EnvGroupBuilder(ABC):
    @abstractmethod
    async def make_envs(self): ...

    async def compute_group_rewards(self, trajectory_group, env_group):
        return [(0.0, {}) for _ in trajectory_group]

    async def cleanup(self):
        pass

    def logging_tags(self):
        return []


class RLDataset(ABC):
    @abstractmethod
    def get_batch(self, index): ...

    @abstractmethod
    def __len__(self): ...


class ModelInput:
    def __init__(self, chunks):
        self.chunks = chunks

    @classmethod
    def empty(cls):
        return cls([])


@pytest.fixture(scope="module")
def tk():
    """rlve_fast.integrations.tinker imported with the cookbook's types installed."""
    stubs = {name: types.ModuleType(name) for name in ("tinker", "tinker_cookbook", "tinker_cookbook.rl",
                                                        "tinker_cookbook.rl.types")}
    stubs["tinker"].ModelInput = ModelInput
    for name in ("StepResult", "Env", "EnvGroupBuilder", "RLDataset", "Transition", "Trajectory", "TrajectoryGroup"):
        setattr(stubs["tinker_cookbook.rl.types"], name, globals()[name])
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    import rlve_fast.integrations.tinker as module
    module = importlib.reload(module)
    yield module
    for name, old in saved.items():
        if old is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = old
    importlib.reload(module)


class FakeRenderer:
    """The renderer methods the cookbook's problem environments use; tokens are code points.
    ``thinking`` makes parse_response return content parts with a thinking part first."""

    def __init__(self, thinking=False):
        self.thinking = thinking

    def build_generation_prompt(self, messages):
        return [ord(c) for c in messages[-1]["content"]]

    def get_stop_sequences(self):
        return ["<|end|>"]

    def parse_response(self, tokens):
        text = "".join(map(chr, tokens))
        if self.thinking:
            return {"role": "assistant", "content": [{"type": "thinking", "thinking": "<answer>0</answer>"},
                                                     {"type": "text", "text": text}]}, "stop_sequence"
        return {"role": "assistant", "content": text}, "stop_sequence"


def make_renderer():
    return FakeRenderer()


def make_thinking_renderer():
    return FakeRenderer(thinking=True)


def run_episode(env, text):
    async def go():
        observation, stop = await env.initial_observation()
        # as the cookbook's rollout loop calls it
        return observation, stop, await env.step([ord(c) for c in text], extra={"stop_reason": "stop"})
    return asyncio.run(go())


def reference_answer(env):
    return "<answer>%s</answer>" % env.problem.parameter["reference_answer"]


def test_the_classes_implement_the_cookbooks_abstract_interfaces(tk):
    assert issubclass(tk.RLVETinkerEnv, Env) and issubclass(tk.RLVEGroupBuilder, EnvGroupBuilder)
    dataset = tk.RLVEDataset(["Sorting"], batch_size=2, group_size=2, n_batches=3, renderer_factory=make_renderer)
    assert isinstance(dataset, RLDataset) and len(dataset) == 3  # instantiable: nothing left abstract


def test_group_builder_pickles_small_and_scores_episodes(tk):
    builder = tk.RLVEGroupBuilder("Sorting", seed=4, difficulty=2, group_size=3, renderer_factory=make_renderer)
    blob = pickle.dumps(builder)
    assert len(blob) < 1000
    builder = pickle.loads(blob)
    envs = asyncio.run(builder.make_envs())
    assert len(envs) == 3 and len({id(e.problem) for e in envs}) == 1  # one problem per group
    problem = rlve_fast.make("Sorting").generate(4, difficulty=2)
    observation, stop, result = run_episode(envs[0], "<answer>%s</answer>" % problem.parameter["reference_answer"])
    assert "".join(map(chr, observation)).startswith(problem.prompt) and stop == ["<|end|>"]
    assert isinstance(result, StepResult)
    assert result.reward == 1.0 and result.episode_done is True and result.next_observation.chunks == []
    assert result.metrics == {"correct": 1.0, "format": 1.0, "problem_difficulty": 2}
    assert result.logs == {"environment": "Sorting", "problem_difficulty": 2, "seed": 4, "curriculum_recorded": 0}
    wrong = run_episode(envs[1], "no answer")[2]
    assert wrong.reward == -1.0 and wrong.metrics["format"] == 0.0
    assert builder.logging_tags() == ["rlve", "Sorting"]


def test_only_the_text_parts_of_the_response_are_scored(tk):
    builder = tk.RLVEGroupBuilder("Sorting", seed=4, difficulty=2, group_size=1,
                                  renderer_factory=make_thinking_renderer)
    env = asyncio.run(builder.make_envs())[0]
    assert run_episode(env, reference_answer(env))[2].reward == 1.0


def test_a_seed_whose_generation_fails_is_replaced(tk, monkeypatch):
    from rlve_fast.errors import GenerationError

    env_class = type(rlve_fast.make("Sorting"))
    real = env_class.generate
    tried = []

    def flaky(self, seed, *args, **kwargs):
        tried.append(seed)
        if len(tried) < 3:
            raise GenerationError("no luck")
        return real(self, seed, *args, **kwargs)

    monkeypatch.setattr(env_class, "generate", flaky)
    builder = tk.RLVEGroupBuilder("Sorting", seed=4, difficulty=1, group_size=2, renderer_factory=make_renderer)
    envs = asyncio.run(builder.make_envs())
    assert tried[0] == 4 and len(set(tried)) == 3 and envs[0].problem.seed == tried[2]
    assert run_episode(envs[0], reference_answer(envs[0]))[2].reward == 1.0
    tried.clear()
    stubborn = tk.RLVEGroupBuilder("Sorting", seed=4, difficulty=1, group_size=2, max_attempts=2,
                                   renderer_factory=make_renderer)
    with pytest.raises(GenerationError, match="2 attempts"):
        asyncio.run(stubborn.make_envs())


def test_fixed_batches_are_reproducible(tk):
    fixed = tk.RLVEDataset(["Sorting"], batch_size=4, group_size=2, n_batches=10, difficulty=3,
                           renderer_factory=make_renderer)
    assert [b.seed for b in fixed.get_batch(2)] == [8, 9, 10, 11]
    assert fixed.get_batch(2) == fixed.get_batch(2)


def test_step_records_each_sample_in_the_curriculum(tk):
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    learning = tk.RLVEDataset(["Sorting"], batch_size=2, group_size=2, n_batches=5, curriculum=curriculum,
                              renderer_factory=make_renderer)
    results = []
    for builder in learning.get_batch(0):
        for env in asyncio.run(builder.make_envs()):
            results.append(run_episode(env, reference_answer(env))[2])
    # the fourth right answer at level 0 completes the check (2 prompts x 2 samples)
    assert [r.logs["curriculum_recorded"] for r in results] == [1, 1, 1, 1]
    assert curriculum.difficulty["Sorting"] == 1
    assert results[-1].metrics["RLVE/Sorting/difficulty"] == 1 and "RLVE/Sorting/accuracy" not in results[0].metrics
    assert learning.update(results) == {"rollout/problem_generation_seed": 2}  # nothing counted twice
    assert curriculum.counted["Sorting"] == 0


def test_episodes_run_elsewhere_are_counted_by_update(tk):
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    learning = tk.RLVEDataset(["Sorting"], batch_size=2, group_size=2, n_batches=5, curriculum=curriculum,
                              renderer_factory=make_renderer)
    groups = []
    for builder in learning.get_batch(0):
        remote = pickle.loads(pickle.dumps(builder))  # as a process-pool rollout executor sends it
        assert remote.curriculum is None and remote == builder
        trajectories = []
        for env in asyncio.run(remote.make_envs()):
            r = run_episode(env, reference_answer(env))[2]
            trajectories.append(Trajectory([Transition(None, None, r.reward, True, r.metrics, r.logs)], None))
        groups.append(TrajectoryGroup(trajectories, [0.0, 0.0], [{}, {}]))
    assert curriculum.difficulty["Sorting"] == 0  # nothing reached it from the copies
    log = learning.update(groups)
    assert log["RLVE/Sorting/difficulty"] == 1 and curriculum.difficulty["Sorting"] == 1


def test_dataset_with_a_curriculum_pickles(tk):
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    dataset = tk.RLVEDataset(["Sorting"], batch_size=2, group_size=2, n_batches=5, curriculum=curriculum,
                             renderer_factory=make_renderer)
    copy = pickle.loads(pickle.dumps(dataset))
    assert [b.seed for b in copy.get_batch(0)] == [b.seed for b in dataset.get_batch(0)]
