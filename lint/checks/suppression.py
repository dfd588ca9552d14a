"""Check kind ``suppression``: findings about ``response-lint:`` suppression comments.

Whether a suppression suppressed anything can only be known after every other rule
has run, so this kind has no ``check`` function: the engine's post-pass
(:func:`lint.suppress.post_pass`) reports for each rule of this kind what its
``reports`` option names: ``unused`` (a suppression that suppressed nothing, or an
``enable`` that ends nothing) or ``invalid`` (an unknown directive or rule name).
"""

from __future__ import annotations

from lint.options import Option

OPTIONS = (
    Option(
        "reports",
        "str",
        "unused",
        "what to report: 'unused' (suppressions that suppress nothing) or 'invalid' "
        "(suppressions that cannot work: unknown directive or rule names)",
    ),
)
