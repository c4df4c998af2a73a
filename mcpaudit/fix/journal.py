"""The undo journal: one folder per applied plan under `<user data dir>/backups/`.

`backups/<timestamp>/manifest.json` records, for every file, its original path,
the sha256 and mode before and after, and the name of the backup copy of the
original bytes (`files/<n>.orig`, mode 0600). Undo restores those bytes exactly.
"""

from __future__ import annotations

import hashlib
import os
import secrets as _random
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mcpaudit.atomic import write_bytes_atomic

from .errors import FixError
from .store import data_dir, private_dir, read_json, write_json, write_private


def backups_dir() -> Path:
    return data_dir() / "backups"


@dataclass(frozen=True)
class JournalFile:
    path: str
    real_path: str
    backup: str  # file name inside the transaction folder
    sha_before: str
    sha_after: str
    mode_before: int
    mode_after: int
    fixes: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Transaction:
    """One applied plan, as `mcpaudit undo --list` shows it."""

    id: str
    folder: Path
    created: str
    files: tuple[JournalFile, ...]
    undone: str | None = None
    quarantined: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    status: str = "applied"
    # Secrets this fix added to a store ({store, name, sha256[, path]}): undo removes them.
    secrets: tuple[dict[str, str], ...] = ()
    notes: tuple[str, ...] = ()  # what undo said about those secrets (not saved)

    def backup_path(self, f: JournalFile) -> Path:
        return self.folder / f.backup


def new_transaction_id() -> str:
    now = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{now}-{_random.token_hex(2)}"


def save(tx: Transaction) -> None:
    payload = {
        "id": tx.id,
        "created": tx.created,
        "status": tx.status,
        "undone": tx.undone,
        "quarantined": list(tx.quarantined),
        "restored": list(tx.restored),
        "secrets": list(tx.secrets),
        "files": [
            {
                "path": f.path,
                "real_path": f.real_path,
                "backup": f.backup,
                "sha256_before": f.sha_before,
                "sha256_after": f.sha_after,
                "mode_before": f.mode_before,
                "mode_after": f.mode_after,
                "fixes": list(f.fixes),
            }
            for f in tx.files
        ],
    }
    write_json(tx.folder / "manifest.json", payload)


def load(folder: Path) -> Transaction:
    data = read_json(folder / "manifest.json")
    files = tuple(
        JournalFile(
            path=f["path"],
            real_path=f.get("real_path", f["path"]),
            backup=f["backup"],
            sha_before=f["sha256_before"],
            sha_after=f["sha256_after"],
            mode_before=int(f["mode_before"]),
            mode_after=int(f["mode_after"]),
            fixes=tuple(f.get("fixes", ())),
        )
        for f in data["files"]
    )
    return Transaction(
        id=data["id"],
        folder=folder,
        created=data["created"],
        files=files,
        undone=data.get("undone"),
        quarantined=tuple(data.get("quarantined", ())),
        restored=tuple(data.get("restored", ())),
        status=data.get("status", "applied"),
        secrets=tuple(s for s in data.get("secrets", ()) if isinstance(s, dict)),
    )


def list_transactions() -> list[Transaction]:
    """Every journaled plan, newest first (unreadable manifests are skipped)."""
    root = backups_dir()
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(root.iterdir(), reverse=True):
        try:
            out.append(load(folder))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return out


def start(tx_id: str) -> Path:
    return private_dir(backups_dir() / tx_id)


def write_backup(folder: Path, index: int, data: bytes) -> str:
    name = f"files/{index}.orig"
    write_private(folder / name, data)
    return name


def sha256_of(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FixError(f"cannot read {path}: {exc.strerror}") from None


def restore_file(tx: Transaction, f: JournalFile, force: bool) -> None:
    """Put back the exact bytes and mode `f` had before the fix."""
    current = sha256_of(f.real_path)
    if current != f.sha_after and not force:
        raise FixError(
            f"{f.path} changed after the fix (it is not what mcpaudit wrote); "
            "nothing restored. `mcpaudit undo --force` restores the backup anyway"
        )
    data = tx.backup_path(f).read_bytes()
    if hashlib.sha256(data).hexdigest() != f.sha_before:
        raise FixError(f"the backup of {f.path} is damaged; nothing restored")
    if current == f.sha_before:
        os.chmod(f.real_path, f.mode_before)
        return
    write_bytes_atomic(Path(f.real_path), data, mode=f.mode_before)
