"""Difficulty schedules with one size parameter: level 0 offers ``[{key: start}]`` and each
following level applies a fixed growth rule to the value.

``single_parameter(key, start, grow)`` is the general form; the named ones below are the
rules upstream uses most often (``steps`` gives the bare values, for schedules that build
several configurations per level from them)."""
from __future__ import annotations


def steps(start, grow):
    """start, grow(start), grow(grow(start)), ...: a schedule's size parameter, level by level."""
    value = start
    while True:
        yield value
        value = grow(value)


def plus_one(n: int) -> int:
    return n + 1


def plus_tenth(n: int) -> int:
    """Upstream's usual growth of a size parameter: int(n * 1.1 + 1)."""
    return int(n * 1.1 + 1)


def plus_half(n: int) -> int:
    """int(n * 1.5)."""
    return int(n * 1.5)


def single_parameter(key: str, start: int, grow):
    """Levels [{key: start}], [{key: grow(start)}], ...: a one-parameter schedule."""
    for value in steps(start, grow):
        yield [{key: value}]


def step_by_one(key: str, start: int, step: int = 1):
    """[{key: start}], [{key: start + step}], ..."""
    return single_parameter(key, start, lambda value: value + step)


def grow_by_tenth(key: str, start: int):
    """[{key: start}], then value -> int(value * 1.1 + 1) at each level."""
    return single_parameter(key, start, plus_tenth)


def grow_by_half(key: str, start: int):
    """[{key: start}], then value -> int(value * 1.5) at each level."""
    return single_parameter(key, start, plus_half)
