"""``python -m lint``: the same as the ``response-lint`` command."""

import sys

from lint.cli import main

sys.exit(main())
