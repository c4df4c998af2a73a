"""Leave nothing of a server running, and keep mcpaudit's own /proc entries out of reach.

A server can leave its process group (fork, setsid, fork again: the grandchild is an
orphan in a session of its own) and so outlive the group kill in `launch.py`. While any
server runs (between `enter()` and the last `leave()`):

- Linux: mcpaudit becomes a child subreaper (`prctl(PR_SET_CHILD_SUBREAPER)`), so every
  orphan of a server is reparented to mcpaudit instead of init and stays its descendant;
  and it is made non-dumpable (`prctl(PR_SET_DUMPABLE, 0)`), so `/proc/<mcpaudit>/fd/1`
  (the user's terminal) is owned by root and a server running as the user cannot open it.
- macOS and Windows have neither: each server's descendants are polled while it runs
  (`track()`), so a grandchild seen before its parent exits is still killed.

When the last inspection ends, `sweep()` stops and kills every process that became a
descendant of mcpaudit during the inspections, reaps the orphans, and returns what it
found: what was killed (an escape) and what could not be killed (a survivor, by pid).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from mcpaudit.inspect.results import LeftProcess

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37
POLL = 0.1  # seconds between two looks at a server's descendants (macOS, Windows)
SWEEP_DEADLINE = 2.0  # seconds the final sweep keeps killing what keeps appearing
IS_LINUX = sys.platform.startswith("linux")


@dataclass
class _State:
    depth: int = 0  # inspections running now (over every batch)
    before: set[tuple[int, float]] = field(default_factory=set)  # children that predate them
    dumpable: int | None = None  # mcpaudit's own flag before the first inspection
    subreaper: bool = False
    was_subreaper: bool = False  # e.g. a test harness that is one itself: left as it was
    tracked: dict[tuple[int, float], str] = field(default_factory=dict)  # polled -> server id
    windows: list[tuple[str, float, float]] = field(default_factory=list)  # server, start, end


_STATE = _State()


def _prctl(option: int, value: int) -> int | None:
    """prctl(2) through libc; None when this is not Linux or the call failed."""
    if not IS_LINUX:
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        result = libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0)
    except (OSError, AttributeError):
        return None
    return None if result < 0 else int(result)


def is_subreaper() -> bool:
    """Whether this process is a child subreaper now (Linux; False elsewhere)."""
    if not IS_LINUX:
        return False
    import ctypes

    flag = ctypes.c_int(0)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(flag), 0, 0, 0) < 0:
            return False
    except (OSError, AttributeError):
        return False
    return bool(flag.value)


def set_subreaper(on: bool) -> bool:
    """Make this process a child subreaper (or not); False when the OS has no such thing."""
    return _prctl(PR_SET_CHILD_SUBREAPER, int(on)) is not None


def subreaper_active() -> bool:
    """Whether orphans of a server come back to mcpaudit now (Linux, during inspections)."""
    return _STATE.subreaper


def _key(proc: Any) -> tuple[int, float] | None:
    """(pid, create time): a pid alone may be reused by a stranger."""
    import psutil

    try:
        return proc.pid, proc.create_time()
    except psutil.Error:
        return None


def _descendants() -> list[Any]:
    import psutil

    try:
        return psutil.Process().children(recursive=True)
    except psutil.Error:
        return []


def enter() -> None:
    """One inspection starts: the first one switches containment on."""
    state = _STATE
    if state.depth == 0:
        state.before = {k for p in _descendants() if (k := _key(p)) is not None}
        state.tracked.clear()
        state.windows.clear()
        state.was_subreaper = is_subreaper()
        state.subreaper = set_subreaper(True)
        state.dumpable = _prctl(PR_GET_DUMPABLE, 0)
        if state.dumpable is not None:
            _prctl(PR_SET_DUMPABLE, 0)
    state.depth += 1


def leave() -> bool:
    """One inspection ended; True when it was the last (then call `sweep`, then `release`)."""
    _STATE.depth = max(0, _STATE.depth - 1)
    return _STATE.depth == 0


def release() -> None:
    """After the sweep: mcpaudit is an ordinary process again."""
    state = _STATE
    if state.depth:
        return
    if state.subreaper and not state.was_subreaper:
        set_subreaper(False)
    state.subreaper = False
    if state.dumpable is not None:
        _prctl(PR_SET_DUMPABLE, state.dumpable)
        state.dumpable = None


def track(server_id: str, pid: int) -> None:
    """Remember `pid`'s descendants as this server's (called by the poller and at stop)."""
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        key = _key(child)
        if key is not None:
            _STATE.tracked.setdefault(key, server_id)


def record_window(server_id: str, created: float, spawned_at: float) -> None:
    """When a server ran, to tell whose a left process was: from its psutil create time to
    now on the same clock (`spawned_at` is the wall time it was spawned)."""
    _STATE.windows.append((server_id, created, created + time.time() - spawned_at))


def owners(left: LeftProcess) -> list[str]:
    """The server(s) a left process belongs to: the one it was seen under, else every
    server that was running when it started (one, unless servers ran side by side)."""
    seen = _STATE.tracked.get((left.pid, left.started))
    if seen is not None:
        return [seen]
    slack = 0.05  # create times are rounded to the clock tick
    return list(
        dict.fromkeys(
            sid for sid, start, end in _STATE.windows if start - slack <= left.started <= end
        )
    )


def sweep(deadline: float = SWEEP_DEADLINE) -> list[LeftProcess]:
    """Stop, kill and reap every descendant of mcpaudit started since containment began.

    Stopped first (SIGSTOP) so that nothing forks while the rest are killed; repeated
    until nothing new appears or the deadline passes. What is still alive then (a
    process another user owns, one stuck in the kernel) is returned with `killed=False`.
    """
    import psutil

    seen: dict[tuple[int, float], LeftProcess] = {}
    end = time.monotonic() + deadline
    while True:
        fresh = []
        for proc in _candidates():
            key = _key(proc)
            if key is None or key in _STATE.before:
                continue
            if key not in seen:
                with contextlib.suppress(psutil.Error):
                    seen[key] = LeftProcess(key[0], proc.name(), key[1], True)
            if _alive(proc):
                fresh.append(proc)
        if not fresh:
            break
        for sig in (getattr(signal, "SIGSTOP", None), getattr(signal, "SIGKILL", signal.SIGTERM)):
            if sig is None:
                continue
            for proc in fresh:
                with contextlib.suppress(psutil.Error, OSError):
                    proc.send_signal(sig)
        _reap(fresh, min(0.2, max(0.0, end - time.monotonic())))
        if time.monotonic() >= end:
            break
    survivors = {k for p in _candidates() if (k := _key(p)) in seen and _alive(p)}
    return [
        LeftProcess(left.pid, left.name, left.started, key not in survivors)
        for key, left in seen.items()
    ]


def _candidates() -> list[Any]:
    """Descendants of mcpaudit, plus what the poller saw (on Windows an orphan keeps the
    dead parent's pid as its parent, so it is no longer anybody's child)."""
    import psutil

    procs = {p.pid: p for p in _descendants()}
    for pid, started in list(_STATE.tracked):
        if pid in procs:
            continue
        with contextlib.suppress(psutil.Error):
            proc = psutil.Process(pid)
            if proc.create_time() == started:
                procs[pid] = proc
    return list(procs.values())


def _alive(proc: Any) -> bool:
    import psutil

    try:
        return bool(proc.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def _reap(procs: list[Any], wait: float) -> None:
    """Collect the exit status of orphans now parented to mcpaudit, so no zombie stays."""
    end = time.monotonic() + wait
    mine = os.getpid()
    pending = [p for p in procs if _ppid(p) == mine]
    while pending:
        still = []
        for proc in pending:
            try:
                done, _ = os.waitpid(proc.pid, os.WNOHANG) if hasattr(os, "WNOHANG") else (1, 0)
            except ChildProcessError:
                continue  # already reaped (or not ours to reap)
            if not done:
                still.append(proc)
        pending = still
        if not pending or time.monotonic() >= end:
            break
        time.sleep(0.01)


def _ppid(proc: Any) -> int | None:
    import psutil

    try:
        return int(proc.ppid())
    except psutil.Error:
        return None
