"""What HamiltonianPath and LongestPath share: random directed graphs (arcs [s, t, w]), the
answer (a sequence of vertices) and its compiled scorer."""
from __future__ import annotations

from typing import ClassVar

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import edge_lines

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
        from rlve_fast.envs.graphs._walk_kernel import WalkKernel

        n, edges = parameter["N"], parameter["edges"]
        if (not 1 <= n <= 4096 or any(len(e) != 3 or not (0 <= e[0] < n and 0 <= e[1] < n) for e in edges)
                or any(abs(e[2]) > 1 << 40 for e in edges)):
            return None  # unusual configs: the Python scorer reproduces upstream exactly
        return WalkKernel(n, edges, parameter[self.gold_key], self.mode, self.beta, self.wrong_format,
                          self.invalid_solution)
