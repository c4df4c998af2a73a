"""MCP72x: dangerous code in the servers themselves.

The code is located and parsed by `mcpaudit.collect.source` (Python with `ast`,
JavaScript/TypeScript with tree-sitter); these rules only grade its records
(`RuleContext.extra["source"]`). Severity follows how directly a tool's input
reaches the sink: built from a tool handler's parameters, built at run time from
something else, or a constant written in the code.
"""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.collect.results import (
    CONSTANT,
    DYNAMIC,
    SOURCE,
    TOOL_INPUT,
    VIA_HELPER,
    SinkHit,
    SourceScan,
)
from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule

MAX_PER_SERVER = 20  # per rule and server; the rest is summed up in one more finding

_REACH_TEXT = {
    TOOL_INPUT: "built from a tool's input",
    VIA_HELPER: "built from a tool's input passed to a helper function",
    DYNAMIC: "built at run time",
    CONSTANT: "a constant",
}
_EXECUTION_SEVERITY = {
    TOOL_INPUT: Severity.CRITICAL,
    VIA_HELPER: Severity.HIGH,
    DYNAMIC: Severity.MEDIUM,
}
_DESERIALIZE_SEVERITY = {
    TOOL_INPUT: Severity.HIGH,
    VIA_HELPER: Severity.HIGH,
    DYNAMIC: Severity.MEDIUM,
}


def _hits_by_server(ctx: RuleContext, kinds: set[str]) -> Iterator[tuple[Server, list[SinkHit]]]:
    scan = ctx.extra_of(SOURCE, SourceScan)
    if scan is None:
        return
    for server_id in dict.fromkeys(r.server_id for r in scan.roots):
        server = ctx.server(server_id)
        if server is None:
            continue
        paths = {r.path for r in scan.roots if r.server_id == server_id}
        hits = [h for root, h in scan.hits if root in paths and h.kind in kinds]
        if hits:
            yield server, hits


def _report(
    r: Rule, server: Server, graded: list[tuple[Severity, str, SinkHit]]
) -> Iterator[Finding]:
    graded.sort(key=lambda g: (-g[0].rank, g[2].path, g[2].line))
    for severity, message, hit in graded[:MAX_PER_SERVER]:
        yield r.finding(
            message,
            server=server,
            file=hit.path,
            line=hit.line,
            pointer="",
            evidence=hit.snippet,
            severity=severity,
        )
    rest = graded[MAX_PER_SERVER:]
    if rest:
        yield r.finding(
            f"{len(rest)} more such call(s) in this server's code are not listed",
            server=server,
            file=rest[0][2].path,
            line=rest[0][2].line,
            pointer="",
            severity=Severity.INFO,
        )


@rule(
    "MCP720",
    "code-eval-sink",
    "untrusted_source_code",
    Severity.CRITICAL,
    "Server code evaluates strings as code",
    "Read the code around the reported line. A tool must never pass its input to `eval`, "
    "`exec`, `new Function` or `vm`; if it does, do not run this server, or pin a version "
    "where it is fixed.",
)
def code_eval_sink(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`eval`, `exec`, `new Function` and Node's `vm` run a string as code with the
    server's rights (the user's). When that string is built from a tool's arguments, any
    text the model reads — a web page, an issue, a file — can become code on this machine
    through prompt injection. Critical when the argument comes from a tool handler's
    parameters, high when a handler passes its input to a function that does it or when the
    code comes straight from a network call (download-and-run), medium when it is built at
    run time elsewhere, low for a constant. Inside a bundle (`dist/`), a line the bundler's
    module comments or the source map place in a dependency (`node_modules/ajv/...`) is
    graded like that dependency installed beside the server: low unless tool input or a
    download reaches it."""
    yield from _graded_findings(ctx, r, "code_exec", "runs code", _EXECUTION_SEVERITY)


@rule(
    "MCP721",
    "shell-command-sink",
    "untrusted_source_code",
    Severity.CRITICAL,
    "Server code runs shell commands",
    "Use an argument list without a shell (`execFile`/`spawn` without `shell: true`, "
    "`subprocess.run([...])`), validate tool input against an allow-list, or do not run "
    "this server.",
)
def shell_command_sink(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`child_process.exec`, `spawn(..., {shell: true})`, `subprocess` with `shell=True`,
    `os.system` and `os.popen` hand a whole string to `/bin/sh` or `cmd.exe`, so `;`, `&&`,
    `$(...)` and backticks in it start further commands. MCP servers that build such strings
    from tool input are the most common command-injection flaw found in public analyses.
    Critical when tool input is part of the command, high when a handler passes its input to
    a function that builds the command, medium when it is built at run time elsewhere, low
    for a constant command."""
    yield from _graded_findings(ctx, r, "shell", "runs a shell command", _EXECUTION_SEVERITY)


def _graded_findings(
    ctx: RuleContext, r: Rule, kind: str, verb: str, severities: dict[str, Severity]
) -> Iterator[Finding]:
    """MCP720-722: one finding per sink, graded by how directly tool input reaches it."""
    for server, hits in _hits_by_server(ctx, {kind}):
        graded = [_grade(h, verb, severities) for h in hits]
        yield from _report(r, server, graded)


def _grade(h: SinkHit, verb: str, severities: dict[str, Severity]) -> tuple[Severity, str, SinkHit]:
    """A sink's severity: tool input first; then code fetched over the network (a
    download-and-run, wherever it sits); then a bundled library's own machinery (ajv's
    `new Function`), graded like the same library under node_modules: low."""
    severity = severities.get(h.reach, Severity.LOW)
    message = f"{h.sink} {verb} {_REACH_TEXT[h.reach]}"
    if h.downloaded:
        severity = max(severity, Severity.HIGH, key=lambda s: s.rank)
        message = f"{h.sink} runs code it downloads (download-and-run)"
    elif h.library and h.reach in (DYNAMIC, CONSTANT):
        severity = Severity.LOW
        message += (
            f", inside the bundled library {h.library} ({h.library_how}); no tool input "
            "reaches it, so it is graded like the same library under node_modules"
        )
    if h.library and h.downloaded:
        message += f", inside what the bundle calls {h.library} ({h.library_how})"
    return severity, message, h


@rule(
    "MCP722",
    "unsafe-deserialization",
    "untrusted_source_code",
    Severity.HIGH,
    "Server code deserialises data unsafely",
    "Use a data-only format (`json`, `yaml.safe_load`, `SafeLoader`) for anything that can "
    "come from a tool call or the network.",
)
def unsafe_deserialization(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """`pickle.loads`, `marshal`, `yaml.load` without a safe loader and `node-serialize`
    rebuild objects by running code chosen by whoever wrote the data. Fed with a tool's
    input or a downloaded file, they are remote code execution. High when the data comes
    from a tool handler's parameters, medium otherwise."""
    yield from _graded_findings(ctx, r, "deserialize", "on data", _DESERIALIZE_SEVERITY)


@rule(
    "MCP723",
    "credential-harvesting",
    "untrusted_source_code",
    Severity.HIGH,
    "Server code reads credential stores or dumps the environment",
    "Find out why the server needs these files; unless it is its documented purpose (an SSH "
    "or cloud tool you chose), remove it and rotate the credentials it could read.",
)
def credential_harvesting(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Malicious packages steal SSH keys, cloud credentials, browser password and cookie
    stores, and the whole environment (where API tokens live), then send them away. Code
    that names `~/.ssh`, `~/.aws/credentials`, a browser's `Login Data`, or serialises all
    of `process.env`/`os.environ`, in a file that also makes network requests, is high;
    a credential path without network code is medium; an environment dump without it, low."""
    for server, hits in _hits_by_server(ctx, {"credential_read", "env_exfil"}):
        graded = []
        for h in hits:
            if h.kind == "credential_read":
                severity = Severity.HIGH if h.network else Severity.MEDIUM
                text = f"code refers to a {h.sink}"
            else:
                severity = Severity.HIGH if h.network else Severity.LOW
                text = f"code serialises the whole environment ({h.sink})"
            if h.network:
                text += ", and the same file sends data over the network"
            graded.append((severity, text, h))
        yield from _report(r, server, graded)


@rule(
    "MCP724",
    "opaque-server-code",
    "untrusted_source_code",
    Severity.INFO,
    "Server code could not be reviewed",
    "Prefer servers that ship readable source; review minified bundles with their source "
    "map or the upstream repository before trusting them.",
)
def opaque_server_code(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Minified bundles, oversized files and files that do not parse cannot be checked line
    by line, so mcpaudit cannot say whether they contain dangerous calls. One finding per
    server lists how many such files there are."""
    scan = ctx.extra_of(SOURCE, SourceScan)
    if scan is None:
        return
    for server_id in dict.fromkeys(r.server_id for r in scan.roots):
        server = ctx.server(server_id)
        paths = {r.path for r in scan.roots if r.server_id == server_id}
        opaque = [o for root, o in scan.opaque if root in paths]
        if server is None or not opaque:
            continue
        reasons = sorted({o.reason for o in opaque})
        yield r.finding(
            f"{len(opaque)} file(s) not reviewable ({'; '.join(reasons)})",
            server=server,
            file=opaque[0].path,
            pointer="",
            evidence=opaque[0].path,
        )


@rule(
    "MCP725",
    "source-scan-incomplete",
    "untrusted_source_code",
    Severity.INFO,
    "Server code was not fully scanned",
    "Review the rest of the code yourself, or run the scan again on a less busy machine.",
)
def source_scan_incomplete(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The code scan stops at a file count and a time budget so that a static scan stays
    fast. Files after that point were not checked for dangerous calls."""
    scan = ctx.extra_of(SOURCE, SourceScan)
    if scan is None:
        return
    for skipped in scan.skipped:
        if "budget" not in skipped.reason and "limit" not in skipped.reason:
            continue  # code that is simply not on this machine is a scan note, not a finding
        for server_id in skipped.server_ids:
            server = ctx.server(server_id)
            if server is not None:
                yield r.finding(
                    f"{skipped.what}: {skipped.reason}",
                    server=server,
                    file=skipped.what,
                    pointer="",
                )
