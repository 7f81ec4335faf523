"""Adapters for trainers and cluster frameworks. Each imports its framework lazily, so
``import rlve_fast`` never pulls in Ray or a trainer."""
