"""Edits on YAML through ruamel.yaml's round-trip mode, then only the changed lines are kept.

ruamel keeps comments and key order but may re-indent or re-quote lines it did not
need to touch. So the document is dumped twice, unchanged and changed, and only the
lines that differ between those two dumps are carried over into the original text;
every other line keeps its original bytes. When that mapping is ambiguous the edit
is refused rather than reformatting the file.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from mcpaudit.model import Edit

from . import pointer as ptr
from .errors import FixError
from .textio import split_lines

_INDENTS = ((2, 2, 0), (2, 4, 2), (4, 4, 0), (4, 6, 4), (4, 4, 2), (2, 2, 2))


def _yaml(mapping: int, sequence: int, offset: int) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1 << 16
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _dump(y: YAML, doc: Any) -> str:
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def _problem(exc: Exception) -> str:
    """The parser's complaint and position, without the excerpt of the offending line
    ruamel appends (that line may hold a secret)."""
    if not isinstance(exc, MarkedYAMLError):
        return str(exc)
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"{exc.problem or exc.context or 'syntax error'}{where}"


def _best_yaml(text: str) -> tuple[YAML, Any, str]:
    """The indentation settings whose dump is closest to `text`."""
    best: tuple[float, YAML, Any, str] | None = None
    for settings in _INDENTS:
        y = _yaml(*settings)
        try:
            doc = y.load(text)
            dumped = _dump(y, doc)
        except (YAMLError, ValueError) as exc:
            raise FixError(f"cannot edit: the file does not parse ({_problem(exc)})") from None
        if dumped == text:
            return y, doc, dumped
        score = difflib.SequenceMatcher(None, text, dumped, autojunk=False).ratio()
        if best is None or score > best[0]:
            best = (score, y, doc, dumped)
    assert best is not None
    return best[1], best[2], best[3]


def apply_yaml(text: str, edits: Sequence[Edit]) -> str:
    crlf = "\r\n" in text
    work = text.replace("\r\n", "\n") if crlf else text
    for edit in edits:
        deleted = _delete_lines(work, edit.pointer) if edit.op == "delete" else None
        work = deleted if deleted is not None else _apply_rt(work, edit)
    return work.replace("\n", "\r\n") if crlf else work


def _apply_rt(work: str, edit: Edit) -> str:
    y, doc, base = _best_yaml(work)
    try:
        _apply_one(doc, edit)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise FixError(f"cannot {edit.op} {edit.pointer}: {exc}") from None
    result = rebase(work, base, _dump(y, doc))
    if not work.endswith("\n") and result.endswith("\n"):
        result = result[:-1]
    return result


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _delete_lines(text: str, pointer: str) -> str | None:
    """Delete a block-style entry by removing its lines; comment lines that follow its
    content (they belong to what comes next) stay. None when this cannot be done
    exactly, and the round-trip path is used instead."""
    try:
        doc = YAML(typ="rt").load(text)
        tokens = ptr.split_pointer(pointer)
        parent = ptr.descend(doc, tokens[:-1])
        key: Any = tokens[-1]
        if not isinstance(parent, (CommentedMap, CommentedSeq)) or len(parent) < 2:
            return None
        if parent.fa.flow_style():
            return None
        if isinstance(parent, CommentedMap):
            keys = list(parent)
            if key not in parent:
                return text
            i = keys.index(key)
            start, col = parent.lc.key(key)
            nxt = parent.lc.key(keys[i + 1])[0] if i + 1 < len(keys) else None
            prefix_ok = lambda line: not line[:col].strip()  # noqa: E731
        else:
            i = int(key)
            if i >= len(parent):
                return text
            start, col = parent.lc.item(i)
            nxt = parent.lc.item(i + 1)[0] if i + 1 < len(parent) else None
            prefix_ok = lambda line: line[:col].strip() == "-"  # noqa: E731
    except (YAMLError, KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None
    lines = split_lines(text)
    if start >= len(lines) or not prefix_ok(lines[start]):
        return None
    ind = _indent(lines[start])
    end = nxt
    if end is None:
        end = len(lines)
        for j in range(start + 1, len(lines)):
            stripped = lines[j].strip()
            if stripped and not stripped.startswith("#") and _indent(lines[j]) <= ind:
                end = j
                break
    content_end = start + 1
    for j in range(start + 1, end):
        stripped = lines[j].strip()
        if stripped and not stripped.startswith("#"):
            content_end = j + 1
    result = "".join(lines[:start] + lines[content_end:])
    # Verify against the data: exactly the entry is gone, nothing else changed.
    try:
        expected = YAML(typ="safe").load(text)
        node = expected
        for token in tokens[:-1]:
            node = node[int(token)] if isinstance(node, list) else node[token]
        del node[int(key) if isinstance(node, list) else key]
        if YAML(typ="safe").load(result) != expected:
            return None
    except (YAMLError, KeyError, IndexError, ValueError, TypeError):
        return None
    return result


def _to_rt(value: Any) -> Any:
    if isinstance(value, str) and (
        not value.isprintable() or any(c in value for c in "\x85\u2028\u2029")
    ):
        return DoubleQuotedScalarString(value)  # escaped, never a raw line break
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _to_rt(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_to_rt(v) for v in value)
    return value


def _apply_one(doc: Any, edit: Edit) -> None:
    tokens = ptr.split_pointer(edit.pointer)
    value = _to_rt(edit.value)
    if edit.op == "set":
        parent = ptr.descend_creating(doc, tokens[:-1], CommentedMap)
        if isinstance(parent, list):
            index = len(parent) if tokens[-1] == "-" else int(tokens[-1])
            if index == len(parent):
                parent.append(value)
            else:
                parent[index] = value
        else:
            parent[tokens[-1]] = value
    elif edit.op == "delete":
        try:
            parent = ptr.descend(doc, tokens[:-1])
            if isinstance(parent, list):
                del parent[int(tokens[-1])]
            elif tokens[-1] in parent:
                _delete_key(parent, tokens[-1])
        except (KeyError, IndexError):
            return
    elif edit.op in ("append", "insert"):
        target = tokens if edit.op == "append" else tokens[:-1]
        try:
            array = ptr.descend(doc, target)
        except (KeyError, IndexError):
            parent = ptr.descend_creating(doc, target[:-1], CommentedMap)
            parent[target[-1]] = CommentedSeq([value])
            return
        if not isinstance(array, list):
            raise FixError(f"{edit.pointer} is not a list")
        if edit.value in array:
            return
        index = None if edit.op == "append" else tokens[-1]
        if index is None or index == "-" or int(index) >= len(array):
            array.append(value)
        else:
            array.insert(int(index), value)
    elif edit.op == "rename":
        parent = ptr.descend(doc, tokens[:-1])
        if edit.value in parent:
            raise FixError(f"cannot rename {edit.pointer}: {edit.value!r} already exists")
        position = list(parent).index(tokens[-1])
        moved = parent.pop(tokens[-1])
        parent.insert(position, edit.value, moved)
    else:
        raise FixError(f"unknown edit {edit.op!r}")


def _delete_key(parent: CommentedMap, key: str) -> None:
    """Delete `key`; comment lines ruamel attached to it (they precede the next key) stay."""
    keys = list(parent)
    comment = parent.ca.items.get(key)
    del parent[key]
    if not comment or len(comment) < 3 or comment[2] is None:
        return
    token = comment[2]
    value = token.value
    # The first line of the token is the deleted key's own end-of-line comment.
    lines = value.split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return
    index = keys.index(key)
    if index > 0:
        prev = keys[index - 1]
        token.value = "\n" + lines[1]
        existing = parent.ca.items.get(prev)
        if existing is None or len(existing) < 3 or existing[2] is None:
            parent.ca.items[prev] = [None, None, token, None]


def rebase(original: str, base: str, new: str) -> str:
    """Carry the line changes base -> new over onto `original` (base ~ original)."""
    o, b, n = split_lines(original), split_lines(base), split_lines(new)
    to_original: dict[int, int] = {}
    if base == original:
        to_original = {k: k for k in range(len(o))}
    else:
        matcher = difflib.SequenceMatcher(None, o, b, autojunk=False)
        for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(j2 - j1):
                    to_original[j1 + k] = i1 + k
    out = list(o)
    changes = difflib.SequenceMatcher(None, b, n, autojunk=False).get_opcodes()
    for tag, j1, j2, k1, k2 in reversed(changes):
        if tag == "equal":
            continue
        if j1 == j2:
            if j1 - 1 in to_original:
                at = to_original[j1 - 1] + 1
            elif j1 in to_original:
                at = to_original[j1]
            elif j1 == 0:
                at = 0
            else:
                raise FixError("cannot edit this YAML file without reformatting other lines")
            out[at:at] = n[k1:k2]
            continue
        mapped = [to_original.get(j) for j in range(j1, j2)]
        if None in mapped or mapped[-1] - mapped[0] != j2 - j1 - 1:  # type: ignore[operator]
            raise FixError("cannot edit this YAML file without reformatting other lines")
        replacement = n[k1:k2]
        if j2 - j1 == k2 - k1:  # line for line: keep each line's gap before its comment
            replacement = [
                keep_comment_gap(out[m], line)  # type: ignore[index]
                for m, line in zip(mapped, replacement, strict=True)
            ]
        out[mapped[0] : mapped[-1] + 1] = replacement  # type: ignore[index,operator]
    return "".join(out)


_COMMENT = re.compile(r"([ \t]+)(#[^\n]*?)(\r?\n)?$")


def keep_comment_gap(original: str, new: str) -> str:
    """`new` with the spacing `original` had before the same end-of-line comment
    (ruamel writes one space: `auto  # yolo` would become `approve # yolo`)."""
    m = _COMMENT.search(original)
    if not m:
        return new
    comment = m.group(2) + (m.group(3) or "")
    if not new.endswith(comment):
        return new
    head = new[: -len(comment)]
    value = head.rstrip(" \t")
    if value == head or value.count('"') % 2 or value.count("'") % 2:
        return new  # no gap, or the '#' may be inside a quoted value
    return value + m.group(1) + comment
