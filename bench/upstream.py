"""Importing upstream RLVE from a checkout, for the scripts that compare with it
(compare_upstream.py, upstream_corpus.py). The checkout is read at run time, never copied."""
from __future__ import annotations

import sys
import types


def load_upstream(root: str):
    """Upstream's environment and parameter-controller tables from the checkout at ``root``
    (the folder holding ``Gym/``; it needs numpy and networkx)."""
    if "torch" not in sys.modules:  # upstream seeds torch; nothing here uses it
        torch = types.ModuleType("torch")
        torch.manual_seed = lambda seed: None
        torch.cuda = types.SimpleNamespace(manual_seed_all=lambda seed: None)
        torch.backends = types.SimpleNamespace(cudnn=types.SimpleNamespace())
        sys.modules["torch"] = torch
    if root not in sys.path:
        sys.path.insert(0, root)
    from Gym.environments import identifier2environment
    from Gym.parameter_controllers import identifier2controller
    return identifier2environment, identifier2controller


def upstream_parameters(controllers, env_id: str, level: int):
    """Upstream's parameter list at ``level``: its controller after ``level`` updates."""
    controller = controllers[env_id]()
    for _ in range(level):
        controller.update()
    return controller.get_parameter_list()
