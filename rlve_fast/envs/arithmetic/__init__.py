"""Arithmetic environments."""
