"""Helpers shared by the graph environments of batch 2 (edge listings, config checks)."""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from rlve_fast import deadline
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def edge_lines(edges: Iterable[Sequence[int]]) -> str:
    """One edge a line, as a tuple: "(u, v)" or "(u, v, w)"."""
    edges = list(edges)
    if all(len(e) == 2 for e in edges):
        return "\n".join([f"({u}, {v})" for u, v in edges])
    if all(len(e) == 3 for e in edges):
        return "\n".join([f"({u}, {v}, {w})" for u, v, w in edges])
    return "\n".join(["(%s)" % ", ".join(map(str, edge)) for edge in edges])


def bulk_generator(rng) -> np.random.Generator:
    """A numpy generator seeded from ``rng``, for bulk draws (uniform permutations and
    samples, as random.shuffle and random.sample make, at C speed)."""
    return np.random.default_rng(rng.getrandbits(128))


def shuffled(gen: np.random.Generator, items: list) -> list:
    """``items`` in a uniformly random order."""
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


def plain_edges(edges, n: int, width: int = 2) -> bool:
    """True when every edge has ``width`` int entries and its endpoints (the first two) lie
    in 0..n-1: the configs a compiled scorer takes (others go to the Python scorer)."""
    for edge in edges:
        if len(edge) != width or not all(type(x) is int for x in edge):
            return False
        if not (0 <= edge[0] < n and 0 <= edge[1] < n):
            return False
    return True


def neighbour_masks(n: int, edges) -> list:
    """Adjacency of an undirected graph as one bit mask per vertex."""
    masks = [0] * n
    for u, v in edges:
        masks[u] |= 1 << v
        masks[v] |= 1 << u
    return masks


def steps(start, grow):
    """start, grow(start), grow(grow(start)), ...: a schedule's size parameter, level by level."""
    value = start
    while True:
        yield value
        value = grow(value)


def plus_one(n: int) -> int:
    return n + 1


def plus_tenth(n: int) -> int:
    """Upstream's usual growth of a size parameter: int(n * 1.1 + 1)."""
    return int(n * 1.1 + 1)


def density_schedule(start: int, grow, densities, keep):
    """Per level, {"N": n, "edge_density": d} for each density d with keep(n, d)."""
    for n in steps(start, grow):
        yield [{"N": n, "edge_density": d} for d in densities if keep(n, d)]


def random_edges(rng, n: int, density: float) -> list:
    """int(density * n * (n - 1) / 2) distinct undirected edges [u, v], u < v, uniformly drawn."""
    if n < 2 or not 0.0 <= density <= 1.0:
        raise ValueError("need N >= 2 and 0 <= edge_density <= 1")
    return [[u, v] for u, v in sample_new_pairs(bulk_generator(rng), n, (), int(density * n * (n - 1) / 2))]


def finished(result):
    """The result of a compiled search, which returns None when it stopped at the deadline of
    the current generation budget: then GenerationTimeout is raised here."""
    if result is None:
        deadline.check()
        raise AssertionError("the compiled search stopped before its deadline")
    return result


class ModularCount(IntegerAnswerEnvironment):
    """A count asked modulo ``modulus(parameter)``: 1 for the stored residue, 0 for another
    value in [0, modulus), -0.5 outside that range (upstream's wrong_range)."""
    parameter_types = {"reference_answer": int}
    wrong_range = -0.5
    correct = 1.0
    wrong = 0.0

    def modulus(self, parameter) -> int:
        raise NotImplementedError

    def score(self, parameter, parsed):
        if not 0 <= parsed < self.modulus(parameter):
            return self.wrong_range
        return self.correct if parsed == parameter["reference_answer"] else self.wrong

    def kernel(self, parameter):
        from rlve_fast.envs.counting._residue_count_kernel import ResidueKernel

        return ResidueKernel(parameter["reference_answer"], self.modulus(parameter), self.correct, self.wrong,
                             self.wrong_range, self.wrong_format)
