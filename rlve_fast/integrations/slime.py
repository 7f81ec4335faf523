"""slime: reward functions, a curriculum data source, and hooks for filtering and logging.

Interfaces mirrored from THUDM/slime (``slime/rollout/sglang_rollout.py``,
``slime/rollout/data_source.py``, ``slime/rollout/rm_hub/__init__.py``,
``slime/utils/arguments.py``, ``slime/observability/rollout_metrics.py``):

* ``--custom-rm-path rlve_fast.integrations.slime.reward``: slime awaits
  ``reward(args, sample)``, or ``reward(args, samples)`` with a list when a custom generate
  function fans one rollout out into several samples; ``--group-rm --custom-rm-path
  rlve_fast.integrations.slime.group_reward`` scores a whole group in one compiled batch.
  Both return upstream's reward dict (``--reward-key reward`` picks the scalar). A sample whose
  metadata is not a valid (environment, config) pair gets ``{"reward": None, "accuracy": None,
  "format_score": None, "error": ...}``, never a silent 0.
* ``--dynamic-sampling-filter-path rlve_fast.integrations.slime.dynamic_filter`` drops a group
  holding such a sample (slime cannot train on a missing reward) and otherwise keeps the groups
  whose rewards vary, as upstream's ``check_reward_nonzero_std`` does.
* ``--data-source-path rlve_fast.integrations.slime.CurriculumDataSource`` draws problems from
  the adaptive curriculum; aborted groups (``--partial-rollout``) come back through
  ``add_samples`` and are served first.
* ``--rollout-all-samples-process-path rlve_fast.integrations.slime.process_all_samples`` feeds a
  step's scored samples to the curriculum (upstream's once-per-step update), and
  ``--custom-rollout-log-function-path rlve_fast.integrations.slime.log_rollout`` adds the
  curriculum's metrics to slime's rollout log (slime discards the hook's return value).

RLVE's own arguments (``--environment-list``, ``--answer-marker-type``, ...) are not slime's, and
slime's parser drops unknown flags silently. Give them as a YAML file through slime's
``--custom-config-path`` (keys with underscores: ``environment_list: [Sorting, CRT]``), or
register the flags with ``parse_args(add_custom_arguments=add_arguments)`` in your own entry point.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import statistics
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from rlve_fast.integrations._common import ANSWER_TAGS, BOXED, answer_instruction

log = logging.getLogger(__name__)

# RLVE's arguments with upstream's defaults (the one place they are listed).
ARGUMENTS: Dict[str, Dict[str, Any]] = {
    "--environment-list": dict(nargs="+", default=None, help="environments to train on"),
    "--initial-difficulty": dict(type=int, default=0, help="starting maximum level of every environment"),
    "--difficulty-sliding-window-size": dict(type=int, default=4, help="levels drawn below each maximum"),
    "--min-metric-to-increase-difficulty": dict(type=float, default=0.9,
                                                help="accuracy at the maximum that raises it by one"),
    "--min-prompts-before-difficulty-check": dict(type=int, default=8,
                                                  help="prompts counted at the maximum before a check"),
    "--answer-marker-type": dict(default="\\boxed{}", choices=["\\boxed{}", "<answer></answer>"],
                                 help="where the final answer goes"),
    "--custom-prompt-preprocessor": dict(default=None, choices=["TinyZero", "ChatTemplate_NoSystemPrompt"],
                                         help="TinyZero: a plain-text think/answer prompt; "
                                              "ChatTemplate_NoSystemPrompt: the tokenizer's chat template"),
    "--rlve": dict(action="store_true", default=False, help="accepted for RLVE's scripts; no effect"),
}


def _dest(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def add_arguments(parser):
    """Register RLVE's arguments: ``slime.utils.arguments.parse_args(add_custom_arguments=add_arguments)``."""
    for flag, options in ARGUMENTS.items():
        if flag not in parser._option_string_actions:  # a parser that already has it keeps its own
            parser.add_argument(flag, **options)
    return parser


def setting(args, flag: str):
    """RLVE's argument ``flag`` from slime's ``args`` (upstream's default when it is absent)."""
    return getattr(args, _dest(flag), ARGUMENTS[flag]["default"])


def answer_markers(args) -> Tuple[str, str]:
    """The marker pair named by ``--answer-marker-type`` (default ``\\boxed{}``, as upstream)."""
    kind = setting(args, "--answer-marker-type")
    if kind == "\\boxed{}":
        return BOXED
    if kind == "<answer></answer>":
        return ANSWER_TAGS
    raise ValueError("unknown answer marker type %r (use '\\boxed{}' or '<answer></answer>')" % (kind,))


def environment_list(args) -> List[str]:
    """``--environment-list``: ids as a list, or in strings separated by spaces or commas (RLVE's
    scripts pass the whole list as one quoted word)."""
    value = setting(args, "--environment-list") or []
    ids = [env_id for item in ([value] if isinstance(value, str) else value)
           for env_id in item.replace(",", " ").split()]
    if not ids:
        raise ValueError("no environments: set environment_list in the YAML given to --custom-config-path "
                         "(or --environment-list with add_arguments)")
    return ids


# ---------------------------------------------------------------------- rewards
def _metadata(sample) -> Tuple[str, Any]:
    meta = sample.metadata
    if isinstance(meta, str):
        meta = json.loads(meta)
    return meta["environment"], meta["config"]


def _flagged(message: str) -> Dict[str, Any]:
    return {"reward": None, "accuracy": None, "format_score": None, "error": message}


def _score(args, samples) -> List[Dict[str, Any]]:
    import rlve_fast

    rows, out = [], [None] * len(samples)
    for i, sample in enumerate(samples):
        try:
            env_id, config = _metadata(sample)
            rows.append((i, env_id, config, sample.response))
        except (KeyError, TypeError, ValueError) as exc:
            out[i] = _flagged("sample metadata is not RLVE's {environment, config}: %r" % (exc,))
    result = rlve_fast.verify_batch([r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows],
                                    answer_markers(args))
    for slot, (i, *_rest) in enumerate(rows):
        row = result[slot]
        if row["status"] == "ok":
            out[i] = {"reward": row["reward"], "accuracy": row["accuracy"], "format_score": row["format_score"]}
        else:
            out[i] = _flagged(row["message"])
    for i, reward_dict in enumerate(out):
        if "error" in reward_dict:
            log.warning("rlve_fast: sample %s not scored: %s", getattr(samples[i], "index", i), reward_dict["error"])
    return out


async def reward(args, sample, **kwargs):
    """Per-sample custom reward function (a list of samples gets a list of dicts)."""
    samples = sample if isinstance(sample, list) else [sample]
    out = await asyncio.get_running_loop().run_in_executor(None, _score, args, samples)
    return out if isinstance(sample, list) else out[0]


async def group_reward(args, samples, **kwargs) -> List[Dict[str, Any]]:
    """Batched form (``--group-rm``): one compiled batch for the whole group."""
    return await asyncio.get_running_loop().run_in_executor(None, _score, args, list(samples))


def is_flagged(sample) -> bool:
    """Whether a scored sample carries the error dict instead of a reward."""
    return isinstance(sample.reward, dict) and sample.reward.get("error") is not None


def dynamic_filter(args, samples, **kwargs):
    """``--dynamic-sampling-filter-path``: drop a group with a sample that could not be scored,
    otherwise keep it when its rewards are not all equal (upstream's nonzero-std rule)."""
    if any(is_flagged(s) for s in samples):
        keep, reason = False, "rlve_unscored"
    else:
        key = getattr(args, "reward_key", None)
        rewards = [s.reward[key] if key else s.reward for s in samples]  # as Sample.get_reward_value
        keep = len(rewards) > 1 and statistics.stdev(rewards) > 1e-6
        reason = None if keep else "zero_std_%s" % round(float(rewards[0]), 1)
    try:
        from slime.rollout.filter_hub.base_types import DynamicFilterOutput
    except ImportError:
        return keep  # slime takes a bare bool too (its "legacy" form)
    return DynamicFilterOutput(keep=keep, reason=reason)


# ---------------------------------------------------------------------- data source
def _sample_class():
    try:
        from slime.utils.types import Sample
        return Sample
    except ImportError:
        return _Sample


@dataclass
class _Sample:
    """Stand-in with the slime Sample fields used here, where slime is not installed."""
    group_index: Optional[int] = None
    index: Optional[int] = None
    prompt: Any = ""
    response: str = ""
    label: Optional[str] = None
    reward: Any = None
    metadata: dict = field(default_factory=dict)
    remove_sample: bool = False


def _load_tokenizer(name_or_path: str):
    try:
        from slime.utils.processing_utils import load_tokenizer
    except ImportError:
        from transformers import AutoTokenizer as _Auto
        return _Auto.from_pretrained(name_or_path, trust_remote_code=True)
    return load_tokenizer(name_or_path, trust_remote_code=True)


# A plain-text prompt for base models (upstream's "TinyZero" preprocessor, in our own words).
PLAIN_TEMPLATE = ("A user asks a question and the assistant answers it. The assistant reasons step by step "
                  "inside <think> </think> before it answers.\nUser: {question}\nAssistant: <think>")

STATE_FORMAT = "rlve_fast.slime_data_source/1"


class CurriculumDataSource:
    """slime data source (``--data-source-path``) that draws problems from the curriculum.

    Prompts are text, as slime tokenizes them: the problem, the answer sentence, rendered with
    the tokenizer's chat template under ``--apply-chat-template`` (or RLVE's
    ``ChatTemplate_NoSystemPrompt``), in :data:`PLAIN_TEMPLATE` under ``TinyZero``, as is
    otherwise. The tokenizer (``--hf-checkpoint``) is loaded on first use."""

    def __init__(self, args):
        from rlve_fast.curriculum import Curriculum

        if getattr(args, "rollout_global_dataset", True) is False:
            # slime's rollout asserts the switch, and only saves and loads a data source with it on
            raise ValueError("remove --disable-rollout-global-dataset: slime saves and restores a data source "
                             "only with the global dataset on (the curriculum replaces --prompt-data)")
        self.args = args
        self.n_samples_per_prompt = getattr(args, "n_samples_per_prompt", 1)
        self.curriculum = Curriculum(
            environment_list(args), samples_per_prompt=self.n_samples_per_prompt,
            initial_difficulty=setting(args, "--initial-difficulty"),
            window=setting(args, "--difficulty-sliding-window-size"),
            threshold=setting(args, "--min-metric-to-increase-difficulty"),
            min_prompts=setting(args, "--min-prompts-before-difficulty-check"),
            seed=getattr(args, "rollout_seed", 0) or 0)
        self.markers = answer_markers(args)
        style = setting(args, "--custom-prompt-preprocessor")
        self.chat_template = bool(getattr(args, "apply_chat_template", False)) or style == "ChatTemplate_NoSystemPrompt"
        self.plain_template = style == "TinyZero"
        if self.plain_template and (self.chat_template or self.markers != ANSWER_TAGS):
            raise ValueError("TinyZero is a plain-text prompt asking for <answer> tags: use "
                             "--answer-marker-type '<answer></answer>' without --apply-chat-template")
        self.buffer: List[list] = []
        self.sample_index = 0
        self.sample_group_index = 0
        self.last_log: Dict[str, Any] = {}
        self._tokenizer = None
        self.Sample = _sample_class()

    # -------------------------------------------------------------- prompts
    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._tokenizer = _load_tokenizer(self.args.hf_checkpoint)
        return self._tokenizer

    def render_prompt(self, problem) -> str:
        question = problem.prompt + answer_instruction(self.markers)
        if self.plain_template:
            return PLAIN_TEMPLATE.format(question=question)
        if self.chat_template:
            options = getattr(self.args, "apply_chat_template_kwargs", None) or {}
            if isinstance(options, str):
                options = json.loads(options)
            return self.tokenizer.apply_chat_template([{"role": "user", "content": question}], tokenize=False,
                                                      add_generation_prompt=True, **options)
        return question

    # -------------------------------------------------------------- slime's DataSource interface
    def get_samples(self, num_samples: int) -> List[list]:
        """``num_samples`` groups of ``--n-samples-per-prompt`` samples: returned groups first."""
        groups = self.buffer[:num_samples]
        del self.buffer[:num_samples]
        while len(groups) < num_samples:
            problem = self.curriculum.next_problem()
            prompt = self.render_prompt(problem)
            group = []
            for _ in range(self.n_samples_per_prompt):
                group.append(self.Sample(group_index=self.sample_group_index, index=self.sample_index,
                                         prompt=prompt, metadata=dict(problem.metadata)))
                self.sample_index += 1
            self.sample_group_index += 1
            groups.append(group)
        return groups

    def add_samples(self, samples: List[list]) -> None:
        """Take back groups slime aborted (``--partial-rollout``); they are served first."""
        for group in samples or []:
            if not isinstance(group, list) or len(group) != self.n_samples_per_prompt:
                raise ValueError("add_samples takes groups of %d samples" % self.n_samples_per_prompt)
            self.buffer.append(group)

    def __len__(self) -> int:
        # problems are generated on demand: only the returned groups are held
        return len(self.buffer)

    def _path(self, root: str, rollout_id) -> str:
        return os.path.join(root, "rollout", "rlve_fast_data_source_%s.json" % rollout_id)

    def save(self, rollout_id) -> None:
        from rlve_fast.curriculum import write_json_atomically

        path = self._path(self.args.save, rollout_id)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_json_atomically(path, {"format": STATE_FORMAT, "curriculum": self.curriculum.state_dict(),
                                     "sample_index": self.sample_index,
                                     "sample_group_index": self.sample_group_index})

    def load(self, rollout_id=None) -> None:
        from rlve_fast.curriculum import Curriculum, CurriculumStateError

        if getattr(self.args, "load", None) is None or rollout_id is None or rollout_id < 0:
            return  # a fresh run
        path = self._path(self.args.load, rollout_id)
        if not os.path.exists(path):
            log.warning("rlve_fast: no data source state at %s; the curriculum starts afresh", path)
            return
        with open(path, "rb") as fh:
            raw = fh.read()
        try:  # everything is checked before anything changes
            state = json.loads(raw.decode("utf-8"))
            if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
                raise CurriculumStateError("not a %s state" % STATE_FORMAT)
            curriculum = Curriculum.from_state_dict(state.get("curriculum"))
            indexes = state.get("sample_index"), state.get("sample_group_index")
            if not all(isinstance(i, int) and i >= 0 for i in indexes):
                raise CurriculumStateError("damaged sample counters %r" % (indexes,))
        except (ValueError, CurriculumStateError) as exc:  # bad UTF-8 or JSON included
            raise CurriculumStateError("%s: %s" % (path, exc)) from None
        self.curriculum = curriculum
        self.sample_index, self.sample_group_index = indexes


# ---------------------------------------------------------------------- hooks
_pending_metrics: Dict[str, Any] = {}
_pending_lock = threading.Lock()


def _leaves(node) -> List[Any]:
    if isinstance(node, list):
        return [leaf for item in node for leaf in _leaves(item)]
    return [node]


def process_all_samples(args, all_samples, data_source) -> Dict[str, Any]:
    """``--rollout-all-samples-process-path``: feed a step's scored samples to the curriculum.

    slime passes ``data_source.get_samples`` (a bound method) as ``data_source``."""
    source = getattr(data_source, "__self__", data_source)
    scored = [s for s in _leaves(all_samples)
              if isinstance(s.reward, dict) and s.reward.get("accuracy") is not None]
    step_log = source.curriculum.update(scored)
    step_log.update(source.curriculum.metrics())
    source.last_log = step_log
    with _pending_lock:
        _pending_metrics.update(step_log)
    return step_log


def log_rollout(rollout_id, args, samples, rollout_extra_metrics, rollout_time) -> bool:
    """``--custom-rollout-log-function-path``: add the curriculum's metrics to the rollout's
    extra metrics, then let slime log as usual (returns False)."""
    with _pending_lock:
        pending = dict(_pending_metrics)
        _pending_metrics.clear()
    if isinstance(rollout_extra_metrics, dict):
        rollout_extra_metrics.update(pending)
    return False
