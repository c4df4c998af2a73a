"""What the next run does about a fix that was interrupted (killed, power cut, full disk).

Every command that writes (fix, undo, restore, disable, the TUI's apply) first takes
mcpaudit's lock and calls `recover()`:

- a transaction still `pending` is rolled back: each file that has the bytes the
  fix wrote gets its backup back, what it added to the quarantine and the secret
  store is taken out again; a file someone else changed since is left alone (its
  original stays in the backup and is named in the message);
- an `undoing` one is finished (undo is idempotent: files already restored are
  skipped);
- transaction folders without a manifest (killed while backing up: nothing was
  changed yet) and temp files of mcpaudit's own naming (`.<name>.mcpaudit-*.tmp`)
  next to journaled files and in its own folders are removed.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mcpaudit.atomic import stale_temps

from . import journal, quarantine
from .errors import FixError
from .journal import MANIFEST, Transaction
from .secretstore import env_file_path, revert
from .store import check_private, config_dir, data_dir, private_dir

LOCK_WAIT = 10.0  # seconds another mcpaudit may hold the lock before we give up
RECENT = 20  # transactions whose folders are swept for stale temp files


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """mcpaudit's write lock (one writer at a time; released when the process dies)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; a second writer is the user's own doing
        yield
        return
    root = private_dir(journal.backups_dir())
    fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise FixError(
                        "another mcpaudit is writing fixes right now; nothing changed. "
                        "Try again when it has finished"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def rollback(tx: Transaction) -> list[str]:
    """Undo what a pending transaction did; sentences for the user. Files changed by
    something else since are left as they are (their original is in the backup)."""
    messages, restored = [], []
    for f in tx.files:
        state = journal.state_of(f)
        if state == "after":
            try:
                journal.restore_file(tx, f)
            except FixError as exc:  # lasting (a damaged backup): say so, never a dead end
                messages.append(f"{f.path} not restored: {exc} (backup: {tx.backup_path(f)})")
                continue
            # An OSError (a full disk) propagates: the transaction stays pending, retried.
            restored.append(f.path)
        elif state == "changed":
            messages.append(
                f"{f.path} changed after the interrupted fix; left as it is "
                f"(its original is in {tx.backup_path(f)})"
            )
    for record in tx.quarantined:
        quarantine.forget(record)
    for record in tx.stores:
        messages.extend(revert(record, _store_backup(tx, record)))
    journal.save(replace(tx, status="rolled back"))
    what = f"restored {', '.join(restored)}" if restored else "no file had been changed yet"
    messages.insert(0, f"an interrupted fix ({tx.id}) was rolled back: {what}")
    return messages


def _store_backup(tx: Transaction, record: dict[str, Any]) -> Callable[[], bytes] | None:
    rel, sha = record.get("backup"), record.get("sha256_before")
    if not rel or not sha:
        return None
    return lambda: journal.read_backup(tx, rel, sha, str(env_file_path()))


def finish_undo(tx: Transaction, force: bool = False) -> Transaction:
    """Restore every file of `tx` that still has what the fix wrote (all of them with
    `force`), take its store and quarantine additions out, mark it undone."""
    if tx.status != "undoing":
        tx = replace(tx, status="undoing")
        journal.save(tx)
    for f in tx.files:
        state = journal.state_of(f)
        if state == "after" or (state == "changed" and force):
            journal.restore_file(tx, f)
    for record in tx.quarantined:
        quarantine.forget(record)
    for record in tx.restored:
        quarantine.mark(record, "quarantined")
    notes = [n for record in tx.stores for n in revert(record, _store_backup(tx, record))]
    done = replace(tx, status="applied", undone=journal.now())
    journal.save(done)
    return replace(done, notes=tuple(notes))


def sweep(transactions: list[Transaction]) -> int:
    """Remove what killed runs leave behind (see the module docstring); returns how
    many transaction folders without a manifest were removed."""
    root = journal.backups_dir()
    discarded = 0
    for folder in root.iterdir() if root.is_dir() else ():
        if folder.name.startswith(".") or os.path.lexists(folder / MANIFEST):
            continue
        if folder.is_dir() and not folder.is_symlink():
            journal.discard(folder)
            discarded += 1
    own = [root, data_dir(), config_dir(), quarantine.quarantine_dir()]
    own += [tx.folder for tx in transactions[:RECENT]]
    own += [tx.folder / "files" for tx in transactions[:RECENT]]
    for folder in own:
        try:
            check_private(folder)
        except FixError:
            continue
        for tmp in stale_temps(folder):
            with contextlib.suppress(OSError):
                tmp.unlink()
    pending = [tx for tx in transactions if tx.status in ("pending", "undoing")]
    for tx in pending + transactions[:RECENT]:
        for f in tx.files:
            target = Path(f.real_path)
            for tmp in stale_temps(target.parent, target.name):
                with contextlib.suppress(OSError):
                    tmp.unlink()
    return discarded


@dataclass(frozen=True)
class Recovered:
    """What `recover` did: sentences for the user, and whether an interrupted fix or
    undo was dealt with (then a bare `mcpaudit undo` has done its job)."""

    messages: tuple[str, ...] = ()
    interrupted: bool = False
    transactions: tuple[str, ...] = ()  # ids rolled back or finished


def recover() -> Recovered:
    """Roll back pending transactions, finish interrupted undos, sweep. Call it locked."""
    if not os.path.lexists(journal.backups_dir()):
        return Recovered()
    transactions = journal.list_transactions()
    discarded = sweep(transactions)
    messages: list[str] = []
    ids: list[str] = []
    if discarded:
        messages.append("an interrupted fix had changed nothing yet; its leftovers were removed")
    for tx in transactions:
        if tx.status == "pending":
            messages.extend(rollback(tx))
            ids.append(tx.id)
        elif tx.status == "undoing":
            try:
                finish_undo(tx)
            except FixError as exc:
                messages.append(f"an interrupted undo ({tx.id}) could not be finished: {exc}")
                continue
            messages.append(f"an interrupted undo ({tx.id}) was finished")
            ids.append(tx.id)
    return Recovered(tuple(messages), bool(messages), tuple(ids))
