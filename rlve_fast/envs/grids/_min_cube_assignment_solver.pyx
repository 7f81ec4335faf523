# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``min_cube_assignment.least_cost`` (the same network, built in C)."""
from libc.stdint cimport int64_t

from rlve_fast.envs.grids._flow cimport FlowGraph


def least_cost(costs, int64_t most_apart, double deadline):
    """(status, cost) of the cheapest assignment: status 1, or -1 past the deadline."""
    cdef int p = len(costs), q = len(costs[0]), r = len(costs[0][0]), cells, i, j, k, a, b, t
    cdef int source, sink
    cdef int64_t uncuttable = 1
    cdef int di[4]
    cdef int dj[4]
    di[:] = [-1, 1, 0, 0]
    dj[:] = [0, 0, -1, 1]
    cells = p * q
    for i in range(p):
        for j in range(q):
            for k in range(r):
                uncuttable += costs[i][j][k]
    source, sink = (r + 1) * cells, (r + 1) * cells + 1
    cdef FlowGraph graph = FlowGraph((r + 1) * cells + 2)
    # node of cell (i, j) at layer k: k * cells + i * q + j; cutting k -> k+1 picks value k
    for i in range(p):
        for j in range(q):
            graph.add_edge(source, i * q + j, uncuttable)
            for k in range(r):
                graph.add_edge(k * cells + i * q + j, (k + 1) * cells + i * q + j, costs[i][j][k])
            graph.add_edge(r * cells + i * q + j, sink, uncuttable)
    # a cell at layer L forces each neighbour above layer L - D - 1
    for i in range(p):
        for j in range(q):
            for t in range(4):
                a, b = i + di[t], j + dj[t]
                if 0 <= a < p and 0 <= b < q:
                    for k in range(most_apart, r + 1):
                        graph.add_edge(k * cells + i * q + j, (k - most_apart) * cells + a * q + b, uncuttable)
    return graph.max_flow(source, sink, deadline)
