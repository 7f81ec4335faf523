"""Helpers for the graph environments' tests: score an answer on both paths and insist
they agree."""
from __future__ import annotations

import rlve_fast
from rlve_fast import _impl


def both_paths(env_id, config, text, markers=("<answer>", "</answer>")):
    """The reward of ``text`` wrapped in ``markers``, after checking the compiled and the
    pure-Python scorers give the same one."""
    env = rlve_fast.make(env_id, markers)
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(env.verify(config, "%s%s%s" % (markers[0], text, markers[1]))["reward"])
    assert out[0] == out[1], (config, text, out)
    return out[0]


def uses_kernel(env_id, config) -> bool:
    with _impl.implementation("compiled"):
        return rlve_fast.make(env_id).prepare(config).kernel is not None
