"""Tinker cookbook adapter against its documented interfaces (the cookbook itself pulls a
CUDA build of torch, so a renderer stand-in with the same three methods is used here)."""
from __future__ import annotations

import asyncio
import pickle

import rlve_fast
from rlve_fast.integrations.tinker import RLVEDataset, RLVEGroupBuilder


class FakeRenderer:
    """The three renderer methods the cookbook's problem environments use; tokens are
    code points so parse_response can recover the text."""

    def build_generation_prompt(self, messages):
        return [ord(c) for c in messages[-1]["content"]]

    def get_stop_sequences(self):
        return ["<|end|>"]

    def parse_response(self, tokens):
        return {"role": "assistant", "content": "".join(map(chr, tokens))}, True


def make_renderer():
    return FakeRenderer()


def run_episode(env, text):
    async def go():
        observation, stop = await env.initial_observation()
        return observation, stop, await env.step([ord(c) for c in text])
    return asyncio.run(go())


def test_group_builder_pickles_small_and_scores_episodes():
    builder = RLVEGroupBuilder("Sorting", seed=4, difficulty=2, group_size=3, renderer_factory=make_renderer)
    blob = pickle.dumps(builder)
    assert len(blob) < 1000
    builder = pickle.loads(blob)
    envs = asyncio.run(builder.make_envs())
    assert len(envs) == 3
    problem = rlve_fast.make("Sorting").generate(4, difficulty=2)
    observation, stop, result = run_episode(envs[0], "<answer>%s</answer>" % problem.parameter["reference_answer"])
    assert "".join(map(chr, observation)).startswith(problem.prompt) and stop == ["<|end|>"]
    result = result if isinstance(result, dict) else result.__dict__
    assert result["reward"] == 1.0 and result["episode_done"] is True
    assert result["metrics"] == {"correct": 1.0, "format": 1.0}
    _, _, wrong = run_episode(envs[1], "no answer")
    wrong = wrong if isinstance(wrong, dict) else wrong.__dict__
    assert wrong["reward"] == -1.0 and wrong["metrics"]["format"] == 0.0
    assert builder.logging_tags() == ["rlve", "Sorting"]


def test_dataset_batches_are_reproducible_and_follow_the_curriculum():
    fixed = RLVEDataset(["Sorting"], batch_size=4, group_size=2, n_batches=10, difficulty=3,
                        renderer_factory=make_renderer)
    assert len(fixed) == 10
    assert [b.seed for b in fixed.get_batch(2)] == [8, 9, 10, 11]
    assert fixed.get_batch(2) == fixed.get_batch(2)

    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    learning = RLVEDataset(["Sorting"], batch_size=2, group_size=2, n_batches=5, curriculum=curriculum,
                           renderer_factory=make_renderer)
    results = []
    for builder in learning.get_batch(0):
        envs = asyncio.run(builder.make_envs())
        for env in envs:
            reference = env.problem.parameter["reference_answer"]
            results.append(run_episode(env, "<answer>%s</answer>" % reference)[2])
    log = learning.update(results)
    assert log["RLVE/Sorting/difficulty"] == 1
