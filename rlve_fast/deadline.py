"""Time budgets for problem generation, enforced by the generating code itself.

``Environment.generate`` opens a budget (default :data:`DEFAULT_TIME_BUDGET` seconds) around
``sample`` and ``solve``.  Every loop whose trip count grows with the instance (a search, a
rejection-sampling retry, a dynamic programme over a large table) calls :func:`check` now and
then; once the deadline has passed it raises :class:`GenerationTimeout` in the generating
thread, so the work stops there and nothing keeps running behind it (upstream runs generation
in a thread it cannot stop, and abandons it on timeout).

Compiled loops read :func:`deadline_at` (a ``time.monotonic()`` value, ``inf`` without a
budget) and compare it with ``rlve_fast._core.clock.monotonic_now()`` every few thousand
steps; they report a pass of the deadline to their Python caller, which calls :func:`check`.

Solvers called outside ``generate`` (parity tests, ``env.solve(...)`` by hand) run with no
budget: :func:`check` is then a no-op."""
from __future__ import annotations

import contextvars
import math
import time
from typing import Optional

from rlve_fast.errors import GenerationTimeout

DEFAULT_TIME_BUDGET = 10.0

# (deadline as time.monotonic(), budget in seconds, what is being generated) or None
_active: contextvars.ContextVar = contextvars.ContextVar("rlve_fast_generation_deadline", default=None)


class budget:
    """``with budget(seconds, what):`` runs the block under a budget of ``seconds`` (None:
    unlimited).  A budget opened inside another keeps the earlier deadline of the two.
    (A small class rather than a generator context manager: it is entered once per problem.)"""
    __slots__ = ("seconds", "what", "token")

    def __init__(self, seconds: Optional[float], what: str = "generation"):
        if seconds is not None and (not isinstance(seconds, (int, float)) or isinstance(seconds, bool)
                                    or not seconds > 0):
            raise ValueError("time_budget must be a positive number of seconds or None, got %r" % (seconds,))
        self.seconds = seconds
        self.what = what
        self.token = None

    def __enter__(self) -> None:
        if self.seconds is None:
            return
        at = time.monotonic() + self.seconds
        outer = _active.get()
        if outer is not None and outer[0] <= at:
            self.token = _active.set(outer)
        else:
            self.token = _active.set((at, float(self.seconds), self.what))

    def __exit__(self, *exc) -> None:
        if self.token is not None:
            _active.reset(self.token)
            self.token = None


def check() -> None:
    """Raise GenerationTimeout if the current budget has run out (cheap: call it freely)."""
    active = _active.get()
    if active is not None and time.monotonic() > active[0]:
        raise GenerationTimeout("%s ran past its time budget of %g s" % (active[2], active[1]))


def deadline_at() -> float:
    """The current deadline as a ``time.monotonic()`` value, ``inf`` when there is none
    (for compiled loops, which compare it with the same clock)."""
    active = _active.get()
    return math.inf if active is None else active[0]


def remaining() -> float:
    """Seconds left in the current budget (``inf`` when there is none)."""
    return deadline_at() - time.monotonic()
