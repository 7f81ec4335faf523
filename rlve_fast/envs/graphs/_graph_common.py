"""Pieces shared by the graph environments of this family: density schedules, random edge
sets and the text of edge lists."""
from __future__ import annotations

from typing import Callable, Iterator, List, Sequence

from rlve_fast import deadline


def density_schedule(first_n: int, densities: Sequence[float], keep: Callable[[int, float], bool],
                     n_key: str = "N") -> Iterator[List[dict]]:
    """Levels whose n grows by one from ``first_n``; each level offers every density that
    ``keep(n, density)`` accepts (usually: it gives enough edges)."""
    n = first_n
    while True:
        yield [{n_key: n, "edge_density": d} for d in densities if keep(n, d)]
        n += 1


def pair_count(n: int, density: float) -> int:
    """How many unordered pairs a density asks for (Python's float arithmetic, truncated)."""
    return int(density * n * (n - 1) / 2)


def pair_of_index(index: int, n: int):
    """The index-th pair (u, v), u < v, in the order (0,1), (0,2), ..., (0,n-1), (1,2), ..."""
    u = 0
    row = n - 1
    while index >= row:
        index -= row
        u += 1
        row -= 1
    return u, u + 1 + index


def random_pairs(rng, n: int, count: int) -> List[List[int]]:
    """``count`` distinct unordered pairs [u, v] (u < v) of 0..n-1, uniformly, in random order."""
    total = n * (n - 1) // 2
    if not 0 <= count <= total:
        raise ValueError("cannot pick %d distinct pairs of %d vertices" % (count, n))
    out = []
    for index in rng.sample(range(total), count):
        u, v = pair_of_index(index, n)
        out.append([u, v])
    return out


def random_arcs(rng, n: int, count: int) -> List[List[int]]:
    """``count`` distinct ordered pairs [s, t] (s != t) of 0..n-1, uniformly, in random order."""
    total = n * (n - 1)
    if not 0 <= count <= total:
        raise ValueError("cannot pick %d distinct arcs of %d vertices" % (count, n))
    out = []
    for index in rng.sample(range(total), count):
        s, t = divmod(index, n - 1)
        out.append([s, t + (t >= s)])
    return out


def random_connected_weighted(rng, n: int, density: float, max_weight: int) -> List[List[int]]:
    """A connected graph: a random spanning tree (each vertex of a random order joined to a
    random earlier one), then random further pairs up to ``pair_count(n, density)`` edges;
    every weight uniform in 1..max_weight; edges [u, v, w] with u < v, in random order."""
    order = list(range(n))
    rng.shuffle(order)
    edges, present = [], set()
    for index in range(1, n):
        a, b = order[index], order[rng.randrange(index)]
        u, v = min(a, b), max(a, b)
        present.add((u, v))
        edges.append([u, v, rng.randint(1, max_weight)])
    wanted = pair_count(n, density)
    if len(edges) < wanted:
        absent = [(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in present]
        deadline.check()
        for u, v in rng.sample(absent, min(len(absent), wanted - len(edges))):
            edges.append([u, v, rng.randint(1, max_weight)])
    rng.shuffle(edges)
    return edges


def edge_lines(edges) -> str:
    """One "(a, b)" or "(a, b, w)" line per edge."""
    return "\n".join("(" + ", ".join(map(str, e)) + ")" for e in edges)


def adjacency_masks(n: int, edges) -> List[int]:
    """Bit masks of neighbours of an undirected graph (edges [u, v, ...])."""
    masks = [0] * n
    for e in edges:
        u, v = e[0], e[1]
        masks[u] |= 1 << v
        masks[v] |= 1 << u
    return masks
