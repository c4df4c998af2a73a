"""mcpaudit's quarantine: server entries moved out of clients that have no off switch.

Each entry is a JSON record under `<user data dir>/quarantine/<id>.json` with the
file, the JSON pointer it came from and the entry itself; `mcpaudit restore ID`
puts it back (through a normal, journaled fix).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcpaudit.model import Edit, Fix

from . import pointer as ptr
from .errors import FixError
from .store import data_dir, private_dir, read_json, write_json

if TYPE_CHECKING:
    from .plan import QuarantineMove


def quarantine_dir() -> Path:
    return data_dir() / "quarantine"


@dataclass(frozen=True)
class Record:
    id: str
    client: str
    name: str
    file: str
    pointer: str
    in_list: bool
    entry: Any
    status: str  # quarantined | restored
    quarantined_at: str
    transaction: str
    span: dict[str, Any] | None = None  # the entry's own text and place (records since 0.x)


def _record_path(record_id: str) -> Path:
    if not record_id or "/" in record_id or record_id.startswith("."):
        raise FixError(f"bad quarantine id {record_id!r}")
    return quarantine_dir() / f"{record_id}.json"


def record_id(path: str, move: QuarantineMove, transaction: str) -> str:
    """The id `save_entry` gives this move (known before it is saved, for the journal)."""
    digest = hashlib.sha256(
        f"{path}\0{move.pointer}\0{transaction}".encode("utf-8", "surrogatepass")
    ).hexdigest()[:8]
    safe_name = "".join(c if c.isalnum() or c in "-_" else "-" for c in move.name)[:40]
    return f"{move.client}-{safe_name}-{digest}"


def save_entry(path: str, move: QuarantineMove, transaction: str) -> str:
    rid = record_id(path, move, transaction)
    write_json(
        _record_path(rid),
        {
            "id": rid,
            "client": move.client,
            "name": move.name,
            "file": path,
            "pointer": move.pointer,
            "in_list": move.in_list,
            "entry": move.entry,
            "status": "quarantined",
            "quarantined_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "transaction": transaction,
            **({"span": move.span} if move.span else {}),
        },
    )
    return rid


def load(record_id: str) -> Record:
    path = _record_path(record_id)
    if not path.exists():
        raise FixError(f"no quarantined server {record_id!r} (see `mcpaudit restore --list`)")
    d = read_json(path)
    return Record(
        d["id"],
        d["client"],
        d["name"],
        d["file"],
        d["pointer"],
        bool(d["in_list"]),
        d["entry"],
        d["status"],
        d["quarantined_at"],
        d["transaction"],
        d.get("span") if isinstance(d.get("span"), dict) else None,
    )


def records() -> list[Record]:
    root = quarantine_dir()
    if not root.is_dir():
        return []
    out = []
    for path in sorted(root.glob("*.json")):
        try:
            out.append(load(path.stem))
        except (FixError, OSError, ValueError, KeyError):
            continue
    return out


def forget(record_id: str) -> None:
    path = _record_path(record_id)
    if os.path.lexists(path):
        private_dir(path.parent)  # never unlink through a folder that is not ours
        path.unlink()


def mark(record_id: str, status: str) -> None:
    path = _record_path(record_id)
    if path.exists():
        d = read_json(path)
        d["status"] = status
        write_json(path, d)


def restore_fix(record: Record, exact: bool = True) -> Fix:
    """The fix that puts a quarantined entry back where it was: its own text at its own
    place (`exact`, when the record has it), else the entry written anew (reformatted; a
    list entry goes to the end)."""
    parent, _ = ptr.parent(record.pointer)
    if exact and record.span is not None:
        edit = Edit("splice", record.pointer, record.span)
    elif record.in_list:
        edit = Edit("append", parent, record.entry)
    else:
        edit = Edit("set", record.pointer, record.entry)
    return Fix(
        id=f"restore:{record.id}",
        rule_id="restore",
        description=f"bring server {record.name!r} back into {record.file}",
        safe=False,
        path=record.file,
        edits=(edit,),
    )
