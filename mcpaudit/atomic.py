"""Write files so a reader sees either the old content or the new, never half of it.

The temp file is named `.<name>.mcpaudit-XXXXXXXX.tmp` next to its target: a name no
other program uses, so a run killed mid-write leaves something `stale_temps` can
recognise and remove on the next start.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

TEMP_MARK = ".mcpaudit-"


def write_bytes_atomic(
    path: Path, data: bytes, mode: int | None = None, owner: tuple[int, int] | None = None
) -> None:
    """Temp file in the same directory, fsync, os.replace; sets `mode` and `owner`
    (uid, gid) when given, before the rename, so the file never appears without them."""
    path = Path(path)
    prefix = f".{path.name}{TEMP_MARK}"
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if owner is not None and hasattr(os, "chown"):
            st = os.stat(tmp)
            if (st.st_uid, st.st_gid) != owner:
                os.chown(tmp, *owner)
        if mode is not None:
            os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(path.parent or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def stale_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Temp files `write_bytes_atomic` leaves in `folder` when killed (for target `name`
    only, when given): regular files, never followed through a symlink."""
    pattern = re.compile(
        r"\."
        + (re.escape(name) if name is not None else r".+")
        + re.escape(TEMP_MARK)
        + r"[A-Za-z0-9_]{8}\.tmp"
    )
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [
        Path(e.path)
        for e in entries
        if pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False)
    ]
