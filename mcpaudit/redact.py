"""The one place that renders a secret: at most a 4-character prefix and the length."""

from __future__ import annotations

PREFIX_MAX = 4


def redact(secret: str, prefix: int = PREFIX_MAX) -> str:
    """`ghp_…(40 chars)`: never more than 4 visible characters, never the whole value.

    Short values show proportionally less so that a 5-character password does not
    leak 4 of its 5 characters.
    """
    n = len(secret)
    if n == 0:
        return "(empty)"
    shown = min(prefix, PREFIX_MAX, n // 3)
    return f"{secret[:shown]}…({n} chars)"


def redact_in(text: str, secret: str) -> str:
    """Replace every occurrence of `secret` inside `text` with its redacted form."""
    if not secret:
        return text
    return text.replace(secret, redact(secret))
