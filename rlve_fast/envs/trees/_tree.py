"""Rooting a tree given by its edge list or by parent links (shared by the tree environments).

:func:`rooted` is the plain statement; ``_tree_core.RootedTree`` is its compiled twin (the
same parent, breadth-first order and children lists), used by the compiled solvers."""
from __future__ import annotations

from typing import List, Tuple


def rooted(n: int, edges, root: int = 0, first: int = 0) -> Tuple[List[int], List[int], List[List[int]]]:
    """(parent, order, children) of the tree on the labels first..first+n-1, rooted at the
    vertex ``root`` (vertices are label - first; the root's parent is -1; ``order`` is
    breadth-first, parents before children).  ValueError unless the edges form such a tree."""
    if n < 1 or len(edges) != n - 1 or not 0 <= root < n:
        raise ValueError("not a tree on %d vertices" % n)
    adjacent: List[List[int]] = [[] for _ in range(n)]
    for edge in edges:
        if len(edge) != 2:
            raise ValueError("an edge is not a pair")
        u, v = edge[0] - first, edge[1] - first
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError("an edge end is not a vertex")
        adjacent[u].append(v)
        adjacent[v].append(u)
    parent = [-2] * n
    parent[root] = -1
    order = [root]
    for u in order:  # grows while it is read: a breadth-first search
        for v in adjacent[u]:
            if parent[v] == -2:
                parent[v] = u
                order.append(v)
    if len(order) != n:
        raise ValueError("the edges do not connect every vertex")
    children: List[List[int]] = [[] for _ in range(n)]
    for v in order[1:]:
        children[parent[v]].append(v)
    return parent, order, children


def rooted_at_zero(n: int, parents):
    """(children, breadth-first order) of the tree on 0..n given by parents[v] = [p, w]."""
    children = [[] for _ in range(n + 1)]
    for v in range(1, n + 1):
        children[parents[v][0]].append(v)
    order = [0]
    for u in order:
        order.extend(children[u])
    if len(order) != n + 1:
        raise ValueError("the parent links do not form a tree rooted at 0")
    return children, order


def compiled_module(name: str):
    """The compiled module ``name`` (a solver's or scorer's), or None where it is not built."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise  # the module is there but fails to import: a bug to show, not to hide
        return None
