"""Configs in upstream's schema: ``{"seed": int, "parameter": {...}, "passing_reward_threshold": float}``.

A config arrives as a dict or a JSON string (as in upstream's ``metadata``); it is checked
against the environment's ``parameter_types`` before anything is scored, so a missing key
or a wrong type is reported by name instead of surfacing as a reward of -1."""
from __future__ import annotations

from typing import Any, Callable, Dict

from rlve_fast.errors import ConfigError
from rlve_fast.jsonl import JSONError, loads

DEFAULT_THRESHOLD = 1.0


class Config:
    """A checked config (a plain slotted class: one is built per distinct config scored)."""
    __slots__ = ("seed", "parameter", "passing_reward_threshold")

    def __init__(self, seed: int, parameter: Dict[str, Any], passing_reward_threshold: float = DEFAULT_THRESHOLD):
        self.seed = seed
        self.parameter = parameter
        self.passing_reward_threshold = passing_reward_threshold

    def __eq__(self, other):
        return isinstance(other, Config) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return "Config(seed=%r, parameter=%r, passing_reward_threshold=%r)" % (
            self.seed, self.parameter, self.passing_reward_threshold)

    def to_dict(self) -> dict:
        return {"seed": self.seed, "parameter": self.parameter,
                "passing_reward_threshold": self.passing_reward_threshold}


def _describe(spec) -> str:
    if isinstance(spec, list):
        return "list of " + _describe(spec[0])
    if isinstance(spec, tuple):
        return " or ".join(_describe(s) for s in spec)
    return spec.__name__


_NUMBER_TYPES = (int, float)
_INT_ONLY = {int}
_SEQUENCES = (list, tuple)


def _validator(spec) -> Callable[[Any], bool]:
    """A predicate for one type spec, built once per environment: long instance lists make a
    naive recursive check the most expensive step of scoring a batch."""
    if isinstance(spec, tuple):
        options = [_validator(s) for s in spec]
        return lambda v: any(check(v) for check in options)
    if isinstance(spec, list):
        # a list, or a tuple as upstream's generators leave in configs held in memory
        if spec[0] is int:  # the common case, checked at C speed
            return lambda v: type(v) in _SEQUENCES and (not v or set(map(type, v)) <= _INT_ONLY)
        inner = _validator(spec[0])
        return lambda v: type(v) in _SEQUENCES and all(map(inner, v))
    if spec is float:
        return lambda v: type(v) in _NUMBER_TYPES
    if spec is object:
        return lambda v: True
    if spec in (int, str, bool, dict):
        return lambda v: type(v) is spec
    return lambda v: isinstance(v, spec)


def _matches(value, spec) -> bool:
    return _validator(spec)(value)


_compiled: Dict[int, Any] = {}


def _checks(types: Dict[str, Any]):
    """[(key, spec, predicate)] for an environment's parameter_types (a class constant)."""
    entry = _compiled.get(id(types))
    if entry is None or entry[0] is not types:
        entry = (types, [(key, spec, _validator(spec)) for key, spec in types.items()])
        _compiled[id(types)] = entry
    return entry[1]


def check_parameter(env_id: str, parameter: Any, types: Dict[str, Any]) -> None:
    if not isinstance(parameter, dict):
        raise ConfigError(env_id, "'parameter' must be an object, got %s" % type(parameter).__name__)
    for key, spec, check in _checks(types):
        if key not in parameter:
            raise ConfigError(env_id, "missing from parameter", key)
        if not check(parameter[key]):
            raise ConfigError(env_id, "expected %s, got %r" % (_describe(spec), _short(parameter[key])), key)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def load_config(env_id: str, config: Any, types: Dict[str, Any]) -> Config:
    """Parse and check one config (dict or JSON text)."""
    if isinstance(config, (str, bytes)):
        try:
            config = loads(config)
        except JSONError as exc:
            raise ConfigError(env_id, "config is not valid JSON (%s)" % exc) from None
    if isinstance(config, Config):
        config = config.to_dict()
    if not isinstance(config, dict):
        raise ConfigError(env_id, "config must be an object, got %s" % type(config).__name__)
    for key in ("seed", "parameter"):
        if key not in config:
            raise ConfigError(env_id, "missing from config", key)
    threshold = config.get("passing_reward_threshold", DEFAULT_THRESHOLD)
    if type(threshold) not in _NUMBER_TYPES:
        raise ConfigError(env_id, "expected a number, got %r" % (threshold,), "passing_reward_threshold")
    check_parameter(env_id, config["parameter"], types)
    return Config(config["seed"], config["parameter"], float(threshold))
