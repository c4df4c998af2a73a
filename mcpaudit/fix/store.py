"""Where mcpaudit keeps its own state: backups, the undo journal, quarantine, secrets.

Everything lives under platformdirs' user data dir (`~/.local/share/mcpaudit` on
Linux) and user config dir (`secrets.env`), in folders created 0700 with files
0600: backups hold the original config bytes, which may contain the very secrets a
fix moved out, and a manifest there tells `undo` which file to overwrite. So before
every use each of these folders is checked: a real directory (not a symlink), owned
by this user, not writable by anyone else. One that fails is refused, never
repaired: a folder another account could write may already hold its manifests.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from mcpaudit.atomic import write_bytes_atomic
from mcpaudit.paths import state_dirs

from .errors import FixError

MAX_STATE_FILE = 64 * 1024 * 1024  # a manifest or record larger than this is not ours


def data_dir() -> Path:
    return state_dirs().data


def config_dir() -> Path:
    return state_dirs().config


def _root_of(path: Path) -> Path:
    """The mcpaudit folder `path` lies in (checked from there down), else `path`."""
    for root in (data_dir(), config_dir()):
        if path == root or root in path.parents:
            return root
    return path


def _euid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def check_private(path: Path, kind: str = "folder") -> os.stat_result:
    """Raise FixError unless `path` is a real folder (or file) of this user that no
    other account can write. A folder merely readable by others is made 0700."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise FixError(f"cannot use {path}: {exc.strerror}") from None
    want = stat.S_ISDIR if kind == "folder" else stat.S_ISREG
    if stat.S_ISLNK(st.st_mode):
        raise FixError(
            f"{path} is a symlink; mcpaudit keeps its backups and records only in a "
            f"{kind} of its own. Nothing changed: move it aside and run again"
        )
    if not want(st.st_mode):
        raise FixError(f"{path} is not a {kind}; nothing changed: move it aside and run again")
    euid = _euid()
    if euid is not None and st.st_uid != euid:
        raise FixError(
            f"{path} belongs to another account (uid {st.st_uid}); mcpaudit does not trust "
            "what is in it. Nothing changed: move it aside and run again"
        )
    mode = stat.S_IMODE(st.st_mode)
    if os.name == "nt":  # no POSIX modes there (folders read as 0777): ACLs guard them
        return st
    if mode & 0o022:
        raise FixError(
            f"{path} can be written by other accounts (mode {mode:04o}); mcpaudit does not "
            "trust what is in it. Nothing changed: check it, move it aside and run again"
        )
    if kind == "folder" and mode & 0o077:
        os.chmod(path, 0o700)
    return st


def private_dir(path: Path) -> Path:
    """Create `path` (every missing folder from the mcpaudit root down 0700) and check
    each folder from that root down (see `check_private`)."""
    path = Path(path)
    root = _root_of(path)
    root.parent.mkdir(parents=True, exist_ok=True)
    chain = [root, *reversed([p for p in path.parents if root in p.parents])]
    if path != root:
        chain.append(path)
    for folder in chain:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise FixError(f"cannot create {folder}: {exc.strerror}") from None
        check_private(folder)
    return path


def write_private(path: Path, data: bytes) -> None:
    private_dir(path.parent)
    write_bytes_atomic(path, data, mode=0o600)


def write_json(path: Path, payload: Any) -> None:
    write_private(path, (json.dumps(payload, indent=2) + "\n").encode())


def read_private(path: Path) -> bytes:
    """The bytes of a file mcpaudit wrote in one of its folders: not followed through a
    symlink, owned by this user, writable by no one else (else FixError)."""
    private_dir(path.parent)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FixError(f"cannot read {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise FixError(f"{path} is not a file")
        euid = _euid()
        loose = os.name != "nt" and stat.S_IMODE(st.st_mode) & 0o022
        if (euid is not None and st.st_uid != euid) or loose:
            raise FixError(f"{path} was not written by mcpaudit for this account; not used")
        data = fh.read(MAX_STATE_FILE + 1)
    if len(data) > MAX_STATE_FILE:
        raise FixError(f"{path} is too large to be mcpaudit's")
    return data


def read_json(path: Path) -> Any:
    return json.loads(read_private(path).decode("utf-8"))
