"""One secret found in a text, and how sure we are; its repr never shows the value."""

from __future__ import annotations

from dataclasses import dataclass

HIGH = "high"  # a vendor token format: certain
MEDIUM = "medium"  # a secret-named key holding a literal that looks like a credential


@dataclass(frozen=True)
class SecretMatch:
    kind: str  # e.g. "github-token", "keyword", "url-password"
    description: str
    start: int  # offsets into the text given to find_secrets
    end: int
    value: str  # the secret itself: render only through mcpaudit.redact.redact
    confidence: str  # HIGH | MEDIUM

    def __repr__(self) -> str:  # never let a test failure or a log print the value
        from mcpaudit.redact import redact

        return (
            f"SecretMatch(kind={self.kind!r}, start={self.start}, end={self.end}, "
            f"value={redact(self.value)!r}, confidence={self.confidence!r})"
        )
