"""ColoringCounting: over all proper colourings of a graph with C[u] in 0..R[u] (adjacent
vertices differ), add up the number of distinct colours used.

Answer: one integer. Reward: (min/max)^10 against the true sum; an answer <= 0 is
wrong-format (-1).  Solver (compiled, see ``_coloring_counting_solver.pyx``): for sparse
graphs a colour-by-colour DP over vertex sets (each colour class an independent set); for
denser ones upstream's partition into blocks opened in R order, over reachable sets only
(successors handled in prefetched batches, each state's vector scaled by the opening factors
once before it is spread).
Exact through arithmetic modulo 2^128 and, for larger sums, further 61/62-bit primes."""
from __future__ import annotations

from math import prod

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs.graphs._graph_common import adjacency_masks, density_schedule, edge_lines, pair_count, random_edges
from rlve_fast.integer_answer import IntegerAnswerEnvironment

PRIMES = (2 ** 61 - 1, 2 ** 62 - 57, 2 ** 62 - 87, 2 ** 62 - 117, 2 ** 62 - 143, 2 ** 62 - 153)


def coloring_value_python(n: int, edges, limits) -> int:
    """The same sum by the colour-by-colour DP in plain Python (tests, no compiled core):
    states map a set of coloured vertices to (colourings, total colours used)."""
    adj = adjacency_masks(n, edges)
    states = {0: (1, 0)}
    for colour in range(max(limits, default=0), -1, -1):
        deadline.check()
        allowed = sum(1 << u for u in range(n) if limits[u] >= colour)
        grown = {}
        for done, (count, used) in states.items():
            free = allowed & ~done
            for part in range(free + 1):
                if part & free != part:
                    continue
                if any(part >> u & 1 and adj[u] & part for u in range(n)):
                    continue
                key = done | part
                c, v = grown.get(key, (0, 0))
                grown[key] = (c + count, v + used + (count if part else 0))
        states = grown
    return states.get((1 << n) - 1, (0, 0))[1]


def coloring_value(n: int, edges, limits) -> int:
    try:
        from rlve_fast.envs.graphs import _coloring_counting_solver as compiled
    except ImportError:
        return coloring_value_python(n, edges, limits)
    bound = n * prod(r + 1 for r in limits) + 1
    moduli, reach = [0], 1 << 128
    for p in PRIMES:
        if reach > bound:
            break
        moduli.append(p)
        reach *= p
    if reach <= bound:
        raise ValueError("the answer may exceed the residues this solver combines")
    split = 2 if n >= 12 else 0
    # the colour tables take 32 bytes per subset of the vertices allowed colour `split`
    dense = 2 * len(edges) >= 0.2 * n * (n - 1) or sum(r >= split for r in limits) > 22
    # blocks: R ascending (fast when independent sets are few); colours: R descending
    order = sorted(range(n), key=lambda u: limits[u] if dense else -limits[u])
    label = {u: i for i, u in enumerate(order)}
    masks = adjacency_masks(n, [(label[u], label[v]) for u, v in edges])
    ordered = [limits[u] for u in order]
    if dense:
        residues = finished(compiled.coloring_value_blocks(n, masks, ordered, moduli, deadline.deadline_at()))
    else:
        residues = finished(compiled.coloring_value(n, masks, ordered, split, moduli, deadline.deadline_at()))
    value, modulus = residues[0], 1 << 128  # Chinese remainders, one prime at a time
    for p, r in zip(moduli[1:], residues[1:]):
        value += modulus * ((r - value) * pow(modulus, -1, p) % p)
        modulus *= p
    return value


class ColoringCounting(IntegerAnswerEnvironment):
    id = "ColoringCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        densities = (0.02, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95)
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) > 0)

    def sample(self, rng, parameter):
        n = parameter["N"]
        edges = random_edges(rng, n, parameter["edge_density"])
        degree = [0] * n
        for u, v in edges:
            degree[u] += 1
            degree[v] += 1
        parameter["edges"] = edges
        parameter["R"] = [rng.randint(d, 2 * d) for d in degree]

    def solve(self, parameter):
        value = coloring_value(parameter["N"], parameter["edges"], parameter["R"])
        if value <= 0:
            raise ValueError("no colouring exists")
        return {"reference_answer": value}

    def prompt(self, parameter):
        n = parameter["N"]
        limits = "\n".join("R[%d]=%d" % (u, r) for u, r in enumerate(parameter["R"]))
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these edges, one per line:\n"
                f"{edge_lines(parameter['edges'])}\n\nEach vertex u also has an upper limit R[u] on its colour:\n"
                f"{limits}\n\nA valid colouring gives every vertex u an integer colour C[u] with "
                "0 <= C[u] <= R[u], such that the two ends of every edge get different colours. The value of "
                f"a colouring is how many different colours appear among C[0], ..., C[{n - 1}].\n\n"
                "Add up the values of all valid colourings, and answer with that sum as a single integer.")
