# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled instance drawing and solver of CirculatingGrid (twins: ``_tables.integer_rows``
with the weighted arrow choice, and ``circulating_grid.fewest_changes``).

``draw_grid`` fills the grid from the same xoshiro256** stream as ``integer_rows`` (one
64-bit seed from the problem's ``random.Random``), cell by cell a uniform draw below the
total weight mapped to the first arrow whose running weight exceeds it; the rows come back
as lists of the one-letter strings.  ``fewest_changes`` builds the matching network of
cells to the neighbours they can point at (cost 1 for a changed arrow) in C and sends a
least-cost maximum flow through the compiled ``FlowGraph``: no Python call per arc."""
from cpython.list cimport PyList_New, PyList_SET_ITEM
from cpython.ref cimport Py_INCREF
from libc.stdint cimport int64_t, uint64_t

from rlve_fast.envs.grids._flow cimport FlowGraph
from rlve_fast.envs.grids._stream cimport Stream, seed_stream, uniform

ARROWS = ("L", "R", "U", "D")
cdef int ROW_STEP[4]
cdef int COL_STEP[4]
ROW_STEP[:] = [0, 0, -1, 1]
COL_STEP[:] = [-1, 1, 0, 0]


def draw_grid(uint64_t seed, Py_ssize_t rows, Py_ssize_t cols, weights):
    """rows x cols arrows, arrow k with probability weights[k] / sum(weights) (weights >= 1)."""
    cdef int64_t bounds[4]
    cdef int64_t total = 0, x
    cdef Py_ssize_t i, j
    cdef int k
    cdef Stream st
    cdef list grid, row
    cdef tuple letters = ARROWS
    if len(weights) != 4:
        raise ValueError("four weights")
    for k in range(4):
        if weights[k] < 1:
            raise ValueError("weights must be positive")
        total += <int64_t> weights[k]
        bounds[k] = total
    seed_stream(&st, seed)
    grid = PyList_New(rows)
    for i in range(rows):
        row = PyList_New(cols)
        for j in range(cols):
            x = uniform(&st, 0, <uint64_t> total)
            k = 0
            while x >= bounds[k]:
                k += 1
            letter = letters[k]
            Py_INCREF(letter)
            PyList_SET_ITEM(row, j, letter)
        Py_INCREF(row)
        PyList_SET_ITEM(grid, i, row)
    return grid


cdef int arrow_code(object letter):
    """0..3 for L, R, U, D; 4 for anything else (then every neighbour is a change)."""
    if letter == "L":
        return 0
    if letter == "R":
        return 1
    if letter == "U":
        return 2
    if letter == "D":
        return 3
    return 4


def fewest_changes(grid, double deadline):
    """(status, least changes): status 1; -1 when the deadline passed first; 0 when the grid
    is ragged or empty (the Python solver then says why)."""
    cdef Py_ssize_t rows = len(grid), cols, cells, i, j, cell, target
    cdef int k, arrow, source, sink
    cdef FlowGraph graph
    if rows == 0:
        return 0, None
    cols = len(grid[0])
    if cols == 0:
        return 0, None
    cells = rows * cols
    source, sink = <int> (2 * cells), <int> (2 * cells + 1)
    graph = FlowGraph(2 * cells + 2)
    while graph.cap_edges < 12 * cells:  # 6 arcs per cell, each with its residual twin
        graph._grow()
    for i in range(rows):
        row = grid[i]
        if len(row) != cols:
            return 0, None
        for j in range(cols):
            cell = i * cols + j
            arrow = arrow_code(row[j])
            graph._arc(source, <int> cell, 1, 0)
            graph._arc(<int> cell, source, 0, 0)
            graph._arc(<int> (cells + cell), sink, 1, 0)
            graph._arc(sink, <int> (cells + cell), 0, 0)
            for k in range(4):
                target = cells + ((i + ROW_STEP[k] + rows) % rows) * cols + (j + COL_STEP[k] + cols) % cols
                graph._arc(<int> cell, <int> target, 1, k != arrow)
                graph._arc(<int> target, <int> cell, 0, -(k != arrow))
    status, flow, cost = graph.min_cost_flow(source, sink, deadline)
    if status < 0:
        return -1, None
    if flow != cells:
        raise ValueError("no arrangement points at every cell once")
    return 1, cost
