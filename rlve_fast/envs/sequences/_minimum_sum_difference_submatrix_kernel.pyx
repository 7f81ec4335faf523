# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""MinimumSumDifferenceSubmatrix, compiled: the scorer (twin:
``MinimumSumDifferenceSubmatrix.score``) and the exhaustive search over row choices with a
programme over columns (twin: ``least_cost_py``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memcpy

from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport read_rows

cdef int64_t INF = 1LL << 62


cdef inline int64_t absdiff(int64_t a, int64_t b) noexcept nogil:
    return a - b if a >= b else b - a


cdef class SubmatrixKernel(Kernel):
    cdef Py_ssize_t n, m, r, c
    cdef int64_t *matrix
    cdef int64_t gold
    cdef double beta, weight, wrong_format, invalid

    def __dealloc__(self):
        PyMem_Free(self.matrix)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, j, m = self.m
        cdef const int64_t *rows = self.values
        cdef const int64_t *cols
        cdef int64_t total = 0
        if self.n_rows != 2:
            return self.wrong_format
        if self.row_ends[0] != self.r or self.row_ends[1] - self.row_ends[0] != self.c:
            return self.wrong_format
        cols = self.values + self.r
        for i in range(self.r):
            if rows[i] < 0 or rows[i] >= self.n:
                return self.invalid
        for j in range(self.c):
            if cols[j] < 0 or cols[j] >= self.m:
                return self.invalid
        for i in range(1, self.r):
            if rows[i - 1] >= rows[i]:
                return self.invalid
        for j in range(1, self.c):
            if cols[j - 1] >= cols[j]:
                return self.invalid
        for i in range(self.r):
            for j in range(self.c):
                if i + 1 < self.r:
                    total += absdiff(self.matrix[rows[i + 1] * m + cols[j]], self.matrix[rows[i] * m + cols[j]])
                if j + 1 < self.c:
                    total += absdiff(self.matrix[rows[i] * m + cols[j + 1]], self.matrix[rows[i] * m + cols[j]])
        if not self.gold <= total:
            return -1.0  # upstream asserts optimum <= cost
        if total == 0:
            return self.weight if self.gold == 0 else -1.0
        return ratio_pow(self.gold, total, self.beta, self.weight)


def least_cost(matrix, Py_ssize_t r, Py_ssize_t c, double deadline):
    """(least cost, timed_out) over all r x c submatrices of matrix (a list of n rows of m
    entries, each below 2**40 in size): every choice of r rows in increasing order, with the
    pairwise column costs of the chosen rows summed as they are chosen, then a programme over
    columns: best[k][i] = least cost of k chosen columns ending at column i."""
    cdef Py_ssize_t n = len(matrix), m = len(matrix[0]), i, j, k, depth, row
    cdef int64_t *a = <int64_t *> PyMem_Malloc(n * m * sizeof(int64_t))
    cdef int64_t *pair = <int64_t *> PyMem_Malloc(n * m * m * sizeof(int64_t))   # |a[row][i] - a[row][j]|
    cdef int64_t *cross = <int64_t *> PyMem_Malloc((r + 1) * m * m * sizeof(int64_t))  # per depth
    cdef int64_t *down = <int64_t *> PyMem_Malloc((r + 1) * m * sizeof(int64_t))       # per depth
    cdef int64_t *best = <int64_t *> PyMem_Malloc(m * (c + 1) * sizeof(int64_t))
    cdef Py_ssize_t *chosen = <Py_ssize_t *> PyMem_Malloc((r + 1) * sizeof(Py_ssize_t))
    cdef int64_t answer = INF, value, cand
    cdef int64_t *h
    cdef int64_t *v
    cdef int64_t *ph
    cdef int64_t *pv
    cdef long long leaves = 0
    cdef bint timed_out = False
    if not (a and pair and cross and down and best and chosen):
        PyMem_Free(a); PyMem_Free(pair); PyMem_Free(cross); PyMem_Free(down); PyMem_Free(best); PyMem_Free(chosen)
        raise MemoryError()
    try:
        for i in range(n):
            for j in range(m):
                a[i * m + j] = matrix[i][j]
        for row in range(n):
            for j in range(m):
                for i in range(m):
                    pair[(row * m + j) * m + i] = absdiff(a[row * m + i], a[row * m + j])
        for i in range(m * m):
            cross[i] = 0
        for i in range(m):
            down[i] = 0
        with nogil:
            # iterative depth-first enumeration of increasing row choices
            depth = 0
            chosen[0] = -1
            while True:
                # advance the choice at this depth
                chosen[depth] += 1
                if chosen[depth] > n - (r - depth):
                    if depth == 0:
                        break
                    depth -= 1
                    continue
                row = chosen[depth]
                ph = cross + depth * m * m
                pv = down + depth * m
                h = cross + (depth + 1) * m * m
                v = down + (depth + 1) * m
                for i in range(m * m):
                    h[i] = ph[i] + pair[row * m * m + i]
                if depth > 0:
                    for i in range(m):
                        v[i] = pv[i] + absdiff(a[row * m + i], a[chosen[depth - 1] * m + i])
                else:
                    for i in range(m):
                        v[i] = 0
                if depth + 1 < r:
                    depth += 1
                    chosen[depth] = row
                    continue
                # a full choice of rows: the programme over columns
                leaves += 1
                for i in range(m):
                    best[i * (c + 1) + 1] = v[i]
                for k in range(2, c + 1):
                    for i in range(m):
                        value = INF
                        for j in range(k - 2, i):
                            cand = best[j * (c + 1) + k - 1]
                            if cand < INF:
                                cand += h[j * m + i] + v[i]
                                if cand < value:
                                    value = cand
                        best[i * (c + 1) + k] = value
                for i in range(c - 1, m):
                    if best[i * (c + 1) + c] < answer:
                        answer = best[i * (c + 1) + c]
                if past(deadline, leaves):
                    timed_out = True
                    break
        return answer, timed_out
    finally:
        PyMem_Free(a)
        PyMem_Free(pair)
        PyMem_Free(cross)
        PyMem_Free(down)
        PyMem_Free(best)
        PyMem_Free(chosen)


def submatrix_kernel(n, m, r, c, matrix, gold, double beta, double weight, double wrong_format,
                     double invalid):
    """The scorer of an N x M matrix (N, M >= 1) of values below 2^40 in absolute value
    (VALUE_LIMIT); None for any other config (the Python scorer reproduces upstream exactly
    there).  R, C or a gold answer beyond the C types raise OverflowError (None too)."""
    cdef SubmatrixKernel kernel
    cdef Py_ssize_t n_rows, n_cols
    if not (1 <= n and 1 <= m) or len(matrix) != n:
        return None
    n_rows, n_cols = n, m
    kernel = SubmatrixKernel.__new__(SubmatrixKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n, kernel.m, kernel.r, kernel.c, kernel.gold = n_rows, n_cols, r, c, gold
    kernel.beta, kernel.weight, kernel.wrong_format, kernel.invalid = beta, weight, wrong_format, invalid
    kernel.matrix = <int64_t *> PyMem_Malloc(n_rows * n_cols * sizeof(int64_t))
    if not kernel.matrix:
        raise MemoryError()
    if not read_rows(matrix, n_rows, n_cols, 1 - (1LL << 40), (1LL << 40) - 1, kernel.matrix):
        return None
    return kernel
