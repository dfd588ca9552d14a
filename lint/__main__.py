"""``python -m lint``: the same as the ``response-lint`` command."""

from lint.cli import run

run()
