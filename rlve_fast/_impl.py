"""Which implementation of the kernels runs: compiled (default) or the pure-Python twins.

``RLVE_FAST_IMPLEMENTATION=python`` forces the twins everywhere (useful to debug or to
compare); ``=compiled`` makes a missing extension an error instead of a silent slowdown.
"""
from __future__ import annotations

import contextlib
import os
import warnings

from rlve_fast import textparse as _py

_requested = os.environ.get("RLVE_FAST_IMPLEMENTATION", "").strip().lower()
if _requested not in ("", "python", "compiled"):
    raise ImportError("RLVE_FAST_IMPLEMENTATION must be 'python' or 'compiled', not %r" % _requested)

try:
    from rlve_fast._core import text as _compiled_text
    from rlve_fast._core import kernel as _compiled_kernel  # noqa: F401  (import check)
    HAVE_COMPILED = True
except ImportError as exc:  # the extension did not build: stay correct, get slower
    if _requested == "compiled":
        raise
    _compiled_text = None
    HAVE_COMPILED = False
    if _requested != "python":
        warnings.warn("rlve_fast: compiled core unavailable (%s); using the pure-Python path" % exc)

USE_COMPILED = False
text = _py


def set_implementation(name: str) -> str:
    """Switch every kernel to "compiled" or "python"; returns the previous choice.

    Configs prepared before the switch keep the scorer they were prepared with."""
    global USE_COMPILED, text, extract_span, extract_answer, parse_int, parse_int_list, parse_int_rows
    if name not in ("compiled", "python"):
        raise ValueError("implementation must be 'compiled' or 'python', not %r" % (name,))
    if name == "compiled" and not HAVE_COMPILED:
        raise RuntimeError("the compiled core of rlve_fast is not built")
    previous = "compiled" if USE_COMPILED else "python"
    USE_COMPILED = name == "compiled"
    text = _compiled_text if USE_COMPILED else _py
    extract_span = text.extract_span
    extract_answer = text.extract_answer
    parse_int = text.parse_int
    parse_int_list = text.parse_int_list
    parse_int_rows = text.parse_int_rows
    return previous


@contextlib.contextmanager
def implementation(name: str):
    """``with implementation("python"): ...`` runs the block on the pure-Python twins."""
    previous = set_implementation(name)
    try:
        yield
    finally:
        set_implementation(previous)


set_implementation("compiled" if HAVE_COMPILED and _requested != "python" else "python")
