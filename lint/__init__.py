"""response-lint: a content-quality linter for multi-year response files."""

__version__ = "0.1.0"

# where users learn about the tool and its rules (SARIF's informationUri and helpUri); keep in
# step with [project.urls] in pyproject.toml
HOMEPAGE = "https://github.com/response-lint/response-lint"
