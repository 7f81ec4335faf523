"""Graphs environments."""
