"""Trees environments."""
