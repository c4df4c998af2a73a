"""MCP9xx: config files the client cannot load, or that mcpaudit could not read."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.config.jsonpos import unescape_pointer_token
from mcpaudit.model import FileStatus, Finding, Server, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule


@rule(
    "MCP900",
    "config-syntax-error",
    "malformed_config",
    Severity.LOW,
    "Config file does not parse",
    "Fix the syntax error at the reported line; until then the client ignores this file "
    "(or refuses to start), and mcpaudit cannot audit the servers in it.",
)
def config_syntax_error(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A config file that does not parse is not loaded by its client, so the servers in it
    silently do not run — or, for some clients, the whole configuration is dropped. It also
    means mcpaudit could not check what the file would start once someone fixes it."""
    for f in ctx.files:
        if f.status == FileStatus.MALFORMED and f.error:
            yield r.finding(f.error, file=f, line=f.error_line, pointer="")


@rule(
    "MCP901",
    "config-schema-mismatch",
    "malformed_config",
    Severity.LOW,
    "Config file has the wrong shape for its client",
    "Correct the value at the reported JSON pointer to the type the client expects.",
)
def config_schema_mismatch(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A value of the wrong type (a list where the client expects a map of servers, a number
    where it expects a command) makes the client skip the entry or reject the file. Entries
    that are skipped are invisible to the user but may start working after an update."""
    for f in ctx.files:
        for note in f.notes:
            if note.startswith("schema:"):
                pointer, _, message = note[len("schema:") :].partition(" ")
                yield r.finding(message, file=f, pointer=pointer)


@rule(
    "MCP902",
    "jsonc-in-strict-json",
    "malformed_config",
    Severity.LOW,
    "Comments or trailing commas in a strict-JSON config",
    "Remove the comments and trailing commas: this client parses the file as strict JSON.",
)
def jsonc_in_strict_json(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """This client reads the file with a strict JSON parser. Comments or trailing commas make
    it fail to load, so the servers configured here do not start (mcpaudit still audits them,
    since the file will be fixed sooner or later)."""
    for f in ctx.files:
        if "jsonc-in-strict-json" in f.notes:
            yield r.finding(
                "the file uses comments or trailing commas, which this client rejects",
                file=f,
                pointer="",
            )


@rule(
    "MCP903",
    "config-unreadable",
    "malformed_config",
    Severity.INFO,
    "Config file could not be read",
    "Check the path: make it a regular, readable UTF-8 file, or remove it.",
)
def config_unreadable(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """mcpaudit could not read this file (permission denied, binary or non-UTF-8 content, too
    large, a directory, a dangling symlink or a symlink loop), so whatever it configures was
    not audited. The client may or may not be able to read it."""
    for f in ctx.files:
        if f.status == FileStatus.UNREADABLE and f.error:
            yield r.finding(f.error, file=f, pointer="")


@rule(
    "MCP904",
    "config-not-read-by-client",
    "malformed_config",
    Severity.INFO,
    "Config file is not read: an environment variable moved the client's config",
    "Delete the stale file, or move what you still need into the file the client reads, "
    "so the servers you review are the servers that run.",
)
def config_not_read(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A variable such as CODEX_HOME or CLAUDE_CONFIG_DIR points the client at another
    folder, so it no longer reads its default file. That file is still on disk: mcpaudit
    audits it anyway (it may hold secrets, and it comes back into force as soon as the
    variable is unset, e.g. in a shell or service that does not set it), and says so here
    so that its servers are not mistaken for the ones that run."""
    servers_per_file: dict[str, int] = {}
    for s in ctx.servers:
        servers_per_file[s.file] = servers_per_file.get(s.file, 0) + 1
    for f in ctx.files:
        if f.not_read and f.status != FileStatus.MISSING:
            n = servers_per_file.get(f.path, 0)
            yield r.finding(
                f"{f.not_read}; its {n} server(s) are audited but not started by the client",
                file=f,
                pointer="",
            )


@rule(
    "MCP910",
    "duplicate-key",
    "malformed_config",
    Severity.MEDIUM,
    "The same key is defined twice in one config object",
    "Delete the entry you do not want, so that the file says once what the client runs; "
    "review the one that stays (the last one is what runs today).",
)
def duplicate_key(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """JSON allows a key twice in one object. The clients' readers (`JSON.parse`, jsonc,
    Python's `json`) keep the last entry, while a person reading the file, or reviewing the
    diff that added it, sees the first: a second `"github"` server further down, or a second
    `GITHUB_TOKEN` in `env`, quietly replaces what was approved. mcpaudit audits the entry
    the client runs and reports both lines here. (TOML and YAML clients refuse such a file
    altogether: that is reported as a syntax error, MCP900, with both lines.)"""
    by_file: dict[str, dict[str, Server]] = {}
    for s in ctx.servers:
        by_file.setdefault(s.file, {})[s.pointer] = s
    for f in ctx.files:
        if not f.duplicate_keys:
            continue
        servers = by_file.get(f.path, {})
        for pointer, lines in f.duplicate_keys:
            head, _, key = pointer.rpartition("/")
            key = unescape_pointer_token(key)
            server, kind = _owner(pointer, servers)
            shown = ", ".join(str(n) for n in lines)
            where = {
                "server": "server name",
                "env": f"env of server '{server.name}'" if server else "env",
                "headers": f"headers of server '{server.name}'" if server else "headers",
            }.get(kind, f"key at {head or '/'}")
            message = (
                f"'{key}' ({where}) is defined {len(lines)} times, on lines {shown}: the client"
                f" keeps the last one (line {lines[-1]}); the entry on line {lines[0]} is what"
                " a reader sees first, and it never runs"
            )
            yield r.finding(
                message,
                server=server,
                file=f,
                pointer=pointer,
                line=lines[-1],
                evidence=f"{pointer} on lines {shown}",
                severity=None if server else Severity.LOW,
            )


def _owner(pointer: str, servers: dict[str, Server]) -> tuple[Server | None, str | None]:
    """The server a repeated key belongs to, and whether it is the server's name, one of
    its env variables or headers (None: some other key)."""
    if pointer in servers:
        return servers[pointer], "server"
    head = pointer.rpartition("/")[0]
    parent, _, part = head.rpartition("/")
    server = servers.get(parent)
    if server is not None and part in ("env", "environment", "headers", "http_headers"):
        return server, "headers" if "headers" in part else "env"
    # Somewhere deeper inside an entry: still that server's.
    for sp, s in servers.items():
        if pointer.startswith(sp + "/"):
            return s, None
    return None, None
