"""MCP1xx: literal secrets in configs and command lines, and config files others can read or write.

Detection is `mcpaudit.secrets.find_secrets`; evidence shows only `redact()`ed values.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from mcpaudit.model import ConfigFile, Finding, Server, Severity, Value
from mcpaudit.redact import redact
from mcpaudit.rules.common import iter_strings, ok_files
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.secrets import SecretMatch, find_secrets, key_kind

_MOVE_TO_ENV = (
    "Move the value out of the file: reference an environment variable or the client's "
    "secret input (e.g. `${env:NAME}` / `${input:name}` in VS Code, `${NAME}` in Claude Code, "
    "`env_vars`/`bearer_token_env_var` in Codex), then rotate the exposed credential. Clients "
    "that pass values literally (Claude Desktop, Zed, Cline, …) cannot use a reference: there "
    "the OS keychain and `mcpaudit run` take the secret out of the file. Each finding names "
    "the way its own client has."
)


def _evidence(label: str | None, m: SecretMatch) -> str:
    where = f"{label}=" if label else ""
    return f"{where}{redact(m.value)} ({m.description})"


def _value_findings(
    r: Rule, server: Server, values: tuple[Value, ...], what: str
) -> Iterator[Finding]:
    for v in values:
        # references are no secret, but `${X:-literal}` falls back to a literal: the
        # detector judges both
        for m in find_secrets(v.text, key=v.key):
            yield r.finding(
                f"{what} {v.key!r} of server {server.name!r} holds a literal {m.description}",
                server=server,
                at=v,
                evidence=_evidence(v.key, m),
            )


@rule(
    "MCP101",
    "secret-in-env",
    "secret_in_config",
    Severity.HIGH,
    "Literal secret in a server's env",
    _MOVE_TO_ENV,
)
def secret_in_env(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A credential written into the config file is readable by every program that can read
    the file — backups, sync tools, other MCP servers with file-system access, anyone the
    file is shared with — and tends to end up in dotfile repositories. Config files are not
    secret stores: keep the value in the environment or the client's secret storage."""
    for s in ctx.servers:
        yield from _value_findings(r, s, s.env, "env var")


# Clients that read a header only as written, with no reference syntax and no secret
# store of their own (the keychain launcher's clients, fix/providers/keychain.py).
_OWN_SECRET_SYNTAX = frozenset({"codex", "goose", "continue", "vscode"})
_REMOTE_NO_REFS = (
    "This client reads header values literally (no environment reference), and mcpaudit-run "
    "cannot start a remote server, so mcpaudit offers no fix that takes the secret out. "
    "Options: use the server's OAuth sign-in if the client offers it; or, by hand, bridge the "
    "server through `mcp-remote` started by the launcher, so the secret stays in the "
    "bridge's environment: `mcpaudit-run --secret AUTH_HEADER=keyring:mcpaudit/NAME -- npx -y "
    "mcp-remote@VERSION URL --header Authorization:${AUTH_HEADER}` (mcp-remote expands "
    "`${VAR}` in --header). Not automated: the client would no longer connect itself; a "
    "third-party npm package (pin a version no advisory covers, e.g. not < 0.1.16, "
    "CVE-2025-6514) would hold the token. Rotate the exposed credential."
)


def _reads_headers_literally(client: str) -> bool:
    from mcpaudit.clients.catalog import BY_ID

    spec = BY_ID.get(client)
    return spec is not None and client not in _OWN_SECRET_SYNTAX and not spec.env_ref_template


@rule(
    "MCP102",
    "secret-in-headers",
    "secret_in_config",
    Severity.HIGH,
    "Literal secret in a remote server's headers",
    _MOVE_TO_ENV,
)
def secret_in_headers(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """An `Authorization` or API-key header written literally into the config exposes a
    bearer credential: whoever reads the file can call the remote service as you. Clients
    can fill headers from environment variables or prompted inputs instead."""
    for s in ctx.servers:
        for f in _value_findings(r, s, s.headers, "header"):
            yield (
                replace(f, remediation=_REMOTE_NO_REFS) if _reads_headers_literally(s.client) else f
            )


@rule(
    "MCP103",
    "secret-in-url",
    "secret_in_config",
    Severity.HIGH,
    "Secret embedded in a server URL",
    "Remove the credential from the URL (user:password@ or ?token=…) and send it in a "
    "header filled from an environment variable or secret input; rotate the credential.",
)
def secret_in_url(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Credentials in a URL (`https://user:pass@host`, `?api_key=…`) leak further than
    headers do: URLs are logged by clients, proxies and servers, shown in UIs and error
    messages, and copied around with the config."""
    for s in ctx.servers:
        if s.url is None:
            continue
        for m in find_secrets(s.url.text, key=None):
            yield r.finding(
                f"the URL of server {s.name!r} carries a {m.description}",
                server=s,
                at=s.url,
                evidence=_evidence(None, m),
            )


_FLAG_EQ = re.compile(r"^(--?[A-Za-z][A-Za-z0-9_.\-]*)=(.*)$", re.DOTALL)


def _launcher_options(line: list[Value]) -> int:
    """Where the server's own command line starts: after `mcpaudit-run … --`, whose
    options only name where a secret lives (`keyring:`/`file:`, never a value)."""
    texts = [v.text for v in line]
    head = texts[0].replace("\\", "/").rsplit("/", 1)[-1].lower() if texts else ""
    if head.removesuffix(".exe") == "mcpaudit-run" or texts[1:3] == ["-m", "mcpaudit.launcher"]:
        return texts.index("--") + 1 if "--" in texts else len(texts)
    return 0


def arg_secrets(server: Server) -> Iterator[tuple[Value, str | None, SecretMatch]]:
    """(arg, flag, match) for each secret on the command line (`--token X`, `--k=X`, `X`)."""
    line = ([server.command] if server.command else []) + list(server.args)
    for i, v in enumerate(line[_launcher_options(line) :], _launcher_options(line)):
        m = _FLAG_EQ.match(v.text)
        prev = line[i - 1].text if i else ""
        if m and key_kind(m.group(1)):
            matches, flag = find_secrets(m.group(2), key=m.group(1)), m.group(1)
        elif prev.startswith("-") and "=" not in prev and key_kind(prev):
            matches, flag = find_secrets(v.text, key=prev), prev
        else:
            matches, flag = find_secrets(v.text), None
        for match in matches:
            yield v, flag, match


@rule(
    "MCP104",
    "secret-in-args",
    "secret_in_args",
    Severity.HIGH,
    "Secret passed on the command line",
    "Pass the secret through the server's environment (an `env` entry that references an "
    "environment variable or secret input) instead of an argument; rotate the credential.",
)
def secret_in_args(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Command-line arguments are public on the machine: every local user and process can
    read them from the process list (`ps`, /proc/<pid>/cmdline), and crash reports and
    client logs record them. A token passed as `--api-key …` is exposed for as long as the
    server runs, on top of being written in the config file."""
    for s in ctx.servers:
        for v, flag, m in arg_secrets(s):
            yield r.finding(
                f"server {s.name!r} is started with a {m.description} on its command line",
                server=s,
                at=v,
                evidence=_evidence(flag, m),
            )


def _server_pointers(ctx: RuleContext) -> set[str]:
    covered = set()
    for s in ctx.servers:
        for v in (s.command, s.url, s.cwd, *s.args, *s.env, *s.headers):
            if v is not None:
                covered.add(f"{s.file}\0{v.pointer}")
    return covered


def file_secrets(
    ctx: RuleContext, f: ConfigFile
) -> tuple[tuple[str, str | None, SecretMatch], ...]:
    """(pointer, key, match) for every literal secret anywhere in a parsed file."""
    if f.data is None:
        return ()
    if f.sha256 is None:
        return _file_secrets.__wrapped__(f.path, None, _Unhashed(f.data))
    return _file_secrets(f.path, f.sha256, _Unhashed(f.data))


class _Unhashed:
    """Carries parsed data through the cache without taking part in its key."""

    def __init__(self, data: object) -> None:
        self.data = data

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return True


@lru_cache(maxsize=64)
def _file_secrets(
    path: str, sha256: str | None, data: _Unhashed
) -> tuple[tuple[str, str | None, SecretMatch], ...]:
    # Keyed by path and content hash: MCP105 and MCP110 share one walk of a large file.
    return tuple(
        (pointer, key, m)
        for pointer, text, key in iter_strings(data.data, skip=_is_prompt_history)
        for m in find_secrets(text, key=key)
    )


# Older Claude Code releases keep every prompt typed in a project under
# projects.<path>.history: a log of the conversation, not configuration. Newer ones write it
# to ~/.claude/history.jsonl, which the log scanner (MCP700) reads; the old in-file history
# is not scanned (tens of thousands of prompts would cost seconds per scan).
_PROMPT_HISTORY = re.compile(r"^/projects/[^/]+/history$")


def _is_prompt_history(pointer: str) -> bool:
    return pointer.endswith("/history") and _PROMPT_HISTORY.match(pointer) is not None


@rule(
    "MCP105",
    "secret-elsewhere-in-config",
    "secret_in_config",
    Severity.HIGH,
    "Literal secret elsewhere in a client config",
    _MOVE_TO_ENV,
)
def secret_elsewhere(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Secrets also hide outside server entries: OAuth client secrets, provider API keys in a
    client's settings, tokens in a Goose or Continue config. They are as exposed as any other
    value of the file, and the file is usually not treated as sensitive."""
    covered = _server_pointers(ctx)
    for f in ok_files(ctx):
        for pointer, key, m in file_secrets(ctx, f):
            if f"{f.path}\0{pointer}" in covered:
                continue
            yield r.finding(
                f"{pointer} holds a literal {m.description}",
                file=f,
                pointer=pointer,
                evidence=_evidence(key, m),
            )


def _has_secret(ctx: RuleContext, f: ConfigFile) -> bool:
    return bool(file_secrets(ctx, f))


@rule(
    "MCP110",
    "secret-config-readable-by-others",
    "config_permissions",
    Severity.MEDIUM,
    "Config file with a secret is readable by other users",
    "Restrict the file to its owner (`chmod 600 FILE`), and move the secret out of it.",
)
def secret_config_readable(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A config file holding a literal secret that the group or all users may read hands that
    secret to every account (and every service running under another account) on the
    machine. Files created with the usual umask are world-readable."""
    for f in ok_files(ctx):
        if f.mode is None or not f.mode & (stat.S_IRGRP | stat.S_IROTH):
            continue
        if not _has_secret(ctx, f):
            continue
        who = "all users" if f.mode & stat.S_IROTH else "its group"
        yield r.finding(
            f"the file holds a literal secret and {who} can read it "
            f"(mode {stat.S_IMODE(f.mode):o})",
            file=f,
            pointer="",
            evidence=f"mode {stat.S_IMODE(f.mode):o}",
            severity=Severity.MEDIUM if f.mode & stat.S_IROTH else Severity.LOW,
        )


@rule(
    "MCP111",
    "config-writable-by-others",
    "config_permissions",
    Severity.HIGH,
    "Config file or its folder is writable by other users",
    "Remove group/other write access: `chmod go-w FILE` and `chmod go-w` on its folder.",
)
def config_writable(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Whoever can write a client's config can add a server, and a server is a command the
    client runs with your rights: a writable config is code execution as you. The same holds
    for the folder: write access there lets another user replace the file."""
    for f in ok_files(ctx):
        if f.mode is not None and f.mode & (stat.S_IWGRP | stat.S_IWOTH):
            other = bool(f.mode & stat.S_IWOTH)
            yield r.finding(
                f"the file is writable by {'all users' if other else 'its group'} "
                f"(mode {stat.S_IMODE(f.mode):o})",
                file=f,
                pointer="",
                evidence=f"mode {stat.S_IMODE(f.mode):o}",
                severity=Severity.HIGH if other else Severity.MEDIUM,
            )
        d = f.dir_mode
        if d is not None and d & (stat.S_IWGRP | stat.S_IWOTH) and not d & stat.S_ISVTX:
            other = bool(d & stat.S_IWOTH)
            yield r.finding(
                f"the folder holding the file is writable by "
                f"{'all users' if other else 'its group'} "
                f"(mode {stat.S_IMODE(d):o}): the file can be replaced",
                file=f,
                pointer="",
                evidence=f"folder mode {stat.S_IMODE(d):o}",
                severity=Severity.HIGH if other else Severity.MEDIUM,
            )
