"""Difficulty schedules shared by batch 7's environments: one size parameter that grows by a
fixed rule at each level."""
from __future__ import annotations


def step_by_one(key: str, start: int, step: int = 1):
    """[{key: start}], [{key: start + step}], ..."""
    value = start
    while True:
        yield [{key: value}]
        value += step


def grow_by_tenth(key: str, start: int):
    """[{key: start}], then value -> int(value * 1.1 + 1) at each level."""
    value = start
    while True:
        yield [{key: value}]
        value = int(value * 1.1 + 1)


def grow_by_half(key: str, start: int):
    """[{key: start}], then value -> int(value * 1.5) at each level."""
    value = start
    while True:
        yield [{key: value}]
        value = int(value * 1.5)
