"""A parsed config file: its data, and the line of any JSON pointer inside it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from mcpaudit.config import jsonpos, tomlpos
from mcpaudit.config.read import DEFAULT_MAX_BYTES, RawFile, read_bounded

FORMATS = ("json", "jsonc", "toml", "yaml")


class ParseError(ValueError):
    """Malformed content; carries the line and column when the parser knows them."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class _Locator(Protocol):
    def position(self, pointer: str) -> tuple[int, int] | None: ...


@dataclass
class Document:
    path: Path
    format: str
    text: str
    data: Any
    locator: _Locator = field(repr=False)
    raw: RawFile | None = field(default=None, repr=False)  # stat facts; bytes dropped
    needed_jsonc: bool = False
    source_sha256: str | None = None  # of the bytes as read from disk

    @cached_property
    def sha256(self) -> str:
        return self.source_sha256 or hashlib.sha256(self.text.encode()).hexdigest()

    def drop_source(self) -> None:
        """Forget the text once parsed and hashed; data and positions stay.

        A 35 MB `~/.claude.json` with one emoji in it is 140 MB as a Python string: the
        locator keeps its own one-byte-per-character copy, so this one can go.
        """
        _ = self.sha256
        self.text = ""

    def line_of(self, pointer: str) -> int | None:
        pos = self.locator.position(pointer)
        return pos[0] if pos else None

    def position(self, pointer: str) -> tuple[int, int] | None:
        return self.locator.position(pointer)


def parse_text(
    text: str, fmt: str, path: Path | None = None, index: Sequence[Sequence[str]] = ()
) -> Document:
    """Parse `text` in `fmt`; raise ParseError with line/column on bad syntax.

    `index`: key paths (`*` = any key) whose positions will be asked for, so a JSON
    file can index them while parsing (speed only; the result is the same).
    """
    path = path or Path("<memory>")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if not text.strip():
        raise ParseError("file is empty", 1, 1)
    try:
        if fmt in ("json", "jsonc"):
            data, locator, needed = jsonpos.loads_with_positions(
                text, strict=fmt == "json", index=index
            )
            return Document(path, fmt, text, data, locator, needed_jsonc=needed)
        if fmt == "toml":
            data, tloc = tomlpos.loads_with_positions(text)
            return Document(path, fmt, text, data, tloc)
        from mcpaudit.config import yamlpos  # deferred: ruamel.yaml costs ~12 ms to import

        try:
            data, yloc = yamlpos.loads_with_positions(text)
        except yamlpos.YamlSyntaxError as exc:
            raise ParseError(str(exc), exc.line, exc.column) from None
        return Document(path, fmt, text, data, yloc)
    except (jsonpos.JsonSyntaxError, tomlpos.TomlSyntaxError) as exc:
        raise ParseError(str(exc), exc.line, exc.column) from None
    except RecursionError:
        raise ParseError("nesting too deep to parse") from None


def load_document(
    path: Path, fmt: str, max_bytes: int = DEFAULT_MAX_BYTES, index: Sequence[Sequence[str]] = ()
) -> Document:
    """Read (bounded) and parse. Raises ReadError or ParseError."""
    raw = read_bounded(path, max_bytes)
    digest = hashlib.sha256(raw.raw).hexdigest()
    # The bytes are hashed: let them go before parsing, the moment memory peaks.
    text, raw = raw.text, replace(raw, raw=b"", text="")
    doc = parse_text(text, fmt, path, index)
    doc.raw = raw
    doc.source_sha256 = digest
    return doc
