"""Markdown for text mcpaudit did not write: config values, server and tool text, errors.

Such text must not be able to change the report's structure. Three tools, all
checked against GitHub's own renderer (cmark-gfm) in the tests:

- `md_text`: prose. Control and invisible characters become visible placeholders
  (`sanitize.clean`), newlines become a literal `\\n`, every Markdown-significant ASCII
  punctuation character is backslash-escaped (no emphasis, link, image, HTML, table
  cell break, heading, list, math or `www.`/`https://` autolink), and `@` is put in
  a one-character code span: GitHub links `a@b.com` and pings `@user` through
  backslash escapes, never inside code.
- `md_code`: an inline code span (paths, commands, evidence, names): nothing inside is
  interpreted; the fence is longer than any backtick run in the text.
- `md_cell`: either of the above made safe inside a table row (`|` escaped).
"""

from __future__ import annotations

import functools
import re

from mcpaudit.sanitize import clean

# CommonMark lets any ASCII punctuation be backslash-escaped. Inside a line these are the
# ones GitHub Markdown acts on (`$` is math, `:` makes emoji and `https://` autolinks);
# at the start of a line anything may open a block (`#`, `-`, `+`, `>`, `=`, `1.`), so
# there every punctuation character is escaped. `@` and `www.` are handled apart.
_INLINE = frozenset("\\`*_[]<>|~&$:!()")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_INLINE_ESCAPES = {ord(c): "\\" + c for c in _INLINE}
_WWW_DOT = re.compile(r"(?i)(www)\.")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")
_AT_RUN = re.compile("@+")
_TICKS = re.compile("`+")
DEFAULT_MAX = 2000


def _flat(text: str, max_len: int | None) -> str:
    """One line, no control or invisible characters, tabs as spaces, bounded length."""
    return clean(text, keep_newlines=False, max_len=max_len).replace("\t", " ")


def md_text(text: str, max_len: int | None = DEFAULT_MAX) -> str:
    """Untrusted text as inert Markdown prose on one line (ends stripped of spaces)."""
    flat = _flat(text, max_len).strip(" ")
    if not flat:
        return ""
    out = flat.translate(_INLINE_ESCAPES)
    if "." in out:
        out = _WWW_DOT.sub(r"\1\\.", out)
        if out[0].isdigit():
            out = _LEADING_NUMBER.sub(r"\1\\\2", out)
    if flat[0] in _ASCII_PUNCT and flat[0] not in _INLINE and flat[0] != "@":
        out = "\\" + out
    if "@" in out:
        # A run of `@` becomes one code span (GitHub links e-mail addresses and @mentions
        # through backslash escapes, never inside code).
        out = _AT_RUN.sub(lambda m: f"`{m.group(0)}`", out)
    return out


def md_code(text: str, max_len: int | None = DEFAULT_MAX, *, in_table: bool = False) -> str:
    """Untrusted text as an inline code span (shown verbatim, never interpreted)."""
    flat = _flat(text, max_len)
    if not flat.strip():
        return "(empty)" if not flat else "` " + "\u2423" * len(flat) + " `"
    longest = max((len(run) for run in _TICKS.findall(flat)), default=0)
    if in_table:
        # GFM splits cells before parsing code spans; `\|` is its escape for a literal pipe.
        flat = flat.replace("|", "\\|")
    fence = "`" * (longest + 1)
    if flat[0] in "` " or flat[-1] in "` ":
        # The renderer strips one space each side, so content that starts or ends with
        # a backtick (or space) survives exactly.
        return f"{fence} {flat} {fence}"
    return f"{fence}{flat}{fence}"


def unwrap(text: str) -> str:
    """Our own hard-wrapped text (a rule's docstring) as one line per paragraph, joined."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return " ".join(p for p in paragraphs if p)


def md_cell(text: str, max_len: int | None = 200, *, code: bool = False) -> str:
    """Untrusted text for a table cell: prose (`md_text`) or a code span."""
    if code:
        return md_code(text, max_len, in_table=True)
    return md_text(text, max_len) or " "


_CODE_SPAN = re.compile(r"(`+)([^`].*?)\1(?!`)")


@functools.lru_cache(maxsize=1024)
def md_ours(text: str, max_len: int | None = DEFAULT_MAX) -> str:
    """mcpaudit's own prose (a rule's title, rationale, remediation): its `code` spans are
    kept as code, everything else is escaped like `md_text`, so a stray character in a
    docstring cannot break the report either."""
    flat = unwrap(text)
    if max_len is not None and len(flat) > max_len:
        flat = flat[:max_len] + "…"
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(flat):
        out.append(md_text(flat[pos : m.start()], None) if pos < m.start() else "")
        if pos < m.start() and flat[m.start() - 1] == " ":
            out.append(" ")
        out.append(md_code(m.group(2), None))
        pos = m.end()
        if pos < len(flat) and flat[pos] == " ":
            out.append(" ")
    out.append(md_text(flat[pos:], None))
    return "".join(out)
