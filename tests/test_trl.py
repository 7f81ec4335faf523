"""TRL adapter, tested against GRPOTrainer's documented calls (TRL itself needs torch):
reward functions get ``prompts, completions`` and the dataset's columns as keyword arguments
(plus ``environments`` with ``environment_factory``); an environment's ``reset(**example)``
returns text appended to the user message; rollouts of one prompt are reset consecutively."""
from __future__ import annotations

import inspect
import json

import pytest

import rlve_fast
from rlve_fast.integrations.trl import (ProblemSource, RLVEEnvironment, make_reward_function, problem_dataset,
                                        rlve_reward)


def answer(label):
    return "<answer>%s</answer>" % json.loads(label)["config"]["parameter"]["reference_answer"]


def test_reward_function_shape():
    assert rlve_reward.__name__ == "rlve_reward"
    params = inspect.signature(rlve_reward).parameters
    assert list(params)[:2] == ["prompts", "completions"]
    assert any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def test_scores_plain_and_conversational_completions_from_the_metadata_column():
    rows = problem_dataset(["Sorting", "CRT"], 2, difficulty=2)
    labels = [r["metadata"] for r in rows]
    plain = [answer(label) for label in labels]
    conversational = [[{"role": "assistant", "content": text}] for text in plain]
    kwargs = {"metadata": labels, "completion_ids": [[1]] * 4, "trainer_state": None}
    assert rlve_reward([r["prompt"] for r in rows], plain, **kwargs) == [1.0] * 4
    assert rlve_reward([r["prompt"] for r in rows], conversational, **kwargs) == [1.0] * 4
    assert rlve_reward(None, ["nothing"] * 4, metadata=labels) == [-1.0] * 4


def test_rows_it_cannot_score_are_none():
    label = problem_dataset(["Sorting"], 1)[0]["metadata"]
    got = rlve_reward(None, [answer(label), answer(label), 42, answer(label)],
                      metadata=[label, "{bad json", label, json.dumps({"environment": "Nope", "config": {}})])
    assert got == [1.0, None, None, None]


def test_missing_labels_is_an_error_not_zeros():
    with pytest.raises(ValueError, match="metadata"):
        rlve_reward(["p"], ["c"])


def test_boxed_reward_function():
    label = problem_dataset(["CRT"], 1)[0]["metadata"]
    ref = json.loads(label)["config"]["parameter"]["reference_answer"]
    assert make_reward_function(("\\boxed{", "}"))(None, ["\\boxed{%s}" % ref], metadata=[label]) == [1.0]


def _rollouts(factory, groups, group_size):
    """TRL's loop: one environment per rollout, the G rollouts of a prompt reset in a row."""
    envs = [factory() for _ in range(groups * group_size)]
    prompts = [env.reset(prompt=[{"role": "user", "content": ""}]) for env in envs]
    return envs, prompts


def test_environment_factory_gives_each_group_one_problem():
    factory = RLVEEnvironment.factory(["Sorting", "CRT", "Sum_DivisorNum"], num_generations=4, difficulty=2, seed=9)
    envs, prompts = _rollouts(factory, 3, 4)
    labels = [env.label for env in envs]
    for g in range(3):
        assert len(set(labels[4 * g:4 * g + 4])) == 1 and len(set(prompts[4 * g:4 * g + 4])) == 1
    assert len(set(labels)) == 3
    assert all(p.endswith("e.g. <answer>your answer</answer>.") for p in prompts)
    again, _ = _rollouts(RLVEEnvironment.factory(["Sorting", "CRT", "Sum_DivisorNum"], num_generations=4, difficulty=2,
                                                 seed=9), 3, 4)
    assert [e.label for e in again] == labels  # reproducible from the seed
    completions = [answer(label) if i % 2 == 0 else "wrong" for i, label in enumerate(labels)]
    assert rlve_reward(prompts, completions, environments=envs) == [1.0, -1.0] * 6


def test_environment_factory_with_a_curriculum_raises_the_level_it_masters():
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    factory = RLVEEnvironment.factory(["Sorting"], num_generations=2, curriculum=curriculum)
    envs, prompts = _rollouts(factory, 2, 2)
    assert [env.problem.difficulty for env in envs] == [0, 0, 0, 0]
    rlve_reward(prompts, [answer(env.label) for env in envs], environments=envs)
    assert curriculum.difficulty["Sorting"] == 1
    envs, prompts = _rollouts(factory, 2, 2)
    rlve_reward(prompts, ["wrong"] * 4, environments=envs)
    assert curriculum.difficulty["Sorting"] == 1  # 0 of the samples at level 1 were right


def test_environment_with_a_dataset_row_uses_its_problem():
    row = problem_dataset(["CRT"], 1, difficulty=1)[0]
    env = RLVEEnvironment()
    assert env.reset(**row) is None  # the prompt is already in the dataset
    assert rlve_reward([row["prompt"]], [answer(row["metadata"])], environments=[env]) == [1.0]
    with pytest.raises(ValueError, match="metadata"):
        RLVEEnvironment().reset(prompt=[])


def test_problem_source_checks_its_arguments():
    with pytest.raises(rlve_fast.UnknownEnvironmentError):
        ProblemSource(["Sortin"], num_generations=2)
    with pytest.raises(ValueError):
        ProblemSource(["Sorting"], num_generations=0)
