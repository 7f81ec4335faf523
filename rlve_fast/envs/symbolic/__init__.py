"""Symbolic environments."""
