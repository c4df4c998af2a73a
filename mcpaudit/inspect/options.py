"""What a live inspection may do: time, concurrency and size limits, sandbox, pins.

Kept free of heavy imports (no mcp SDK) so `mcpaudit.scan` can build options cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class InspectOptions:
    timeout: float = 15.0  # per server, from spawn/connect to the last listing
    concurrency: int = 16  # servers inspected at once
    sandbox: bool = False  # stdio servers under bubblewrap (Linux, best-effort)
    servers: tuple[str, ...] = ()  # names or ids to inspect; empty: every enabled server
    env: Mapping[str, str] | None = None  # the auditor's env (PATH/HOME/LANG, ${env:X}); None: os
    pass_env: tuple[str, ...] = ()  # servers (names or ids) whose ${VAR} get real values
    pins_path: Path | None = None  # None: platformdirs' user state dir
    update_pins: bool = True
    max_stdout_bytes: int = 32 * MIB  # everything a stdio server may send
    max_message_bytes: int = 8 * MIB  # one JSON-RPC message (one line)
    max_remote_bytes: int = 32 * MIB  # everything a remote server may send (all responses)
    max_malformed_lines: int = 8  # non-JSON-RPC lines on stdout before giving up
    # No cap on how many tools, prompts or resources are kept: what the client would show
    # the model is analysed whole, bounded by bytes (max_stdout_bytes / max_remote_bytes)
    # and time (timeout). An explicit number here is for tests and benchmarks only.
    max_items: int | None = None
    max_pages: int = 10_000  # pagination cursors followed per listing (a loop guard)
    max_text: int = 16384  # characters kept of any one description
    max_stderr: int = 16384  # bytes of stderr kept (the tail)
    grace: float = 0.25  # seconds between closing stdin, SIGTERM and SIGKILL
