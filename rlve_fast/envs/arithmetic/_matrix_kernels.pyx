# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled parts of Matrix_BinaryExponentiation (twins in Python in
matrix_binary_exponentiation.py):

* MatrixMatchKernel (made by ``matrix_match_kernel``): an N x N integer matrix scored
  mean([cell = gold])^beta;
* ``matrix_power_mod``: A^K with entries mod m < 2**31."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, uint64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport read_rows, INT64_MIN, INT64_MAX


# ----------------------------------------------------------------------------- scorer
cdef class MatrixMatchKernel(Kernel):
    """Exactly n rows of n integers: (cells equal to gold / n^2)^beta; any other shape:
    wrong format."""
    cdef Py_ssize_t n
    cdef int64_t *gold
    cdef double beta, weight

    def __dealloc__(self):
        PyMem_Free(self.gold)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t r, i, start = 0, same = 0
        if self.n_rows != self.n:
            return self.no_answer
        for r in range(self.n_rows):
            if self.row_ends[r] - start != self.n:
                return self.no_answer
            start = self.row_ends[r]
        for i in range(self.n * self.n):
            same += self.values[i] == self.gold[i]
        return ratio_pow(same, self.n * self.n, self.beta, self.weight)


def matrix_match_kernel(n, gold_rows, double beta, double weight, double wrong_format):
    """The scorer of an N x N gold matrix of int64s with N >= 1, None for any other config
    (the Python scorer reproduces upstream exactly there)."""
    cdef MatrixMatchKernel kernel
    cdef Py_ssize_t size
    if n < 1 or n > 1 << 24:
        return None  # (an N past 2^24 cannot be a stored matrix's side anyway)
    size = n
    kernel = MatrixMatchKernel.__new__(MatrixMatchKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n = size
    kernel.beta, kernel.weight = beta, weight
    if len(gold_rows) != size:
        return None
    kernel.gold = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    if kernel.gold == NULL:
        raise MemoryError()
    if not read_rows(gold_rows, size, size, INT64_MIN, INT64_MAX, kernel.gold):
        return None
    return kernel


# ----------------------------------------------------------------------------- matrix power
cdef void matrix_product(const uint64_t *a, const uint64_t *b, uint64_t *out, Py_ssize_t n,
                         uint64_t mod) noexcept nogil:
    """out = a b mod ``mod``; a row-column sum is reduced once when its n products fit in
    64 bits (mod 10000: up to 10**11 columns), else after every product."""
    cdef Py_ssize_t i, j, t
    cdef uint64_t acc
    cdef bint lazy = (mod - 1) * (mod - 1) <= (<uint64_t> -1) // <uint64_t> n
    for i in range(n):
        for j in range(n):
            acc = 0
            if lazy:
                for t in range(n):
                    acc += a[i * n + t] * b[t * n + j]
                out[i * n + j] = acc % mod
            else:
                for t in range(n):
                    acc = (acc + a[i * n + t] * b[t * n + j]) % mod
                out[i * n + j] = acc


def matrix_power_mod(rows, uint64_t k, uint64_t mod):
    """rows^k with every entry reduced mod ``mod`` (2 <= mod < 2**31, entries >= 0)."""
    cdef Py_ssize_t n = len(rows), i, j
    if not 2 <= mod < (1ULL << 31):
        raise ValueError("mod must lie in [2, 2**31)")
    cdef uint64_t *buf = <uint64_t *> PyMem_Malloc(3 * max(n * n, 1) * sizeof(uint64_t))
    if buf == NULL:
        raise MemoryError()
    cdef uint64_t *base = buf
    cdef uint64_t *acc = buf + n * n
    cdef uint64_t *tmp = buf + 2 * n * n
    cdef uint64_t *swap
    try:
        for i in range(n):
            if len(rows[i]) != n:
                raise ValueError("the matrix must be square")
            for j in range(n):
                base[i * n + j] = rows[i][j] % mod
                acc[i * n + j] = (i == j) % mod
        with nogil:
            while k:
                if k & 1:
                    matrix_product(acc, base, tmp, n, mod)
                    swap = acc; acc = tmp; tmp = swap
                k >>= 1
                if k:
                    matrix_product(base, base, tmp, n, mod)
                    swap = base; base = tmp; tmp = swap
        return [[acc[i * n + j] for j in range(n)] for i in range(n)]
    finally:
        PyMem_Free(buf)
