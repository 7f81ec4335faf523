"""Configs in upstream's schema: ``{"seed": int, "parameter": {...}, "passing_reward_threshold": float}``.

A config arrives as a dict or a JSON string (as in upstream's ``metadata``); it is checked
against the environment's ``parameter_types`` before anything is scored, so a missing key
or a wrong type is reported by name instead of surfacing as a reward of -1."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict

import orjson

from rlve_fast.errors import ConfigError

DEFAULT_THRESHOLD = 1.0


@dataclass(frozen=True)
class Config:
    seed: int
    parameter: Dict[str, Any]
    passing_reward_threshold: float = DEFAULT_THRESHOLD

    def to_dict(self) -> dict:
        return {"seed": self.seed, "parameter": self.parameter,
                "passing_reward_threshold": self.passing_reward_threshold}


def _describe(spec) -> str:
    if isinstance(spec, list):
        return "list of " + _describe(spec[0])
    if isinstance(spec, tuple):
        return " or ".join(_describe(s) for s in spec)
    return spec.__name__


def _matches(value, spec) -> bool:
    if isinstance(spec, tuple):
        return any(_matches(value, s) for s in spec)
    if isinstance(spec, list):
        return isinstance(value, list) and all(_matches(v, spec[0]) for v in value)
    if spec is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if spec is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec is object:
        return True
    return isinstance(value, spec)


def check_parameter(env_id: str, parameter: Any, types: Dict[str, Any]) -> None:
    if not isinstance(parameter, dict):
        raise ConfigError(env_id, "'parameter' must be an object, got %s" % type(parameter).__name__)
    for key, spec in types.items():
        if key not in parameter:
            raise ConfigError(env_id, "missing from parameter", key)
        if not _matches(parameter[key], spec):
            raise ConfigError(env_id, "expected %s, got %r" % (_describe(spec), _short(parameter[key])), key)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def load_config(env_id: str, config: Any, types: Dict[str, Any]) -> Config:
    """Parse and check one config (dict or JSON text)."""
    if isinstance(config, (str, bytes)):
        try:
            config = orjson.loads(config)
        except orjson.JSONDecodeError as exc:
            raise ConfigError(env_id, "config is not valid JSON (%s)" % exc) from None
    if isinstance(config, Config):
        config = config.to_dict()
    if not isinstance(config, dict):
        raise ConfigError(env_id, "config must be an object, got %s" % type(config).__name__)
    for key in ("seed", "parameter"):
        if key not in config:
            raise ConfigError(env_id, "missing from config", key)
    threshold = config.get("passing_reward_threshold", DEFAULT_THRESHOLD)
    if not _matches(threshold, float):
        raise ConfigError(env_id, "expected a number, got %r" % (threshold,), "passing_reward_threshold")
    check_parameter(env_id, config["parameter"], types)
    return Config(config["seed"], config["parameter"], float(threshold))
