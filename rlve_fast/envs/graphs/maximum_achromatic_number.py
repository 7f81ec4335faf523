"""MaximumAchromaticNumber: colour the vertices so that adjacent vertices differ and every
two colours used meet on some edge (a complete colouring), with as many colours as
possible (the achromatic number, found by a compiled search for complete colourings with
one colour more at a time).

Answer: "c[0] c[1] ... c[N-1]". Reward: (colours used/optimum)^5 for a complete colouring;
a list of the wrong length, an edge with equal colours or two colours that never meet is
-0.5; no list is -1."""
from __future__ import annotations

from rlve_fast.envs.graphs._coloring import COMPLETE, ColoringEnvironment, run_search


class MaximumAchromaticNumber(ColoringEnvironment):
    id = "MaximumAchromaticNumber"
    mode = COMPLETE
    rules = ("- the two ends of every edge get different colours;\n"
             "- any two different colours that you use must meet on at least one edge: for colours x and y "
             "there is an edge with one end coloured x and the other coloured y (a complete colouring);\n"
             "- use as many distinct colours as you can: the more different values appear among "
             "c[0], ..., c[N-1], the better.")

    def optimum(self, n, edges):
        from rlve_fast.envs.graphs._coloring_search import achromatic_colouring

        return run_search(achromatic_colouring, n, edges)
