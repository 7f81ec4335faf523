"""Shared by the batch-2 graph environment tests: score one answer on both paths."""
from __future__ import annotations

import rlve_fast
from rlve_fast import _impl


def both_paths(env_id, config, text, markers=("<answer>", "</answer>")):
    """The reward of ``text`` on the compiled and the Python path (asserted equal)."""
    env = rlve_fast.make(env_id, markers)
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(env.verify(config, "%s%s%s" % (markers[0], text, markers[1]))["reward"])
    assert out[0] == out[1], (config, text, out)
    return out[0]
