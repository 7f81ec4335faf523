"""The kernels' answer parser: its one-byte fast loop (latin-1 text) against the generic C
reader it mirrors (the same text made two-byte by a trailing line separator, which ends no
row and adds no token)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl

TOKENS = st.sampled_from(["1", "-2", "+3", "007", "-", "+", "", "x", "1_0", "12a", "\xb2", "\xbd",
                          "999999999999999999", "1000000000000000000", "-9223372036854775808",
                          "99999999999999999999999", "4611686018427387904", "\xe9"])
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f",
                              "\x85", "\xa0", "\n\n"])


def kernel():
    config = {"seed": 0, "parameter": {"N": 2, "M": 2, "sudoku": [[0] * 4 for _ in range(4)]}}
    with _impl.implementation("compiled"):
        found = rlve_fast.make("Sudoku").prepare(config).kernel
    assert found is not None
    return found


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(TOKENS, SEPARATORS), max_size=14), SEPARATORS)
def test_one_byte_parse_matches_the_generic_reader(tokens, lead):
    k = kernel()
    text = lead + "".join(t + s for t, s in tokens)
    assert k.parsed(text) == k.parsed(text + "\u2028")
