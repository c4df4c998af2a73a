"""Read a config file without trusting it: bounded size, regular files only, clear errors."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_BINARY_SNIFF = 8192


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
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except PermissionError:
        raise ReadError(f"permission denied: {path}") from None
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise ReadError(f"file grew over the {max_bytes:,}-byte limit while reading; not parsed")
    try:
        dir_mode: int | None = os.stat(path.parent).st_mode
    except OSError:
        dir_mode = None
    text, had_bom = decode(raw)
    return RawFile(text, raw, had_bom, st.st_mode, dir_mode, st.st_uid)


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
