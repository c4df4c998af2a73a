"""The undo journal: one folder per plan under `<user data dir>/backups/`.

`backups/<id>/manifest.json` records, for every file, its original path, the sha256
and mode before and after, and the name of the backup copy of the original bytes
(`files/<n>.orig`, mode 0600); the quarantine records it creates; and what it adds to
the secret store. It is written (status `pending`) after every backup and before the
first config is touched, so a run killed at any point leaves a journal the next run
can roll back (`recovery`). Statuses: pending -> applied (-> undoing -> undone),
or pending -> rolled back.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets as _random
import shutil
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mcpaudit.atomic import write_bytes_atomic

from .errors import FixError
from .store import (
    check_private,
    data_dir,
    private_dir,
    read_json,
    read_private,
    write_json,
    write_private,
)

MANIFEST = "manifest.json"
NO_SPECIAL_BITS = 0o777  # a restored file never gets setuid, setgid or sticky back


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
    """One plan, as `mcpaudit undo --list` shows it."""

    id: str
    folder: Path
    created: str
    files: tuple[JournalFile, ...]
    undone: str | None = None
    quarantined: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    status: str = "applied"
    stores: tuple[dict[str, Any], ...] = field(default=(), compare=False)  # see secretstore
    notes: tuple[str, ...] = field(default=(), compare=False)  # what undo said (not saved)

    def backup_path(self, f: JournalFile) -> Path:
        return self.folder / f.backup

    @property
    def undoable(self) -> bool:
        return self.status in ("applied", "undoing") and self.undone is None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_transaction_id() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{_random.token_hex(2)}"


def save(tx: Transaction) -> None:
    payload = {
        "id": tx.id,
        "created": tx.created,
        "status": tx.status,
        "undone": tx.undone,
        "quarantined": list(tx.quarantined),
        "restored": list(tx.restored),
        "stores": list(tx.stores),
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
    write_json(tx.folder / MANIFEST, payload)


def _file(f: dict[str, Any]) -> JournalFile:
    entry = JournalFile(
        path=str(f["path"]),
        real_path=str(f.get("real_path", f["path"])),
        backup=str(f["backup"]),
        sha_before=str(f["sha256_before"]),
        sha_after=str(f["sha256_after"]),
        mode_before=int(f["mode_before"]) & NO_SPECIAL_BITS,
        mode_after=int(f["mode_after"]) & NO_SPECIAL_BITS,
        fixes=tuple(f.get("fixes", ())),
    )
    if not os.path.isabs(entry.real_path) or not entry.backup.startswith("files/"):
        raise ValueError("not a manifest mcpaudit wrote")
    if ".." in Path(entry.backup).parts:
        raise ValueError("not a manifest mcpaudit wrote")
    return entry


def load(folder: Path) -> Transaction:
    data = read_json(folder / MANIFEST)
    if data.get("id") != folder.name:
        raise ValueError("manifest of another folder")
    return Transaction(
        id=data["id"],
        folder=folder,
        created=data["created"],
        files=tuple(_file(f) for f in data["files"]),
        undone=data.get("undone"),
        quarantined=tuple(data.get("quarantined", ())),
        restored=tuple(data.get("restored", ())),
        status=data.get("status", "applied"),
        stores=tuple(r for r in data.get("stores", ()) if isinstance(r, dict)),
    )


def list_transactions() -> list[Transaction]:
    """Every journaled plan, newest first. The backups folder must be mcpaudit's own
    (FixError otherwise); a transaction folder that is not, or whose manifest is
    unreadable, is skipped."""
    root = backups_dir()
    if not os.path.lexists(root):
        return []
    private_dir(root)
    out = []
    for folder in sorted(root.iterdir(), reverse=True):
        if folder.name.startswith("."):
            continue
        try:
            check_private(folder)
            out.append(load(folder))
        except (FixError, OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return out


def start(tx_id: str) -> Path:
    return private_dir(backups_dir() / tx_id)


def discard(folder: Path) -> None:
    """Remove a transaction folder that never got a manifest (nothing was changed)."""
    with contextlib.suppress(OSError):
        check_private(folder)
        shutil.rmtree(folder)


def write_backup(folder: Path, name: str, data: bytes) -> str:
    rel = f"files/{name}"
    write_private(folder / rel, data)
    return rel


def read_backup(tx: Transaction, rel: str, sha: str, what: str) -> bytes:
    data = read_private(tx.folder / rel)
    if hashlib.sha256(data).hexdigest() != sha:
        raise FixError(f"the backup of {what} is damaged; nothing restored")
    return data


def sha256_of(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FixError(f"cannot read {path}: {exc.strerror}") from None


def state_of(f: JournalFile) -> str:
    """`after` (what the fix wrote), `before` (untouched or already restored) or
    `changed` (someone else wrote it since)."""
    current = sha256_of(f.real_path)
    if f.sha_before == f.sha_after and current == f.sha_after:
        try:
            mode = stat.S_IMODE(os.lstat(f.real_path).st_mode)
        except OSError:
            return "changed"
        if f.mode_before != f.mode_after and mode == f.mode_after:
            return "after"
        return "before" if mode == f.mode_before else "changed"
    if current == f.sha_after:
        return "after"
    if current == f.sha_before:
        return "before"
    return "changed"


def restore_file(tx: Transaction, f: JournalFile) -> None:
    """Put back the exact bytes and mode `f` had before the fix (without special bits).
    Only the real path the fix wrote, and never through a symlink put there since."""
    try:
        st = os.lstat(f.real_path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise FixError(f"{f.path} is no longer a regular file; not restored")
    data = read_backup(tx, f.backup, f.sha_before, f.path)
    if st is not None and sha256_of(f.real_path) == f.sha_before:
        os.chmod(f.real_path, f.mode_before)
        return
    owner = (st.st_uid, st.st_gid) if st is not None else None
    write_bytes_atomic(Path(f.real_path), data, mode=f.mode_before, owner=owner)
