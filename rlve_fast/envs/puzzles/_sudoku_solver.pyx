# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled Sudoku solver for grids of side n = N * M <= 64 (boxes of N rows and M columns).

Every cell keeps the set of digits it may still hold (a 64-bit mask).  Propagation repeats
two rules until neither applies: a cell down to one digit removes it from its row, column
and box; a digit with a single possible cell in a unit goes there.  A unit with a digit
nowhere possible, or a cell with no digit left, is a contradiction.  When propagation
stalls, the search branches on a cell with the fewest digits left, on a copy of the masks
(one copy per depth, freed on the way back)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdlib cimport malloc, free
from libc.stdint cimport uint64_t
from libc.string cimport memcpy

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_ctzll(unsigned long long) nogil
    int __builtin_popcountll(unsigned long long) nogil


cdef class _Solver:
    cdef int n, cells, n_peers
    cdef uint64_t full
    cdef int *peers       # cells x n_peers
    cdef int *units       # 3n units x n cells
    cdef uint64_t *masks  # the masks at the root
    cdef int *queue
    cdef double deadline
    cdef long long steps, max_steps
    cdef bint timed_out, gave_up

    def __cinit__(self, int box_rows, int box_cols):
        cdef int n = box_rows * box_cols, r, c, k, u, b, cell, other
        self.n, self.cells = n, n * n
        self.full = (<uint64_t> -1) if n == 64 else ((<uint64_t> 1 << n) - 1)
        self.n_peers = 2 * (n - 1) + (n - box_rows - box_cols + 1)
        self.peers = <int *> PyMem_Malloc(self.cells * self.n_peers * sizeof(int))
        self.units = <int *> PyMem_Malloc(3 * n * n * sizeof(int))
        self.masks = <uint64_t *> PyMem_Malloc(self.cells * sizeof(uint64_t))
        self.queue = <int *> PyMem_Malloc(self.cells * sizeof(int))
        if not (self.peers and self.units and self.masks and self.queue):
            raise MemoryError()
        for r in range(n):
            for c in range(n):
                self.units[r * n + c] = r * n + c                   # row r
                self.units[n * n + c * n + r] = r * n + c           # column c
                b = (r // box_rows) * (n // box_cols) + c // box_cols
                k = (r % box_rows) * box_cols + c % box_cols
                self.units[2 * n * n + b * n + k] = r * n + c       # box b
        for cell in range(self.cells):
            r, c = cell // n, cell % n
            k = cell * self.n_peers
            for other in range(n):
                if other != c:
                    self.peers[k] = r * n + other
                    k += 1
                if other != r:
                    self.peers[k] = other * n + c
                    k += 1
            for u in range(r - r % box_rows, r - r % box_rows + box_rows):
                for other in range(c - c % box_cols, c - c % box_cols + box_cols):
                    if u != r and other != c:
                        self.peers[k] = u * n + other
                        k += 1

    def __dealloc__(self):
        PyMem_Free(self.peers)
        PyMem_Free(self.units)
        PyMem_Free(self.masks)
        PyMem_Free(self.queue)

    cdef bint propagate(self, uint64_t *m, int queued) noexcept nogil:
        """Apply both rules to the masks ``m`` (``queued`` fresh singles in the queue);
        False on a contradiction."""
        cdef int head = 0, cell, k, other, u, t, spot
        cdef uint64_t bit, once, twice, hidden, x
        cdef bint changed = True
        while changed:
            while head < queued:
                cell = self.queue[head]
                head += 1
                bit = m[cell]
                for k in range(self.n_peers):
                    other = self.peers[cell * self.n_peers + k]
                    if m[other] & bit:
                        m[other] &= ~bit
                        if m[other] == 0:
                            return False
                        if m[other] & (m[other] - 1) == 0:
                            self.queue[queued] = other
                            queued += 1
            changed = False
            for u in range(3 * self.n):
                once, twice = 0, 0
                for t in range(self.n):
                    x = m[self.units[u * self.n + t]]
                    twice |= once & x
                    once |= x
                if once != self.full:
                    return False
                hidden = once & ~twice
                while hidden:
                    bit = hidden & (~hidden + 1)
                    hidden &= hidden - 1
                    for t in range(self.n):
                        spot = self.units[u * self.n + t]
                        if m[spot] & bit:
                            if m[spot] != bit:
                                m[spot] = bit
                                self.queue[queued] = spot
                                queued += 1
                                changed = True
                            break
            if queued > head:
                changed = True
        return True

    cdef bint search(self, uint64_t *m) noexcept nogil:
        """Complete the propagated masks ``m`` in place; False if they cannot be.

        It branches on the tightest choice left: a cell with the fewest digits, or a digit
        with the fewest places in one of its units (as exact-cover search would)."""
        cdef uint64_t *child
        cdef int cell, best = -1, best_count = 65, count, u, t, d, unit = -1, spot
        cdef int places[64]
        cdef uint64_t options, bit, x, digit = 0
        cdef bint done = False
        for cell in range(self.cells):
            count = __builtin_popcountll(m[cell])
            if 1 < count < best_count:
                best, best_count = cell, count
        if best < 0:
            return True
        if best_count > 2:
            for u in range(3 * self.n):
                for d in range(self.n):
                    places[d] = 0
                for t in range(self.n):
                    x = m[self.units[u * self.n + t]]
                    if x & (x - 1):  # an open cell
                        while x:
                            places[__builtin_ctzll(x)] += 1
                            x &= x - 1
                for d in range(self.n):
                    if 1 < places[d] < best_count:
                        best_count, unit, digit = places[d], u, (<uint64_t> 1) << d
        child = <uint64_t *> malloc(self.cells * sizeof(uint64_t))
        if child == NULL:
            self.timed_out = True  # out of memory: give up like a timeout
            return False
        options = m[best] if unit < 0 else self.full
        t = 0
        while not done:
            if unit < 0:  # each digit of cell ``best``
                if not options:
                    break
                bit = options & (~options + 1)
                options &= options - 1
                spot = best
            else:         # each cell of ``unit`` that may hold ``digit``
                while t < self.n and not (m[self.units[unit * self.n + t]] & digit):
                    t += 1
                if t == self.n:
                    break
                spot, bit = self.units[unit * self.n + t], digit
                t += 1
            self.steps += 1
            if past(self.deadline, self.steps):
                self.timed_out = True
                break
            if self.steps > self.max_steps:
                self.gave_up = True
                break
            memcpy(child, m, self.cells * sizeof(uint64_t))
            child[spot] = bit
            self.queue[0] = spot
            if self.propagate(child, 1) and self.search(child):
                memcpy(m, child, self.cells * sizeof(uint64_t))
                done = True
            if self.timed_out or self.gave_up:
                break
        free(child)
        return done


def solve_grid(int box_rows, int box_cols, grid, double deadline, long long max_steps=-1):
    """(status, grid): 1 with a completion of ``grid`` (0 = empty), 0 when there is none,
    -1 when the deadline passed first, -2 when ``max_steps`` branches (if >= 0) did not
    settle it."""
    if max_steps < 0:
        max_steps = 1LL << 62
    cdef int n = box_rows * box_cols, r, c, v, queued = 0
    if not (1 <= box_rows and 1 <= box_cols and n <= 64):
        raise ValueError("the compiled solver takes grids of side 1..64")
    if len(grid) != n or any(len(row) != n for row in grid):
        raise ValueError("the grid must be %d x %d" % (n, n))
    cdef _Solver s = _Solver(box_rows, box_cols)
    cdef uint64_t *m = s.masks
    s.deadline, s.max_steps = deadline, max_steps
    for r in range(n):
        for c in range(n):
            v = grid[r][c]
            if v == 0:
                m[r * n + c] = s.full
            elif 1 <= v <= n:
                m[r * n + c] = (<uint64_t> 1) << (v - 1)
                s.queue[queued] = r * n + c
                queued += 1
            else:
                return 0, None
    cdef bint found
    with nogil:
        found = s.propagate(m, queued) and s.search(m)
    if s.timed_out:
        return -1, None
    if s.gave_up:
        return -2, None
    if not found:
        return 0, None
    return 1, [[__builtin_ctzll(m[r * n + c]) + 1 for c in range(n)] for r in range(n)]


cdef class _Pattern:
    """State of ``pattern_search``.  Variables 0..n-1 are f(rows), n..2n-1 g(columns),
    2n..3n-1 the position q(digit) of each digit in the cycle; a given (r, c, v) says
    f(r) + g(c) = q(v) (mod n).  Each kind of variable takes distinct values."""
    cdef int n, n_givens
    cdef int *given     # 3 variables per given
    cdef int *start     # CSR: the givens of each variable
    cdef int *members
    cdef int *value     # -1: unknown
    cdef int *owner     # owner[kind * n + value]: the variable holding it, -1: none
    cdef int *trail
    cdef int trail_len
    cdef int *queue
    cdef int head, tail
    cdef double deadline
    cdef long long steps, max_steps
    cdef bint timed_out, gave_up

    def __cinit__(self, int n, list givens):
        cdef int g, k, var
        self.n, self.n_givens = n, len(givens)
        self.given = <int *> PyMem_Malloc(max(1, 3 * self.n_givens) * sizeof(int))
        self.start = <int *> PyMem_Malloc((3 * n + 1) * sizeof(int))
        self.members = <int *> PyMem_Malloc(max(1, 3 * self.n_givens) * sizeof(int))
        self.value = <int *> PyMem_Malloc(3 * n * sizeof(int))
        self.owner = <int *> PyMem_Malloc(3 * n * sizeof(int))
        self.trail = <int *> PyMem_Malloc(3 * n * sizeof(int))
        self.queue = <int *> PyMem_Malloc(3 * n * sizeof(int))
        if not (self.given and self.start and self.members and self.value and self.owner
                and self.trail and self.queue):
            raise MemoryError()
        for var in range(3 * n + 1):
            self.start[var] = 0
        for g, (r, c, v) in enumerate(givens):
            self.given[3 * g], self.given[3 * g + 1], self.given[3 * g + 2] = r, n + c, 2 * n + v
            for k in range(3):
                self.start[self.given[3 * g + k] + 1] += 1
        for var in range(3 * n):
            self.start[var + 1] += self.start[var]
            self.value[var] = -1
            self.owner[var] = -1
        cdef int *fill = <int *> PyMem_Malloc(3 * n * sizeof(int))
        if not fill:
            raise MemoryError()
        for var in range(3 * n):
            fill[var] = self.start[var]
        for g in range(self.n_givens):
            for k in range(3):
                var = self.given[3 * g + k]
                self.members[fill[var]] = g
                fill[var] += 1
        PyMem_Free(fill)
        self.trail_len = 0

    def __dealloc__(self):
        PyMem_Free(self.given)
        PyMem_Free(self.start)
        PyMem_Free(self.members)
        PyMem_Free(self.value)
        PyMem_Free(self.owner)
        PyMem_Free(self.trail)
        PyMem_Free(self.queue)

    cdef bint assign(self, int var, int val) noexcept:
        cdef int slot = (var // self.n) * self.n + val
        if self.value[var] >= 0:
            return self.value[var] == val
        if self.owner[slot] >= 0:
            return False
        self.value[var] = val
        self.owner[slot] = var
        self.trail[self.trail_len] = var
        self.trail_len += 1
        self.queue[self.tail] = var
        self.tail += 1
        return True

    cdef void undo(self, int mark) noexcept:
        cdef int var
        while self.trail_len > mark:
            self.trail_len -= 1
            var = self.trail[self.trail_len]
            self.owner[(var // self.n) * self.n + self.value[var]] = -1
            self.value[var] = -1

    cdef bint propagate(self) noexcept:
        """Derive the third variable of every given whose other two are known."""
        cdef int n = self.n, var, k, g, f, c, q
        while self.head < self.tail:
            var = self.queue[self.head]
            self.head += 1
            for k in range(self.start[var], self.start[var + 1]):
                g = self.members[k]
                f = self.value[self.given[3 * g]]
                c = self.value[self.given[3 * g + 1]]
                q = self.value[self.given[3 * g + 2]]
                if f >= 0 and c >= 0:
                    if not self.assign(self.given[3 * g + 2], (f + c) % n):
                        return False
                elif f >= 0 and q >= 0:
                    if not self.assign(self.given[3 * g + 1], (q - f + n) % n):
                        return False
                elif c >= 0 and q >= 0:
                    if not self.assign(self.given[3 * g], (q - c + n) % n):
                        return False
        return True

    cdef bint fix(self, int var, int val) noexcept:
        self.head = self.tail = 0
        return self.assign(var, val) and self.propagate()

    cdef int pick(self) noexcept:
        """The unknown variable with the most givens that already know another variable."""
        cdef int var, k, g, j, score, best = -1, best_score = -1
        for var in range(3 * self.n):
            if self.value[var] >= 0 or self.start[var] == self.start[var + 1]:
                continue
            score = 0
            for k in range(self.start[var], self.start[var + 1]):
                g = self.members[k]
                for j in range(3):
                    if self.given[3 * g + j] != var and self.value[self.given[3 * g + j]] >= 0:
                        score += 1
                        break
            if score > best_score:
                best, best_score = var, score
        return best

    cdef object search(self, object leaf):
        """A grid ``leaf`` accepts built from a consistent assignment, or None."""
        cdef int var, val, mark
        self.steps += 1
        if past(self.deadline, self.steps):
            self.timed_out = True
            return None
        if self.steps > self.max_steps:
            self.gave_up = True
            return None
        var = self.pick()
        if var < 0:
            return leaf(self)
        mark = self.trail_len
        for val in range(self.n):
            if self.owner[(var // self.n) * self.n + val] >= 0:
                continue
            if self.fix(var, val):
                found = self.search(leaf)
                if found is not None or self.timed_out or self.gave_up:
                    return found
            self.undo(mark)
        return None


def pattern_search(int box_rows, int box_cols, grid, double deadline, long long max_steps=-1,
                   long long leaf_steps=2000):
    """(status, grid) as ``solve_grid``, looking only at grids D[(f(r) + g(c)) mod n] for
    bijections f, g and D (the family the generator plants its grids in): status 0 means
    no such grid completes ``grid``, or the few open cells left at each candidate could
    not be settled within ``leaf_steps`` branches; -2 that ``max_steps`` assignments
    (if >= 0) did not settle it."""
    cdef int n = box_rows * box_cols, r, c, v, i
    givens = [(r, c, grid[r][c] - 1) for r in range(n) for c in range(n) if grid[r][c] != 0]
    if any(not 0 <= g[2] < n for g in givens):
        return 0, None
    cdef _Pattern p = _Pattern(n, givens)
    p.deadline, p.max_steps = deadline, (max_steps if max_steps >= 0 else 1LL << 62)
    state = {"timed_out": False}

    def leaf(_Pattern s):
        digit = [0] * n
        for v in range(n):
            if s.value[2 * n + v] >= 0:
                digit[s.value[2 * n + v]] = v + 1
        full = [[digit[(s.value[r] + s.value[n + c]) % n] if s.value[r] >= 0 and s.value[n + c] >= 0 else 0
                 for c in range(n)] for r in range(n)]
        if all(x for row in full for x in row):
            return full if _boxes_hold(full, box_rows, box_cols) else None
        if n > 64:
            return None
        status, done = solve_grid(box_rows, box_cols, full, deadline, leaf_steps)
        if status == -1:
            state["timed_out"] = True
            s.timed_out = True
        return done

    found = None
    if givens:
        # f and g are fixed up to adding a constant each (q absorbs it): pin both at a given
        r, c, v = givens[0]
        if p.fix(r, 0) and p.fix(n + c, 0):
            found = p.search(leaf)
    if p.timed_out or state["timed_out"]:
        return -1, None
    if p.gave_up:
        return -2, None
    return (1, found) if found is not None else (0, None)


def _boxes_hold(full, int box_rows, int box_cols):
    cdef int n = box_rows * box_cols, r0, c0
    for r0 in range(0, n, box_rows):
        for c0 in range(0, n, box_cols):
            if len({full[r][c] for r in range(r0, r0 + box_rows) for c in range(c0, c0 + box_cols)}) != n:
                return False
    return True
