# Deadlines for compiled generator loops (see rlve_fast/deadline.py).
# time.monotonic() reads CLOCK_MONOTONIC on Linux and macOS, so a deadline taken from
# rlve_fast.deadline.deadline_at() compares directly with monotonic_now().
from posix.time cimport clock_gettime, timespec, CLOCK_MONOTONIC


cdef inline double monotonic_now() noexcept nogil:
    cdef timespec ts
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return <double> ts.tv_sec + 1e-9 * <double> ts.tv_nsec


cdef inline bint past(double deadline, long long step) noexcept nogil:
    """True once ``deadline`` has passed; reads the clock only every 4096th ``step``."""
    return (step & 4095) == 0 and monotonic_now() > deadline
