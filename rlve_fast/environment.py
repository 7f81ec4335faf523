"""The environment unit: schedule, sample, solve, prompt, parse, score.

An environment is a subclass of :class:`Environment` in its own module under
``rlve_fast/envs/``; defining it registers it.  It states

* ``id`` (upstream's identifier) and ``parameter_types`` (the keys of ``config["parameter"]``
  scoring needs, with their types);
* ``schedule()``: a generator of upstream's parameter lists, one per difficulty level;
* ``sample(rng, parameter)``: draw an instance into ``parameter``;
* ``solve(parameter)``: the answer keys (``reference_answer``, ``gold_answer``, ...),
  computed from the instance alone;
* ``prompt(parameter)``: the problem statement;
* ``parse(answer_text)``: the answer as a value, or None when it is not well formed;
* ``score(parameter, parsed)``: the reward of a parsed answer (the Python statement of the
  rule, the "twin");
* optionally ``kernel(parameter)``: a compiled scorer from ``rlve_fast._core`` for the same
  rule, used by the fast path.
"""
from __future__ import annotations

import copy
import functools
import importlib.util
import itertools
import reprlib
import threading
from dataclasses import dataclass
from typing import Any, ClassVar, Dict, Iterator, List, Optional, Sequence, Tuple

from rlve_fast import _impl, deadline, registry
from rlve_fast.config import Config, load_config
from rlve_fast.errors import GenerationError, MissingDependency, RewardOutOfRange
from rlve_fast.seeding import problem_rng
from rlve_fast.textparse import DEFAULT_MARKERS

ACCURACY_EPS = 1e-6
_ATOMS = frozenset((int, float, str, bool, type(None)))


def copy_plain(value):
    """A deep copy of JSON-like data (dicts, lists, scalars); a few times faster than
    ``copy.deepcopy``, which matters when a problem takes microseconds to generate."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is dict:
        return {key: copy_plain(item) for key, item in value.items()}
    if kind is list:
        return [copy_plain(item) for item in value]
    return copy.deepcopy(value)


def in_range(reward) -> bool:
    """Upstream asserts -1 <= reward <= 1 after scoring (outside its try): a reward that fails
    it (NaN, a complex number from a negative base ** fractional beta) makes upstream raise."""
    return type(reward) in (float, int, bool) and -1.0 <= reward <= 1.0


def reward_dict(reward: float, threshold: float) -> Dict[str, Any]:
    """Upstream's verifier result for a reward (after its bounds check)."""
    if not in_range(reward):
        raise RewardOutOfRange("reward %r is outside [-1, 1]" % (reward,))
    return {
        "reward": reward,
        "accuracy": int(reward >= threshold - ACCURACY_EPS),
        "format_score": int(reward >= -1.0 + ACCURACY_EPS),
    }


@dataclass
class Problem:
    """A generated problem. ``config`` is upstream's schema; ``metadata`` is the record a
    rollout loop stores next to the prompt (as upstream's data source does)."""
    environment: str
    seed: int
    difficulty: Optional[int]
    parameter: Dict[str, Any]
    prompt: str
    passing_reward_threshold: float = 1.0

    @property
    def config(self) -> Dict[str, Any]:
        return {"seed": self.seed, "parameter": self.parameter,
                "passing_reward_threshold": self.passing_reward_threshold}

    @property
    def metadata(self) -> Dict[str, Any]:
        return {"environment": self.environment, "problem_difficulty": self.difficulty,
                "config": self.config}


class Prepared:
    """A checked config with its compiled scorer (None: the Python scorer is used)."""
    __slots__ = ("env", "config", "kernel")

    def __init__(self, env: "Environment", config: Config, kernel: Any = None):
        self.env = env
        self.config = config
        self.kernel = kernel

    @property
    def parameter(self) -> Dict[str, Any]:
        return self.config.parameter

    @property
    def threshold(self) -> float:
        return self.config.passing_reward_threshold


@functools.lru_cache(maxsize=None)
def _check_requirements(cls) -> None:
    """Raise MissingDependency if a package in ``cls.requires`` cannot be imported (looked up
    once per class: a successful check is cached, a failing one raises every time)."""
    for module, extra in cls.requires.items():
        if importlib.util.find_spec(module) is None:
            raise MissingDependency("%s needs %s: pip install 'rlve_fast[%s]'" % (cls.id, module, extra))


def compiled_kernel(env: "Environment", parameter: dict):
    """``env``'s compiled scorer for a checked parameter, or None where the instance's numbers
    exceed int64 (the Python scorer handles those)."""
    try:
        return env.kernel(parameter)
    except OverflowError:
        return None


_ABRIDGED = reprlib.Repr()
_ABRIDGED.maxlist = _ABRIDGED.maxtuple = _ABRIDGED.maxset = 8
_ABRIDGED.maxdict = 16
_ABRIDGED.maxstring = _ABRIDGED.maxother = 80
_ABRIDGED.maxlevel = 3
_BRIEF_ITEMS = 256


def _few_items(value, budget: int) -> int:
    """``budget`` less the items found in ``value`` (nested lists, tuples, dicts), stopping
    below zero: the walk costs at most ``budget`` steps whatever the size."""
    if isinstance(value, (list, tuple)):
        budget -= len(value)
        for item in value:
            if budget < 0:
                break
            if isinstance(item, (list, tuple, dict)):
                budget = _few_items(item, budget)
    elif isinstance(value, dict):
        budget -= len(value)
        for item in value.values():
            if budget < 0:
                break
            budget = _few_items(item, budget)
    elif isinstance(value, str):
        budget -= len(value) // 8
    return budget


def brief_repr(parameter) -> str:
    """``repr(parameter)`` for an instance of a few hundred items, an abridged one past that:
    a refused instance can hold millions of numbers, and its error message must stay short."""
    if _few_items(parameter, _BRIEF_ITEMS) >= 0:
        return repr(parameter)
    return _ABRIDGED.repr(parameter)


class Environment:
    id: ClassVar[str] = ""
    parameter_types: ClassVar[Dict[str, Any]] = {}
    passing_reward_threshold: ClassVar[float] = 1.0
    wrong_format: ClassVar[float] = -1.0
    # The answer keys our solver must reproduce exactly (None: all it returns). Where many
    # answers are right (any spanning tree of least weight, any x solving a CRT system) only
    # the optimum is compared, and our reference answer must score full marks instead.
    exact_answer_keys: ClassVar[Optional[Tuple[str, ...]]] = None
    # True where sample() plants the answer while building the instance (a puzzle blanked
    # from a solution): generation then skips solve(), a search only parity tests need.
    planted_answer: ClassVar[bool] = False
    # Optional packages the environment needs, each with the extra that installs it; checked
    # when the environment is made, so a missing one is a clear error (a flagged row in a
    # batch), never an ImportError inside the scorer that upstream's rule would turn into -1.
    requires: ClassVar[Dict[str, str]] = {}

    _schedule_cache: ClassVar[Dict[str, List[List[dict]]]]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._schedule_cache = {"levels": []}
        cls._schedule_lock = threading.Lock()
        if cls.__dict__.get("id"):
            registry.register(cls)

    def __init__(self, answer_markers: Sequence[str] = DEFAULT_MARKERS):
        if self.requires:
            _check_requirements(type(self))
        if answer_markers is None:
            answer_markers = DEFAULT_MARKERS
        if (len(answer_markers) != 2 or not all(isinstance(m, str) for m in answer_markers)):
            raise TypeError("answer_markers must be a pair of strings, got %r" % (answer_markers,))
        self.answer_markers: Tuple[str, str] = (answer_markers[0], answer_markers[1])

    def __repr__(self):
        return "%s(answer_markers=%r)" % (type(self).__name__, self.answer_markers)

    def __reduce__(self):
        return (registry_make, (self.id, self.answer_markers))

    # ----------------------------------------------------------------- to implement
    @staticmethod
    def schedule() -> Iterator[List[dict]]:
        """Yield upstream's parameter list for level 0, 1, 2, ..."""
        raise NotImplementedError

    def sample(self, rng, parameter: dict) -> None:
        """Draw an instance, writing its keys into ``parameter``."""
        raise NotImplementedError

    def solve(self, parameter: dict) -> Dict[str, Any]:
        """The answer keys for the instance in ``parameter``."""
        raise NotImplementedError

    def prompt(self, parameter: dict) -> str:
        raise NotImplementedError

    def parse(self, answer: str) -> Any:
        """The answer text as a value, or None when it is not well formed."""
        raise NotImplementedError

    def score(self, parameter: dict, parsed: Any) -> float:
        """Reward for a parsed (not None) answer."""
        raise NotImplementedError

    def kernel(self, parameter: dict):
        """A compiled scorer for this config, or None to always use :meth:`score`."""
        return None

    def passing_threshold(self, parameter: dict) -> float:
        """The ``passing_reward_threshold`` a generated problem carries (upstream sets it per
        problem in a few environments, from the instance's optimum)."""
        return self.passing_reward_threshold

    # ----------------------------------------------------------------- difficulty
    @classmethod
    def parameters(cls, difficulty: int) -> List[dict]:
        """Upstream's parameter list at ``difficulty`` (0 = the controller's initial state)."""
        return copy_plain(cls._level(difficulty))

    @classmethod
    def _level(cls, difficulty: int) -> List[dict]:
        """The cached parameter list of a level (shared: copy before changing it)."""
        if not isinstance(difficulty, int) or isinstance(difficulty, bool) or difficulty < 0:
            raise ValueError("difficulty must be a non-negative int, got %r" % (difficulty,))
        levels = cls._schedule_cache["levels"]
        if difficulty >= len(levels):
            with cls._schedule_lock:
                levels = list(itertools.islice(cls.schedule(), difficulty + 1))
                cls._schedule_cache["levels"] = levels
        return levels[difficulty]

    # ----------------------------------------------------------------- generation
    def generate(self, seed: int, difficulty: Optional[int] = 0,
                 parameter: Optional[dict] = None,
                 time_budget: Optional[float] = deadline.DEFAULT_TIME_BUDGET) -> Problem:
        """The problem for (seed, difficulty), or for an explicit ``parameter`` dict.

        The same seed and level give the same problem in any process.  Sampling and solving
        stop with :class:`GenerationTimeout` once ``time_budget`` seconds (None: no limit)
        have passed; the work stops in this thread, nothing keeps running behind it."""
        rng = problem_rng(self.id, seed)
        if parameter is None:
            choices = self._level(0 if difficulty is None else difficulty)
            parameter = choices[rng.randrange(len(choices))]
        parameter = copy_plain(parameter)
        what = "%s (seed %r, difficulty %r)" % (self.id, seed, difficulty)
        try:
            with deadline.budget(time_budget, what):
                self.sample(rng, parameter)
                if not self.planted_answer:
                    parameter.update(self.solve(parameter))
        except (AssertionError, ValueError, IndexError) as exc:
            raise GenerationError("%s: cannot generate for seed %r and parameter %s: %s"
                                  % (self.id, seed, brief_repr(parameter), exc)) from exc
        return Problem(self.id, seed, difficulty, parameter, self.prompt(parameter),
                       self.passing_threshold(parameter))

    # ----------------------------------------------------------------- verification
    def prepare(self, config) -> Prepared:
        """Check a config (dict or JSON text) and build its compiled scorer once."""
        if not _impl.USE_COMPILED:
            return Prepared(self, load_config(self.id, config, self.parameter_types))
        checked = _compiled_load_config(self.id, config, self.parameter_types)
        return Prepared(self, checked, compiled_kernel(self, checked.parameter))

    def answer_reward(self, parameter: dict, answer: Optional[str]) -> float:
        """Reward for an extracted answer (None: no answer found), as upstream's scorer."""
        try:
            parsed = None if answer is None else self.parse(answer)
            if parsed is None:
                return self.wrong_format
            return self.score(parameter, parsed)
        except Exception:  # upstream: any exception inside the scorer is a reward of -1
            return -1.0

    def python_reward(self, parameter: dict, response: str) -> float:
        return self.answer_reward(parameter, _impl.extract_answer(response, self.answer_markers))

    def reward(self, prepared: Prepared, response: str) -> float:
        if prepared.kernel is not None:
            value = prepared.kernel.score(response, _impl.text.markers_for(self.answer_markers))
            if value is not None:
                return value
        return self.python_reward(prepared.parameter, response)

    def verify(self, config, response: str) -> Dict[str, Any]:
        """Upstream's ``verifier()``: ``{"reward", "accuracy", "format_score"}``."""
        if not isinstance(response, str):
            raise TypeError("response must be str, got %s" % type(response).__name__)
        prepared = config if isinstance(config, Prepared) else self.prepare(config)
        return reward_dict(self.reward(prepared, response), prepared.threshold)


def _compiled_load_config(env_id, config, types):
    global _compiled_load_config
    from rlve_fast._core.config import load_config as _compiled_load_config  # the twin's compiled form
    return _compiled_load_config(env_id, config, types)


def registry_make(env_id: str, answer_markers: Sequence[str] = DEFAULT_MARKERS) -> Environment:
    return registry.environment_class(env_id)(answer_markers)
