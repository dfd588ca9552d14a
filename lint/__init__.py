"""response-lint: a content-quality linter for multi-year response files."""

__version__ = "0.1.0"
