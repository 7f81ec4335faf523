"""The environments, one module each, grouped by family.

Each module defines an :class:`rlve_fast.environment.Environment` subclass; importing it
registers it under upstream's identifier.  Modules and packages whose name starts with an
underscore (shared helpers, compiled kernels) are not imported by the registry."""
