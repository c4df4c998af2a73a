"""Bytes <-> text without losing the file's BOM, encoding or newline style."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpaudit.config.read import ReadError, decode

from .errors import FixError

_INDENT = re.compile(r"^([ \t]+)\S", re.MULTILINE)


@dataclass(frozen=True)
class TextFile:
    """A config's text plus what is needed to write it back byte-for-byte alike."""

    text: str
    bom: bytes  # b"", UTF-8 BOM or UTF-16 BOM, written back as it was
    encoding: str  # utf-8 | utf-16-le | utf-16-be
    newline: str  # "\n" or "\r\n" (the first line ending found)

    @classmethod
    def from_bytes(cls, raw: bytes, text: str | None = None) -> TextFile:
        """`text`: `raw` already decoded (read_bounded did), so it is not decoded twice."""
        if text is None:
            try:
                text, _ = decode(raw)
            except ReadError as exc:
                raise FixError(f"cannot edit this file: {exc}") from None
        if raw.startswith(b"\xff\xfe"):
            bom, encoding = b"\xff\xfe", "utf-16-le"
        elif raw.startswith(b"\xfe\xff"):
            bom, encoding = b"\xfe\xff", "utf-16-be"
        elif raw.startswith(b"\xef\xbb\xbf"):
            bom, encoding = b"\xef\xbb\xbf", "utf-8"
        else:
            bom, encoding = b"", "utf-8"
        text = text.removeprefix("\ufeff")  # utf-16 decoding keeps no BOM, but be sure
        first = text.find("\n")
        newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
        return cls(text, bom, encoding, newline)

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def indent_unit(text: str) -> str:
    """The file's indentation step: a tab, or the smallest run of leading spaces."""
    widths = []
    for m in _INDENT.finditer(text):
        lead = m.group(1)
        if "\t" in lead:
            return "\t"
        widths.append(len(lead))
        if len(widths) > 200:
            break
    return " " * min(widths) if widths else "  "


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """Offset of the line break ending the line of `offset` (before a '\\r\\n')."""
    end = text.find("\n", offset)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def indentation_at(text: str, offset: int) -> str:
    start = line_start(text, offset)
    m = re.match(r"[ \t]*", text[start:offset])
    return m.group(0) if m else ""


_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split on "\n" only (str.splitlines also splits on
    \x85, \u2028 … which are ordinary characters inside a JSON or YAML string)."""
    return _LINE.findall(text)


_BARE_LF = re.compile(r"(?<!\r)\n")


def crlf_where_changed(before: str, after: str) -> str:
    """`after` with the lines an editor wrote (tomlkit writes "\\n") ending in "\\r\\n"
    like the file's: only between the unchanged head and tail, so a lone "\\n" the
    user had elsewhere stays as it was."""
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    head = before.rfind("\n", 0, head) + 1  # whole lines: never split a "\r\n"
    end = len(after) - tail
    nl = after.find("\n", end)
    end = len(after) if nl < 0 else nl + 1
    return after[:head] + _BARE_LF.sub("\r\n", after[head:end]) + after[end:]
