"""MinimumChromaticNumber: colour the vertices of a random graph so that adjacent vertices
differ, with as few colours as possible (the optimum is found by DSATUR branch and bound,
compiled, starting from a greedy clique).

Answer: "c[0] c[1] ... c[N-1]". Reward: (optimum/colours used)^5 for a proper colouring;
a list of the wrong length or an edge with equal colours is -0.5; no list is -1."""
from __future__ import annotations

from rlve_fast.envs.graphs._coloring import PROPER, ColoringEnvironment, run_search


class MinimumChromaticNumber(ColoringEnvironment):
    id = "MinimumChromaticNumber"
    mode = PROPER
    rules = ("- the two ends of every edge get different colours;\n"
             "- use as few distinct colours as you can: the fewer different values appear among "
             "c[0], ..., c[N-1], the better.")

    def optimum(self, n, edges):
        from rlve_fast.envs.graphs._coloring_search import chromatic_colouring

        return run_search(chromatic_colouring, n, edges)
