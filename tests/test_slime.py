"""slime adapter, driven the way slime drives it (slime itself needs GPUs to install).

The stubs below mirror THUDM/slime at HEAD: ``Sample`` (slime/utils/types.py, the fields used
here), ``DynamicFilterOutput`` (slime/rollout/filter_hub/base_types.py), ``load_function``
(slime/utils/misc.py), ``load_tokenizer`` (slime/utils/processing_utils.py), and the calls of
slime/rollout/sglang_rollout.py: ``generate_rollout`` passes ``data_source.get_samples`` (a bound
method) down to the all-samples hook and hands aborted groups back with ``add_samples``;
``generate`` tokenizes ``sample.prompt`` as text; ``async_rm`` awaits ``rm(args, sample)``,
``batched_async_rm`` awaits ``rm(args, samples)``; ``Sample.get_reward_value`` reads
``reward[args.reward_key]``.
"""
from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import types
from dataclasses import dataclass, field
from enum import Enum
from types import SimpleNamespace
from typing import Any, Optional

import pytest

from rlve_fast.curriculum import CurriculumStateError
from rlve_fast.integrations import slime

SORTING = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
           "passing_reward_threshold": 1.0}


@dataclass
class Sample:  # slime/utils/types.py (subset, same names and defaults)
    group_index: Optional[int] = None
    index: Optional[int] = None
    rollout_id: Optional[int] = None
    prompt: Any = ""
    tokens: list = field(default_factory=list)
    response: str = ""
    response_length: int = 0
    label: Optional[str] = None
    reward: Any = None
    loss_mask: Optional[list] = None
    remove_sample: bool = False
    metadata: dict = field(default_factory=dict)

    class Status(Enum):
        PENDING = "pending"
        COMPLETED = "completed"
        ABORTED = "aborted"

    status: Status = Status.PENDING

    def get_reward_value(self, args):
        return self.reward if not args.reward_key else self.reward[args.reward_key]


@dataclass
class DynamicFilterOutput:  # slime/rollout/filter_hub/base_types.py
    keep: bool
    reason: Optional[str] = None
    keep_when_insufficient: bool = False


class ChatTokenizer:
    """What slime needs of a tokenizer here: a chat template rendering text, and encode."""

    def apply_chat_template(self, messages, tools=None, tokenize=True, add_generation_prompt=False, **kwargs):
        assert tokenize is False and add_generation_prompt is True
        text = "".join("<|%s|>%s<|end|>" % (m["role"], m["content"]) for m in messages)
        return text + "<|assistant|>" + ("<think>" if kwargs.get("enable_thinking") else "")

    def encode(self, text, add_special_tokens=False):
        assert isinstance(text, str), "slime tokenizes sample.prompt as text"
        return [ord(c) for c in text]


@pytest.fixture
def fake_slime(monkeypatch):
    """Install the stub modules (as slime would be importable in a training job)."""
    loaded = []

    def load_tokenizer(name_or_path, **kwargs):
        loaded.append(name_or_path)
        return ChatTokenizer()

    modules = {
        "slime": types.ModuleType("slime"),
        "slime.utils": types.ModuleType("slime.utils"),
        "slime.utils.types": types.ModuleType("slime.utils.types"),
        "slime.utils.processing_utils": types.ModuleType("slime.utils.processing_utils"),
        "slime.rollout": types.ModuleType("slime.rollout"),
        "slime.rollout.filter_hub": types.ModuleType("slime.rollout.filter_hub"),
        "slime.rollout.filter_hub.base_types": types.ModuleType("slime.rollout.filter_hub.base_types"),
    }
    modules["slime.utils.types"].Sample = Sample
    modules["slime.utils.processing_utils"].load_tokenizer = load_tokenizer
    modules["slime.rollout.filter_hub.base_types"].DynamicFilterOutput = DynamicFilterOutput
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    return SimpleNamespace(tokenizers_loaded=loaded)


def load_function(path):  # slime/utils/misc.py
    module_path, _, attr = path.rpartition(".")
    return getattr(importlib.import_module(module_path), attr)


def args(**kw):
    base = dict(answer_marker_type="\\boxed{}", environment_list=["Sorting"], n_samples_per_prompt=2,
                initial_difficulty=0, difficulty_sliding_window_size=4, min_metric_to_increase_difficulty=0.9,
                min_prompts_before_difficulty_check=2, rollout_seed=1, save=None, load=None,
                rollout_global_dataset=True, apply_chat_template=False, apply_chat_template_kwargs={},
                hf_checkpoint="/models/qwen", reward_key="reward", group_rm=False,
                custom_rm_path="rlve_fast.integrations.slime.reward")
    base.update(kw)
    return SimpleNamespace(**base)


def sample(response, metadata=None):
    return Sample(response=response, metadata=metadata if metadata is not None else
                  {"environment": "Sorting", "problem_difficulty": 0, "config": SORTING})


def rollout_step(a, source, answer):
    """One step of slime's generate_rollout: fetch, tokenize, 'generate', score, hook."""
    groups = source.get_samples(2)
    rm = load_function(a.custom_rm_path)
    for group in groups:
        for s in group:
            ChatTokenizer().encode(s.prompt)
            s.response = answer(s)
            s.status = Sample.Status.COMPLETED
        if a.group_rm:
            for s, r in zip(group, asyncio.run(rm(a, group))):
                s.reward = r
        else:
            for s in group:
                s.reward = asyncio.run(rm(a, s))
    load_function("rlve_fast.integrations.slime.process_all_samples")(a, groups, source.get_samples)
    return groups


def reference(s):
    return "\\boxed{%s}" % s.metadata["config"]["parameter"]["reference_answer"]


def test_per_sample_and_group_rewards():
    assert asyncio.run(slime.reward(args(), sample("\\boxed{1 2 3}"))) == \
        {"reward": 1.0, "accuracy": 1, "format_score": 1}
    group = [sample("\\boxed{3 2 1}"), sample("no"), sample("x", metadata=json.dumps(
        {"environment": "Sorting", "config": SORTING})), sample("\\boxed{1 2}")]
    out = asyncio.run(slime.group_reward(args(), group))
    assert [o["reward"] for o in out] == [(1 / 3) ** 10, -1.0, -1.0, -0.5]
    tags = asyncio.run(slime.reward(args(answer_marker_type="<answer></answer>"), sample("<answer>1 2 3</answer>")))
    assert tags["reward"] == 1.0


def test_reward_takes_a_list_as_batched_async_rm_passes_one():
    out = asyncio.run(slime.reward(args(), [sample("\\boxed{1 2 3}"), sample("no")]))
    assert [o["reward"] for o in out] == [1.0, -1.0]


def test_bad_metadata_is_an_error_field_not_a_zero():
    out = asyncio.run(slime.group_reward(args(), [
        sample("x", metadata={"environment": "Nope", "config": SORTING}),
        sample("x", metadata={"config": SORTING}),
        sample("x", metadata={"environment": "Sorting", "config": {"seed": 0}}),
    ]))
    assert all(o["reward"] is None and o["error"] for o in out)
    assert "Nope" in out[0]["error"] and "parameter" in out[2]["error"]


def test_dynamic_filter_drops_unscored_groups_and_keeps_varied_ones(fake_slime):
    a = args()
    scored = [sample("\\boxed{1 2 3}"), sample("no")]
    same = [sample("no"), sample("no")]
    flagged = [sample("\\boxed{1 2 3}"), sample("x", metadata={"environment": "Nope", "config": {}})]
    for group in (scored, same, flagged):
        for s, r in zip(group, asyncio.run(slime.group_reward(a, group))):
            s.reward = r
    assert slime.dynamic_filter(a, scored) == DynamicFilterOutput(keep=True)
    assert slime.dynamic_filter(a, same) == DynamicFilterOutput(keep=False, reason="zero_std_-1.0")
    assert slime.dynamic_filter(a, flagged) == DynamicFilterOutput(keep=False, reason="rlve_unscored")


def test_curriculum_runs_through_slimes_calls(fake_slime, tmp_path):
    a = args(save=str(tmp_path), load=str(tmp_path))
    source = load_function("rlve_fast.integrations.slime.CurriculumDataSource")(a)
    groups = rollout_step(a, source, reference)
    assert [[s.group_index for s in g] for g in groups] == [[0, 0], [1, 1]]
    assert [s.index for g in groups for s in g] == [0, 1, 2, 3]
    assert all(isinstance(s, Sample) for g in groups for s in g)  # slime's own Sample class
    prompt = groups[0][0].prompt
    assert isinstance(prompt, str) and "\\boxed{}" in prompt
    assert source.curriculum.difficulty["Sorting"] == 1  # 4 right answers at level 0 >= 2 prompts x 2
    assert source.last_log["RLVE/Sorting/accuracy"] == 1.0
    extra = {"rollout/dynamic_filter/drop_zero_std_1.0": 1}
    assert slime.log_rollout(0, a, [], extra, 1.0) is False  # slime goes on logging
    assert extra["RLVE/Sorting/difficulty"] == 1 and extra["rollout/dynamic_filter/drop_zero_std_1.0"] == 1

    source.save(7)
    resumed = slime.CurriculumDataSource(a)
    resumed.load(7)
    assert resumed.curriculum.state_dict() == source.curriculum.state_dict()
    assert (resumed.sample_index, resumed.sample_group_index) == (4, 2)
    assert [s.metadata for g in resumed.get_samples(2) for s in g] == \
        [s.metadata for g in source.get_samples(2) for s in g]


def test_group_rm_form_runs_the_curriculum_too(fake_slime):
    a = args(group_rm=True, custom_rm_path="rlve_fast.integrations.slime.group_reward")
    source = slime.CurriculumDataSource(a)
    rollout_step(a, source, lambda s: "wrong")
    assert source.curriculum.difficulty["Sorting"] == 0 and source.last_log["RLVE/Sorting/accuracy"] == 0.0


def test_aborted_groups_come_back_first(fake_slime):
    a = args()
    source = slime.CurriculumDataSource(a)
    first = source.get_samples(3)
    assert len(source) == 0
    source.add_samples(first[1:])  # slime: data_source.add_samples(aborted_samples)
    assert len(source) == 2
    again = source.get_samples(3)
    assert again[:2] == first[1:] and again[2][0].group_index == 3 and len(source) == 0
    source.add_samples([])
    with pytest.raises(ValueError, match="groups of 2"):
        source.add_samples([first[0][:1]])


def test_prompts_follow_slimes_chat_template_options(fake_slime):
    plain = slime.CurriculumDataSource(args(answer_marker_type="<answer></answer>"))
    problem = plain.curriculum.next_problem()
    assert plain.render_prompt(problem).startswith(problem.prompt) and fake_slime.tokenizers_loaded == []

    chat = slime.CurriculumDataSource(args(apply_chat_template=True,
                                           apply_chat_template_kwargs={"enable_thinking": True}))
    text = chat.render_prompt(problem)
    assert text.startswith("<|user|>" + problem.prompt) and text.endswith("<|assistant|><think>")
    assert fake_slime.tokenizers_loaded == ["/models/qwen"]  # loaded lazily, from --hf-checkpoint
    chat.render_prompt(problem)
    assert fake_slime.tokenizers_loaded == ["/models/qwen"]  # once

    rlve_style = slime.CurriculumDataSource(args(custom_prompt_preprocessor="ChatTemplate_NoSystemPrompt"))
    assert rlve_style.render_prompt(problem).startswith("<|user|>")

    tiny = slime.CurriculumDataSource(args(custom_prompt_preprocessor="TinyZero",
                                           answer_marker_type="<answer></answer>"))
    text = tiny.render_prompt(problem)
    assert problem.prompt in text and text.endswith("Assistant: <think>") and "<answer>" in text
    with pytest.raises(ValueError, match="TinyZero"):
        slime.CurriculumDataSource(args(custom_prompt_preprocessor="TinyZero"))  # boxed answers


def test_rlve_arguments_reach_slime_by_its_hooks(fake_slime, tmp_path):
    # parse_args(add_custom_arguments=...) calls add_custom_arguments(parser) and uses what it returns
    parser = slime.add_arguments(argparse.ArgumentParser())
    parsed = parser.parse_args(["--environment-list", "Sorting", "CRT", "--difficulty-sliding-window-size", "2",
                                "--answer-marker-type", "<answer></answer>", "--rlve"])
    assert slime.environment_list(parsed) == ["Sorting", "CRT"] and parsed.min_prompts_before_difficulty_check == 8
    assert slime.add_arguments(parser) is parser  # a second registration keeps the first
    # --custom-config-path: slime sets every YAML key on args
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load("environment_list: Sorting CRT\nmin_prompts_before_difficulty_check: 3\n")
    a = args(environment_list=None, min_prompts_before_difficulty_check=None)
    for key, value in config.items():
        setattr(a, key, value)
    source = slime.CurriculumDataSource(a)
    assert source.curriculum.environments == ["Sorting", "CRT"] and source.curriculum.min_prompts == 3


def test_missing_environment_list_and_disabled_global_dataset_are_clear_errors(fake_slime):
    with pytest.raises(ValueError, match="custom-config-path"):
        slime.CurriculumDataSource(args(environment_list=None))
    with pytest.raises(ValueError, match="disable-rollout-global-dataset"):
        slime.CurriculumDataSource(args(rollout_global_dataset=False))


def test_a_damaged_state_is_refused_and_the_running_state_kept(fake_slime, tmp_path):
    a = args(save=str(tmp_path), load=str(tmp_path))
    source = slime.CurriculumDataSource(a)
    source.get_samples(1)
    source.save(3)
    path = tmp_path / "rollout" / "rlve_fast_data_source_3.json"
    path.write_text(path.read_text()[:40])
    before = source.curriculum.state_dict()
    with pytest.raises(CurriculumStateError, match="rlve_fast_data_source_3"):
        source.load(3)
    assert source.curriculum.state_dict() == before and source.sample_index == 2
    source.load(-1)  # slime's fresh start: load(start_rollout_id - 1)
    source.load(99)  # nothing saved there: a warning, the state stays
    assert source.curriculum.state_dict() == before
