# cython: language_level=3, boundscheck=False, wraparound=False
"""The compiled row loop of ``verify_batch`` (twin: ``rlve_fast.batch._python_rows``).

Per row it only looks up the prepared config (consecutive rows usually share one, as RL
samples several completions per prompt), calls the compiled kernel and stores the reward.
Preparing a config (sharing equal dicts, checking the config, asking the environment for its
kernel: the twin is ``verify_batch``'s ``prepare`` with ``Environment.prepare`` and
``ConfigSharing``) is done here too, in one compiled step per distinct config; the rare
things (making an environment, an error's message, flagging a row) are callbacks."""
from posix.time cimport clock_gettime, timespec, CLOCK_MONOTONIC

from rlve_fast._core.kernel cimport Kernel
from rlve_fast._core.text cimport Markers
from rlve_fast._core.config cimport valid_threshold
from rlve_fast._core.share import same as _same
from rlve_fast.config import load_config as _load_config_python
from rlve_fast.environment import Environment, in_range

cdef object _PREPARE = Environment.prepare  # an environment (or a test) replacing it is called instead
cdef type _NONE = type(None)
DEF PREFETCH_ROWS = 3  # rows ahead whose completion is fetched into the cache

cdef extern from *:
    """
    /* Keeps the C compiler from reordering the progress slot's two stores. */
    static inline void rlve_store_barrier(void) { __asm__ __volatile__("" ::: "memory"); }
    """
    void rlve_store_barrier() nogil

cdef extern from *:
    """
    /* Asks for the first bytes of the next row's completion (object header and text, which
       compact strings keep together) while this row is scored: a batch's completions are
       scattered over megabytes, and reading each one cold from the last-level cache cost
       more than scanning it. A prefetch never faults, whatever the string's length. */
    static inline void rlve_prefetch_text(const void *p) {
    #if defined(__GNUC__)
        const char *c = (const char *)p;
        for (int k = 0; k < 512; k += 64) __builtin_prefetch(c + k, 0, 1);
    #endif
    }
    """
    void rlve_prefetch_text(const void *p) nogil


cdef class _Entry:
    """A prepared config on this path (what ``Environment.prepare``'s ``Prepared`` holds,
    without building a ``Config`` and a ``Prepared`` per distinct config)."""
    cdef object env, parameter, kernel
    cdef double threshold


cdef _Entry _entry(object env, object parameter, object threshold, object kernel):
    cdef _Entry entry = _Entry.__new__(_Entry)
    entry.env, entry.parameter, entry.threshold, entry.kernel = env, parameter, threshold, kernel
    return entry


cdef class _Preparer:
    """Per distinct (environment, config): the prepared config or the reason it cannot be
    scored (twin: ``prepare`` in ``rlve_fast.batch.verify_batch``).  Equal dict configs of
    one environment share one entry, as ``ConfigSharing`` and the per-environment table make
    them do there (compared with the same strict ``rlve_fast._core.share.same``)."""
    cdef object make_env, error_message
    cdef dict envs, buckets

    def __init__(self, make_env, error_message):
        self.make_env, self.error_message = make_env, error_message
        self.envs, self.buckets = {}, {}

    cdef object prepare_one(self, object env_id, object config):
        cdef object env, checked, parameter, threshold, kernel
        try:
            env = self.envs.get(env_id)
            if env is None:
                env = self.make_env(env_id)
                self.envs[env_id] = env
            if type(env).prepare is not _PREPARE:
                checked = env.prepare(config)
                return _entry(env, checked.config.parameter, checked.config.passing_reward_threshold,
                              checked.kernel)
            # Environment.prepare on the compiled path (config check, then compiled_kernel)
            threshold = valid_threshold(config, env.parameter_types)
            if threshold is None:  # JSON text, or a config failing a check: the twin decides
                checked = _load_config_python(env.id, config, env.parameter_types)
                parameter, threshold = checked.parameter, checked.passing_reward_threshold
            else:
                parameter = (<dict> config)["parameter"]
            try:
                kernel = env.kernel(parameter)
            except OverflowError:  # numbers past int64: the Python scorer
                kernel = None
            return _entry(env, parameter, threshold, kernel)
        except Exception as exc:  # reported on the row
            return self.error_message(exc)

    cdef object prepare(self, object env_id, object config):
        """The entry of the first earlier config of this environment equal to ``config``
        (bucketed by environment, size and seed, then compared strictly), else a new one."""
        cdef object seed, other_entry
        cdef type t
        cdef list bucket
        cdef Py_ssize_t j
        if type(config) is not dict:
            return self.prepare_one(env_id, config)
        seed = (<dict> config).get("seed")
        t = type(seed)
        key = (env_id, len(<dict> config),
               seed if (t is int or t is float or t is str or t is bool or t is _NONE) else None)
        found = self.buckets.get(key)
        if found is None:
            entry = self.prepare_one(env_id, config)
            self.buckets[key] = [config, entry]
            return entry
        bucket = <list> found
        for j in range(0, len(bucket), 2):
            if _same(bucket[j], config):
                return bucket[j + 1]
        entry = self.prepare_one(env_id, config)
        bucket.append(config)
        bucket.append(entry)
        return entry


def score_rows(list env_ids, list configs, list responses, Markers markers,
               make_env, error_message, flag,
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
    cdef object env_id, config, response, last_env = None, last_config = None, found = None, value
    cdef _Entry entry = None
    cdef Kernel kernel = None
    cdef double r, threshold = 1.0
    cdef bint have_entry = False, track = progress is not None
    cdef timespec now
    cdef _Preparer preparer = _Preparer(make_env, error_message)
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
            found = cache.get(key)
            if found is None:
                found = preparer.prepare(env_id, config)
                cache[key] = found
            last_env, last_config, have_entry = env_id, config, True
            if type(found) is str:
                entry, kernel = None, None
            else:
                entry = <_Entry> found
                kernel = entry.kernel
                threshold = entry.threshold
        if entry is None:
            flag(i, found)
            continue
        response = responses[i]
        if i + PREFETCH_ROWS < n:
            rlve_prefetch_text(<void *> responses[i + PREFETCH_ROWS])
        if type(response) is not str:
            flag(i, "response must be str, got %s" % type(response).__name__)
            continue
        value = kernel.score(response, markers) if kernel is not None else None
        if value is None:
            value = entry.env.python_reward(entry.parameter, response)
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
