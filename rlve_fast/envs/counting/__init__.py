"""Counting environments."""
