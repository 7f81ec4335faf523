"""Gymnasium: every environment as a one-step text ``gymnasium.Env``.

    import gymnasium
    import rlve_fast.integrations.gymnasium  # registers rlve_fast/<EnvId>-v0 for every environment
    env = gymnasium.make("rlve_fast/Sorting-v0", difficulty=3)
    prompt, info = env.reset(seed=0)          # observation: the problem statement
    _, reward, terminated, truncated, info = env.step("<answer>1 2 3</answer>")

(or, without the import: ``gymnasium.make("rlve_fast.integrations.gymnasium:rlve_fast/Sorting-v0")``).

An episode is one problem: the observation is its prompt (with the answer instruction), the
action is the completion text, the reward is upstream's reward, and the episode ends after that
one step.  ``info`` carries ``accuracy``, ``format_score``, ``environment``, ``difficulty`` and the
``config`` (upstream's schema).  ``reset(options={"difficulty": d})`` changes the level for that
episode; ``reset(options={"config": config})`` replays a given problem (e.g. one RLVE wrote).
"""
from __future__ import annotations

import copy
from typing import Any, Dict, Optional, Sequence, Tuple

import gymnasium
from gymnasium import spaces

import rlve_fast
from rlve_fast.deadline import DEFAULT_TIME_BUDGET
from rlve_fast.integrations._common import ANSWER_TAGS, answer_instruction

NAMESPACE = "rlve_fast"
MAX_TEXT = 1 << 24


class AnyText(spaces.Text):
    """Any string up to ``max_length`` characters (prompts and completions are free text;
    gymnasium's Text space only admits a fixed character set)."""

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length


class RLVEGymEnv(gymnasium.Env):
    metadata = {"render_modes": ["ansi"], "render_fps": 1}

    def __init__(self, environment: str, difficulty: int = 0, answer_markers: Sequence[str] = ANSWER_TAGS,
                 time_budget: Optional[float] = DEFAULT_TIME_BUDGET, render_mode: Optional[str] = None):
        self.env = rlve_fast.make(environment, answer_markers)
        self.difficulty = difficulty
        self.time_budget = time_budget
        self.render_mode = render_mode
        self.observation_space = AnyText(max_length=MAX_TEXT, min_length=0)
        self.action_space = AnyText(max_length=MAX_TEXT, min_length=0)
        self.problem = None
        self._prompt = ""
        self._done = True

    def reset(self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None) -> Tuple[str, dict]:
        super().reset(seed=seed)
        options = options or {}
        if "config" in options:
            config = self.env.prepare(options["config"]).config  # checked like any config
            self.problem = rlve_fast.Problem(self.env.id, config.seed, options.get("difficulty"),
                                             config.parameter, self.env.prompt(config.parameter),
                                             config.passing_reward_threshold)
        else:
            difficulty = options.get("difficulty", self.difficulty)
            self.problem = self._generate(difficulty)
        self._prompt = self.problem.prompt + answer_instruction(self.env.answer_markers)
        self._done = False
        return self._prompt, self._info()

    def _generate(self, difficulty: int):
        from rlve_fast.errors import GenerationError

        for _ in range(100):  # a seed whose generation fails is skipped, as upstream drops it
            problem_seed = int(self.np_random.integers(0, 2 ** 62))
            try:
                return self.env.generate(problem_seed, difficulty=difficulty, time_budget=self.time_budget)
            except GenerationError:
                continue
        raise GenerationError("%s: no problem generated at level %d in 100 attempts" % (self.env.id, difficulty))

    def step(self, action: str):
        if self._done:
            raise RuntimeError("call reset() before step(): an episode is one problem and one answer")
        if not isinstance(action, str):
            raise TypeError("the action is the completion text, got %s" % type(action).__name__)
        result = self.env.verify(self.problem.config, action)
        self._done = True
        info = self._info()
        info.update(accuracy=result["accuracy"], format_score=result["format_score"])
        return "", float(result["reward"]), True, False, info

    def _info(self) -> Dict[str, Any]:
        # a fresh copy each call: callers keep what they are given
        return {"environment": self.env.id, "difficulty": self.problem.difficulty,
                "config": copy.deepcopy(self.problem.config)}

    def render(self):
        if self.render_mode == "ansi":
            return self._prompt
        return None


def register_all() -> None:
    """Register ``rlve_fast/<EnvId>-v0`` for every environment (idempotent)."""
    registered = gymnasium.envs.registry
    for env_id in rlve_fast.environments():
        name = "%s/%s-v0" % (NAMESPACE, env_id)
        if name not in registered:
            gymnasium.register(id=name, entry_point=RLVEGymEnv, kwargs={"environment": env_id})


register_all()
