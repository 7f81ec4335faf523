"""Sequences environments."""
