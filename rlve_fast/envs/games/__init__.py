"""Games environments."""
