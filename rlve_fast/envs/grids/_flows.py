"""Network flows for the grid solvers: the compiled ``FlowGraph`` (``_flow.pyx``) or, where
it is not built, this plain-Python twin with the same methods and the same algorithms
(Dinic's maximum flow; least-cost maximum flow by the primal-dual method)."""
from __future__ import annotations

import heapq
from collections import deque

from rlve_fast import deadline as _deadline


class PyFlowGraph:
    def __init__(self, n):
        self.n = n
        self.arcs = [[] for _ in range(n)]  # arc ids by tail
        self.to, self.cap, self.cost = [], [], []
        self.potential = [0] * n

    def add_edge(self, u, v, capacity, cost=0):
        if not (0 <= u < self.n and 0 <= v < self.n) or capacity < 0:
            raise ValueError("bad arc")
        for a, b, c, w in ((u, v, capacity, cost), (v, u, 0, -cost)):
            self.arcs[a].append(len(self.to))
            self.to.append(b)
            self.cap.append(c)
            self.cost.append(w)

    def add_edges(self, u, v, capacity):
        for a, b, c in zip(u, v, capacity):
            self.add_edge(int(a), int(b), int(c))

    def _tight(self, u, e):
        return self.cost[e] + self.potential[u] - self.potential[self.to[e]] == 0

    def _blocking(self, s, t, tight):
        total = 0
        while True:
            level = [-1] * self.n
            level[s] = 0
            queue = deque([s])
            while queue:
                u = queue.popleft()
                for e in self.arcs[u]:
                    v = self.to[e]
                    if self.cap[e] > 0 and level[v] < 0 and (not tight or self._tight(u, e)):
                        level[v] = level[u] + 1
                        queue.append(v)
            if level[t] < 0:
                return total
            pointer = [0] * self.n

            def push(u, limit):
                if u == t:
                    return limit
                while pointer[u] < len(self.arcs[u]):
                    e = self.arcs[u][pointer[u]]
                    v = self.to[e]
                    if self.cap[e] > 0 and level[v] == level[u] + 1 and (not tight or self._tight(u, e)):
                        got = push(v, min(limit, self.cap[e]))
                        if got:
                            self.cap[e] -= got
                            self.cap[e ^ 1] += got
                            return got
                    pointer[u] += 1
                return 0

            while True:
                _deadline.check()
                got = push(s, float("inf"))
                if not got:
                    break
                total += got

    def max_flow(self, s, t, deadline=None):
        return 1, self._blocking(s, t, False)

    def min_cost_flow(self, s, t, deadline=None):
        flow = 0
        while True:
            _deadline.check()
            dist = [None] * self.n
            dist[s] = 0
            heap = [(0, s)]
            while heap:
                d, u = heapq.heappop(heap)
                if d > dist[u]:
                    continue
                for e in self.arcs[u]:
                    v = self.to[e]
                    if self.cap[e] > 0:
                        nd = d + self.cost[e] + self.potential[u] - self.potential[v]
                        if dist[v] is None or nd < dist[v]:
                            dist[v] = nd
                            heapq.heappush(heap, (nd, v))
            if dist[t] is None:
                break
            for u in range(self.n):
                self.potential[u] += dist[t] if dist[u] is None else min(dist[u], dist[t])
            flow += self._blocking(s, t, True)
        cost = sum(self.cap[e ^ 1] * self.cost[e] for e in range(0, len(self.to), 2))
        return 1, flow, cost

    def flows(self):
        return [self.cap[e ^ 1] for e in range(0, len(self.to), 2)]


def flow_graph(n):
    """A compiled FlowGraph on n nodes, or the Python twin where it is not built."""
    try:
        from rlve_fast.envs.grids._flow import FlowGraph
    except ImportError:
        return PyFlowGraph(n)
    return FlowGraph(n)
