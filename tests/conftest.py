"""Shared fixtures. Tests run against DATABASE_URL (SQLite when unset)."""
