"""Hypothesis profile for the engine tests: no example database, no deadline."""

from hypothesis import settings

settings.register_profile("engine", database=None, deadline=None)
settings.load_profile("engine")
