"""TRL adapter, tested against GRPOTrainer's calls (TRL itself needs torch), as in
huggingface/trl ``trl/trainer/grpo_trainer.py``: ``_calculate_rewards`` calls a reward function
with ``prompts, completions, completion_ids`` and the rows' columns as keyword arguments, plus
``trainer_state``, ``log_extra``, ``log_metric=self._log_metric`` and, with
``environment_factory``, ``environments``; the factory's probe turns every public method but
``reset``/``get_reward`` into a tool; ``reset(**row)`` returns text appended to the user message;
``RepeatSampler`` repeats each row ``num_generations`` times and spreads a group over processes."""
from __future__ import annotations

import inspect
import json

import pytest

import rlve_fast
from rlve_fast.integrations.trl import (ProblemSource, RLVEEnvironment, environment_factory, make_reward_function,
                                        problem_dataset, problem_ids, rlve_reward)


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
    factory = environment_factory(["Sorting", "CRT", "Sum_DivisorNum"], num_generations=4, difficulty=2, seed=9)
    envs, prompts = _rollouts(factory, 3, 4)
    labels = [env.label for env in envs]
    for g in range(3):
        assert len(set(labels[4 * g:4 * g + 4])) == 1 and len(set(prompts[4 * g:4 * g + 4])) == 1
    assert len(set(labels)) == 3
    assert all(p.endswith("e.g. <answer>your answer</answer>.") for p in prompts)
    again, _ = _rollouts(environment_factory(["Sorting", "CRT", "Sum_DivisorNum"], num_generations=4, difficulty=2,
                                             seed=9), 3, 4)
    assert [e.label for e in again] == labels  # reproducible from the seed
    completions = [answer(label) if i % 2 == 0 else "wrong" for i, label in enumerate(labels)]
    assert rlve_reward(prompts, completions, environments=envs) == [1.0, -1.0] * 6


def test_environment_factory_with_a_curriculum_raises_the_level_it_masters():
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    factory = environment_factory(["Sorting"], num_generations=2, curriculum=curriculum)
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


def tool_methods(instance):
    """GRPOTrainer's probe of an environment_factory instance (grpo_trainer.py, __init__)."""
    has_reset, methods = False, []
    for member_name, member in inspect.getmembers(instance, predicate=inspect.ismethod):
        if member_name == "reset":
            has_reset = True
        elif member_name == "get_reward":
            pass
        elif not member_name.startswith("_"):
            methods.append(member_name)
    return has_reset, methods


def test_trls_probe_finds_reset_and_no_tools():
    factory = environment_factory(["Sorting"], num_generations=2)
    assert tool_methods(factory()) == (True, [])
    assert tool_methods(RLVEEnvironment()) == (True, [])


def repeat_sampler_slices(ids, num_generations, processes):
    """The rows each process resets, in order: every id repeated num_generations times, the
    repeated list cut into contiguous per-process slices (RepeatSampler + per-device batches)."""
    rows = [k for k in ids for _ in range(num_generations)]
    per = len(rows) // processes
    return [rows[p * per:(p + 1) * per] for p in range(processes)]


def test_a_group_spread_over_processes_shares_its_problem():
    ids = problem_ids(6)
    assert ids[2] == {"prompt": [{"role": "user", "content": ""}], "problem_id": 2}
    # num_generations=4 over 4 processes of 6 rollouts: groups 1 and 4 straddle two processes
    slices = repeat_sampler_slices(range(6), 4, 4)
    assert slices[0] == [0, 0, 0, 0, 1, 1] and slices[1] == [1, 1, 2, 2, 2, 2]
    labels = {}
    for process_rows in slices:
        factory = environment_factory(["Sorting", "CRT"], num_generations=4, difficulty=1, seed=4)  # one per process
        pool = [factory() for _ in process_rows]
        for env, k in zip(pool, process_rows):
            env.reset(**ids[k])
            labels.setdefault(k, set()).add(env.label)
    assert all(len(found) == 1 for found in labels.values())
    assert len({next(iter(found)) for found in labels.values()}) == 6


def test_keyed_groups_draw_from_the_curriculum_once_and_ids_can_repeat():
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=1)
    factory = environment_factory(["Sorting"], num_generations=2, curriculum=curriculum)
    pool = [factory() for _ in range(4)]
    rows = [0, 0, 1, 1]
    for env, k in zip(pool, rows):
        env.reset(**problem_ids(2)[k])
    assert pool[0].label == pool[1].label != pool[2].label == pool[3].label
    assert curriculum.problem_seed == 2
    pool[0].reset(**problem_ids(1)[0])  # the next epoch: id 0 is a new group
    assert curriculum.problem_seed == 3


class FakeTrainer:
    """What the reward function reaches through log_metric: GRPOTrainer._log_metric's owner."""

    def __init__(self, training):
        self.model = type("Model", (), {"training": training})()
        self.logged = {}

    def _log_metric(self, name, value):
        self.logged[name] = value


def test_evaluation_batches_do_not_feed_the_curriculum():
    curriculum = rlve_fast.Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=1)
    factory = environment_factory(["Sorting"], num_generations=2, curriculum=curriculum)
    envs, prompts = _rollouts(factory, 1, 2)
    evaluating = FakeTrainer(training=False)
    rlve_reward(prompts, [answer(e.label) for e in envs], environments=envs, log_metric=evaluating._log_metric)
    assert curriculum.difficulty["Sorting"] == 0 and curriculum.counted["Sorting"] == 0 and not evaluating.logged
    training = FakeTrainer(training=True)
    rlve_reward(prompts, [answer(e.label) for e in envs], environments=envs, log_metric=training._log_metric)
    assert curriculum.difficulty["Sorting"] == 1
    assert training.logged["RLVE/Sorting/difficulty"] == 1.0 and training.logged["RLVE/Sorting/accuracy"] == 1.0


def test_labels_and_completions_of_different_lengths_are_an_error():
    label = problem_dataset(["Sorting"], 1)[0]["metadata"]
    with pytest.raises(ValueError, match="2 completions but 1 labels"):
        rlve_reward(None, [answer(label), answer(label)], metadata=[label])
    env = RLVEEnvironment()
    env.reset(metadata=label)
    with pytest.raises(ValueError, match="1 completions but 2 labels"):
        rlve_reward(None, [answer(label)], environments=[env, env])
