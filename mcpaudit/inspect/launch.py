"""Start a stdio server contained, read from it within caps, and kill everything it started.

The SDK's own `stdio_client` inherits part of the auditor's environment and reads
without limits, so mcpaudit spawns the child itself: the environment from the
launch plan only, a new session (its own process group), stdout read in bounded
lines with a byte budget, stderr kept as a capped tail, and on exit the whole
group killed (stdin closed, SIGTERM, SIGKILL) plus any descendant that left it.
Descendants that escaped even that (double fork into a new session) are left to
`reaper.sweep()`, which runs when the last inspection ends. The streams it yields
are what the SDK's `Client` expects from a transport.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import anyio
import anyio.abc
import mcp_types
from mcp.shared.message import SessionMessage

if TYPE_CHECKING:
    from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

    # What the SDK's `Client` takes from a transport, spelled in public types only (the
    # SDK's own alias lives in a private module a minor release may move).
    TransportStreams = tuple[
        MemoryObjectReceiveStream[SessionMessage | Exception],
        MemoryObjectSendStream[SessionMessage],
    ]

from mcpaudit.inspect import reaper
from mcpaudit.inspect.consent import PreparedLaunch
from mcpaudit.inspect.options import InspectOptions
from mcpaudit.inspect.results import ErrorKind, InspectionError

_EXIT_POLL = 0.02


class StderrTail:
    """Keep the last `limit` bytes the child wrote to stderr, and how much it wrote."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0
        self._buf = bytearray()

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        self._buf += chunk
        if len(self._buf) > self.limit:
            del self._buf[: len(self._buf) - self.limit]

    def text(self) -> str:
        return self._buf.decode("utf-8", errors="replace")


class CappedStdio:
    """One stdio server process. `failure` says why it was cut off, when it was."""

    def __init__(self, prepared: PreparedLaunch, options: InspectOptions) -> None:
        self.prepared = prepared
        self.options = options
        self.failure: InspectionError | None = None
        self.malformed = 0
        self.bytes_read = 0
        self.stderr = StderrTail(options.max_stderr)
        self.returncode: int | None = None
        self.pid: int | None = None

    def _fail(self, kind: ErrorKind, message: str) -> None:
        if self.failure is None:
            self.failure = InspectionError(kind, message)

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[TransportStreams]:
        plan = self.prepared.plan
        process = await anyio.open_process(
            list(plan.argv),
            env=dict(self.prepared.env),
            cwd=plan.cwd,
            start_new_session=True,  # its own session and process group: killable as one
        )
        self.pid = process.pid
        started = _create_time(process.pid)
        read_writer, read_stream = anyio.create_memory_object_stream[SessionMessage | Exception](0)
        write_stream, write_reader = anyio.create_memory_object_stream[SessionMessage](0)

        async def stdout_reader() -> None:
            assert process.stdout is not None
            try:
                async with read_writer:
                    await self._read_stdout(process.stdout, read_writer)
            except (anyio.ClosedResourceError, anyio.BrokenResourceError, OSError):
                pass

        async def stdin_writer() -> None:
            assert process.stdin is not None
            try:
                async with write_reader:
                    async for message in write_reader:
                        data = message.message.model_dump_json(by_alias=True, exclude_unset=True)
                        await process.stdin.send((data + "\n").encode())
            except (anyio.ClosedResourceError, anyio.BrokenResourceError, OSError):
                await read_writer.aclose()

        async def stderr_reader() -> None:
            assert process.stderr is not None
            with contextlib.suppress(
                anyio.EndOfStream, anyio.ClosedResourceError, anyio.BrokenResourceError, OSError
            ):
                async for chunk in process.stderr:
                    self.stderr.feed(chunk)

        async def watcher() -> None:
            # No subreaper (macOS, Windows): look at the tree often, so a grandchild is
            # known before its parent exits and orphans it.
            while True:
                reaper.track(plan.server_id, process.pid)
                await anyio.sleep(reaper.POLL)

        async with anyio.create_task_group() as tg:
            tg.start_soon(stdout_reader)
            tg.start_soon(stdin_writer)
            tg.start_soon(stderr_reader)
            if not reaper.subreaper_active():
                tg.start_soon(watcher)
            try:
                yield read_stream, write_stream
            finally:
                with anyio.CancelScope(shield=True):
                    await self._stop(process)
                    reaper.record_window(plan.server_id, *started)
                    for stream in (read_stream, write_stream, read_writer, write_reader):
                        await stream.aclose()
                tg.cancel_scope.cancel()

    async def _read_stdout(self, stdout: anyio.abc.ByteReceiveStream, sink: Any) -> None:
        """Split stdout into JSON-RPC lines within the caps; junk is counted, not parsed twice."""
        opts = self.options
        pending = bytearray()
        async for chunk in stdout:
            self.bytes_read += len(chunk)
            if self.bytes_read > opts.max_stdout_bytes:
                self._fail(ErrorKind.FLOOD, f"sent more than {opts.max_stdout_bytes} bytes")
                return
            if b"\n" not in chunk:
                pending += chunk
                if len(pending) > opts.max_message_bytes:
                    self._fail(
                        ErrorKind.FLOOD,
                        f"sent a message longer than {opts.max_message_bytes} bytes",
                    )
                    return
                continue
            parts = chunk.split(b"\n")
            lines = [bytes(pending) + parts[0], *parts[1:-1]]
            pending = bytearray(parts[-1])
            for line in lines:
                if len(line) > opts.max_message_bytes:
                    self._fail(
                        ErrorKind.FLOOD,
                        f"sent a message longer than {opts.max_message_bytes} bytes",
                    )
                    return
                if not line.strip():
                    continue
                try:
                    # json.loads, then validate the objects: pydantic's own JSON path into
                    # the message union took ~2.7 KB per listed tool (270 MB for 100,000
                    # tools in one 7 MB line); this way it is ~0.6 KB.
                    message = mcp_types.jsonrpc_message_adapter.validate_python(
                        json.loads(line), by_name=False
                    )
                except (ValueError, RecursionError):
                    self.malformed += 1
                    if self.malformed > opts.max_malformed_lines:
                        self._fail(
                            ErrorKind.PROTOCOL,
                            f"sent {self.malformed} lines that are not JSON-RPC messages",
                        )
                        return
                    continue
                await sink.send(SessionMessage(message))

    async def _stop(self, process: anyio.abc.Process) -> None:
        """Close stdin, then SIGTERM and SIGKILL the whole process group; bounded in time."""
        grace = self.options.grace
        reaper.track(self.prepared.plan.server_id, process.pid)
        descendants = _descendants(process.pid)
        if process.stdin is not None:
            with contextlib.suppress(Exception):
                await process.stdin.aclose()
        if not await _exited(process, grace):
            _signal(process, signal.SIGTERM)
            if not await _exited(process, grace):
                _signal(process, _SIGKILL)
                await _exited(process, 1.0)
        # Children that stayed in the group or left it (setsid, double fork) go too.
        _signal(process, _SIGKILL, leader_alive=process.returncode is None)
        for child in descendants:
            with contextlib.suppress(Exception):
                if child.is_running():
                    child.kill()
        self.returncode = process.returncode
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(Exception):
                    await stream.aclose()
        with anyio.move_on_after(1.0):
            await process.wait()
        _close_transport(process)


def _close_transport(process: anyio.abc.Process) -> None:
    """Close asyncio's subprocess transport now, not at garbage collection after the loop
    closed (which prints "Event loop is closed"); nothing public exposes it."""
    transport = getattr(getattr(process, "_process", None), "_transport", None)
    close = getattr(transport, "close", None)
    if callable(close):
        with contextlib.suppress(Exception):
            close()


_SIGKILL = getattr(signal, "SIGKILL", signal.SIGTERM)  # Windows has no SIGKILL


def _signal(process: anyio.abc.Process, sig: int, leader_alive: bool = True) -> None:
    if sys.platform == "win32":  # pragma: no cover - no process groups: the leader, then psutil
        if leader_alive:
            with contextlib.suppress(ProcessLookupError, OSError):
                process.kill()
        return
    kill_group(process.pid, sig, leader_alive)


def kill_group(pgid: int, sig: int, leader_alive: bool = True) -> None:
    """Signal the child's process group (it is the leader: pgid == its pid)."""
    if sys.platform == "win32":  # pragma: no cover - no process groups to signal
        return
    if not leader_alive and not _group_has_members(pgid):
        return  # the id may be reused once the group is empty; never signal a stranger
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _group_has_members(pgid: int) -> bool:
    import psutil

    for proc in psutil.process_iter():
        with contextlib.suppress(psutil.Error, OSError):
            if os.getpgid(proc.pid) == pgid:
                return True
    return False


def _create_time(pid: int) -> tuple[float, float]:
    """(start, clock offset): psutil's create times come from the boot time, which may be
    a second off the wall clock; windows are kept on psutil's clock to compare with them."""
    import psutil

    now = time.time()
    try:
        return psutil.Process(pid).create_time(), now
    except psutil.Error:
        return now, now


def _descendants(pid: int) -> list[Any]:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


async def _exited(process: anyio.abc.Process, timeout: float) -> bool:
    """Poll `returncode` (process.wait() also waits for pipes a grandchild may hold)."""
    with anyio.move_on_after(timeout):
        while process.returncode is None:
            await anyio.sleep(_EXIT_POLL)
    return process.returncode is not None
