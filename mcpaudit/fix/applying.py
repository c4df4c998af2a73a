"""Write a plan as one transaction, and undo it.

Order, under mcpaudit's lock, after `recovery.recover()` dealt with any earlier run
that was interrupted:

1. every file is re-read and must still have the bytes the scan saw, and the moved
   secrets must have one name per value, free in the store (else nothing is written);
2. the originals (and the secret store file) are backed up (0600, in a 0700 folder);
   a failure here (a full disk) removes the folder: "could not back up …; nothing
   changed";
3. the journal is written, status `pending`: from here on a kill at any moment is
   rolled back by the next run;
4. quarantine records, then each config file (temp file in the same folder, fsync,
   `os.replace`, mode and owner kept), then the secret store, last;
5. status `applied`. A failure in 3–5 rolls everything back at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from mcpaudit.atomic import write_bytes_atomic

from . import batch, journal, quarantine, recovery
from .errors import FixError
from .journal import NO_SPECIAL_BITS, JournalFile, Transaction
from .plan import FilePlan, Plan
from .secretstore import SecretStore, StoreChange, make_store


@dataclass(frozen=True)
class Applied:
    """What `apply` did: the journal entry (for undo) and messages for the user."""

    transaction: Transaction
    files: tuple[FilePlan, ...]
    messages: tuple[str, ...] = ()


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


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def apply(plan: Plan, secret_store: SecretStore | None = None) -> Applied:
    """Write every file of `plan`; returns the journal transaction `undo` reverses.

    Raises FixError (and changes nothing) when a file changed since it was scanned,
    a secret cannot be stored under its name, or the backup cannot be written.
    """
    if plan.empty:
        raise FixError("nothing to apply")
    with recovery.locked():
        earlier = recovery.recover()
        applied = _apply_locked(plan, secret_store)
    return replace(applied, messages=(*earlier.messages, *applied.messages))


def _stores(plan: Plan, default: SecretStore | None) -> batch.StoreFor:
    """The store each secret goes to: the one it names (the keychain launcher needs the
    keyring, whatever --secret-store says), else the chosen one."""
    named: dict[str, SecretStore] = {}
    for p in plan.files:
        for s in p.secrets:
            if s.store and s.store not in named:
                named[s.store] = make_store(s.store)
    return lambda move: named[move.store] if move.store else default


def _apply_locked(plan: Plan, secret_store: SecretStore | None) -> Applied:
    stats = {p.real_path: _current(p) for p in plan.files}
    moves = [s for p in plan.files for s in p.secrets]
    default = secret_store or (make_store() if any(not m.store for m in moves) else None)
    store_for = _stores(plan, default)
    batch.check(plan.files, store_for)
    groups: dict[int, tuple[SecretStore, list[tuple[str, str]]]] = {}
    for m in moves:
        store = store_for(m)
        if store is not None:
            groups.setdefault(id(store), (store, []))[1].append((m.name, m.value))
    tx_id = journal.new_transaction_id()
    folder = journal.start(tx_id)
    entries: list[JournalFile] = []
    changes: list[StoreChange] = []
    doing = ""
    try:
        for i, p in enumerate(plan.files):
            doing = f"could not back up {p.path}"
            backup = journal.write_backup(folder, f"{i}.orig", p.before)
            entries.append(_entry(p, backup))
        records = []
        for n, (store, items) in enumerate(groups.values()):
            doing = "could not back up the secret store"
            change = store.begin(items)
            record = dict(change.record)
            if change.backup is not None:
                record["backup"] = journal.write_backup(folder, f"store-{n}.orig", change.backup)
            changes.append(change)
            records.append(record)
        quarantined = [
            quarantine.record_id(p.path, q, tx_id) for p in plan.files for q in p.quarantine
        ]
        tx = Transaction(
            tx_id, folder, journal.now(), tuple(entries), status="pending",
            quarantined=tuple(quarantined), stores=tuple(records),
        )  # fmt: skip
        doing = "could not write the undo journal"
        journal.save(tx)
    except OSError as exc:
        journal.discard(folder)
        raise FixError(f"{doing}: {_why(exc)}; nothing changed") from None
    except BaseException:
        journal.discard(folder)
        raise
    try:
        messages = _write_all(plan, tx, stats, changes)
        tx = replace(tx, status="applied")
        journal.save(tx)
    except BaseException as exc:
        _roll_back_now(tx)
        if isinstance(exc, FixError):
            raise
        if isinstance(exc, OSError):
            raise FixError(f"could not write: {_why(exc)}; nothing changed") from None
        raise
    return Applied(tx, plan.files, tuple(messages))


def _entry(p: FilePlan, backup: str) -> JournalFile:
    fixes = tuple({"id": f.id, "rule_id": f.rule_id, "description": f.description} for f in p.fixes)
    return JournalFile(
        path=p.path,
        real_path=p.real_path,
        backup=backup,
        sha_before=p.expected_sha256,
        sha_after=hashlib.sha256(p.after).hexdigest(),
        mode_before=p.mode_before & NO_SPECIAL_BITS,
        mode_after=p.mode_after & NO_SPECIAL_BITS,
        fixes=fixes,
    )


def _write_all(
    plan: Plan, tx: Transaction, stats: dict[str, os.stat_result], changes: list[StoreChange]
) -> list[str]:
    messages: list[str] = []
    moves = [(p.path, q) for p in plan.files for q in p.quarantine]
    for (path, q), record in zip(moves, tx.quarantined, strict=True):
        quarantine.save_entry(path, q, tx.id)
        messages.append(
            f"server {q.name!r} moved to quarantine ({record}); `mcpaudit restore {record}` "
            "brings it back"
        )
    for p in plan.files:
        _current(p)  # last check, right before the write
        _write(p, stats[p.real_path])
    for change in changes:
        messages.extend(change.commit())  # the secret store last
    return messages


def _roll_back_now(tx: Transaction) -> None:
    """Put everything back after a failed write; if that fails too the transaction
    stays pending and the next run rolls it back."""
    with contextlib.suppress(OSError, FixError):
        recovery.rollback(tx)


def _write(p: FilePlan, st: os.stat_result) -> None:
    mode = p.mode_after & NO_SPECIAL_BITS
    if not p.changes_bytes:
        os.chmod(p.real_path, mode)
        return
    write_bytes_atomic(Path(p.real_path), p.after, mode=mode, owner=(st.st_uid, st.st_gid))


def recover() -> recovery.Recovered:
    """Deal with an interrupted earlier run (see `recovery`)."""
    if not os.path.lexists(journal.backups_dir()):
        return recovery.Recovered()  # never fixed anything: create no folder
    with recovery.locked():
        return recovery.recover()


def undo(transaction_id: str | None = None, force: bool = False) -> Transaction:
    """Restore the files of a transaction (default: the newest not yet undone), take
    out what it added to the secret store and the quarantine.

    Refuses (FixError, nothing restored) when a file changed after the fix, unless
    `force`. Returns the transaction, now marked undone. (`mcpaudit undo` calls
    `recover()` first: after an interrupted fix, rolling that back is the undo.)
    """
    with recovery.locked():
        recovery.recover()
        return _undo_locked(transaction_id, force)


def _undo_locked(transaction_id: str | None, force: bool) -> Transaction:
    candidates = [
        t
        for t in journal.list_transactions()
        if t.undoable and (transaction_id is None or t.id == transaction_id)
    ]
    if not candidates:
        what = f"transaction {transaction_id}" if transaction_id else "fix"
        raise FixError(f"no applied {what} to undo")
    tx = candidates[0]
    if not force:
        for f in tx.files:
            if journal.state_of(f) == "changed":
                raise FixError(
                    f"{f.path} changed after the fix (it is not what mcpaudit wrote); "
                    "nothing restored. `mcpaudit undo --force` restores the backup anyway"
                )
    return recovery.finish_undo(tx, force)


def undo_last(force: bool = False) -> Transaction:
    """Undo the newest applied transaction (see `undo`)."""
    return undo(None, force)
