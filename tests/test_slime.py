"""slime adapter, against slime's documented call signatures (slime needs GPUs to install)."""
from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest

from rlve_fast.integrations import slime

SORTING = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
           "passing_reward_threshold": 1.0}


def args(**kw):
    base = dict(answer_marker_type="\\boxed{}", environment_list=["Sorting"], n_samples_per_prompt=2,
                initial_difficulty=0, difficulty_sliding_window_size=4, min_metric_to_increase_difficulty=0.9,
                min_prompts_before_difficulty_check=2, rollout_seed=1, save=None, load=None)
    base.update(kw)
    return SimpleNamespace(**base)


def sample(response, metadata=None):
    return slime._Sample(response=response, metadata=metadata if metadata is not None else
                         {"environment": "Sorting", "problem_difficulty": 0, "config": SORTING})


def test_per_sample_and_group_rewards():
    assert asyncio.run(slime.reward(args(), sample("\\boxed{1 2 3}"))) == \
        {"reward": 1.0, "accuracy": 1, "format_score": 1}
    group = [sample("\\boxed{3 2 1}"), sample("no"), sample("x", metadata=json.dumps(
        {"environment": "Sorting", "config": SORTING})), sample("\\boxed{1 2}")]
    out = asyncio.run(slime.group_reward(args(), group))
    assert [o["reward"] for o in out] == [(1 / 3) ** 10, -1.0, -1.0, -0.5]
    tags = asyncio.run(slime.reward(args(answer_marker_type="<answer></answer>"), sample("<answer>1 2 3</answer>")))
    assert tags["reward"] == 1.0


def test_bad_metadata_is_an_error_field_not_a_zero():
    out = asyncio.run(slime.group_reward(args(), [
        sample("x", metadata={"environment": "Nope", "config": SORTING}),
        sample("x", metadata={"config": SORTING}),
        sample("x", metadata={"environment": "Sorting", "config": {"seed": 0}}),
    ]))
    assert all(o["reward"] is None and o["error"] for o in out)
    assert "Nope" in out[0]["error"] and "parameter" in out[2]["error"]


def test_data_source_and_all_samples_hook_run_the_curriculum(tmp_path):
    a = args(save=str(tmp_path), load=str(tmp_path))
    source = slime.CurriculumDataSource(a)
    groups = source.get_samples(3)
    assert len(groups) == 3 and all(len(g) == 2 for g in groups)
    first = groups[0][0]
    assert first.metadata["environment"] == "Sorting" and "\\boxed{}" in first.prompt[0]["content"]
    for group in groups:
        for s in group:
            reference = s.metadata["config"]["parameter"]["reference_answer"]
            s.response = "\\boxed{%s}" % reference
            s.reward = asyncio.run(slime.reward(a, s))
    log = slime.process_all_samples(a, groups, source)
    assert log["RLVE/Sorting/accuracy"] == 1.0 and log["RLVE/Sorting/difficulty"] == 1
    source.save(7)
    resumed = slime.CurriculumDataSource(a)
    resumed.load(7)
    assert resumed.curriculum.state_dict() == source.curriculum.state_dict()
    assert resumed.sample_index == source.sample_index == 6
    with pytest.raises(RuntimeError):
        source.add_samples([])


def test_missing_environment_list_is_a_clear_error():
    with pytest.raises(ValueError, match="environment-list"):
        slime.CurriculumDataSource(args(environment_list=None))
