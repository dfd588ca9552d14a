"""Check kind ``invalid-suppression``: ``response-lint:`` suppression comments that cannot work.

An unknown directive, a rule name or glob that matches no rule, a rule list that
cannot be read. Like ``unused-suppression`` it has no check function: the engine's
post-pass (:func:`lint.suppress.post_pass`) makes its findings, with the whole message
written.
"""

from __future__ import annotations

from lint.checks.api import CheckKind

KIND = CheckKind(
    name="invalid-suppression",
    summary="suppression comments that cannot work: an unknown directive or rule name (made by the engine's post-pass)",
    post_pass="invalid-suppression",
)
