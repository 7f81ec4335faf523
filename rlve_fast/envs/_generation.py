"""Generator helpers: bulk uniform draws (integers, shuffles) and integer-list formatting,
compiled where the extensions are built, else pure-Python twins giving the same results; and
the check of a compiled solver's result for a passed deadline."""
from __future__ import annotations

from rlve_fast import deadline

try:
    from rlve_fast.envs._draws import bounded_ints, shuffled, uniform_ints
except ImportError:  # the extension did not build
    from rlve_fast.envs._draws_py import bounded_ints, shuffled, uniform_ints

try:
    from rlve_fast.envs._gen_text import join_ints, join_rows
except ImportError:
    def join_ints(values, sep=" "):
        return sep.join(map(str, values))

    def join_rows(rows, sep=", ", start="(", end=")", line="\n"):
        return line.join([start + sep.join(map(str, row)) + end for row in rows])



def finished(result):
    """The result of a compiled solver, which returns None when it stopped at the deadline
    of the current generation budget: then GenerationTimeout is raised here."""
    if result is None:
        deadline.check()
        raise AssertionError("a compiled solver stopped before its deadline")
    return result


__all__ = ["bounded_ints", "finished", "join_ints", "join_rows", "shuffled", "uniform_ints"]
