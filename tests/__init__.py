"""The response-lint test suite."""
