"""YAML with positions via ruamel.yaml's round-trip loader (safe: builds no objects)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from mcpaudit.config.jsonpos import escape_pointer_token

MAX_NODES = 200_000  # guards against alias bombs ("billion laughs")


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def loads_with_positions(text: str) -> tuple[Any, YamlLocator]:
    yaml = YAML(typ="rt")
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        if problem.startswith("found duplicate key"):
            # The parser's text quotes both values (secrets too): keep only the key and lines.
            problem = duplicate_message(text, problem, line)
        raise YamlSyntaxError(
            f"invalid YAML: {problem} at line {line}, column {col}", line, col
        ) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise YamlSyntaxError(f"invalid YAML: {exc}", None, None) from None
    positions: dict[str, tuple[int, int]] = {"": (1, 1)}
    budget = [MAX_NODES]
    data = _plain(tree, "", positions, budget)
    return data, YamlLocator(positions)


def duplicate_message(text: str, problem: str, line: int | None) -> str:
    """`duplicate key "gh" (first on line 2)`: the YAML readers of the clients (serde_yaml,
    the `yaml` package) refuse a file with a repeated key, so no entry of it runs."""
    import re

    m = re.match(r'found duplicate key "((?:[^"\\]|\\.)*)"', problem)
    key = m.group(1) if m else "?"
    first = None
    if m and line:
        pattern = re.compile(rf"^\s*(?:-\s+)?[\"']?{re.escape(key)}[\"']?\s*:")
        for n, row in enumerate(text.splitlines()[: line - 1], 1):
            if pattern.match(row):
                first = n
    where = f" (first on line {first})" if first else ""
    return f'duplicate key "{key}"{where}; the client refuses the whole file'


def _plain(
    node: Any, pointer: str, positions: dict[str, tuple[int, int]], budget: list[int]
) -> Any:
    """Convert to plain dicts/lists, recording (line, col) of every value."""
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlSyntaxError(
            "invalid YAML: document expands to too many nodes (alias bomb?)", None, None
        )
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            child = f"{pointer}/{escape_pointer_token(str(key))}"
            positions[child] = _one_based(_safe(node.lc.value, key), positions.get(pointer))
            out[str(key)] = _plain(value, child, positions, budget)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = f"{pointer}/{index}"
            positions[child] = _one_based(_safe(node.lc.item, index), positions.get(pointer))
            items.append(_plain(value, child, positions, budget))
        return items
    if isinstance(node, (str, int, float, bool)) or node is None:
        # ruamel's scalar subclasses (ScalarFloat, LiteralScalarString …) become builtins.
        if isinstance(node, bool) or node is None:
            return node
        for base in (str, int, float):
            if isinstance(node, base):
                return base(node)
    return str(node)


def _safe(getter: Any, key: Any) -> Any:
    try:
        return getter(key)
    except (KeyError, TypeError, IndexError):
        return None


def _one_based(pos: Any, parent: tuple[int, int] | None) -> tuple[int, int]:
    """ruamel positions are 0-based and missing for some tagged nodes: use the parent's."""
    if isinstance(pos, (tuple, list)) and len(pos) >= 2 and pos[0] is not None:
        return (pos[0] + 1, pos[1] + 1)
    return parent or (1, 1)


class YamlLocator:
    def __init__(self, positions: dict[str, tuple[int, int]]) -> None:
        self._positions = positions

    def position(self, pointer: str) -> tuple[int, int] | None:
        return self._positions.get(pointer)
