"""Answer extraction and integer parsing: the plain-Python statement of upstream's rules.

These functions are the reference semantics (the "twins").  ``rlve_fast._core.text`` holds
the compiled versions; :mod:`rlve_fast._impl` picks one.  Keep both in step: the property
tests compare them on generated and hostile inputs, results and exceptions alike.
"""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

DEFAULT_MARKERS: Tuple[str, str] = ("<answer>", "</answer>")

_CHAT_PREFIXES = ("Assistant:", "<|im_start|>assistant")


def _after_chat_prefix(text: str) -> int:
    """Index where the model's part of a chat transcript starts (0 when unmarked).

    Upstream keeps only what follows the first "Assistant:"; failing that, what follows the
    first "<|im_start|>assistant"."""
    for prefix in _CHAT_PREFIXES:
        at = text.find(prefix)
        if at >= 0:
            return at + len(prefix)
    return 0


def extract_span(text: str, answer_markers: Optional[Sequence[str]] = None) -> Optional[Tuple[int, int]]:
    """(start, end) of the answer in ``text``: the last of the non-overlapping, left-to-right,
    shortest ``START(.*?)END`` matches after the chat prefix, or None."""
    start, end = answer_markers if answer_markers is not None else DEFAULT_MARKERS
    pos = _after_chat_prefix(text)
    if not start and not end:
        # "(.*?)" matches the empty string at every position; the last one is at the end.
        return (len(text), len(text))
    found = None
    while True:
        p = text.find(start, pos)
        if p < 0:
            return found
        q = text.find(end, p + len(start))
        if q < 0:
            return found  # no END after this START, so none after a later one either
        found = (p + len(start), q)
        pos = q + len(end)


def extract_answer(text: str, answer_markers: Optional[Sequence[str]] = None) -> Optional[str]:
    span = extract_span(text, answer_markers)
    return None if span is None else text[span[0]:span[1]]


def parse_int(text: str) -> int:
    """``int(text.strip())``: raises ValueError when that would."""
    return int(text.strip())


def parse_int_list(text: str) -> list:
    """``list(map(int, text.split()))``: raises ValueError when that would."""
    return [int(token) for token in text.split()]


def parse_int_rows(text: str) -> list:
    """One ``list(map(int, line.split()))`` per non-blank line of ``text``."""
    return [[int(token) for token in line.split()] for line in text.splitlines() if line.strip()]
