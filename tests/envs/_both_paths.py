"""Scoring one answer on the compiled and the pure-Python paths (shared by the tests of the
grid and puzzle environments): both must give the same reward, which is returned."""
from __future__ import annotations

import rlve_fast
from rlve_fast import _impl


def reward_on_both_paths(env_id, config, answer):
    env = rlve_fast.make(env_id)
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(env.verify(config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1], (env_id, answer, out)
    return out[0]
