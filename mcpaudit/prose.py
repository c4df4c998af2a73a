"""mcpaudit's own prose (a rule's remediation and rationale) for plain-text outputs.

The registry writes that prose for Markdown: `code` spans in backticks, paragraphs
hard-wrapped in docstrings. The Markdown report keeps the spans as code
(`report.escape.md_ours`); a terminal or the TUI would show the backticks themselves, so
there they go and the paragraphs are joined.
"""

from __future__ import annotations

import re

_CODE_SPAN = re.compile(r"(`+)([^`].*?)\1(?!`)")


def plain(text: str) -> str:
    """`text` with its code spans' backticks dropped and each paragraph on one line."""
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return _CODE_SPAN.sub(lambda m: m.group(2), " ".join(p for p in paragraphs if p))
