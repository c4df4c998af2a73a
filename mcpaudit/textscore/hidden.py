"""Signals about text hidden from the person reading: tags, invisible characters, escapes,
look-alike names, padding.

Each pattern is (family, label, regex); BROADER and BROADER2 add the broader phrasings
of the same ideas (see signals.py for how they combine). No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mcpaudit.textscore.base import Context, Texts

PATTERNS: dict[str, tuple[str, str, str]] = {
    "tag": (
        "hidden",
        "an instruction tag",
        r"<\s*/?\s*(?:important|system|instructions?|secret|hidden|critical|override|admin)\b"
        r"[^<>]{0,40}>|<\|im_start\|>|\[/?(?:SYSTEM|INST|HIDDEN)\]",
    ),
}
BROADER: dict[str, str] = {}
BROADER2: dict[str, str] = {}


def _hidden_text(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Text spelled in invisible Unicode tag characters, zero-width or bidi controls (emoji
    flags and joiners inside emoji or scripts that need them are left alone)."""
    from mcpaudit.rules.tool_text import unicode_hits

    for where, text in texts:
        if text.isascii():
            continue
        for hit in unicode_hits(text, where):
            if hit.severity.rank >= 2:
                yield hit.phrase, where
                return


def _terminal_escape(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    for where, text in texts:
        m = re.search(r"\x1b[\[\]][^\x07\x1b]{0,40}", text)
        if m:
            yield m.group(0), where
            return


def _homoglyph(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    import unicodedata

    scripts = {
        unicodedata.name(ch, "").split(" ")[0] for ch in ctx.name if ch.isalpha() and ord(ch) > 127
    }
    if scripts & {"CYRILLIC", "GREEK", "ARMENIAN", "FULLWIDTH"} and re.search("[a-z]", ctx.name):
        yield ctx.name, "name"


def _padding(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Bulk that pushes instructions out of view: very long prose or long blank runs."""
    for where, text in texts:
        if where == "description" and len(text) > 6000:
            yield f"{len(text)} characters", where
            return
        m = re.search(r"(?:[ \t]*\n){12,}|[ \t]{200,}", text)
        if m:
            yield f"{len(m.group(0))} blank characters", where
            return
