"""The flow solvers of the grid environments: maximum flow against the minimum cut found by
trying every cut, least-cost flow against trying every assignment; both twins."""
from __future__ import annotations

import math
import random
from itertools import permutations

import pytest

from rlve_fast.envs.grids._flows import PyFlowGraph

compiled = pytest.importorskip("rlve_fast.envs.grids._flow")
GRAPHS = (compiled.FlowGraph, PyFlowGraph)


def test_max_flow_equals_the_minimum_cut():
    rng = random.Random(2)
    for _ in range(200):
        n = rng.randint(2, 7)
        arcs = [(rng.randrange(n), rng.randrange(n), rng.randint(0, 9)) for _ in range(rng.randint(0, 16))]
        arcs = [a for a in arcs if a[0] != a[1]]
        cut = min(sum(c for u, v, c in arcs if side >> u & 1 and not side >> v & 1)
                  for side in range(1 << n) if side & 1 and not side >> (n - 1) & 1)
        for cls in GRAPHS:
            graph = cls(n)
            for arc in arcs:
                graph.add_edge(*arc)
            assert graph.max_flow(0, n - 1, math.inf) == (1, cut)


def test_least_cost_flow_of_an_assignment():
    rng = random.Random(3)
    for _ in range(150):
        k = rng.randint(1, 5)
        allowed = {(a, b): rng.randint(0, 4) for a in range(k) for b in range(k) if rng.random() < 0.6}
        best = min((sum(allowed[a, p[a]] for a in range(k)) for p in permutations(range(k))
                    if all((a, p[a]) in allowed for a in range(k))), default=None)
        for cls in GRAPHS:
            graph = cls(2 * k + 2)
            for (a, b), cost in allowed.items():
                graph.add_edge(a, k + b, 1, cost)
            for a in range(k):
                graph.add_edge(2 * k, a, 1)
                graph.add_edge(k + a, 2 * k + 1, 1)
            status, flow, cost = graph.min_cost_flow(2 * k, 2 * k + 1, math.inf)
            if best is None:
                assert flow < k
            else:
                assert (status, flow, cost) == (1, k, best)
                used = graph.flows()[:len(allowed)]
                assert sum(used) == k
