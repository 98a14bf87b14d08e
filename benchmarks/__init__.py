"""Benchmarks: run as scripts, e.g. `.venv/bin/python benchmarks/search.py`."""
