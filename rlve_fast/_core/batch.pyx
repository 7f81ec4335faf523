# cython: language_level=3, boundscheck=False, wraparound=False
"""The compiled row loop of ``verify_batch`` (twin: ``rlve_fast.batch._python_rows``).

Per row it only looks up the prepared config (consecutive rows usually share one, as RL
samples several completions per prompt), calls the compiled kernel and stores the reward;
everything rare (preparing a config, the Python scorer, flagging a row) is a callback."""
from posix.time cimport clock_gettime, timespec, CLOCK_MONOTONIC

from rlve_fast._core.kernel cimport Kernel
from rlve_fast._core.text cimport Markers
from rlve_fast.environment import in_range

cdef extern from *:
    """
    /* Keeps the C compiler from reordering the progress slot's two stores. */
    static inline void rlve_store_barrier(void) { __asm__ __volatile__("" ::: "memory"); }
    """
    void rlve_store_barrier() nogil


def score_rows(list env_ids, list configs, list responses, Markers markers,
               prepare, python_reward, flag,
               double[::1] reward, signed char[::1] accuracy, signed char[::1] format_score,
               double[::1] progress=None, long long[::1] progress_ids=None):
    """``progress``, when given (shared memory, read by a supervising process), receives
    (row id, CLOCK_MONOTONIC seconds) as each row starts, so a row that hangs can be named;
    the row id is ``progress_ids[i]`` when given, else i.  The time is stored before the row
    id and the supervisor loads the id first: a row id it reads always comes with that row's
    start time or a later one, so a row is never blamed for the time of the row before it
    (as ``rlve_fast.batch.mark_progress``)."""
    cdef Py_ssize_t i, n = len(responses)
    cdef dict cache = {}
    cdef object env_id, config, response, last_env = None, last_config = None, entry = None, value
    cdef Kernel kernel = None
    cdef double r, threshold = 1.0
    cdef bint have_entry = False, track = progress is not None
    cdef timespec now
    for i in range(n):
        if track:
            clock_gettime(CLOCK_MONOTONIC, &now)
            progress[1] = now.tv_sec + now.tv_nsec * 1e-9
            rlve_store_barrier()
            progress[0] = progress_ids[i] if progress_ids is not None else i
        env_id = env_ids[i]
        config = configs[i]
        if not (have_entry and config is last_config and env_id is last_env):
            key = (env_id, config if type(config) is str or type(config) is bytes else id(config))
            entry = cache.get(key)
            if entry is None:
                entry = prepare(env_id, config)
                cache[key] = entry
            last_env, last_config, have_entry = env_id, config, True
            if type(entry) is str:
                kernel = None
            else:
                kernel = entry.kernel
                threshold = entry.config.passing_reward_threshold
        if type(entry) is str:
            flag(i, entry)
            continue
        response = responses[i]
        if type(response) is not str:
            flag(i, "response must be str, got %s" % type(response).__name__)
            continue
        value = kernel.score(response, markers) if kernel is not None else None
        if value is None:
            value = python_reward(entry, response)
        if type(value) is not float and not in_range(value):
            flag(i, "reward %r is outside [-1, 1]" % (value,))
            continue
        r = value
        if not (-1.0 <= r <= 1.0):
            flag(i, "reward %r is outside [-1, 1]" % (value,))
            continue
        reward[i] = r
        accuracy[i] = r >= threshold - 1e-6
        format_score[i] = r >= -1.0 + 1e-6
