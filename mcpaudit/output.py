"""Write a report where `-o` points, the way a user expects of a command-line tool.

- A regular file (or a name that does not exist yet) is replaced atomically: a reader
  sees the old report or the new one, never half. A new report gets the mode the umask
  gives (0644 under the usual 022), an existing one keeps its mode; nothing is private
  that the user did not make private (secrets stores, backups and pins are written by
  `mcpaudit.atomic` and stay 0600).
- A symlink is followed to its target, which is written as above (as ruff does): the
  link stays a link.
- Anything else that can be opened for writing — a FIFO, a character device such as
  /dev/null or /dev/stdout, a process substitution (`-o >(jq …)`, a /dev/fd/N pipe) — is
  written straight into; renaming over it would replace it with a regular file.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from mcpaudit.atomic import write_bytes_atomic


class OutputError(OSError):
    """The target cannot take a report (a directory, say): a usage error with a message."""


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _kind(path: Path) -> str:
    """ "stream" (write into it), "file" (replace it atomically) or "new"."""
    try:
        st = os.stat(path)  # follows symlinks: /dev/fd/N, a link to a FIFO, …
    except FileNotFoundError:
        return "new"
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(21, "is a directory")
    return "file" if stat.S_ISREG(st.st_mode) else "stream"


def _regular_target(path: Path) -> tuple[Path, int]:
    """The file to replace (a symlink's final target) and the mode the report gets."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~umask()
    return target, mode


def write_report(path: Path, data: bytes) -> None:
    """Write `data` to `path` as the module docstring says; OSError on failure."""
    path = Path(path)
    if _kind(path) == "stream":
        with open(path, "wb") as fh:  # a FIFO or a device: no temp file, no rename
            fh.write(data)
        return
    target, mode = _regular_target(path)
    write_bytes_atomic(target, data, mode=mode)


def write_report_built(path: Path, build: Callable[[Path], None], suffix: str = "") -> None:
    """Like `write_report` for formats a library writes to a file of its own (SQLite):
    `build(tmp)` fills a temporary file that is then renamed into place (or, for a
    stream target, copied into it)."""
    path = Path(path)
    kind = _kind(path)
    if kind == "stream":
        with tempfile.TemporaryDirectory(prefix="mcpaudit-") as scratch:
            tmp = Path(scratch) / f"report{suffix}"
            build(tmp)
            with open(tmp, "rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst)
        return
    target, mode = _regular_target(path)
    # A private (0700) folder next to the target: nobody can plant a file or a link under
    # the name the builder opens, and the rename stays on one file system.
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    tmp = scratch / target.name
    try:
        build(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
