"""Random tables for the grid generators: the compiled fill (``_fill.pyx``) or, where it is
not built, this plain-Python twin of the same xoshiro256** stream (same tables, slower).

Each function draws one 64-bit seed from the problem's ``random.Random`` and fills the whole
table from it, so a table costs one call into ``rng`` however large it is."""
from __future__ import annotations

MASK = (1 << 64) - 1


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class _Stream:
    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed = (seed + 0x9E3779B97F4A7C15) & MASK
            z = seed
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next64(self):
        s = self.s
        result = (_rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def uniform(self, low, span):
        x = self.next64()
        if span == 1 << 64:
            return low + x
        limit = (1 << 64) - (1 << 64) % span
        while x >= limit:
            x = self.next64()
        return low + x % span


def _py_bernoulli_rows(rng, rows, cols, p):
    st = _Stream(rng.getrandbits(64))
    return [[1 if (st.next64() >> 11) * (1.0 / 9007199254740992.0) < p else 0 for _ in range(cols)]
            for _ in range(rows)]


def _py_integer_rows(rng, rows, cols, low, high):
    if high < low:
        raise ValueError("empty range")
    st = _Stream(rng.getrandbits(64))
    return [[st.uniform(low, high - low + 1) for _ in range(cols)] for _ in range(rows)]


def _py_integer_cells(rng, rows, cols, depth, low, high):
    if high < low:
        raise ValueError("empty range")
    st = _Stream(rng.getrandbits(64))
    return [[[st.uniform(low, high - low + 1) for _ in range(depth)] for _ in range(cols)]
            for _ in range(rows)]


try:
    from rlve_fast.envs.grids._fill import bernoulli_rows, integer_cells, integer_rows
except ImportError:  # the extension did not build: same tables, drawn in Python
    bernoulli_rows, integer_rows, integer_cells = _py_bernoulli_rows, _py_integer_rows, _py_integer_cells


_DIGITS = bytes.maketrans(bytes(range(10)), b"0123456789")


def digit_rows(matrix) -> str:
    """A table of one-digit integers as lines of digits without separators (e.g. "0110"),
    by a byte translation where every cell is 0..9."""
    try:
        packed = [bytes(row) for row in matrix]
    except (ValueError, TypeError):
        packed = None
    if packed is None or any(row and max(row) > 9 for row in packed):
        return "\n".join("".join(map(str, row)) for row in matrix)
    return "\n".join(row.translate(_DIGITS).decode("ascii") for row in packed)


def _py_rows_text(rows, spaced=True):
    sep = " " if spaced else ""
    return "\n".join(sep.join(map(str, row)) for row in rows)


def _py_matrix_text(table, spaced=True):
    return _py_rows_text(table.tolist(), spaced)


try:
    from rlve_fast.envs.grids._fill import matrix_text, rows_text
except ImportError:
    matrix_text, rows_text = _py_matrix_text, _py_rows_text
