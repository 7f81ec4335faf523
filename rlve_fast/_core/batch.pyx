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
from rlve_fast._core.config import load_config as _load_config
from rlve_fast._core.share import same as _same
from rlve_fast.environment import Environment, Prepared, compiled_kernel, in_range

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


cdef class _Preparer:
    """Per distinct (environment, config): the prepared config or the reason it cannot be
    scored (twin: ``prepare`` in ``rlve_fast.batch.verify_batch``).  Equal dict configs are
    made one object as ``ConfigSharing`` does on the compiled path (same keys, same
    ``rlve_fast._core.share.same`` comparison)."""
    cdef object make_env, error_message
    cdef dict envs, shared, by_id, buckets

    def __init__(self, make_env, error_message):
        self.make_env, self.error_message = make_env, error_message
        self.envs, self.shared, self.by_id, self.buckets = {}, {}, {}, {}

    cdef object prepare_one(self, object env_id, object config):
        cdef object env, checked
        try:
            env = self.envs.get(env_id)
            if env is None:
                env = self.make_env(env_id)
                self.envs[env_id] = env
            if type(env).prepare is not _PREPARE:
                return env.prepare(config)
            # Environment.prepare on the compiled path
            checked = _load_config(env.id, config, env.parameter_types)
            return Prepared(env, checked, compiled_kernel(env, checked.parameter))
        except Exception as exc:  # reported on the row
            return self.error_message(exc)

    cdef object find(self, dict config):
        cdef object seed = config.get("seed"), parameter = config.get("parameter"), other
        cdef type t = type(seed)
        cdef list bucket
        key = (len(config),
               seed if (t is int or t is float or t is str or t is bool or t is _NONE) else None,
               tuple(parameter) if type(parameter) is dict else None)
        found = self.buckets.get(key)
        if found is None:
            self.buckets[key] = [config]
            return config
        bucket = <list> found
        for other in bucket:
            if _same(other, config):
                return other
        bucket.append(config)
        return config

    cdef object prepare(self, object env_id, object config):
        if type(config) is not dict:
            return self.prepare_one(env_id, config)
        found = self.by_id.get(id(config))
        if found is None:
            found = self.find(<dict> config)
            self.by_id[id(config)] = found
        key = (env_id, id(found))
        entry = self.shared.get(key)
        if entry is None:
            entry = self.prepare_one(env_id, found)
            self.shared[key] = entry
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
    cdef object env_id, config, response, last_env = None, last_config = None, entry = None, value
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
            entry = cache.get(key)
            if entry is None:
                entry = preparer.prepare(env_id, config)
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
        if i + PREFETCH_ROWS < n:
            rlve_prefetch_text(<void *> responses[i + PREFETCH_ROWS])
        if type(response) is not str:
            flag(i, "response must be str, got %s" % type(response).__name__)
            continue
        value = kernel.score(response, markers) if kernel is not None else None
        if value is None:
            value = entry.env.python_reward(entry.config.parameter, response)
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
