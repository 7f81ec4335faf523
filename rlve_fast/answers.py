"""Answer parsers shared by the environments: each returns None where upstream's
``_process`` would (a ValueError while parsing), so the scorer gives the wrong-format reward."""
from __future__ import annotations

from typing import List, Optional

from rlve_fast import _impl


def int_answer(answer: str) -> Optional[int]:
    """One integer: ``int(answer.strip())``."""
    try:
        return _impl.parse_int(answer)
    except ValueError:
        return None


def int_list_answer(answer: str) -> Optional[List[int]]:
    """Whitespace-separated integers: ``list(map(int, answer.split()))``."""
    try:
        return _impl.parse_int_list(answer)
    except ValueError:
        return None


def int_rows_answer(answer: str) -> Optional[List[List[int]]]:
    """One list of integers per non-blank line (a matrix or a list of tuples)."""
    try:
        return _impl.parse_int_rows(answer)
    except ValueError:
        return None


def token_list_answer(answer: str) -> List[str]:
    """Whitespace-separated tokens: ``answer.split()`` (never fails)."""
    return answer.split()
