"""Opt-in live inspection: start or contact each server (after consent) and list its tools.

Public entry points (the CLI, the scan and the TUI use these):
- `describe_launch(server, options)` -> `LaunchPlan`: what would run, for the consent prompt.
- `inspect_servers(servers, options, progress)` -> {server_id: InspectionResult} (blocking).
- `inspect_servers_async(...)`: the same inside a running event loop (the TUI).
Importing this package is cheap; the mcp SDK is loaded only when a server is inspected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from mcpaudit.inspect.consent import LaunchPlan, describe_launch
from mcpaudit.inspect.options import InspectOptions
from mcpaudit.inspect.results import (
    ErrorKind,
    InspectionError,
    InspectionResult,
    PinChange,
    ProgressEvent,
    ServerInfo,
)
from mcpaudit.model import Server

__all__ = [
    "ErrorKind",
    "InspectOptions",
    "InspectionError",
    "InspectionResult",
    "LaunchPlan",
    "PinChange",
    "ProgressEvent",
    "ServerInfo",
    "describe_launch",
    "inspect_servers",
    "inspect_servers_async",
    "select_servers",
]

ProgressFn = Callable[[ProgressEvent], None]


def select_servers(servers: Sequence[Server], options: InspectOptions) -> list[Server]:
    """The servers a live scan inspects: those named (by name or id), else every enabled one."""
    if options.servers:
        wanted = set(options.servers)
        return [s for s in servers if s.name in wanted or s.id in wanted]
    return [s for s in servers if not s.disabled]


async def inspect_servers_async(
    servers: Sequence[Server],
    options: InspectOptions | None = None,
    progress: ProgressFn | None = None,
) -> dict[str, InspectionResult]:
    """Inspect exactly `servers` (the caller has consent), then compare with the pins."""
    from mcpaudit.inspect.session import inspect_many

    options = options or InspectOptions()
    results = await inspect_many(servers, options, progress)
    return apply_pins(servers, results, options)


def inspect_servers(
    servers: Sequence[Server],
    options: InspectOptions | None = None,
    progress: ProgressFn | None = None,
) -> dict[str, InspectionResult]:
    """Blocking form of `inspect_servers_async` (runs its own event loop)."""
    import anyio

    return anyio.run(inspect_servers_async, servers, options, progress)


def apply_pins(
    servers: Sequence[Server], results: Mapping[str, InspectionResult], options: InspectOptions
) -> dict[str, InspectionResult]:
    """Compare each successful result with its pins; pin what is new; save once."""
    from mcpaudit.inspect.pins import PinStore

    by_id = {s.id: s for s in servers}
    store = PinStore(options.pins_path)
    out: dict[str, InspectionResult] = {}
    touched = False
    for sid, result in results.items():
        server = by_id.get(sid)
        if server is None or not result.ok:
            out[sid] = result
            continue
        changes, new = store.check(server, result.items)
        touched = True
        notes = result.notes + ((store.problem,) if store.problem else ())
        out[sid] = replace(result, pin_changes=tuple(changes), pinned_new=new, notes=notes)
    if touched and options.update_pins:
        try:
            store.save()
        except OSError as exc:
            out = {
                sid: replace(r, notes=(*r.notes, f"could not save tool pins: {exc.strerror}"))
                for sid, r in out.items()
            }
    return out


def live_stage(
    servers: Sequence[Server], scan_options: Any, progress: Callable[[str], None] | None
) -> dict[str, InspectionResult]:
    """The scan's live stage: inspect the selected servers with the scan's options."""
    options = scan_options.inspect or InspectOptions()
    if options.env is None and scan_options.env is not None:
        options = replace(options, env=scan_options.env)
    chosen = select_servers(servers, options)
    report = (lambda event: progress(f"live: {event}")) if progress else None
    return inspect_servers(chosen, options, report)
