"""Strings environments."""
