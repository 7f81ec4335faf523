"""Optimization environments."""
