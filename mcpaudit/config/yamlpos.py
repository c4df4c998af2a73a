"""YAML with positions, for the audit (read only; fixes edit with ruamel's round-trip).

The parser only produces events (no object is ever built from a tag); `yamlbuild` turns
them into plain data and positions. libyaml (PyYAML's C extension) parses a 10 MB
Goose config in about a second; without it ruamel.yaml's pure-Python parser gives the
same events, about a hundred times slower."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mcpaudit.config import scrub, yamlbuild

try:  # PyYAML built with libyaml (wheels for Linux, macOS and Windows)
    from yaml import MarkedYAMLError as _PyMarked
    from yaml import YAMLError as _PyError
    from yaml._yaml import CParser as _CParser
except ImportError:  # no wheel for this platform: the pure-Python parser below
    _CParser = None
    _PyMarked = _PyError = None

# Nodes reached through an alias (`*a` repeats everything under `&a`): the "billion laughs"
# bomb is made of these. Plain nodes are bounded by the file size limit; a large honest
# file (a 9.8 MB Goose config) has none of these and must not be rejected for its size.
MAX_ALIAS_NODES = 200_000

_SURROGATE = re.compile("[\ud800-\udfff]")


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def loads_with_positions(text: str, pure: bool = False) -> tuple[Any, YamlLocator]:
    """Plain data and a locator; `pure` forces the pure-Python parser (tests)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    marked = tuple(e for e in (MarkedYAMLError, _PyMarked) if e is not None)
    errors = tuple(e for e in (YAMLError, _PyError) if e is not None)
    try:
        data, positions = yamlbuild.build(_events(text, pure), MAX_ALIAS_NODES)
    except yamlbuild.BuildError as exc:
        where = f" at line {exc.line}, column {exc.column}" if exc.line else ""
        raise YamlSyntaxError(f"invalid YAML: {exc}{where}", exc.line, exc.column) from None
    except marked as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        raise YamlSyntaxError(
            f"invalid YAML: {problem} at line {line}, column {col}", line, col
        ) from None
    except (*errors, RecursionError, ValueError) as exc:
        if scrub.is_int_limit(exc):
            line = scrub.long_number_line(text)
            where = f" at line {line}" if line else ""
            raise YamlSyntaxError(
                f"invalid YAML: an integer of more than {scrub.INT_DIGITS:,} digits{where}",
                line,
                None,
            ) from None
        raise YamlSyntaxError(f"invalid YAML: {exc}", None, None) from None
    return data, YamlLocator(positions)


def _events(text: str, pure: bool) -> Iterator[Any]:
    # libyaml takes UTF-8: a lone surrogate (only from a `\ud800` escape the pure parser
    # reads as one) cannot be encoded, so such a file goes the pure way.
    if _CParser is not None and not pure and (text.isascii() or not _SURROGATE.search(text)):
        parser = _CParser(text)
        try:
            yield from iter(parser.get_event, None)
        finally:
            parser.dispose()
        return
    from ruamel.yaml import YAML

    yield from YAML(typ="safe", pure=True).parse(text)


class YamlLocator:
    def __init__(self, positions: dict[str, tuple[int, int]]) -> None:
        self._positions = positions

    def position(self, pointer: str) -> tuple[int, int] | None:
        return self._positions.get(pointer)
