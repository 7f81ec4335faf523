"""Symbolic environments (need sympy)."""
