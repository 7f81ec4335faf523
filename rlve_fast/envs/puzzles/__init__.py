"""Puzzles environments."""
