"""Write a plan: sha precondition, backup, atomic write, journal; and undo it.

Order for each plan: every file is re-read and must still have the bytes the scan
saw (else nothing is written); the originals are backed up (0600) and the journal
written; secrets are stored and quarantined entries saved; then each file is
replaced atomically (temp file in the same folder, fsync, `os.replace`) with its
mode and owner kept. If a write fails, the files already written are put back.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from mcpaudit.atomic import write_bytes_atomic

from . import journal, quarantine
from .errors import FixError
from .journal import JournalFile, Transaction
from .plan import FilePlan, Plan
from .secretstore import SecretStore, forget_recorded, make_store, put_recorded


@dataclass(frozen=True)
class Applied:
    """What `apply` did: the journal entry (for undo) and messages for the user."""

    transaction: Transaction
    files: tuple[FilePlan, ...]
    messages: tuple[str, ...] = ()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _current(plan: FilePlan) -> os.stat_result:
    try:
        with open(plan.real_path, "rb") as fh:
            data = fh.read()
            st = os.fstat(fh.fileno())
    except OSError as exc:
        raise FixError(f"cannot read {plan.path}: {exc.strerror}; nothing written") from None
    if hashlib.sha256(data).hexdigest() != plan.expected_sha256:
        raise FixError(
            f"{plan.path} changed since it was scanned; nothing written. Scan again and retry"
        )
    return st


def apply(plan: Plan, secret_store: SecretStore | None = None) -> Applied:
    """Write every file of `plan`; returns the journal transaction `undo` reverses.

    Raises FixError (and writes nothing) when a file changed since it was scanned,
    or a secret cannot be stored.
    """
    if plan.empty:
        raise FixError("nothing to apply")
    stats = {p.real_path: _current(p) for p in plan.files}
    needs_store = any(p.secrets for p in plan.files)
    store = secret_store or (make_store() if needs_store else None)
    # A fix that names its store (the keychain launcher) uses it whatever --secret-store says.
    named = {s.store: make_store(s.store) for p in plan.files for s in p.secrets if s.store}
    for p in plan.files:
        for s in p.secrets:
            assert store is not None
            named.get(s.store or "", store).check(s.name, s.value)

    tx_id = journal.new_transaction_id()
    folder = journal.start(tx_id)
    entries = []
    for i, p in enumerate(plan.files):
        backup = journal.write_backup(folder, i, p.before)
        fixes = tuple(
            {"id": f.id, "rule_id": f.rule_id, "description": f.description} for f in p.fixes
        )
        entries.append(
            JournalFile(
                path=p.path,
                real_path=p.real_path,
                backup=backup,
                sha_before=p.expected_sha256,
                sha_after=hashlib.sha256(p.after).hexdigest(),
                mode_before=p.mode_before,
                mode_after=p.mode_after,
                fixes=fixes,
            )
        )
    tx = Transaction(tx_id, folder, _now(), tuple(entries), status="pending")
    journal.save(tx)

    messages: list[str] = []
    added: list[dict[str, str]] = []
    for p in plan.files:
        for s in p.secrets:
            assert store is not None
            message, record = put_recorded(named.get(s.store or "", store), s.name, s.value)
            messages.append(message)
            if record is not None:
                added.append(record)
    if added:
        tx = replace(tx, secrets=tuple(added))
        journal.save(tx)
    quarantined = []
    for p in plan.files:
        for q in p.quarantine:
            record = quarantine.save_entry(p.path, q, tx_id)
            quarantined.append(record)
            messages.append(
                f"server {q.name!r} moved to quarantine ({record}); `mcpaudit restore {record}` "
                "brings it back"
            )

    written: list[tuple[FilePlan, JournalFile]] = []
    try:
        for p, entry in zip(plan.files, entries, strict=True):
            _current(p)  # last check, right before the write
            _write(p, stats[p.real_path])
            written.append((p, entry))
    except BaseException as exc:
        for _p, entry in reversed(written):
            journal.restore_file(tx, entry, force=True)
        for record in quarantined:
            quarantine.forget(record)
        forget_recorded(tx.secrets)
        journal.save(replace(tx, status="failed"))
        if isinstance(exc, FixError):
            raise
        if isinstance(exc, OSError):
            raise FixError(f"could not write: {exc.strerror or exc}; nothing changed") from None
        raise
    tx = replace(tx, status="applied", quarantined=tuple(quarantined))
    journal.save(tx)
    return Applied(tx, plan.files, tuple(messages))


def _write(p: FilePlan, st: os.stat_result) -> None:
    if not p.changes_bytes:
        os.chmod(p.real_path, p.mode_after)
        return
    path = Path(p.real_path)
    write_bytes_atomic(path, p.after, mode=p.mode_after, owner=(st.st_uid, st.st_gid))


def undo(transaction_id: str | None = None, force: bool = False) -> Transaction:
    """Restore the files of a transaction (default: the newest not yet undone).

    Refuses (FixError, nothing restored) when a file changed after the fix, unless
    `force`. Returns the transaction, now marked undone.
    """
    candidates = [
        t
        for t in journal.list_transactions()
        if t.status == "applied"
        and t.undone is None
        and (transaction_id is None or t.id == transaction_id)
    ]
    if not candidates:
        what = f"transaction {transaction_id}" if transaction_id else "fix"
        raise FixError(f"no applied {what} to undo")
    tx = candidates[0]
    if not force:
        for f in tx.files:
            if journal.sha256_of(f.real_path) != f.sha_after:
                raise FixError(
                    f"{f.path} changed after the fix (it is not what mcpaudit wrote); "
                    "nothing restored. `mcpaudit undo --force` restores the backup anyway"
                )
    for f in tx.files:
        journal.restore_file(tx, f, force=True)
    for record in tx.quarantined:
        quarantine.forget(record)
    for record in tx.restored:
        quarantine.mark(record, "quarantined")
    notes = forget_recorded(tx.secrets)
    done = replace(tx, undone=_now(), notes=tuple(notes))
    journal.save(done)
    return done


def undo_last(force: bool = False) -> Transaction:
    """Undo the newest applied transaction (see `undo`)."""
    return undo(None, force)
