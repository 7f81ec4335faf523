"""Grids environments."""
