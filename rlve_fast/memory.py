"""Keeping freed memory in the process, for generation loops that make large problems.

glibc gives freed heap memory back to the system once more than a threshold (about twice the
largest recently freed block) sits unused at the top of the heap, and serves large blocks by
fresh ``mmap``. A loop that makes and drops problems of a few megabytes (a 496 x 496 Sudoku:
its rows, reference and prompt) then pays a page fault for every 4 KiB of every problem: on
the virtual machines we measure on, more than half of such a problem's time.
:func:`keep_freed_memory` raises both thresholds, so the pages are reused. It changes the
whole process's allocator, so it is a choice the process owner makes: the ``rlve-fast``
command and the benchmark scripts call it; a library import never does."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
DEFAULT_KEEP = 256 << 20


@functools.lru_cache(maxsize=1)
def _mallopt():
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None


def keep_freed_memory(up_to: int = DEFAULT_KEEP) -> bool:
    """Keep up to ``up_to`` bytes of freed heap memory in the process, and serve blocks below
    ``up_to`` from the heap instead of fresh mappings. True where the allocator (glibc) took the
    setting, False where there is no such setting (other C libraries): nothing changes then."""
    if not isinstance(up_to, int) or isinstance(up_to, bool) or not 0 < up_to < 1 << 31:
        raise ValueError("up_to must be a positive number of bytes below 2 GiB, got %r" % (up_to,))
    mallopt = _mallopt()
    if mallopt is None:
        return False
    # glibc caps the mmap threshold at 32 MiB on 64-bit machines (HEAP_MAX / 2)
    return bool(mallopt(M_TRIM_THRESHOLD, up_to)) and bool(mallopt(M_MMAP_THRESHOLD, min(up_to, 32 << 20)))
