"""Placeholders an extension's manifest uses, resolved the way its host does."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from mcpaudit.model import Server, Value
from mcpaudit.references import find_reference

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def resolve(server: Server, lookup: Callable[[str], str | None], **changes: object) -> Server:
    """`server` with every `${name}` that `lookup` knows replaced in command, args, env
    and cwd (pointers and lines stay those of the manifest)."""

    def fix(v: Value | None) -> Value | None:
        if v is None or "${" not in v.text:
            return v
        text = _PLACEHOLDER.sub(lambda m: _or_keep(lookup(m.group(1)), m.group(0)), v.text)
        if text == v.text:
            return v
        return replace(v, text=text, reference=find_reference(text))

    return replace(
        server,
        command=fix(server.command),
        args=tuple(fix(a) for a in server.args),  # type: ignore[misc]
        env=tuple(fix(e) for e in server.env),  # type: ignore[misc]
        cwd=fix(server.cwd),
        **changes,  # type: ignore[arg-type]
    )


def _or_keep(found: str | None, original: str) -> str:
    return original if found is None else found


def table(values: Mapping[str, object]) -> Callable[[str], str | None]:
    def lookup(name: str) -> str | None:
        v = values.get(name)
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (str, int, float)):
            return str(v)
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return " ".join(v)  # a multiple-choice directory list
        return None

    return lookup
