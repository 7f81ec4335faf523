"""Helpers for batch 6's environment tests."""
from __future__ import annotations

import rlve_fast
from rlve_fast import _impl


def rewards_on_both_paths(env_id, config, answer):
    """The reward of ``<answer>answer</answer>``, the same on the compiled and Python paths."""
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify(env_id, config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1], (answer, out)
    return out[0]
