"""Is a config value a reference to a secret kept elsewhere, or a literal?

Each client has its own syntax (see docs/clients.md): VS Code `${input:id}` and
`${env:X}`, Claude Code `${X}` / `${X:-default}`, Gemini `$X`, opencode `{env:X}`
and `{file:path}`, mcpaudit-run `{secret:X}`, Windsurf `${file:/path}`, Continue `${{ secrets.X }}`.
"""

from __future__ import annotations

import re

_REF_PATTERNS = (
    re.compile(r"\$\{input:([^}]+)\}"),
    re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}"),
    re.compile(r"\$\{file:([^}]+)\}"),
    re.compile(r"\{env:([A-Za-z_][A-Za-z0-9_]*)\}"),
    re.compile(r"\{file:([^}]+)\}"),
    re.compile(r"\{secret:([A-Za-z_][A-Za-z0-9_]*)\}"),  # mcpaudit-run's argument placeholder
    re.compile(r"\$\{\{\s*(?:secrets|inputs)\.([A-Za-z0-9_.-]+)\s*\}\}"),
    re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}"),
    re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)"),
    re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)%"),
    re.compile(r"\$\{(userHome|workspaceFolder|workspaceFolderBasename|pathSeparator|/)\}"),
)

# `Bearer ${env:X}` and similar: a scheme word, then the reference.
_AUTH_PREFIX = re.compile(r"^\s*(?:bearer|token|basic|apikey|api-key)\s+", re.IGNORECASE)


def find_reference(text: str) -> str | None:
    """The referenced name when `text` is wholly a reference (optionally after
    an auth scheme like `Bearer `), else None."""
    if "$" not in text and "{" not in text and "%" not in text:
        return None  # every syntax needs one of these: most values are decided here
    candidate = _AUTH_PREFIX.sub("", text).strip()
    for pattern in _REF_PATTERNS:
        m = pattern.fullmatch(candidate)
        if m:
            return m.group(1)
    return None


def contains_reference(text: str) -> bool:
    """True when a reference appears anywhere in `text` (e.g. inside a URL)."""
    return any(p.search(text) for p in _REF_PATTERNS)


def strip_references(text: str) -> str:
    """`text` with every reference removed: what is left is literal."""
    for pattern in _REF_PATTERNS:
        text = pattern.sub("", text)
    return text
