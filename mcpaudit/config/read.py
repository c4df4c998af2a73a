"""Read a config file without trusting it: bounded size, regular files only, clear errors."""

from __future__ import annotations

import errno
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_BINARY_SNIFF = 8192
# A read that does not finish in this time (a FUSE or NFS mount that hangs, a procfs file
# that blocks) is abandoned: the scan goes on without the file.
READ_DEADLINE_S = 10.0
# Pseudo file systems: their "regular" files can block forever (/proc/kmsg), never end,
# or change what they are reading. A config or log symlinked into them is refused.
SPECIAL_ROOTS = ("/proc", "/sys", "/dev")


class ReadError(Exception):
    """A file that cannot be read as text; `kind` is `missing` or `unreadable`."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class RawFile:
    text: str
    raw: bytes
    had_bom: bool
    mode: int
    dir_mode: int | None
    owner_uid: int


def read_bounded(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawFile:
    """Read `path` as UTF-8 text, or raise ReadError with a message a user understands."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadError(f"dangling symlink: {path} -> {os.readlink(path)}") from None
        raise ReadError("not found", kind="missing") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(f"symlink loop at {path}") from None
        if exc.errno == errno.EACCES:
            raise ReadError(f"permission denied: {path}") from None
        raise ReadError(f"cannot stat {path}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(f"{path} is a directory, expected a file")
    if not stat.S_ISREG(st.st_mode):
        # FIFOs and devices would block or never end.
        raise ReadError(f"{path} is not a regular file")
    if st.st_size > max_bytes:
        raise ReadError(
            f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit; not parsed"
        )
    fd = open_regular(path)
    try:
        raw = read_fd(fd, max_bytes + 1, path)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise ReadError(f"file grew over the {max_bytes:,}-byte limit while reading; not parsed")
    try:
        dir_mode: int | None = os.stat(path.parent).st_mode
    except OSError:
        dir_mode = None
    text, had_bom = decode(raw)
    return RawFile(text, raw, had_bom, st.st_mode, dir_mode, st.st_uid)


def special_file(real: str) -> bool:
    """Is this (resolved) path inside /proc, /sys or /dev?"""
    return os.name == "posix" and any(
        real == root or real.startswith(root + "/") for root in SPECIAL_ROOTS
    )


def open_regular(path: Path | str) -> int:
    """A read-only descriptor for a regular file, or ReadError: never a FIFO, a device or
    a file of /proc, /sys, /dev (also through a symlink). Opened without blocking, and
    checked again once open, so a file swapped for a FIFO in between is refused too."""
    real = os.path.realpath(path)
    if special_file(real):
        raise ReadError(f"refused: {path} is a special file ({real})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise ReadError(f"permission denied: {path}") from None
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise ReadError(f"cannot read {path}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ReadError(f"{path} is not a regular file")
    return fd


def read_fd(
    fd: int, limit: int, path: Path | str = "", deadline_s: float = READ_DEADLINE_S
) -> bytes:
    """Up to `limit` bytes from `fd`, or ReadError if that takes longer than `deadline_s`.

    The read runs in a daemon thread: a read that blocks (a hung mount) cannot be
    interrupted, but the scan stops waiting for it. The caller still owns `fd`.
    """
    box: dict[str, object] = {}

    def run() -> None:
        chunks: list[bytes] = []
        size = 0
        try:
            while size < limit:
                chunk = os.read(fd, min(1 << 20, limit - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            box["data"] = b"".join(chunks)
        except BlockingIOError:
            box["error"] = ReadError(f"{path}: reading would block; not a regular file")
        except OSError as exc:
            box["error"] = ReadError(f"cannot read {path}: {exc.strerror}")

    worker = threading.Thread(target=run, name="mcpaudit-read", daemon=True)
    worker.start()
    worker.join(deadline_s)
    if worker.is_alive():
        # Closing `fd` under a blocked read would let the number be reused while the
        # thread still reads it: point it at /dev/null instead.
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, fd)  # the thread's next read (if it ever wakes) sees EOF
        os.close(null)
        raise ReadError(f"reading {path} did not finish within {deadline_s:g}s; not parsed")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["data"]  # type: ignore[return-value]


def decode(raw: bytes) -> tuple[str, bool]:
    """UTF-8 (optionally with BOM) or UTF-16 with BOM; anything else is an error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        body, had_bom = raw[3:], True
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), True
        except UnicodeDecodeError as exc:
            raise ReadError(f"invalid UTF-16 at byte {exc.start}") from None
    else:
        body, had_bom = raw, False
    if b"\x00" in body[:_BINARY_SNIFF]:
        raise ReadError("binary file (NUL bytes), not a text config")
    try:
        return body.decode("utf-8"), had_bom
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            f"not valid UTF-8: bad byte 0x{body[exc.start]:02x} at line {line}"
        ) from None
