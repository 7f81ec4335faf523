# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled config loading (twin and reference: ``rlve_fast.config.load_config``).

Only the common case runs here: a plain dict config whose parameter is a plain dict and
passes every check.  Anything else (JSON text, a Config, a dict subclass, a config that
fails a check) is handed to the Python twin, which raises the very error it always does,
so both paths accept the same configs and report the same errors."""
from rlve_fast import config as _py

cdef object Config = _py.Config
cdef object DEFAULT_THRESHOLD = _py.DEFAULT_THRESHOLD


cdef bint _matches(object value, object spec) except -1:
    """``rlve_fast.config._validator(spec)(value)``."""
    cdef type ts = type(spec)
    cdef type tv
    cdef object inner, item, option
    if ts is list:
        tv = type(value)
        if tv is not list and tv is not tuple:
            return False
        inner = (<list> spec)[0]
        if inner is int:
            for item in value:
                if type(item) is not int:
                    return False
            return True
        for item in value:
            if not _matches(item, inner):
                return False
        return True
    if ts is tuple:
        for option in <tuple> spec:
            if _matches(value, option):
                return True
        return False
    if spec is int or spec is str or spec is bool or spec is dict:
        return type(value) is spec
    if spec is float:
        tv = type(value)
        return tv is int or tv is float
    if spec is object:
        return True
    return isinstance(value, spec)


cdef dict _items_cache = {}


cdef list _items(dict types):
    """[(key, spec)] of an environment's parameter_types (a class constant), made once."""
    entry = _items_cache.get(id(types))
    if entry is None or (<tuple> entry)[0] is not types:
        entry = (types, list(types.items()))
        _items_cache[id(types)] = entry
    return (<tuple> entry)[1]


def matches(value, spec):
    """True when ``value`` passes the check of type spec ``spec`` (as the twin's validator)."""
    return _matches(value, spec)


cdef object valid_threshold(object config, object types):
    """The config's passing threshold (a float) when ``config`` is a plain dict whose
    parameter is a plain dict passing every check of ``types``; None for anything else (the
    Python twin then parses it or raises its error).  For callers that need no Config
    object: the parameter is ``config["parameter"]`` itself."""
    cdef object threshold, parameter, key, spec, seed
    cdef type tt
    if type(config) is not dict or type(types) is not dict:
        return None
    seed = (<dict> config).get("seed", _items_cache)
    parameter = (<dict> config).get("parameter", _items_cache)
    if seed is _items_cache or parameter is _items_cache or type(parameter) is not dict:
        return None
    threshold = (<dict> config).get("passing_reward_threshold", DEFAULT_THRESHOLD)
    tt = type(threshold)
    if tt is not int and tt is not float:
        return None
    for key, spec in _items(<dict> types):
        value = (<dict> parameter).get(key, _items_cache)
        if value is _items_cache or not _matches(value, spec):
            return None
    return float(threshold)


def load_config(env_id, config, types):
    """Parse and check one config; see ``rlve_fast.config.load_config``."""
    threshold = valid_threshold(config, types)
    if threshold is None:
        return _py.load_config(env_id, config, types)
    return Config((<dict> config)["seed"], (<dict> config)["parameter"], threshold)
