"""The environment registry, filled by the environment modules themselves.

Every module under ``rlve_fast/envs/`` that defines an :class:`Environment` subclass with an
``id`` is registered when it is imported (``Environment.__init_subclass__``); the first look-up
imports them all.  Adding an environment means adding its module: there is no list to edit.
"""
from __future__ import annotations

import difflib
import importlib
import pkgutil
import threading
from typing import Dict, List, Type

from rlve_fast.errors import UnknownEnvironmentError

_REGISTRY: Dict[str, type] = {}
_loaded = False
_lock = threading.Lock()


def register(cls: type) -> type:
    env_id = cls.id
    other = _REGISTRY.get(env_id)
    if other is not None and other.__qualname__ != cls.__qualname__:
        raise RuntimeError("environment id %r is defined twice: %s and %s"
                           % (env_id, other.__module__, cls.__module__))
    _REGISTRY[env_id] = cls
    return cls


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        import rlve_fast.envs as package
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.rsplit(".", 1)[-1].startswith("_"):
                continue  # private helpers and compiled kernels
            importlib.import_module(info.name)
        _loaded = True


def environment_ids() -> List[str]:
    _load_all()
    return sorted(k for k, cls in _REGISTRY.items() if not getattr(cls, "hidden", False))


def environment_class(env_id: str) -> Type:
    _load_all()
    try:
        return _REGISTRY[env_id]
    except (KeyError, TypeError):
        pass
    if not isinstance(env_id, str):
        raise UnknownEnvironmentError(env_id)
    lower = {k.lower(): k for k in _REGISTRY}
    close = difflib.get_close_matches(env_id.lower(), list(lower), n=3, cutoff=0.6)
    raise UnknownEnvironmentError(env_id, [lower[c] for c in close])
