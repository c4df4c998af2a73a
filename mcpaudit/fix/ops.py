"""Operations at a JSON pointer, applied to a config's text in its own format.

Text operations: `set`, `delete`, `append` (to a list, created when missing; no-op
when the value is already there), `insert` (into a list before an index, no-op when
present), `rename` (a key, in place), `splice` (a quarantined entry's own text put back,
see `splice.py`; always alone). File operations (`chmod`) and side effects
(`store_secret`, `quarantine`) are handled by the planner and `apply`.

Operations are applied from the highest pointer down (see `pointer.sort_key`), so
every pointer in one plan refers to the document as the scan saw it.
"""

from __future__ import annotations

from collections.abc import Sequence

from mcpaudit.model import Edit

from . import pointer as ptr
from .errors import FixError
from .jsonedit import JsonEditor, apply_spans
from .tomledit import apply_toml
from .yamledit import apply_yaml

TEXT_OPS = frozenset({"set", "delete", "append", "insert", "rename", "splice"})
FILE_OPS = frozenset({"chmod"})
SIDE_OPS = frozenset({"store_secret", "quarantine"})
ALL_OPS = TEXT_OPS | FILE_OPS | SIDE_OPS


def ordered(edits: Sequence[Edit]) -> list[Edit]:
    """Text edits, highest pointer first; equal pointers keep their given order."""
    text_edits = [e for e in edits if e.op in TEXT_OPS]
    return sorted(text_edits, key=lambda e: ptr.sort_key(e.pointer), reverse=True)


def apply_text_edits(text: str, fmt: str, edits: Sequence[Edit], newline: str = "\n") -> str:
    """`text` with every text edit applied; raises FixError when one cannot be."""
    for edit in edits:
        if edit.op not in ALL_OPS:
            raise FixError(f"unknown edit {edit.op!r}")
    todo = ordered(edits)
    if not todo:
        return text
    if any(e.op == "splice" for e in todo):
        if len(todo) != 1:
            raise FixError("a restored entry is put back on its own")
        from .splice import splice

        return splice(text, todo[0].value)
    if fmt == "toml":
        return apply_toml(text, todo)
    if fmt == "yaml":
        return apply_yaml(text, todo)
    for edit in todo:
        editor = JsonEditor(text, newline)
        method = {
            "set": editor.set,
            "delete": lambda p, _v, e=editor: e.delete(p),
            "append": editor.append,
            "insert": editor.insert,
            "rename": editor.rename,
        }[edit.op]
        if edit.op == "insert":
            parent, _ = ptr.parent(edit.pointer)
            if edit.value in (ptr.get(editor.data, parent, None) or []):
                continue
        text = apply_spans(text, method(edit.pointer, edit.value))
    return text
