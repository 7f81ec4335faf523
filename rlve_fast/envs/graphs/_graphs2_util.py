"""Helpers shared by the graph environments of batch 2 (edge listings, config checks)."""
from __future__ import annotations

from typing import Iterable, Sequence


def edge_lines(edges: Iterable[Sequence[int]]) -> str:
    """One edge a line, as a tuple: "(u, v)" or "(u, v, w)"."""
    return "\n".join(["(%s)" % ", ".join(map(str, edge)) for edge in edges])


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
