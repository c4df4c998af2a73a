"""Which JSON pointers differ between two parsed documents (the semantic diff)."""

from __future__ import annotations

from typing import Any

from .pointer import child


def changed_pointers(before: Any, after: Any, at: str = "") -> list[str]:
    """Pointers whose values differ; a list whose length changed counts as one change."""
    if before == after and type(before) is type(after):
        return []  # C-speed equality first: big unchanged subtrees cost almost nothing
    if type(before) is not type(after):
        return [at]
    if isinstance(before, dict):
        out: list[str] = []
        for key in before.keys() | after.keys():
            if key not in before or key not in after:
                out.append(child(at, key))
            else:
                out.extend(changed_pointers(before[key], after[key], child(at, key)))
        return sorted(out)
    if isinstance(before, list):
        if len(before) != len(after):
            return [at]
        out = []
        for i, (a, b) in enumerate(zip(before, after, strict=True)):
            out.extend(changed_pointers(a, b, child(at, i)))
        return out
    return [] if before == after else [at]
