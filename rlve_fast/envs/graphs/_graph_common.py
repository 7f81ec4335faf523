"""Pieces shared by the graph environments: density schedules, random edge sets, the text of
edge lists, adjacency bit masks, and config checks.

Random edge sets come from two kinds of draws, which give different instances for one seed
(each environment keeps the kind it was written with, since its instances are pinned by seed):

* through ``rng``'s own methods (``rng.sample``, ``rng.shuffle``): :func:`random_pairs`,
  :func:`random_arcs`, :func:`random_connected_weighted`;
* through a numpy generator seeded from ``rng`` (:func:`bulk_generator`), for bulk draws at C
  speed: :func:`shuffled`, :func:`sample_new_pairs`, :func:`random_edges`."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, List, Sequence

import numpy as np

from rlve_fast import deadline
from rlve_fast.envs._generation import join_rows
from rlve_fast.envs._schedules import plus_one, steps


# ----------------------------------------------------------------------------- schedules
def density_schedule(first_n: int, densities: Sequence[float], keep: Callable[[int, float], bool],
                     grow: Callable[[int], int] = plus_one, n_key: str = "N") -> Iterator[List[dict]]:
    """Levels whose n starts at ``first_n`` and grows by ``grow`` (by one unless told);
    each level offers {n_key: n, "edge_density": d} for every density d that ``keep(n, d)``
    accepts (usually: it gives enough edges)."""
    for n in steps(first_n, grow):
        yield [{n_key: n, "edge_density": d} for d in densities if keep(n, d)]


# ----------------------------------------------------------------------------- draws through rng
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


# ----------------------------------------------------------------------------- draws through numpy
def bulk_generator(rng) -> np.random.Generator:
    """A numpy generator seeded from ``rng``, for bulk draws (uniform permutations and
    samples, as random.shuffle and random.sample make, at C speed)."""
    return np.random.default_rng(rng.getrandbits(128))


def shuffled(gen: np.random.Generator, items: list) -> list:
    """``items`` in a uniformly random order, drawn by the numpy generator ``gen`` (not the
    same order as ``rlve_fast.envs._generation.shuffled``, which draws from a random.Random)."""
    return [items[i] for i in gen.permutation(len(items)).tolist()]


def sample_new_pairs(gen: np.random.Generator, n: int, present, count: int, directed: bool = False) -> list:
    """``count`` distinct pairs (u, v) of 0..n-1 absent from ``present``, uniformly drawn and in
    random order: u != v when ``directed``, u < v otherwise."""
    u, v = np.divmod(np.arange(n * n), n)
    ids = np.flatnonzero(u != v) if directed else np.flatnonzero(u < v)
    if present:
        taken = np.fromiter((a * n + b for a, b in present), dtype=np.int64, count=len(present))
        ids = np.setdiff1d(ids, taken, assume_unique=True)
    picked = gen.choice(ids, size=count, replace=False)
    return list(zip((picked // n).tolist(), (picked % n).tolist()))


SMALL_GRAPH = 12  # up to this many vertices, numpy's set-up costs more than drawing in Python


def random_edges(rng, n: int, density: float) -> list:
    """pair_count(n, density) distinct undirected edges [u, v], u < v, uniformly drawn in random
    order: by ``rng.sample`` on small graphs, else through :func:`bulk_generator` (so not the
    edges :func:`random_pairs` draws for the same rng)."""
    if n < 2 or not 0.0 <= density <= 1.0:
        raise ValueError("need N >= 2 and 0 <= edge_density <= 1")
    if n <= SMALL_GRAPH:
        return rng.sample([[u, v] for u in range(n) for v in range(u + 1, n)], pair_count(n, density))
    return [[u, v] for u, v in sample_new_pairs(bulk_generator(rng), n, (), pair_count(n, density))]


# ----------------------------------------------------------------------------- text and structure
def edge_lines(edges: Iterable[Sequence[int]]) -> str:
    """One edge a line, as a tuple: "(u, v)" or "(u, v, w)" (every entry as str() writes it)."""
    return join_rows(list(edges))


def adjacency_masks(n: int, edges) -> List[int]:
    """Adjacency of an undirected graph as one bit mask of neighbours per vertex (edges
    [u, v, ...]: the first two entries are the endpoints)."""
    masks = [0] * n
    for e in edges:
        u, v = e[0], e[1]
        masks[u] |= 1 << v
        masks[v] |= 1 << u
    return masks


def plain_edges(edges, n: int, width: int = 2) -> bool:
    """True when every edge has ``width`` int entries and its endpoints (the first two) lie
    in 0..n-1: the configs a compiled scorer takes (others go to the Python scorer)."""
    for edge in edges:
        if len(edge) != width or not all(type(x) is int for x in edge):
            return False
        if not (0 <= edge[0] < n and 0 <= edge[1] < n):
            return False
    return True
