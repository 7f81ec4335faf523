"""What HamiltonianPath and LongestPath share: random directed graphs (arcs [s, t, w]), the
answer (a sequence of vertices) and its compiled scorer."""
from __future__ import annotations

from typing import ClassVar

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import edge_lines

try:
    from rlve_fast.envs.graphs._walk_kernel import walk_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

COVER_ALL, SIMPLE = 0, 1  # as in _walk_kernel.pyx


def arc_count(n: int, density: float) -> int:
    """How many ordered pairs a density asks for (Python's float arithmetic, truncated)."""
    return int(density * n * (n - 1))


class WalkEnvironment(Environment):
    mode: ClassVar[int] = COVER_ALL
    gold_key: ClassVar[str] = "gold_answer"
    invalid_solution = -0.5
    beta = 5.0

    def arcs_text(self, parameter) -> str:
        n = parameter["N"]
        return (f"A directed graph has {n} vertices, numbered 0 to {n - 1}. Its arcs are listed below as "
                f"(s, t, w): an arc from s to t of weight w, usable only in that direction.\n"
                f"{edge_lines(parameter['edges'])}\n\n")

    def parse(self, answer):
        return int_list_answer(answer)

    def path_weight(self, parameter, path):
        """The total weight of the arcs between consecutive vertices, None if one is missing."""
        weight_of = {(s, t): w for s, t, w in parameter["edges"]}
        total = 0
        for step in zip(path, path[1:]):
            if step not in weight_of:
                return None
            total += weight_of[step]
        return total

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd arcs, huge weights): the Python scorer reproduces upstream
        return _compiled_kernel(parameter["N"], parameter["edges"], parameter[self.gold_key], self.mode,
                                self.beta, self.wrong_format, self.invalid_solution)
