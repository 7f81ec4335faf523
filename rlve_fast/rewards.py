"""Shared reward rules, written as upstream computes them so the floats agree bit for bit.

Environments call these from their Python scorers; the compiled kernels
(``rlve_fast/_core/kernel.pyx``) implement the same arithmetic and are tested against
these functions.  Each returns ``weight * (something ** beta)`` in exactly the order of
operations upstream uses: Python's int/int true division, then float ** float."""
from __future__ import annotations

from typing import Optional, Sequence


def ratio_power(numerator, denominator, beta: float, weight: float = 1.0) -> float:
    """weight * (numerator / denominator) ** beta: the (answer/gold), (gold/answer),
    (satisfied/all) and (intersection/union) rules."""
    return weight * ((numerator / denominator) ** beta)


def min_max_ratio(answer: int, gold: int, beta: float, weight: float = 1.0) -> float:
    """(min/max)^beta; 0 against 0 raises ZeroDivisionError (upstream's -1.0)."""
    return weight * ((min(gold, answer) / max(gold, answer)) ** beta)


def min_over_max(answer: int, gold: int, beta: float, weight: float = 1.0) -> float:
    """Counting answers: (min/max)^beta, where an answer of 0 earns ``weight`` only when the
    gold count is 0 as well."""
    if answer == 0:
        return weight * (gold == 0)
    return min_max_ratio(answer, gold, beta, weight)


def mean_match(gold: Sequence, answer: Sequence, beta: float, weight: float = 1.0,
               count: Optional[int] = None) -> float:
    """mean([gold=answer])^beta over positions, dividing by ``count`` (default len(gold));
    the caller checks the lengths."""
    same = sum(int(g == a) for g, a in zip(gold, answer))
    return weight * ((same / (len(gold) if count is None else count)) ** beta)


def exact(gold, answer, weight: float = 1.0) -> float:
    """gold=answer: ``weight`` for an exact match, 0 otherwise."""
    return weight * (gold == answer)
