"""The scan stage that looks past the config files: logs, running processes, server code.

Everything here only reads local files and the process table: no server is
started, nothing is imported or executed, no socket is opened. The results go
into `RuleContext.extra` under the keys in `results`, for the MCP7xx rules.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from mcpaudit.clients.discover import Bases
from mcpaudit.clients.spec import ClientSpec
from mcpaudit.clients.switches import awaiting_approval
from mcpaudit.collect.logs import LogLimits, scan_logs
from mcpaudit.collect.results import LOGS, PROCESSES, SOURCE, CodeRoot, Skipped
from mcpaudit.collect.source import SourceLimits, scan_roots
from mcpaudit.model import Server


@dataclass(frozen=True)
class CollectOptions:
    """Which collectors run (all by default: each is read-only and bounded)."""

    logs: bool = True
    processes: bool = True
    source: bool = True
    log_limits: LogLimits = field(default_factory=LogLimits)
    source_limits: SourceLimits = field(default_factory=SourceLimits)


@dataclass(frozen=True)
class Collected:
    extra: Mapping[str, object]
    notes: tuple[str, ...]


def collect(
    servers: tuple[Server, ...],
    clients: tuple[ClientSpec, ...],
    bases: Bases,
    project: Path | None,
    os_name: str,
    env: Mapping[str, str],
    options: CollectOptions,
) -> Collected:
    extra: dict[str, object] = {}
    notes: list[str] = []
    # A .mcp.json server waiting for approval is read too: it runs once someone approves it.
    active = tuple(s for s in servers if not s.disabled or awaiting_approval(s))
    if options.source:
        started = time.perf_counter()
        from mcpaudit.collect.locate import Where, locate

        where = Where.from_bases(bases.values, env, os_name, project)
        roots: list[CodeRoot] = []
        unlocated: list[Skipped] = []
        # Servers launched the same way (one server copied into many projects) share one
        # look-up on disk; each still gets its own roots and skip notes.
        looked_up: dict[tuple[object, ...], tuple[list[CodeRoot], list[Skipped]]] = {}
        for server in active:
            key = _launch_key(server)
            if key not in looked_up:
                looked_up[key] = locate(server, where)
            found, why = looked_up[key]
            roots.extend(CodeRoot(server.id, r.path, r.how) for r in found)
            unlocated.extend(Skipped(s.what, s.reason, (server.id,)) for s in why)
        result = scan_roots(roots, options.source_limits)
        result = replace(result, skipped=result.skipped + tuple(unlocated))
        extra[SOURCE] = result
        located = len({r.server_id for r in roots})
        missing = len({sid for s in unlocated for sid in s.server_ids})
        notes.append(
            f"source: code of {located} server(s) found on this machine, "
            f"{result.files_scanned} file(s) scanned in {time.perf_counter() - started:.2f}s"
            + (f"; {missing} server(s) have no local copy to read" if missing else "")
        )
    # Who can replace the programs servers start: a few stat calls, always done.
    from mcpaudit.collect.paths import PATHS, check_targets

    extra[PATHS] = check_targets(active, env)
    if options.processes:
        from mcpaudit.collect.processes import running_servers

        extra[PROCESSES] = procs = running_servers(active)
        notes.append(f"processes: {len(procs.running)} configured server(s) running")
    if options.logs:
        started = time.perf_counter()
        logs = scan_logs(clients, servers, bases, project, os_name, options.log_limits)
        extra[LOGS] = logs
        notes.append(
            f"logs: {len(logs.files)} log file(s) read in {time.perf_counter() - started:.2f}s"
        )
        notes.extend(f"logs: {s.what}: {s.reason}" for s in logs.skipped)
    return Collected(extra, tuple(notes))


def _launch_key(server: Server) -> tuple[object, ...]:
    """Everything `locate` reads of a server, apart from its id."""
    return (
        server.transport,
        server.command.text if server.command else None,
        tuple(a.text for a in server.args),
        server.cwd.text if server.cwd else None,
        server.scope,
        server.project if server.scope == "project" else None,
    )
