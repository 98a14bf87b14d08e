"""Scenario files: the procedure as executable examples (shared/spec/scenarios.md)."""
