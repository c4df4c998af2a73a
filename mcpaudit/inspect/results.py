"""What a live inspection found for one server: plain data for the rules, reports and TUI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mcpaudit.model import Tool


class ErrorKind(StrEnum):
    SKIPPED = "skipped"  # not inspected: disabled, unsupported transport, no command
    SPAWN = "spawn"  # the command could not be started
    TIMEOUT = "timeout"  # no complete answer within the time limit
    CRASH = "crash"  # the process exited or the connection closed early
    FLOOD = "flood"  # more output than the caps allow
    PROTOCOL = "protocol"  # malformed JSON-RPC or an invalid MCP answer
    HTTP = "http"  # a remote server could not be reached or refused us


@dataclass(frozen=True)
class InspectionError:
    kind: ErrorKind
    message: str  # already sanitized and redacted

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.message}"


@dataclass(frozen=True)
class ServerInfo:
    name: str = ""
    version: str = ""
    title: str = ""


@dataclass(frozen=True)
class PinChange:
    """A pinned tool, prompt or resource whose definition changed since it was pinned."""

    kind: str  # tool | prompt | resource | resource_template
    name: str
    old_text: str
    new_text: str
    old_hash: str
    new_hash: str
    pinned_at: str = ""


@dataclass(frozen=True)
class LeftProcess:
    """A process a server left running after its inspection: killed by mcpaudit's final
    sweep (it had escaped the process-group kill), or still running (`killed=False`)."""

    pid: int
    name: str
    started: float  # create time, epoch seconds
    killed: bool
    shared: bool = False  # other servers were running when it started: it may be theirs

    def describe(self) -> str:
        from mcpaudit.sanitize import one_line

        return f"pid {self.pid} ({one_line(self.name, 60) or '?'})"


@dataclass(frozen=True)
class InspectionResult:
    server_id: str
    server_name: str
    transport: str
    tools: tuple[Tool, ...] = ()
    prompts: tuple[Tool, ...] = ()
    resources: tuple[Tool, ...] = ()  # resources and resource templates (Tool.kind tells)
    server_info: ServerInfo | None = None
    protocol_version: str | None = None
    instructions: str = ""
    error: InspectionError | None = None
    stderr: str = ""  # sanitized, secrets redacted, capped
    duration_s: float = 0.0
    notes: tuple[str, ...] = ()  # caps that were hit ("only the first 1000 of 5000 tools")
    pin_changes: tuple[PinChange, ...] = ()
    pinned_new: int = 0  # items seen for the first time and pinned now
    sandboxed: bool = False
    left_processes: tuple[LeftProcess, ...] = ()  # what outlived the server (issue 19)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def items(self) -> tuple[Tool, ...]:
        return self.tools + self.prompts + self.resources


@dataclass(frozen=True)
class ProgressEvent:
    """One step of an inspection, for a progress line or a TUI status cell."""

    server_id: str
    server_name: str
    state: str  # starting | done | failed | skipped
    detail: str = ""
    done: int = 0
    total: int = 0

    def __str__(self) -> str:
        """One terminal-safe line (names come from configs, details from servers)."""
        from mcpaudit.sanitize import one_line

        head = f"[{self.done}/{self.total}] " if self.total else ""
        tail = f": {one_line(self.detail, 200)}" if self.detail else ""
        return f"{head}{self.state} {one_line(self.server_name, 80)}{tail}"
