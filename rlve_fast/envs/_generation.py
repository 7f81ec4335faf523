"""Generator helpers: bulk uniform draws (integers, shuffles) and integer-list formatting,
compiled where the extensions are built, else pure-Python twins giving the same results."""
from __future__ import annotations

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

__all__ = ["bounded_ints", "join_ints", "join_rows", "shuffled", "uniform_ints"]
