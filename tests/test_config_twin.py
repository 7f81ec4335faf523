"""The compiled config loader (rlve_fast._core.config) against its Python twin
(rlve_fast.config.load_config): the same checked config or the same error, on generated
configs with wrong types, missing keys, tuples for lists, bools for ints, floats for ints."""
import json

import pytest
from hypothesis import given, settings, strategies as st

import rlve_fast
from rlve_fast import _impl, config as py_config
from rlve_fast.errors import ConfigError
from rlve_fast.registry import environment_class

pytestmark = pytest.mark.skipif(not _impl.HAVE_COMPILED, reason="compiled core not built")

SPECS = [int, float, str, bool, dict, object, [int], [[int]], [[[int]]], [str], [object], [[bool]],
         (str, [[str]]), (int, [int]), [(int, str)]]
TYPES = [{"N": int, "A": [int]}, {"x": float, "grid": [[int]], "s": str},
         {"flag": bool, "d": dict, "o": object, "rows": [[bool]]}, {"u": (str, [[str]]), "m": [(int, str)]},
         {"deep": [[[int]]], "names": [str], "any": [object]}]
TYPES += [environment_class(e).parameter_types for e in sorted(rlve_fast.environments())[:40]]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.integers(), st.floats(allow_nan=False),
                    st.sampled_from([0.0, 1.0, 3.0, 2.5]), st.text(max_size=3))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.dictionaries(st.text(max_size=2), inner, max_size=3)), max_leaves=16)


def value_for(spec):
    """Values that often pass ``spec`` and sometimes nearly do."""
    if isinstance(spec, list):
        inner = value_for(spec[0])
        return st.one_of(st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple), values)
    if isinstance(spec, tuple):
        return st.one_of(*[value_for(s) for s in spec])
    if spec is int:
        return st.one_of(st.integers(-5, 5), st.booleans(), st.sampled_from([1.0, 2**70]), values)
    if spec is float:
        return st.one_of(st.integers(-5, 5), st.floats(allow_nan=False), st.booleans(), values)
    if spec is bool:
        return st.one_of(st.booleans(), st.integers(0, 1), values)
    if spec is str:
        return st.one_of(st.text(max_size=3), values)
    if spec is dict:
        return st.one_of(st.dictionaries(st.text(max_size=2), scalars, max_size=2), values)
    return values


@st.composite
def cases(draw):
    types = draw(st.sampled_from(TYPES))
    parameter = {}
    for key, spec in types.items():
        if draw(st.integers(0, 15)) == 0:
            continue  # missing key
        parameter[key] = draw(value_for(spec))
    if draw(st.booleans()):
        parameter["extra"] = draw(values)
    config = {}
    if draw(st.integers(0, 12)):
        config["seed"] = draw(st.one_of(st.integers(0, 3), values))
    if draw(st.integers(0, 12)):
        config["parameter"] = parameter if draw(st.integers(0, 12)) else draw(values)
    threshold = draw(st.sampled_from(["absent", 1, 0.5, True, "1", None, 2**2000]))
    if threshold != "absent":
        config["passing_reward_threshold"] = threshold
    form = draw(st.integers(0, 12))
    if form == 0:
        try:
            return types, json.dumps(config)
        except (TypeError, ValueError):
            pass
    if form == 1:
        return types, draw(values)
    return types, config


def outcome(load, types, config):
    try:
        checked = load("Env", config, types)
    except Exception as exc:  # noqa: BLE001
        return ("error", type(exc), str(exc), getattr(exc, "args", None))
    return ("ok", type(checked), checked.seed, checked.parameter, checked.passing_reward_threshold,
            type(checked.passing_reward_threshold))


@settings(max_examples=1500, deadline=None)
@given(cases())
def test_compiled_loader_matches_twin(case):
    from rlve_fast._core.config import load_config as compiled_load
    types, config = case
    want = outcome(py_config.load_config, types, config)
    got = outcome(compiled_load, types, config)
    assert repr(got) == repr(want)
    if want[0] == "error":
        assert got[1] is want[1]


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(SPECS).flatmap(lambda spec: st.tuples(st.just(spec), value_for(spec))))
def test_compiled_matches_matches_validator(case):
    from rlve_fast._core.config import matches
    spec, value = case
    assert matches(value, spec) == py_config._matches(value, spec)


def test_errors_name_the_key():
    from rlve_fast._core.config import load_config as compiled_load
    for config in ({"seed": 1}, {"seed": 1, "parameter": {"N": True}}, {"seed": 1, "parameter": {"N": (1,)}},
                   {"seed": 1, "parameter": {"N": 3}, "passing_reward_threshold": "x"}):
        with pytest.raises(ConfigError) as compiled:
            compiled_load("Env", config, {"N": int})
        with pytest.raises(ConfigError) as twin:
            py_config.load_config("Env", config, {"N": int})
        assert str(compiled.value) == str(twin.value)
