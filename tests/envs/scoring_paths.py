"""Test helpers shared by the environment tests: a completion's reward on the compiled and on the
pure-Python path, which must agree, and whether the compiled path has a kernel for a config."""
from __future__ import annotations

import rlve_fast
from rlve_fast import _impl


def reward_on_both_paths(env_id, config, answer, markers=("<answer>", "</answer>")):
    """The reward of ``answer`` wrapped in ``markers``, after checking both paths give it."""
    env = rlve_fast.make(env_id, markers)
    response = markers[0] + answer + markers[1]
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(env.verify(config, response)["reward"])
    assert out[0] == out[1], (env_id, config, answer, out)
    return out[0]


def uses_kernel(env_id, config) -> bool:
    """Whether the compiled path scores this config with a compiled kernel."""
    with _impl.implementation("compiled"):
        return rlve_fast.make(env_id).prepare(config).kernel is not None
