"""The random tables of the grid generators: compiled fill and Python twin draw the same
tables from the same ``random.Random``, with the stated distributions."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from rlve_fast.envs.grids import _tables

fill = pytest.importorskip("rlve_fast.envs.grids._fill")


@pytest.mark.parametrize("name, args", [
    ("bernoulli_rows", (6, 9, 0.3)),
    ("integer_rows", (5, 7, 1, 13)),
    ("integer_rows", (2, 3, -2 ** 63, 2 ** 63 - 1)),
    ("integer_rows", (4, 4, 5, 5)),
    ("integer_cells", (3, 4, 5, 1, 20)),
])
def test_compiled_and_python_tables_agree(name, args):
    for seed in range(5):
        compiled = getattr(fill, name)(random.Random(seed), *args)
        python = getattr(_tables, "_py_" + name)(random.Random(seed), *args)
        assert compiled == python


def test_distributions():
    counts = Counter(v for row in fill.integer_rows(random.Random(1), 300, 100, 1, 3) for v in row)
    assert set(counts) == {1, 2, 3} and all(9000 < c < 11000 for c in counts.values())
    ones = sum(map(sum, fill.bernoulli_rows(random.Random(2), 300, 100, 0.25)))
    assert 7000 < ones < 8000
    assert fill.bernoulli_rows(random.Random(3), 2, 2, 0.0) == [[0, 0], [0, 0]]
    assert fill.bernoulli_rows(random.Random(3), 2, 2, 1.0) == [[1, 1], [1, 1]]
    with pytest.raises(ValueError):
        fill.integer_rows(random.Random(0), 1, 1, 2, 1)


def test_digit_rows():
    assert _tables.digit_rows([[0, 1, 1], [1, 0, 9]]) == "011\n109"
    assert _tables.digit_rows([[0, 12], [-1, 3]]) == "012\n-13"
    assert _tables.digit_rows([]) == ""


def test_text_of_tables():
    import numpy as np

    rows = [[1, -23, 0], [2 ** 63 - 1, -2 ** 63, 5], []]
    for spaced, sep in ((True, " "), (False, "")):
        expected = "\n".join(sep.join(map(str, row)) for row in rows)
        assert fill.rows_text(rows, spaced) == _tables._py_rows_text(rows, spaced) == expected
        table = np.array(rows[:2], dtype=np.int64)
        assert fill.matrix_text(table, spaced) == _tables._py_matrix_text(table, spaced) == expected.rsplit("\n", 1)[0]
    assert fill.rows_text([]) == ""
