"""Edits on TOML through tomlkit, which keeps comments, order and layout of the rest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from mcpaudit.model import Edit

from . import pointer as ptr
from .errors import FixError
from .textio import crlf_where_changed


def apply_toml(text: str, edits: Sequence[Edit]) -> str:
    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise FixError(f"cannot edit: the file does not parse ({exc})") from None
    if doc.as_string() != text:
        raise FixError("cannot edit this TOML file without reformatting it")
    for edit in edits:
        try:
            _apply_one(doc, edit)
        except (KeyError, IndexError, TypeError, ValueError, TOMLKitError) as exc:
            raise FixError(f"cannot {edit.op} {edit.pointer}: {exc}") from None
    result = doc.as_string()
    return crlf_where_changed(text, result) if "\r\n" in text else result


def _apply_one(doc: Any, edit: Edit) -> None:
    tokens = ptr.split_pointer(edit.pointer)
    plain = doc.unwrap()
    if edit.op == "set":
        parent = ptr.descend_creating(doc, tokens[:-1], tomlkit.table)
        if isinstance(parent, list):
            index = len(parent) if tokens[-1] == "-" else int(tokens[-1])
            if index == len(parent):
                parent.append(edit.value)
            else:
                parent[index] = edit.value
        else:
            parent[tokens[-1]] = edit.value
    elif edit.op == "delete":
        if not ptr.exists(plain, edit.pointer):
            return
        parent = ptr.descend(doc, tokens[:-1])
        if isinstance(parent, list):
            del parent[int(tokens[-1])]
        else:
            del parent[tokens[-1]]
    elif edit.op in ("append", "insert"):
        if edit.op == "append":
            target_tokens, index = tokens, None
        else:
            target_tokens, index = tokens[:-1], tokens[-1]
        current = ptr.get(
            plain, "".join(f"/{ptr.escape_pointer_token(t)}" for t in target_tokens), None
        )
        if current is None:
            parent = ptr.descend_creating(doc, target_tokens[:-1], tomlkit.table)
            parent[target_tokens[-1]] = [edit.value]
            return
        if edit.value in current:
            return
        array = ptr.descend(doc, target_tokens)
        if index is None or index == "-" or int(index) >= len(array):
            array.append(edit.value)
        else:
            array.insert(int(index), edit.value)
    elif edit.op == "rename":
        raise FixError("renaming a TOML key is not supported")
    else:
        raise FixError(f"unknown edit {edit.op!r}")
