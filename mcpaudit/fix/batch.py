"""One name per secret across the whole batch, decided before anything is written.

Providers name a moved secret from where it was (`GITHUB_TOKEN`, `CLI_SECRET`), so
two different values can get one name: two secrets in one server's args, or one
`GITHUB_TOKEN` holding different tokens in three files. Every value keeps its own
name: the first keeps the provider's, the next different value gets `NAME_2`, `NAME_3`
…; a name the secret store already holds with another value is skipped the same
way. The same value under the same name is stored once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mcpaudit.model import Edit, Fix

from . import pointer as ptr
from .errors import FixError

if TYPE_CHECKING:
    from .plan import FilePlan, SecretMove
    from .secretstore import SecretStore

Key = tuple[str, str]  # (fix id, pointer of the secret)
StoreFor = Callable[["SecretMove"], "SecretStore | None"]


def resolver(store: SecretStore | StoreFor | None) -> StoreFor:
    """A function giving each move its store (one store for all, when given one)."""
    if callable(store):
        return store
    return lambda move: store


def _stored(store: SecretStore | None, name: str) -> str | None:
    if store is None:
        return None
    try:
        return store.get(name)
    except FixError:
        return None


def assign_names(
    plans: Iterable[FilePlan], stores: SecretStore | StoreFor | None
) -> tuple[dict[str, dict[Key, str]], list[str]]:
    """Per file path, the secrets to rename ({(fix id, pointer): new name}), and a
    sentence for each rename."""
    store_for = resolver(stores)
    taken: dict[str, str] = {}  # name -> value, for this batch
    renames: dict[str, dict[Key, str]] = {}
    notes: list[str] = []
    for fp in plans:
        for move in fp.secrets:
            store = store_for(move)
            name = move.name
            candidate, n = name, 1
            while True:
                in_batch = taken.get(candidate)
                in_store = _stored(store, candidate)
                if in_batch in (None, move.value) and in_store in (None, move.value):
                    break
                n += 1
                candidate = f"{name}_{n}"
                if n > 999:
                    raise FixError(f"cannot find a free name for the secret {name}")
            taken[candidate] = move.value
            if candidate != name:
                renames.setdefault(fp.path, {})[(move.fix_id, move.pointer)] = candidate
                where = "your secret store" if _stored(store, name) is not None else "this fix"
                notes.append(
                    f"{candidate}: {name} already names a different secret in {where}; "
                    f"this one ({move.shown}, {fp.path}) is stored as {candidate}"
                )
    return renames, notes


def check(plans: Iterable[FilePlan], stores: SecretStore | StoreFor | None) -> None:
    """Refuse (before the first write) a batch where one name holds two values, or a
    name the store already holds with another value."""
    store_for = resolver(stores)
    taken: dict[str, str] = {}
    for fp in plans:
        for move in fp.secrets:
            store = store_for(move)
            if taken.setdefault(move.name, move.value) != move.value:
                raise FixError(
                    f"two different secrets would both be stored as {move.name}; nothing "
                    "changed. Scan again and retry"
                )
            if store is not None:
                store.check(move.name, move.value)


def _word(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9_-])" + re.escape(name) + r"(?![A-Za-z0-9_-])")


def _input_id(name: str) -> str:
    return name.lower().replace("_", "-")  # the VS Code provider's input id


def _swap(value: Any, old: str, new: str) -> Any:
    """`value` with the reference names `old` (and its VS Code input id) renamed."""
    if isinstance(value, str):
        value = _word(old).sub(new, value)
        return _word(_input_id(old)).sub(_input_id(new), value)
    if isinstance(value, dict):
        return {k: _swap(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v, old, new) for v in value]
    return value


def rename_fix(fix: Fix, renames: Mapping[Key, str], data: Any) -> Fix:
    """`fix` with its moved secrets named as `renames` says. In the edit that splices
    the reference into the original text only the reference is renamed: the text
    around it is the user's and stays byte for byte."""
    edits = list(fix.edits)
    description = fix.description
    for i, e in enumerate(fix.edits):
        if e.op != "store_secret" or (fix.id, e.pointer) not in renames:
            continue
        old, new = str(e.value["name"]), renames[(fix.id, e.pointer)]
        edits[i] = replace(e, value={**e.value, "name": new})
        original = ptr.get(data, e.pointer, None)
        start, end = int(e.value.get("start", 0)), int(e.value.get("end", 0))
        for j, other in enumerate(edits):
            if other.op == "store_secret":
                continue
            value = other.value
            if (
                other.op == "set"
                and other.pointer == e.pointer
                and isinstance(value, str)
                and isinstance(original, str)
                and value.startswith(original[:start])
                and value.endswith(original[end:])
                and len(value) >= start + len(original) - end
            ):
                tail = len(value) - (len(original) - end)
                value = value[:start] + _swap(value[start:tail], old, new) + value[tail:]
            else:
                value = _swap(value, old, new)
            edits[j] = Edit(other.op, other.pointer, value)
        # The description also names where the secret was ("env GITHUB_TOKEN"): that stays.
        description = re.sub(
            r"(?<!env )(?<!header )(?<![A-Za-z0-9_-])" + re.escape(old) + r"(?![A-Za-z0-9_-])",
            new,
            description,
        )
        description = _word(_input_id(old)).sub(_input_id(new), description)
    return replace(fix, edits=tuple(edits), description=description)
