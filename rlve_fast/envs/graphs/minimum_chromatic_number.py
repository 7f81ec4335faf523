"""MinimumChromaticNumber: colour the vertices of a random graph so that adjacent vertices
differ, with as few colours as possible (the optimum is found by DSATUR branch and bound,
compiled, starting from a greedy clique).

Answer: "c[0] c[1] ... c[N-1]". Reward: (optimum/colours used)^5 for a proper colouring;
a list of the wrong length or an edge with equal colours is -0.5; no list is -1."""
from __future__ import annotations

from math import ceil, log

from rlve_fast.envs.graphs._coloring import PROPER, ColoringEnvironment, run_search
from rlve_fast.envs.graphs._graph_common import pair_count

try:
    from rlve_fast.envs.graphs._minimum_chromatic_number_sampler import sample_pairs as _compiled_pairs
except ImportError:  # not built: the shared Python draw
    _compiled_pairs = None


def _sample_uses_pool(population: int, k: int) -> bool:
    """Whether random.Random.sample(range(population), k) draws from a list of the population
    (else it redraws until an index is new): random.py's own rule."""
    setsize = 21
    if k > 5:
        setsize += 4 ** ceil(log(k * 3, 4))
    return population <= setsize


class MinimumChromaticNumber(ColoringEnvironment):
    id = "MinimumChromaticNumber"
    mode = PROPER
    rules = ("- the two ends of every edge get different colours;\n"
             "- use as few distinct colours as you can: the fewer different values appear among "
             "c[0], ..., c[{last}], the better.")

    def sample(self, rng, parameter):
        if _compiled_pairs is None:
            return super().sample(rng, parameter)
        n, density = parameter["N"], parameter["edge_density"]
        if n < 2 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 2 and 0 <= edge_density <= 1")
        count = pair_count(n, density)
        # the same edges as the shared random_pairs, drawn in one compiled call
        parameter["edges"] = _compiled_pairs(rng, n, count, _sample_uses_pool(n * (n - 1) // 2, count))

    def optimum(self, n, edges):
        from rlve_fast.envs.graphs._coloring_search import chromatic_colouring

        return run_search(chromatic_colouring, n, edges)
