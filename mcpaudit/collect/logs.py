"""Secrets in the log files MCP clients write, found with the shared detector.

Each client's log locations come from its catalogue entry (`ClientSpec.logs`).
Files are read newest first, only their last `tail_bytes` (logs grow at the end,
and the recent part is what still matters), in bounded chunks, under a total
byte and time budget: what was left unread is reported, never silently skipped.
Secrets are redacted here, before anything is stored.
"""

from __future__ import annotations

import os
import re
import stat
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mcpaudit.clients.discover import Bases, locate
from mcpaudit.clients.spec import ClientSpec
from mcpaudit.collect.results import LogScan, LogSecret, Skipped
from mcpaudit.config.read import ReadError, open_regular, special_file
from mcpaudit.model import Server
from mcpaudit.redact import redact
from mcpaudit.sanitize import one_line
from mcpaudit.secrets import SecretMatch, find_secrets, mask_secrets
from mcpaudit.walk import WalkLimits

_NO_MATCH = SecretMatch("", "", 0, 0, "", "")

_CHUNK = 1 << 20  # read 1 MiB at a time
_BLOCK = 256 * 1024  # scan this much text per detector call
_LONG_LINE = 64 * 1024  # split longer lines (JSONL transcripts) into windows
_EXCERPT = 48  # characters of context either side of a secret
_CONTEXT_SCAN = 160  # characters either side searched for other secrets to mask


@dataclass(frozen=True)
class LogLimits:
    tail_bytes: int = 20 * 1024 * 1024  # per file: the last 20 MiB
    total_bytes: int = 200 * 1024 * 1024
    max_files: int = 500
    # The shared detector reads ~0.5-1 MB/s here (bench_beyond.py); a default scan must
    # stay quick, so it reads the newest logs first for this long. `--log-budget` raises it.
    time_budget_s: float = 3.0


@dataclass(frozen=True)
class LogFile:
    path: Path
    client: ClientSpec
    mtime: float
    size: int


def log_files(
    clients: Iterable[ClientSpec],
    bases: Bases,
    project: Path | None,
    os_name: str,
    skipped: list[Skipped] | None = None,
    time_budget_s: float | None = None,
) -> list[LogFile]:
    """Every existing log file of every client, newest first.

    The folders are listed by bounded walks (no recursion through symlinked folders, loops
    detected) that share the log time budget; what they left is added to `skipped`.
    """
    found: dict[Path, LogFile] = {}
    started = time.monotonic()
    budget = LogLimits().time_budget_s if time_budget_s is None else time_budget_s
    for client in clients:
        for spec in client.logs:
            left = budget - (time.monotonic() - started)
            if left <= 0:
                if skipped is not None:
                    skipped.append(Skipped("logs", f"time budget spent listing {client.name} logs"))
                break
            limits = WalkLimits(time_budget_s=left, max_entries=100_000)
            # A relocated client may have left older logs at the default place: read both.
            locations = locate(spec, bases, project, os_name, client.relocations, limits)
            for loc in locations:
                if loc.truncated and skipped is not None:
                    skipped.append(Skipped(loc.pattern, f"listing stopped: {loc.truncated}"))
            for path in (p for loc in locations for p in loc.paths):
                try:
                    real = path.resolve()  # one file, many paths (symlinked parents)
                    st = real.stat()
                except (OSError, RuntimeError):
                    continue
                if special_file(str(real)):
                    if skipped is not None:
                        skipped.append(Skipped(str(path), f"refused: {real} is a special file"))
                    continue
                if stat.S_ISREG(st.st_mode) and real not in found:
                    found[real] = LogFile(path, client, st.st_mtime, st.st_size)
    return sorted(found.values(), key=lambda f: (-f.mtime, str(f.path)))


# --- which server wrote a line -------------------------------------------------

# Claude Desktop: mcp-server-<name>.log; Claude Code: mcp-logs-<name>/…;
# VS Code and its forks: mcpServer.<collection>.<name>.log.
_FILE_SERVER = (
    re.compile(r"^mcp-server-(?P<name>.+)\.log$"),
    re.compile(r"^mcpServer\.(?P<name>.+)\.log$"),
)
_DIR_SERVER = re.compile(r"^mcp-logs-(?P<name>.+)$")
# Claude Desktop's mcp.log and many others: `… [info] [server-name] message`.
_LINE_SERVER = re.compile(
    r"\[(?:info|warn|warning|error|debug|trace)\]\s*\[([^\]\n]{1,100})\]", re.I
)


def server_from_path(path: Path, names: set[str]) -> str | None:
    for pattern in _FILE_SERVER:
        m = pattern.match(path.name)
        if m:
            return _pick(m.group("name"), names)
    m = _DIR_SERVER.match(path.parent.name)
    return _pick(m.group("name"), names) if m else None


# VS Code prefixes the server name with its collection: mcp.config.usrlocal, mcp.config.ws0,
# claude-desktop.null (servers imported from another client) …
_COLLECTION = re.compile(r"^(?:mcp\.config\.[A-Za-z]+\d*|[\w-]+\.null)\.")


def _pick(label: str, names: set[str]) -> str:
    """`mcp.config.usrlocal.github` -> `github` (a configured name wins when one matches)."""
    if label in names:
        return label
    for name in sorted(names, key=len, reverse=True):
        if label.endswith("." + name):
            return name
    return _COLLECTION.sub("", label, count=1)


# --- reading --------------------------------------------------------------------


def _lines(path: Path, start: int) -> Iterator[tuple[int, str]]:
    """(1-based line number counted from `start`, text) for the file from byte `start` on."""
    # Never a FIFO, a device or a /proc file (a log symlinked to /proc/kmsg blocks forever).
    with os.fdopen(open_regular(path), "rb") as fh:
        fh.seek(start)
        number = 0
        rest = b""
        first = start > 0  # the first line is cut in the middle: skip it
        while True:
            block = fh.read(_CHUNK)
            if not block:
                break
            data = rest + block
            parts = data.split(b"\n")
            rest = parts.pop()
            for raw in parts:
                number += 1
                if first:
                    first = False
                    continue
                yield number, raw.decode("utf-8", "replace")
        if rest and not first:
            yield number + 1, rest.decode("utf-8", "replace")


def _windows(line: str) -> Iterator[tuple[int, str]]:
    if len(line) <= _LONG_LINE:
        yield 0, line
        return
    step = _LONG_LINE - 512  # overlap so a token on a boundary is seen whole once
    for offset in range(0, len(line), step):
        yield offset, line[offset : offset + _LONG_LINE]


def _secrets_in(
    lines: Iterable[tuple[int, str]],
) -> Iterator[tuple[int, str, int, int, SecretMatch]]:
    """(line number, line, start, end in the line, match) for every secret.

    Lines are scanned in blocks of ~256 KB (one detector call per block, not per line);
    after each block a marker with a negative line number lets the caller stop.
    """
    block: list[tuple[int, str, int, str]] = []  # (number, line, offset in line, piece)
    size = 0

    def flush() -> Iterator[tuple[int, str, int, int, SecretMatch]]:
        starts, pos = [], 0
        for _, _, _, piece in block:
            starts.append(pos)
            pos += len(piece) + 1
        text = "\n".join(piece for _, _, _, piece in block)
        for match in find_secrets(text):
            i = bisect_right(starts, match.start) - 1
            number, line, offset, piece = block[i]
            begin = offset + match.start - starts[i]
            end = offset + min(match.end - starts[i], len(piece))
            yield number, line, begin, end, match
        last = block[-1][0]
        yield -last, "", 0, 0, _NO_MATCH

    for number, line in lines:
        for offset, piece in _windows(line):
            block.append((number, line, offset, piece))
            size += len(piece) + 1
        if size >= _BLOCK:
            yield from flush()
            block, size = [], 0
    if block:
        yield from flush()


def excerpt(line: str, start: int, end: int, value: str) -> str:
    """The secret, redacted, with a little escaped context either side, where another
    secret of the same line is redacted too (it gets its own finding)."""
    # Masked over a wider span than shown, so a neighbour cut by the excerpt is still found.
    before = mask_secrets(line[max(0, start - _CONTEXT_SCAN) : start])
    after = mask_secrets(line[end : end + _CONTEXT_SCAN])
    more_before = start > _CONTEXT_SCAN or len(before) > _EXCERPT
    more_after = end + _CONTEXT_SCAN < len(line) or len(after) > _EXCERPT
    text = ("…" if more_before else "") + before[-_EXCERPT:] + redact(value) + after[:_EXCERPT]
    return one_line(text + ("…" if more_after else ""), 200)


def scan_logs(
    clients: Iterable[ClientSpec],
    servers: Iterable[Server],
    bases: Bases,
    project: Path | None,
    os_name: str,
    limits: LogLimits | None = None,
) -> LogScan:
    limits = limits or LogLimits()
    clients = tuple(clients)
    by_client: dict[str, dict[str, Server]] = {}
    for s in servers:
        by_client.setdefault(s.client, {}).setdefault(s.name, s)
    started = time.monotonic()  # listing the folders counts against the time budget too
    skipped: list[Skipped] = []
    files = log_files(clients, bases, project, os_name, skipped, limits.time_budget_s)
    budget = limits.total_bytes
    read: list[str] = []
    secrets: list[LogSecret] = []
    for index, log in enumerate(files):
        if index >= limits.max_files:
            skipped.append(Skipped("logs", f"{len(files) - index} older log file(s) not read"))
            break
        if budget <= 0 or time.monotonic() - started > limits.time_budget_s:
            why = "byte budget" if budget <= 0 else f"time budget of {limits.time_budget_s:g}s"
            skipped.append(
                Skipped("logs", f"{why} spent: {len(files) - index} older log file(s) not read")
            )
            break
        names = set(by_client.get(log.client.id, {}))
        file_server = server_from_path(log.path, names)
        take = min(log.size, limits.tail_bytes, budget)
        start = log.size - take
        budget -= take
        try:
            for number, line, begin, end, match in _secrets_in(_lines(log.path, start)):
                if number < 0:  # a block boundary: check the clock
                    if time.monotonic() - started > limits.time_budget_s:
                        skipped.append(
                            Skipped(str(log.path), f"time budget spent after line {-number}")
                        )
                        break
                    continue
                server = file_server
                if server is None:
                    tagged = _LINE_SERVER.search(line)
                    server = _pick(tagged.group(1), names) if tagged else None
                configured = by_client.get(log.client.id, {}).get(server or "")
                secrets.append(
                    LogSecret(
                        path=str(log.path),
                        line=number,
                        client=log.client.id,
                        kind=match.description,
                        evidence=excerpt(line, begin, end, match.value),
                        server=server,
                        server_id=configured.id if configured else None,
                        partial=start > 0,
                    )
                )
        except (OSError, ReadError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            skipped.append(Skipped(str(log.path), f"unreadable: {reason}"))
            continue
        read.append(str(log.path))
    return LogScan(files=tuple(read), secrets=tuple(secrets), skipped=tuple(skipped))
