"""Small helpers shared by batch 6's environments (number theory and arithmetic)."""
from __future__ import annotations

from rlve_fast import deadline


def single_parameter(key: str, start: int, grow):
    """Levels [{key: start}], [{key: grow(start)}], ...: a one-parameter schedule."""
    value = start
    while True:
        yield [{key: value}]
        value = grow(value)


def finished(result):
    """The result of a compiled solver, which returns None once the generation deadline has
    passed: GenerationTimeout is then raised here."""
    if result is None:
        deadline.check()
        raise AssertionError("a compiled solver stopped before its deadline")
    return result
