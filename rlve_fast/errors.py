"""Errors raised by rlve_fast. Each names what went wrong and where."""
from __future__ import annotations


class RLVEError(Exception):
    """Base class of every error rlve_fast raises on purpose."""


class UnknownEnvironmentError(RLVEError, KeyError):
    def __init__(self, env_id, suggestions=()):
        self.env_id = env_id
        self.suggestions = list(suggestions)
        hint = (" Did you mean: %s?" % ", ".join(self.suggestions)) if self.suggestions else ""
        super().__init__("unknown environment %r.%s (rlve_fast.environments() lists them)" % (env_id, hint))

    def __str__(self):  # KeyError would print the repr of the message
        return self.args[0]


class ConfigError(RLVEError, ValueError):
    """A config that is not upstream's schema for its environment."""

    def __init__(self, env_id, message, key=None):
        self.env_id = env_id
        self.key = key
        where = "%s: " % env_id if key is None else "%s, key %r: " % (env_id, key)
        super().__init__(where + message)


class MissingDependency(RLVEError, ImportError):
    """An environment needs an optional package that is not installed (named with its extra)."""


class GenerationError(RLVEError, RuntimeError):
    """The generator could not build a problem for this seed and parameter."""


class GenerationTimeout(GenerationError, TimeoutError):
    """Generation exceeded its time budget."""


class RewardOutOfRange(RLVEError, AssertionError):
    """A scorer returned a reward outside [-1, 1] (upstream raises AssertionError)."""
