"""Benchmarks for response-lint: figures, not assertions (run ``python bench/run.py``)."""
