"""A quarantined entry's exact text, and putting that text back where it was.

Quarantine deletes a server entry through the file format's own editor. `span_of` records
what that deletion takes out of the text: the offset, the removed characters as they were
(the comma, indentation, comments and line endings around the entry included) and some
of the text on each side. `splice` inserts them again: at the same offset when the text
around it is unchanged, else at the one place where the same surroundings are found.
Anywhere else it refuses (FixError) and `restore` writes the entry anew instead, saying so.
"""

from __future__ import annotations

from typing import Any

from mcpaudit.model import Edit

from .errors import FixError
from .ops import apply_text_edits
from .textio import TextFile

CONTEXT = 200  # characters kept on each side: enough to find the place again, no more
MIN_ANCHOR = 24  # a shorter neighbour alone could match in the wrong place


def span_of(tf: TextFile, fmt: str, pointer: str) -> dict[str, Any] | None:
    """What deleting `pointer` removes from `tf.text`, or None if it is not one stretch."""
    text = tf.text
    try:
        alone = apply_text_edits(text, fmt, [Edit("delete", pointer)], tf.newline)
    except FixError:
        return None
    n = len(text) - len(alone)
    at = _common_prefix(text, alone)
    if n <= 0 or text[:at] + text[at + n :] != alone:
        return None  # the editor also changed text elsewhere (a re-indented YAML block)
    return {
        "offset": at,
        "text": text[at : at + n],
        "before": text[max(0, at - CONTEXT) : at],
        "after": alone[at : at + CONTEXT],
    }


def splice(text: str, span: dict[str, Any]) -> str:
    """`text` with the removed stretch put back, or FixError when its place is not found."""
    at, removed = int(span["offset"]), str(span["text"])
    left, right = str(span["before"]), str(span["after"])
    start = at - len(left)
    if start >= 0 and text[start:at] == left and text[at : at + len(right)] == right:
        return text[:at] + removed + text[at:]
    # The file changed since: the one place with both neighbours, else with one of them
    # (the planner then checks that the result parses and differs only by the entry).
    for anchor, shift in ((left + right, len(left)), (left, len(left)), (right, 0)):
        if len(anchor) < MIN_ANCHOR:
            continue
        found = text.find(anchor)
        if found >= 0 and text.find(anchor, found + 1) < 0:
            at = found + shift
            return text[:at] + removed + text[at:]
    raise FixError("the file changed around the place the entry was taken from")


def _common_prefix(a: str, b: str) -> int:
    """How many leading characters `a` and `b` share (in blocks: config files can be big)."""
    n, i, step = min(len(a), len(b)), 0, 4096
    while i + step <= n and a[i : i + step] == b[i : i + step]:
        i += step
    while i < n and a[i] == b[i]:
        i += 1
    return i
