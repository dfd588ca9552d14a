"""Check kind ``unused-suppression``: ``response-lint:`` suppression comments that suppress nothing.

Whether a suppression suppressed anything can only be known after every other rule
has run, so this kind has no check function: the engine's post-pass
(:func:`lint.suppress.post_pass`) makes its findings (a suppression that suppressed
nothing, or an ``enable`` that ends nothing), with the whole message written.
"""

from __future__ import annotations

from lint.checks.api import CheckKind

KIND = CheckKind(
    name="unused-suppression",
    summary="suppression comments that suppress nothing (made by the engine's post-pass)",
    post_pass="unused-suppression",
)
