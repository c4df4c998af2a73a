"""MCP930-931: invisible and look-alike characters in the config itself.

Tool descriptions are checked live (MCP502); this reads what the user's own files say:
server names, commands, args, package names, URLs, env keys and values. A U+202E in
`tools/\\u202egnp.js` makes a `.js` file display as `tools/sj.png`; a Cyrillic `о` in
`@mоdelcontextprotocol/server-github` names another package than it shows. Every message
and evidence shows the decoded characters (`\\u202e`), never the raw ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.common import iter_strings, raw_entry
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import BIDI_CONTROLS, ZERO_WIDTH, is_tag_char

# Where a character changes what runs or where it connects, rather than a label.
_EXECUTED_KEYS = {"command", "args", "cmd", "url", "serverurl", "httpurl", "uri", "path"}
_LOOKALIKE_SCRIPTS = {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"}


def escaped(text: str, limit: int = 200) -> str:
    """`text` with every invisible or control character written as `\\uXXXX`."""
    out = []
    for ch in text[:limit]:
        if _hidden_kind(ch) or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t"):
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > limit else "")


def _hidden_kind(ch: str) -> str | None:
    if ch in BIDI_CONTROLS:
        return "bidi control"
    if ch in ZERO_WIDTH:
        return "zero-width character"
    if is_tag_char(ch):
        return "tag character"
    return None


def shown_as(text: str) -> str:
    """Roughly how a bidi override displays `text` (U+202E reverses what follows)."""
    if "\u202e" not in text:
        return ""
    head, _, tail = text.partition("\u202e")
    tail, _, rest = tail.partition("\u202c")
    visible = lambda s: "".join(c for c in s if not _hidden_kind(c))  # noqa: E731
    return visible(head) + visible(tail)[::-1] + visible(rest)


def _strings(ctx: RuleContext, server: Server) -> Iterator[tuple[str, str, str]]:
    """(pointer, text, what) for the server's name, every key and every string value."""
    yield server.pointer, server.name, "server name"
    entry = raw_entry(ctx, server)
    seen_keys: set[tuple[str, str]] = set()
    for pointer, text, key in iter_strings(entry, server.pointer):
        if key is not None and (pointer, key) not in seen_keys:
            seen_keys.add((pointer, key))
            yield pointer, key, "key"
        yield pointer, text, key or "value"


def _key_kind(what: str) -> bool:
    return what.lower() in _EXECUTED_KEYS


@rule(
    "MCP930",
    "hidden-unicode-in-config",
    "hidden_unicode",
    Severity.HIGH,
    "Invisible or direction-changing characters in the config",
    "Retype the value by hand (or delete and re-add the server from its official "
    "instructions); find out where the entry came from, since nobody types these by accident.",
)
def hidden_unicode_in_config(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Bidi controls (U+202A-202E, U+2066-2069) reorder how text is displayed, so
    `tools/\\u202egnp.js` shows as `tools/sj.png`; zero-width characters make two names that
    look the same differ; Unicode tag characters (U+E0000-E007F) carry invisible ASCII. In
    a command, argument, URL, package name or server name they hide what really runs from
    whoever reviews the file (high); in other values they are still suspicious (medium)."""
    for s in ctx.servers:
        for pointer, text, what in _strings(ctx, s):
            if text.isascii():  # every bidi, zero-width and tag character is outside ASCII
                continue
            kinds = sorted({k for ch in text if (k := _hidden_kind(ch))})
            if not kinds:
                continue
            looks = shown_as(text)
            executed = what in ("server name", "key") or _key_kind(what)
            message = f"{what} of server {s.name!r} holds {' and '.join(kinds)}s: {escaped(text)}"
            if looks:
                message += f" (displays as {looks!r})"
            yield r.finding(
                message,
                server=s,
                file=ctx.file(s.file) or s.file,
                pointer=pointer,
                evidence=escaped(text),
                severity=Severity.HIGH if executed else Severity.MEDIUM,
            )


def scripts_of(word: str) -> set[str]:
    out = set()
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            out.add("FULLWIDTH" if name.startswith("FULLWIDTH") else name.split(" ")[0])
    return out


def lookalike_words(text: str) -> list[str]:
    """Words that mix Latin with a look-alike script, or use fullwidth letters."""
    words, current = [], []
    for ch in text + " ":
        if ch.isalnum():
            current.append(ch)
            continue
        if current:
            word = "".join(current)
            scripts = scripts_of(word)
            if "FULLWIDTH" in scripts or ("LATIN" in scripts and scripts & _LOOKALIKE_SCRIPTS):
                words.append(word)
            current = []
    return words


def _host_text(text: str) -> str:
    """A URL's host decoded from punycode (`xn--`), so a look-alike domain is seen."""
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    try:
        return host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return host


@rule(
    "MCP931",
    "lookalike-text-in-config",
    "hidden_unicode",
    Severity.HIGH,
    "Look-alike letters from another script in the config",
    "Retype the name, package or host in plain ASCII and check it against the official "
    "instructions; an entry you did not write yourself should be removed.",
)
def lookalike_text_in_config(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Cyrillic `а`, `е`, `о`, `р`, `с`, Greek `ο` and fullwidth letters look like Latin
    ones: `@mоdelcontextprotocol/server-github` with a Cyrillic `о` is another package, and
    `https://api.githuь.com` another host (punycode `xn--` hosts are decoded first). High
    in a command, argument, URL or server name; medium elsewhere."""
    for s in ctx.servers:
        for pointer, text, what in _strings(ctx, s):
            if text.isascii() and "xn--" not in text:  # Latin only: nothing to mix
                continue
            candidates = lookalike_words(text)
            if not candidates and "xn--" in text:
                candidates = lookalike_words(_host_text(text))
            if not candidates:
                continue
            words = ", ".join(
                f"{w!r} ({'+'.join(sorted(x.lower() for x in scripts_of(w)))})"
                for w in candidates[:3]
            )
            executed = what in ("server name", "key") or _key_kind(what)
            yield r.finding(
                f"{what} of server {s.name!r} mixes scripts: {words}; escaped: "
                f"{escaped(text.encode('ascii', 'backslashreplace').decode())}",
                server=s,
                file=ctx.file(s.file) or s.file,
                pointer=pointer,
                evidence=text.encode("ascii", "backslashreplace").decode()[:200],
                severity=Severity.HIGH if executed else Severity.MEDIUM,
            )
