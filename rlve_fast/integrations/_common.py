"""What every trainer adapter needs: the answer instruction, chat prompts, RLVE labels.

A label is RLVE's metadata, ``{"environment": ..., "config": ...}``, as an object or as JSON
text (trainers keep it in a string column, since configs differ in shape between
environments)."""
from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

from rlve_fast.jsonl import JSONError, dumps, loads

ANSWER_TAGS: Tuple[str, str] = ("<answer>", "</answer>")
BOXED: Tuple[str, str] = ("\\boxed{", "}")


def answer_instruction(answer_markers: Sequence[str] = ANSWER_TAGS) -> str:
    """The sentence appended to a problem's prompt saying where the final answer goes."""
    start, end = answer_markers
    if (start, end) == BOXED:
        return "\n\nPut your final answer inside \\boxed{}, e.g. \\boxed{your answer}."
    return "\n\nPut your final answer between %s and %s, e.g. %syour answer%s." % (start, end, start, end)


def chat_prompt(problem, answer_markers: Sequence[str] = ANSWER_TAGS) -> List[Dict[str, str]]:
    """The problem as a one-message conversation."""
    return [{"role": "user", "content": problem.prompt + answer_instruction(answer_markers)}]


def metadata_json(problem) -> str:
    """RLVE's metadata of a problem as compact JSON text (the label a trainer stores)."""
    return dumps(problem.metadata).decode()


class LabelError(ValueError):
    """A label that is not RLVE's {environment, config}."""


def parse_label(label: Any) -> Tuple[str, Any]:
    """(environment id, config) of an RLVE label (object or JSON text)."""
    if isinstance(label, (str, bytes)):
        try:
            label = loads(label)
        except JSONError as exc:
            raise LabelError("label is not valid JSON (%s)" % exc) from None
    if not isinstance(label, dict) or "environment" not in label or "config" not in label:
        raise LabelError("label must be RLVE's metadata {\"environment\": ..., \"config\": ...}, got %s"
                         % _short(label))
    return label["environment"], label["config"]


def completion_text(completion: Any) -> str:
    """The text of a completion: a string, or a conversation whose last message is the
    model's (``[{"role": "assistant", "content": ...}]``)."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list) and completion and isinstance(completion[-1], dict):
        content = completion[-1].get("content")
        if isinstance(content, str):
            return content
        if isinstance(content, list):  # content parts: join the text ones
            return "".join(part.get("text", "") for part in content
                           if isinstance(part, dict) and part.get("type") == "text")
    raise TypeError("a completion must be text or a list of chat messages, got %s" % _short(completion))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def generated_problems(environments: Sequence[str], count: int, *, difficulty: int = 0, seed: int = 0,
                       answer_markers: Sequence[str] = ANSWER_TAGS, time_budget=10.0):
    """Yield ``count`` problems per environment at ``difficulty`` from seeds ``seed``,
    ``seed + 1``, ... (a seed whose generation fails or runs out of time is skipped)."""
    import rlve_fast
    from rlve_fast.errors import GenerationError

    for env_id in environments:
        env = rlve_fast.make(env_id, answer_markers)
        made, problem_seed, failures = 0, seed, 0
        while made < count:
            try:
                problem = env.generate(problem_seed, difficulty=difficulty, time_budget=time_budget)
            except GenerationError:
                failures += 1
                if failures > 10 * count + 100:
                    raise
            else:
                yield problem
                made += 1
            problem_seed += 1
