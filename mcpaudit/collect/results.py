"""What the collectors found, as plain frozen data for the MCP7xx rules.

The collectors (logs, processes, source) do the reading; the rules only turn
these records into findings. Nothing here holds a secret whole: evidence is
redacted and escaped by the collector before it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

# Keys under RuleContext.extra.
LOGS = "logs"
PROCESSES = "processes"
SOURCE = "source"


@dataclass(frozen=True)
class Skipped:
    """Something a collector could not look at, and why (shown as an info finding)."""

    what: str
    reason: str
    server_ids: tuple[str, ...] = ()


# --- logs -------------------------------------------------------------------


@dataclass(frozen=True)
class LogSecret:
    """A secret-shaped value on one line of a client log file."""

    path: str
    line: int  # 1-based line within the file (counted over the part that was read)
    client: str
    kind: str  # detector name, e.g. "GitHub token"
    evidence: str  # the line around the match, with the secret redacted and escaped
    server: str | None = None  # the server that wrote the line, when the log says so
    server_id: str | None = None  # the configured server of that name in this client
    partial: bool = False  # only the tail of the file was read; `line` counts from there


@dataclass(frozen=True)
class LogScan:
    files: tuple[str, ...] = ()  # every log file that was read
    secrets: tuple[LogSecret, ...] = ()
    skipped: tuple[Skipped, ...] = ()


# --- processes --------------------------------------------------------------


@dataclass(frozen=True)
class RunningServer:
    """A running process whose command line is a configured stdio server's."""

    pid: int
    server_id: str
    argv: tuple[str, ...]  # as the kernel shows it to every local user
    username: str | None
    uid: int | None  # real uid (None where the OS has no uids)
    euid: int | None


@dataclass(frozen=True)
class ProcessScan:
    running: tuple[RunningServer, ...] = ()
    skipped: tuple[Skipped, ...] = ()


# --- source code ------------------------------------------------------------

# How directly tool input reaches a sink.
TOOL_INPUT = "tool_input"  # built from a tool handler's parameters
VIA_HELPER = "tool_input_via_helper"  # a handler passes its input to a function in the file
DYNAMIC = "dynamic"  # built at run time from something else
CONSTANT = "constant"  # a literal written in the code


@dataclass(frozen=True)
class CodeRoot:
    """Where a server's code lives, and how mcpaudit found it."""

    server_id: str
    path: str
    how: str  # e.g. "script argument", "npx cache", "uv tool", "pipx venv", "entry point"


@dataclass(frozen=True)
class SinkHit:
    """One dangerous call (or credential access) in a server's code."""

    path: str
    line: int
    column: int
    kind: str  # code_exec | shell | deserialize | credential_read | env_exfil
    sink: str  # what was called, e.g. "child_process.exec", "subprocess.run(shell=True)"
    reach: str  # TOOL_INPUT | DYNAMIC | CONSTANT
    snippet: str  # escaped one-line excerpt
    language: str  # python | javascript | typescript
    network: bool = False  # the same file also sends data over the network
    downloaded: bool = False  # the code it runs comes from a network call (download-and-run)
    # The bundled npm package this line belongs to ("" = the server's own code), and how
    # the bundle says so (a bundler's module comment, the source map), see collect/bundles.py.
    library: str = ""
    library_how: str = ""


@dataclass(frozen=True)
class OpaqueFile:
    """A file that was not scanned line by line (minified bundle, too large, unparsable)."""

    path: str
    reason: str


@dataclass(frozen=True)
class SourceScan:
    roots: tuple[CodeRoot, ...] = ()
    # root path -> hits / opaque files found under it (a root shared by servers is scanned once)
    hits: tuple[tuple[str, SinkHit], ...] = ()
    opaque: tuple[tuple[str, OpaqueFile], ...] = ()
    skipped: tuple[Skipped, ...] = ()
    files_scanned: int = 0
