"""MCP9xx: config files the client cannot load, or that mcpaudit could not read."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.model import FileStatus, Finding, Severity
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
