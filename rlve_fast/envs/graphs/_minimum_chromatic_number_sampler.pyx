# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled edge draw of MinimumChromaticNumber: the same edges as
``_graph_common.random_pairs(rng, n, count)``, that is ``rng.sample(range(n(n-1)/2), count)``
mapped to pairs (u, v), u < v, in the order (0,1), (0,2), ..., (1,2), ..., without
random.py's Python loop: the same calls to ``getrandbits``, so the same numbers, as
``Random.sample`` on a ``range`` (which picks from a list of the population when it is small,
else redraws until an index is new; the caller says which, as random.py decides it)."""
from libc.stdlib cimport malloc, calloc, free
from rlve_fast._core.rng cimport below


def sample_pairs(rng, Py_ssize_t n, Py_ssize_t count, bint from_pool):
    """[[u, v], ...]: ``count`` distinct pairs of 0..n-1 as ``random_pairs`` draws them;
    ``from_pool``: random.py's sample would pick from a list of the n(n-1)/2 indices."""
    cdef Py_ssize_t total = n * (n - 1) // 2 if n > 1 else 0, i, j, u, v, index
    cdef int *first = NULL
    cdef int *second = NULL
    cdef int *pool = NULL
    cdef char *taken = NULL
    cdef list edges = []
    if not 0 <= count <= total:
        raise ValueError("cannot pick %d distinct pairs of %d vertices" % (count, n))
    first = <int *> malloc((total + 1) * sizeof(int))
    second = <int *> malloc((total + 1) * sizeof(int))
    pool = <int *> malloc((total + 1) * sizeof(int))
    taken = <char *> calloc(total + 1, 1)
    try:
        if first == NULL or second == NULL or pool == NULL or taken == NULL:
            raise MemoryError()
        index = 0
        for u in range(n):
            for v in range(u + 1, n):
                first[index], second[index] = u, v
                pool[index] = index
                index += 1
        for i in range(count):
            if from_pool:  # the list's j-th index, the last one moved into its place
                j = below(rng, total - i)
                index = pool[j]
                pool[j] = pool[total - i - 1]
            else:
                index = below(rng, total)
                while taken[index]:
                    index = below(rng, total)
                taken[index] = 1
            edges.append([first[index], second[index]])
        return edges
    finally:
        free(first); free(second); free(pool); free(taken)
