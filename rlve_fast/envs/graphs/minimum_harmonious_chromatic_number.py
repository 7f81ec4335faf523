"""MinimumHarmoniousChromaticNumber: colour the vertices so that adjacent vertices differ
and no two edges carry the same pair of colours, with as few colours as possible (the
optimum: compiled DSATUR branch and bound on the square of the graph, never repeating a
colour pair).

Answer: "c[0] c[1] ... c[N-1]". Reward: (optimum/colours used)^5 for a harmonious
colouring; a list of the wrong length, an edge with equal colours or a repeated colour
pair is -0.5; no list is -1."""
from __future__ import annotations

from rlve_fast.envs.graphs._coloring import HARMONIOUS, ColoringEnvironment, run_search


class MinimumHarmoniousChromaticNumber(ColoringEnvironment):
    id = "MinimumHarmoniousChromaticNumber"
    mode = HARMONIOUS
    rules = ("- the two ends of every edge get different colours;\n"
             "- no two edges may show the same pair of colours: for two different colours x and y, at most "
             "one edge has one end coloured x and the other coloured y (a harmonious colouring);\n"
             "- use as few distinct colours as you can: the fewer different values appear among "
             "c[0], ..., c[N-1], the better.")

    def optimum(self, n, edges):
        from rlve_fast.envs.graphs._coloring_search import harmonious_colouring

        return run_search(harmonious_colouring, n, edges)
