"""MCP30x: servers started through a shell script, a download, an encoded payload, a
world-writable program or sudo."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.model import Finding, Server, Severity, Value
from mcpaudit.rules.containment.shapes import (
    ENCODED,
    EVAL,
    PIPE_TO_SHELL,
    SUDO,
    WORLD_WRITABLE,
    exec_targets,
    inline_script,
)
from mcpaudit.rules.launch import basename, launch_line
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line
from mcpaudit.secrets_mask import mask_secret_like


def _inline_scripts(ctx: RuleContext) -> Iterator[tuple[Server, Value, str]]:
    """(server, value, script) for every server started through an inline shell script."""
    for s in ctx.servers:
        found = inline_script(s)
        if found is not None:
            yield s, *found


_SHELL_REMEDIATION = (
    "Start the server binary directly (command + args, no shell), from a reviewed, pinned "
    "package; move any setup into a script you have read and keep under version control."
)


@rule(
    "MCP301",
    "inline-shell-script",
    "shell_command",
    Severity.MEDIUM,
    "Server is started through a shell with an inline script",
    _SHELL_REMEDIATION,
)
def inline_shell(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A server entry whose command is `sh -c "…"`, `cmd /c …` or `powershell -Command …`
    runs an arbitrary script every time the client starts. Such scripts are easy to hide
    payloads in, hard to review in a JSON string, and bypass what the client shows as "the
    command". `eval` makes the script's real content depend on data at run time."""
    for s, value, script in _inline_scripts(ctx):
        if PIPE_TO_SHELL.search(script) or ENCODED.search(script):
            continue  # MCP302 / MCP303 report these, at high severity
        has_eval = bool(EVAL.search(script))
        yield r.finding(
            f"server {s.name!r} runs an inline shell script"
            + (" that uses eval" if has_eval else ""),
            server=s,
            at=value,
            evidence=one_line(mask_secret_like(script), 160),
            severity=Severity.HIGH if has_eval else None,
        )


@rule(
    "MCP302",
    "download-piped-to-shell",
    "shell_command",
    Severity.HIGH,
    "Server start downloads code and pipes it into an interpreter",
    _SHELL_REMEDIATION,
)
def download_to_shell(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`curl … | sh` runs whatever the remote host serves at that moment, unverified, on
    every start. Anyone controlling the host, the DNS, or (over http) the network path
    controls your machine; nothing is pinned and nothing is left to review afterwards."""
    for s, value, script in _inline_scripts(ctx):
        if PIPE_TO_SHELL.search(script):
            yield r.finding(
                f"server {s.name!r} downloads a script and runs it",
                server=s,
                at=value,
                evidence=one_line(mask_secret_like(script), 160),
            )


@rule(
    "MCP303",
    "encoded-shell-payload",
    "shell_command",
    Severity.HIGH,
    "Server start decodes and runs an encoded payload",
    _SHELL_REMEDIATION,
)
def encoded_payload(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Base64-decoded scripts and `powershell -EncodedCommand` hide what is run from the
    person reading the config. Legitimate servers have no reason to do this; malware
    droppers do it all the time."""
    for s, value, script in _inline_scripts(ctx):
        if ENCODED.search(script):
            yield r.finding(
                f"server {s.name!r} decodes an encoded payload and runs it",
                server=s,
                at=value,
                evidence=one_line(mask_secret_like(script), 120),
            )


@rule(
    "MCP304",
    "binary-in-world-writable-dir",
    "shell_command",
    Severity.HIGH,
    "Server runs a program from a world-writable directory",
    "Install the server into a directory only you can write (e.g. ~/.local/bin or a "
    "package manager's location) and point the config there.",
)
def world_writable_binary(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A program or script that other local users can replace runs with your rights the next
    time the client starts it. When the path exists, its real permission chain is checked:
    the file writable by others, or any directory above it writable by others without the
    sticky bit, or owned by another user (high), so a private 0700 folder under /tmp is fine
    and a world-writable ~/bin is not. A path under /tmp, /var/tmp, /dev/shm or %TEMP% that
    does not exist (yet) is medium: temporary folders are cleaned, and anyone may recreate
    the path. Code a launcher leads to (start.sh -> /tmp/x/server.js) is checked by prefix."""
    from mcpaudit.collect.paths import PATHS, PathCheck

    checks = ctx.extra.get(PATHS)
    checks = checks if isinstance(checks, dict) else None
    launched = _launched_roots(ctx)
    for s in ctx.servers:
        reported = False
        for v in exec_targets(s):
            check = checks.get(v.text) if checks is not None else None
            prefixed = bool(WORLD_WRITABLE.match(v.text.strip()))
            if isinstance(check, PathCheck) and check.exists:
                if check.weak is None:
                    continue
                message = (
                    f"server {s.name!r} runs {v.text!r}, which others can replace: {check.weak}"
                )
                severity = None
            elif prefixed:
                known_absent = isinstance(check, PathCheck)
                message = f"server {s.name!r} runs {v.text!r} from a world-writable directory" + (
                    " (it does not exist now: whoever recreates it runs as you)"
                    if known_absent
                    else ""
                )
                severity = Severity.MEDIUM if known_absent else None
            else:
                continue
            yield r.finding(message, server=s, at=v, evidence=one_line(v.text), severity=severity)
            reported = True
            break
        if reported:
            continue
        # The code a launcher leads to (start.sh -> /tmp/x/server.js), as the code scan
        # found it: the first script may be safe while the real one is not.
        for root in launched.get(s.id, ()):
            if WORLD_WRITABLE.match(root.path):
                yield r.finding(
                    f"server {s.name!r} runs code from a world-writable directory:"
                    f" {root.path} ({root.how})",
                    server=s,
                    evidence=one_line(root.path),
                )
                break


def _launched_roots(ctx: RuleContext) -> dict[str, list]:  # type: ignore[type-arg]
    """Code the source scan reached through a launcher or wrapper, per server id."""
    from mcpaudit.collect.launchers import LAUNCHED
    from mcpaudit.collect.results import SOURCE, SourceScan

    scan = ctx.extra_of(SOURCE, SourceScan)
    roots: dict[str, list] = {}  # type: ignore[type-arg]
    for root in scan.roots if scan is not None else ():
        if LAUNCHED in root.how:
            roots.setdefault(root.server_id, []).append(root)
    return roots


@rule(
    "MCP305",
    "server-runs-sudo",
    "shell_command",
    Severity.HIGH,
    "Server is started with sudo or another privilege switch",
    "Run the server as your normal user; grant it only the specific access it needs.",
)
def runs_sudo(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """An MCP server started through sudo/doas/pkexec runs as root: every tool call the
    model makes, including ones triggered by prompt injection, acts with full control of
    the machine. A password-less sudo rule makes it silent."""
    for s in ctx.servers:
        line = launch_line(s)
        if not line:
            continue
        if basename(line[0].text) in ("sudo", "doas", "pkexec", "runas", "gsudo"):
            yield r.finding(
                f"server {s.name!r} is started as root via {basename(line[0].text)}",
                server=s,
                at=line[0],
                evidence=one_line(line[0].text),
            )
            continue
        found = inline_script(s)
        if found and SUDO.search(found[1]):
            yield r.finding(
                f"server {s.name!r} runs sudo inside its start script",
                server=s,
                at=found[0],
                evidence=one_line(mask_secret_like(found[1]), 160),
            )
