"""Geometry environments."""
