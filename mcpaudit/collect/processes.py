"""Running processes that are configured stdio servers, read with psutil.

Every local user can read any process's command line (`ps aux`, /proc/*/cmdline),
so a token that reaches a server as an argument leaks even when the config file
only holds a `${env:X}` reference that the client expanded. Only command lines
and owners are read; no process is signalled or inspected further.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import psutil

from mcpaudit.collect.results import ProcessScan, RunningServer, Skipped
from mcpaudit.model import Server, Transport

_INTERPRETERS = re.compile(r"^(?:node|nodejs|bun|deno|python(?:3(?:\.\d+)?)?w?|uv|sh|bash|cmd)$")
_REFERENCE = re.compile(r"\$\{[^}]*\}|\{env:[^}]*\}|\$[A-Za-z_]\w*|%\w+%")


def _base(token: str) -> str:
    name = re.split(r"[/\\]", token)[-1].lower()
    for suffix in (".exe", ".cmd", ".bat", ".js"):
        name = name.removesuffix(suffix)
    return name


def _pattern(server: Server) -> tuple[str, list[re.Pattern[str] | None]] | None:
    """(program, args): args as exact matchers, None where the config has a reference."""
    if server.transport != Transport.STDIO or server.command is None:
        return None
    program = _base(server.command.text)
    args: list[re.Pattern[str] | None] = []
    for value in server.args:
        if _REFERENCE.search(value.text):
            # The client expands the reference: match the literal parts around it.
            parts = _REFERENCE.split(value.text)
            args.append(re.compile(".*".join(re.escape(p) for p in parts) + r"\Z", re.DOTALL))
        else:
            args.append(re.compile(re.escape(value.text) + r"\Z"))
    if not args and _INTERPRETERS.match(program):
        return None  # a bare `python` or `node` would match half the machine
    return program, args


def _candidates_by_last_arg(
    servers: Iterable[Server],
) -> tuple[dict[str, list[Server]], list[Server]]:
    """Stdio servers keyed by their literal last arg; the rest (no args, a reference) apart."""
    by_last: dict[str, list[Server]] = {}
    general: list[Server] = []
    for s in servers:
        if s.transport != Transport.STDIO or s.command is None:
            continue
        last = s.args[-1].text if s.args else None
        if last is not None and not _REFERENCE.search(last):
            by_last.setdefault(last, []).append(s)
        else:
            general.append(s)
    return by_last, general


def matches(argv: Sequence[str], program: str, args: Sequence[re.Pattern[str] | None]) -> bool:
    """Is `argv` this server: its program (or an interpreter running it), then its args last?"""
    if len(argv) < len(args) + 1:
        return False
    tail = argv[len(argv) - len(args) :] if args else []
    if not all(p is None or p.match(a) for p, a in zip(args, tail, strict=True)):
        return False
    head = argv[: len(argv) - len(args)] if args else list(argv)
    # `npx -y pkg` shows up as `node /usr/bin/npx -y pkg`, or as `npm exec pkg`.
    names = [_base(t) for t in head[:2]]
    if program in names:
        return True
    return program == "npx" and names[:1] in (["npm"], ["npm-cli"]) and "exec" in head


def running_servers(servers: Iterable[Server]) -> ProcessScan:
    by_last, general = _candidates_by_last_arg(servers)
    if not by_last and not general:
        return ProcessScan()
    running: list[RunningServer] = []
    skipped: list[Skipped] = []
    denied = 0
    patterns: dict[str, tuple[str, list[re.Pattern[str] | None]] | None] = {}
    try:
        # Only the command line for all; owners are looked up for the few that match.
        procs = list(psutil.process_iter(["pid", "cmdline"]))
    except (psutil.Error, OSError) as exc:
        return ProcessScan(skipped=(Skipped("process list", f"not readable: {exc}"),))
    for proc in procs:
        argv = proc.info.get("cmdline")
        if not argv:
            if argv is None:
                denied += 1
            continue
        # A literal last arg must equal argv's last item: only those servers are tried,
        # so 10,000 configured servers cost a dict look-up per process, not 10,000 regexes.
        for server in (*by_last.get(argv[-1], ()), *general):
            if server.id not in patterns:
                patterns[server.id] = _pattern(server)
            pattern = patterns[server.id]
            if pattern is not None and matches(argv, *pattern):
                running.append(_running(proc, server.id, argv))
    if denied:
        skipped.append(Skipped("process list", f"{denied} process(es) hid their command line"))
    return ProcessScan(running=tuple(running), skipped=tuple(skipped))


def _running(proc: psutil.Process, server_id: str, argv: list[str]) -> RunningServer:
    try:
        uids = proc.uids()
        uid, euid = uids.real, uids.effective
    except (psutil.Error, AttributeError):  # no uids on Windows
        uid = euid = None
    try:
        username: str | None = proc.username()
    except (psutil.Error, KeyError):
        username = None
    return RunningServer(proc.pid, server_id, tuple(argv), username, uid, euid)
