"""SkyscraperPuzzle: fill an N x N Latin square of building heights 0..N-1 so that the
number of buildings seen from each side of every row and column matches the clues.

Answer: N lines of N integers.  Reward: (matching clues / 4N)^10 for a Latin square; a grid
of the wrong shape (or no grid) is -1; a row or column that is not a permutation is -0.5.
Any square with the right clues is right; the generator plants a cyclic one."""
from __future__ import annotations

from rlve_fast.envs.puzzles._skyscraper import SkyscraperBase


class SkyscraperPuzzle(SkyscraperBase):
    id = "SkyscraperPuzzle"
    sums = False
    clue_words = "The clues give how many buildings can be seen:"
