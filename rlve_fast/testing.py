"""Diagnostic environments for testing fault handling (hidden from ``environments()``).

Import this module (or pass ``preload=["rlve_fast.testing"]`` to a BatchVerifier) to make
them available.  The response text decides what the scorer does:

* ``Debug_Sleep``: ``"<answer>S</answer>"`` sleeps S seconds, then scores 1.0;
* ``Debug_Crash``: ``"<answer>exit</answer>"`` ends the process with ``os._exit(3)``,
  ``"<answer>segfault</answer>"`` crashes it with SIGSEGV, anything else scores 0.5.
"""
from __future__ import annotations

import ctypes
import os
import time

from rlve_fast.environment import Environment


class _Debug(Environment):
    hidden = True
    parameter_types = {}

    @staticmethod
    def schedule():
        while True:
            yield [{}]

    def sample(self, rng, parameter):
        pass

    def solve(self, parameter):
        return {}

    def prompt(self, parameter):
        return "diagnostic environment"

    def parse(self, answer):
        return answer.strip()


class DebugSleep(_Debug):
    id = "Debug_Sleep"

    def score(self, parameter, parsed):
        time.sleep(float(parsed))
        return 1.0


class DebugCrash(_Debug):
    id = "Debug_Crash"

    def score(self, parameter, parsed):
        if parsed == "exit":
            os._exit(3)
        if parsed == "segfault":
            ctypes.string_at(0)  # reads address 0: SIGSEGV
        return 0.5


class DebugEndlessGeneration(_Debug):
    """Generation that never ends unless its time budget stops it (``deadline.check()``)."""
    id = "Debug_EndlessGeneration"

    def sample(self, rng, parameter):
        from rlve_fast import deadline

        while True:
            deadline.check()
            rng.random()

    def score(self, parameter, parsed):
        return 1.0
