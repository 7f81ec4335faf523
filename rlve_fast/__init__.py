"""rlve_fast: RLVE's verifiable environments with a compiled verification core.

>>> import rlve_fast
>>> env = rlve_fast.make("Sorting")
>>> problem = env.generate(seed=0, difficulty=3)
>>> rlve_fast.verify("Sorting", problem.config, "<answer>1 2 3</answer>")["format_score"]
1
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from rlve_fast._version import __version__
from rlve_fast.batch import BatchResult, verify_batch
from rlve_fast.pool import BatchVerifier
from rlve_fast.curriculum import Curriculum
from rlve_fast.environment import Environment, Prepared, Problem, registry_make
from rlve_fast.errors import (ConfigError, GenerationError, GenerationTimeout, MissingDependency,
                              RewardOutOfRange, RLVEError, UnknownEnvironmentError)
from rlve_fast.registry import environment_ids
from rlve_fast.textparse import DEFAULT_MARKERS

__all__ = [
    "__version__", "environments", "make", "verify", "verify_batch", "BatchResult", "BatchVerifier", "Curriculum",
    "Environment", "Problem", "Prepared", "DEFAULT_MARKERS",
    "RLVEError", "UnknownEnvironmentError", "ConfigError", "GenerationError",
    "GenerationTimeout", "MissingDependency", "RewardOutOfRange",
]


def environments() -> List[str]:
    """The identifiers of every implemented environment (upstream's names), sorted."""
    return environment_ids()


def make(env_id: str, answer_markers: Sequence[str] = DEFAULT_MARKERS) -> Environment:
    """An environment object; raises UnknownEnvironmentError naming the closest ids."""
    return registry_make(env_id, answer_markers)


def verify(env_id: str, config: Any, response: str,
           answer_markers: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """Upstream's reward dict ``{"reward", "accuracy", "format_score"}`` for one completion.

    ``config`` is upstream's config (dict or JSON text).  Raises ConfigError for a config
    that does not fit the environment, TypeError for a response that is not str."""
    return make(env_id, answer_markers).verify(config, response)
