"""The adaptive curriculum: raise an environment's difficulty when the policy masters it.

Upstream's rule (RLVE's ``RLVEManager``), per environment:

* problems are drawn at a level chosen uniformly from the ``window`` levels ending at the
  environment's current maximum (fewer near level 0), then a parameter uniformly from that
  level's list; the environment itself is chosen uniformly from the list;
* every problem gets the next seed of one increasing counter (failed generations use one too);
* only completions at the current maximum count toward accuracy;
* once at least ``min_prompts * samples_per_prompt`` of them are counted, their accuracy is
  checked: at ``threshold`` or above the maximum rises by one; either way the counters reset.

``update(samples)`` does the check once after a rollout step, as upstream does;
``record(...)`` checks after every sample, for trainers that score one completion at a time.
All choices derive from (``seed``, problem counter) through SeedSequence, so the state is
plain JSON (``save``/``load``) and a resumed run continues exactly.
"""
from __future__ import annotations

import copy
import json
import os
import random
import tempfile
import threading
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple

import numpy as np

from rlve_fast.deadline import DEFAULT_TIME_BUDGET
from rlve_fast.environment import Problem, registry_make
from rlve_fast.errors import GenerationError, RLVEError, UnknownEnvironmentError
from rlve_fast.registry import environment_class

STATE_FORMAT = "rlve_fast.curriculum/1"


class CurriculumStateError(RLVEError, ValueError):
    """A state file that is not this version's, or is damaged."""


class Curriculum:
    def __init__(self, environments: Sequence[str], *, samples_per_prompt: int = 1,
                 initial_difficulty: int = 0, window: int = 4, threshold: float = 0.9,
                 min_prompts: int = 8, seed: int = 0, max_generation_attempts: int = 100,
                 time_budget: Optional[float] = DEFAULT_TIME_BUDGET):
        if not environments:
            raise ValueError("the curriculum needs at least one environment")
        for env_id in environments:
            environment_class(env_id)  # unknown ids fail here, naming the closest
        if window < 1 or min_prompts < 1 or samples_per_prompt < 1:
            raise ValueError("window, min_prompts and samples_per_prompt must be at least 1")
        self.environments = list(environments)
        self.samples_per_prompt = samples_per_prompt
        self.window = window
        self.threshold = threshold
        self.min_prompts = min_prompts
        self.seed = seed
        self.max_generation_attempts = max_generation_attempts
        self.time_budget = time_budget  # per generated problem; one that runs out counts as failed
        self.difficulty: Dict[str, int] = {e: initial_difficulty for e in self.environments}
        self.correct: Dict[str, float] = {e: 0 for e in self.environments}
        self.counted: Dict[str, int] = {e: 0 for e in self.environments}
        self.last_accuracy: Dict[str, Optional[float]] = {e: None for e in self.environments}
        self.problem_seed = 0
        self._lock = threading.RLock()
        self._envs = {}

    # ------------------------------------------------------------------ drawing problems
    def _choices(self, counter: int) -> random.Random:
        state = np.random.SeedSequence([self.seed, counter]).generate_state(2, np.uint32)
        return random.Random(int(state[0]) << 32 | int(state[1]))

    def try_problem(self) -> Tuple[str, int, Optional[Problem]]:
        """One draw: (environment, level, problem or None if its generation failed)."""
        with self._lock:
            counter = self.problem_seed
            self.problem_seed += 1
            rng = self._choices(counter)
            env_id = self.environments[rng.randrange(len(self.environments))]
            top = self.difficulty[env_id]
            levels = list(range(max(0, top - self.window + 1), top + 1))
            level = levels[rng.randrange(len(levels))]
        env = self._envs.get(env_id) or self._envs.setdefault(env_id, registry_make(env_id))
        parameters = env.parameters(level)
        parameter = parameters[rng.randrange(len(parameters))]
        try:
            problem = env.generate(counter, difficulty=level, parameter=parameter,
                                   time_budget=self.time_budget)
        except GenerationError:  # GenerationTimeout included: upstream drops the problem too
            return env_id, level, None
        return env_id, level, problem

    def next_problem(self) -> Problem:
        """The next problem (failed generations are skipped, each using up a seed)."""
        for _ in range(self.max_generation_attempts):
            _, _, problem = self.try_problem()
            if problem is not None:
                return problem
        raise GenerationError("no problem generated in %d attempts" % self.max_generation_attempts)

    # ------------------------------------------------------------------ updates
    def _count(self, env_id: str, level: int, accuracy) -> None:
        top = self.difficulty[env_id]
        if level > top:
            raise ValueError("%s: a sample at level %d is above the current maximum %d"
                             % (env_id, level, top))
        if level == top:
            self.counted[env_id] += 1
            self.correct[env_id] += accuracy

    def _check(self, env_id: str, log: Dict[str, Any]) -> None:
        counted = self.counted[env_id]
        if counted < self.min_prompts * self.samples_per_prompt:
            return
        accuracy = self.correct[env_id] / counted
        self.last_accuracy[env_id] = accuracy
        log["RLVE/%s/accuracy" % env_id] = accuracy
        if accuracy >= self.threshold:
            self.difficulty[env_id] += 1
            log["RLVE/%s/difficulty" % env_id] = self.difficulty[env_id]
        self.correct[env_id] = 0
        self.counted[env_id] = 0

    def update(self, samples: Iterable[Any]) -> Dict[str, Any]:
        """After a rollout step: count every sample, then check each environment once.

        A sample is a mapping with ``environment``, ``problem_difficulty`` and ``accuracy``
        (or ``reward``: upstream's reward dict), or an object with ``metadata`` and
        ``reward`` as slime's Sample has. Returns a log dict for the trainer's logger."""
        with self._lock:
            for sample in samples:
                self._count(*_sample_fields(sample))
            log: Dict[str, Any] = {"rollout/problem_generation_seed": self.problem_seed}
            for env_id in self.environments:
                self._check(env_id, log)
            return log

    def record(self, environment: str, problem_difficulty: int, accuracy) -> Dict[str, Any]:
        """Per-sample form: count one completion and check its environment at once."""
        with self._lock:
            self._count(environment, problem_difficulty, accuracy)
            log: Dict[str, Any] = {}
            self._check(environment, log)
            return log

    def metrics(self) -> Dict[str, Any]:
        """Per-environment level, last checked accuracy and samples counted since."""
        with self._lock:
            out: Dict[str, Any] = {"rollout/problem_generation_seed": self.problem_seed}
            for env_id in self.environments:
                out["RLVE/%s/difficulty" % env_id] = self.difficulty[env_id]
                out["RLVE/%s/samples" % env_id] = self.counted[env_id]
                if self.last_accuracy[env_id] is not None:
                    out["RLVE/%s/accuracy" % env_id] = self.last_accuracy[env_id]
            return out

    # ------------------------------------------------------------------ state
    def state_dict(self) -> Dict[str, Any]:
        with self._lock:
            return {
                "format": STATE_FORMAT,
                "settings": {"environments": self.environments, "samples_per_prompt": self.samples_per_prompt,
                             "window": self.window, "threshold": self.threshold,
                             "min_prompts": self.min_prompts, "seed": self.seed},
                "difficulty": dict(self.difficulty), "correct": dict(self.correct),
                "counted": dict(self.counted), "last_accuracy": dict(self.last_accuracy),
                "problem_seed": self.problem_seed,
            }

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Take over a saved state; a state that is not valid is refused whole (nothing changes)."""
        self._assign(_checked_state(state))

    def _assign(self, fields: Dict[str, Any]) -> None:
        with self._lock:
            for name, value in fields.items():
                setattr(self, name, value)

    def save(self, path: str) -> None:
        """Write the state as JSON, atomically: a crash never leaves a half-written file and
        never damages the previous one."""
        write_json_atomically(path, self.state_dict())

    @classmethod
    def from_state_dict(cls, state: Mapping[str, Any], **runtime) -> "Curriculum":
        """A curriculum continuing from ``state`` (``runtime``: ``time_budget`` and
        ``max_generation_attempts``, which are not part of the state)."""
        fields = _checked_state(state)
        curriculum = cls(fields["environments"], **runtime)
        curriculum._assign(fields)
        return curriculum

    @classmethod
    def load(cls, path: str, **runtime) -> "Curriculum":
        """A curriculum resumed from :meth:`save`'s file."""
        with open(path, "rb") as fh:
            raw = fh.read()
        try:
            state = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise CurriculumStateError("%s is not UTF-8 text, so not a curriculum state: %s" % (path, exc)) from None
        except json.JSONDecodeError as exc:
            raise CurriculumStateError("%s is not valid JSON (truncated?): %s" % (path, exc)) from None
        try:
            return cls.from_state_dict(state, **runtime)
        except CurriculumStateError as exc:
            raise CurriculumStateError("%s: %s" % (path, exc)) from None

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> Dict[str, Any]:
        # a copy of the state (the lock and the environment cache are rebuilt on unpickling)
        with self._lock:
            state = {k: v for k, v in self.__dict__.items() if k not in ("_lock", "_envs")}
            return copy.deepcopy(state)

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()
        self._envs = {}


def write_json_atomically(path: str, data: Any) -> None:
    """``data`` as JSON at ``path``, through a temporary file renamed over it when complete."""
    text = json.dumps(data, indent=1, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _checked_state(state: Any) -> Dict[str, Any]:
    """The attributes a state sets, checked in full before anything is assigned."""
    if not isinstance(state, Mapping):
        raise CurriculumStateError("not a %s state (found a JSON %s)" % (STATE_FORMAT, type(state).__name__))
    if state.get("format") != STATE_FORMAT:
        raise CurriculumStateError("not a %s state (format %r; a state from another version?)"
                                   % (STATE_FORMAT, state.get("format")))
    try:
        settings = state["settings"]
        environments = settings["environments"]
        if not isinstance(environments, list) or not environments or \
                not all(isinstance(e, str) for e in environments):
            raise ValueError("settings.environments must be a non-empty list of ids")
        fields: Dict[str, Any] = {
            "environments": list(environments),
            "samples_per_prompt": _whole(settings["samples_per_prompt"], "samples_per_prompt", 1),
            "window": _whole(settings["window"], "window", 1),
            "threshold": _number(settings["threshold"], "threshold"),
            "min_prompts": _whole(settings["min_prompts"], "min_prompts", 1),
            "seed": _whole(settings["seed"], "seed", 0),
            "problem_seed": _whole(state["problem_seed"], "problem_seed", 0),
        }
        per_env = {name: state[name] for name in ("difficulty", "correct", "counted", "last_accuracy")}
        for name, table in per_env.items():
            if not isinstance(table, Mapping):
                raise ValueError("%s must be an object keyed by environment" % name)
            missing = [e for e in environments if e not in table]
            if missing:
                raise ValueError("%s has no entry for %s" % (name, ", ".join(missing)))
        fields["difficulty"] = {e: _whole(per_env["difficulty"][e], "difficulty", 0) for e in environments}
        fields["correct"] = {e: _number(per_env["correct"][e], "correct") for e in environments}
        fields["counted"] = {e: _whole(per_env["counted"][e], "counted", 0) for e in environments}
        fields["last_accuracy"] = {e: None if per_env["last_accuracy"][e] is None
                                   else _number(per_env["last_accuracy"][e], "last_accuracy") for e in environments}
    except KeyError as exc:
        raise CurriculumStateError("damaged curriculum state: %s is missing" % (exc,)) from None
    except (TypeError, ValueError) as exc:
        raise CurriculumStateError("damaged curriculum state: %s" % (exc,)) from None
    for env_id in environments:
        try:
            environment_class(env_id)
        except UnknownEnvironmentError as exc:
            raise CurriculumStateError("the state names an environment this installation lacks: %s" % (exc,)) from None
    return fields


def _whole(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError("%s must be an integer >= %d, got %r" % (name, minimum, value))
    return value


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValueError("%s must be a number, got %r" % (name, value))
    return value


def _sample_fields(sample) -> Tuple[str, int, Any]:
    """(environment, problem level, accuracy) from a mapping or a slime-style Sample."""
    if isinstance(sample, Mapping):
        meta, reward = sample.get("metadata", sample), sample.get("reward", sample)
    else:
        meta, reward = sample.metadata, sample.reward
    accuracy = reward["accuracy"] if isinstance(reward, Mapping) else reward
    return meta["environment"], meta["problem_difficulty"], accuracy
