"""What inspecting a server would do, shown before anything runs.

`describe_launch` gives the exact command, arguments, working directory and the
NAMES of the environment variables the child gets (never their values) for the
consent prompt. `prepare_launch` gives the same plan plus the values, for
`launch.py` only. The child's environment is what the config gives plus a
minimal PATH/HOME/LANG: the auditor's own environment (which may hold secrets)
is never passed on.

References to mcpaudit's environment in a config (`${VAR}`, `${env:VAR}`, `{env:VAR}`)
are not expanded either: a cloned repository's `.mcp.json` could otherwise ask for
`--x=${AWS_SECRET_ACCESS_KEY}` and get it. The server gets the reference text itself
(an inert placeholder; `${VAR:-default}` gets its default), except for the variables it
gets anyway (PATH, HOME, LANG) and for servers the user named with `--pass-env`. The
consent view lists every such variable either way.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from mcpaudit.inspect.options import InspectOptions
from mcpaudit.model import Server, Transport
from mcpaudit.sanitize import one_line

# Variables a child may need to run at all. Everything else comes from the config.
BASE_ENV_NAMES: tuple[str, ...] = (
    ("PATH", "HOME", "LANG", "SYSTEMROOT", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "TEMP", "TMP")
    if sys.platform == "win32"
    else ("PATH", "HOME", "LANG")
)
DEFAULT_LANG = "C.UTF-8"

# `${env:X}` (VS Code), `${X}` / `${X:-default}` (Claude Code), `{env:X}` (opencode).
_ENV_REF = re.compile(
    r"\$\{env:(?P<a>[A-Za-z_]\w*)\}"
    r"|\$\{(?P<b>[A-Za-z_]\w*)(?::-(?P<default>[^}]*))?\}"
    r"|\{env:(?P<c>[A-Za-z_]\w*)\}"
)
_INPUT_REF = re.compile(r"\$\{input:[^}]+\}|\$\{\{[^}]*\}\}")
_WELL_KNOWN = ("userHome", "workspaceFolder", "workspaceFolderBasename", "pathSeparator")

SUPPORTED = (Transport.STDIO, Transport.HTTP, Transport.SSE)


@dataclass(frozen=True)
class LaunchPlan:
    """What mcpaudit will start or contact for one server; safe to show (no values)."""

    server_id: str
    server_name: str
    client: str
    transport: str
    command: str = ""  # as resolved on the child's PATH (stdio)
    args: tuple[str, ...] = ()
    cwd: str | None = None
    env_names: tuple[str, ...] = ()  # every variable the child gets, names only
    url: str = ""  # secrets in it masked (remote)
    header_names: tuple[str, ...] = ()
    sandbox: bool = False
    sandbox_argv: tuple[str, ...] = ()  # the bwrap prefix, when sandboxed
    shown_args: tuple[str, ...] | None = None  # args with the user's values as references
    env_refs: tuple[str, ...] = ()  # variables of mcpaudit's env the config refers to
    pass_env: bool = False  # True: env_refs expanded with real values (--pass-env)
    notes: tuple[str, ...] = ()
    skip_reason: str | None = None

    @property
    def argv(self) -> tuple[str, ...]:
        return (*self.sandbox_argv, self.command, *self.args)

    def display_lines(self) -> list[str]:
        """Lines for a consent prompt: sanitized, secret-looking arguments masked."""
        from mcpaudit.secrets_mask import mask_args

        lines = [f"server: {one_line(self.server_name)} ({self.client}, {self.transport})"]
        if self.skip_reason:
            lines.append(f"not inspected: {one_line(self.skip_reason)}")
            return lines
        if self.transport == Transport.STDIO:
            lines.append(f"command: {one_line(self.command, 400)}")
            shown = mask_args(list(self.args if self.shown_args is None else self.shown_args))
            lines.append("args: " + " ".join(one_line(a, 400) for a in shown))
            lines.append(f"cwd: {one_line(self.cwd or '(inherited)')}")
            lines.append("env: " + (", ".join(self.env_names) or "(none)"))
            lines.extend(self._ref_lines())
            if self.sandbox:
                lines.append("sandbox: bubblewrap, no network, read-only file system (best-effort)")
        else:
            lines.append(f"url: {one_line(self.url, 400)}")
            lines.append(
                "headers: " + (", ".join(one_line(h) for h in self.header_names) or "(none)")
            )
            lines.extend(self._ref_lines())
        lines.extend(f"note: {one_line(n)}" for n in self.notes)
        return lines

    def _ref_lines(self) -> list[str]:
        """Which of the user's variables the config asks for, and what the server gets."""
        if not self.env_refs:
            return []
        names = ", ".join(self.env_refs)
        if self.pass_env:
            return [f"from your environment (--pass-env): {names}, real values"]
        return [
            f"from your environment: {names}, passed as placeholders "
            f"(--pass-env {one_line(self.server_name, 80)} passes the real values)"
        ]


@dataclass(frozen=True)
class PreparedLaunch:
    """A plan plus the values it needs. Only `launch.py`/`session.py` see this."""

    plan: LaunchPlan
    env: Mapping[str, str] = field(default_factory=dict, repr=False)
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    url: str = field(default="", repr=False)  # references resolved; may hold a secret
    secrets: tuple[str, ...] = field(default=(), repr=False)  # values to redact from stderr


def describe_launch(server: Server, options: InspectOptions | None = None) -> LaunchPlan:
    """The consent view of what inspecting `server` would run or contact."""
    return prepare_launch(server, options or InspectOptions()).plan


def skip_reason(server: Server) -> str | None:
    """Why a server cannot be inspected, or None when it can."""
    if server.transport not in SUPPORTED:
        return f"{server.transport.value} transport is not supported by live inspection"
    if server.transport == Transport.STDIO and not (server.command and server.command.text):
        return "no command to run"
    if server.transport != Transport.STDIO and not (server.url and server.url.text):
        return "no URL to connect to"
    return None


def prepare_launch(server: Server, options: InspectOptions) -> PreparedLaunch:
    parent = os.environ if options.env is None else options.env
    home = parent.get("HOME") or parent.get("USERPROFILE") or os.path.expanduser("~")
    base = {
        "server_id": server.id,
        "server_name": server.name,
        "client": server.client,
        "transport": server.transport.value,
    }
    from mcpaudit.inspect.holdback import hold_back_reason

    reason = skip_reason(server) or hold_back_reason(server, options.servers)
    if reason:
        return PreparedLaunch(LaunchPlan(**base, skip_reason=reason))
    notes: list[str] = []
    secrets: list[str] = []
    passing = bool({server.name, server.id} & set(options.pass_env))
    expander = _Expander(parent, home, server.project, notes, passing)
    if server.transport != Transport.STDIO:
        assert server.url is not None
        from mcpaudit.secrets_mask import mask_url

        url = expander.expand(server.url.text, "url")
        headers: dict[str, str] = {}
        for h in server.headers:
            if h.key:
                value = expander.expand(h.text, f"header {h.key}")
                if value is not None:
                    headers[h.key] = value
                    secrets.append(value)
        secrets += expander.values
        held = expander.held_in("url")
        reason = None if url else "the URL refers to a value mcpaudit cannot resolve"
        if held and reason is None:
            reason = (
                f"the URL refers to ${held[0]} from your environment; "
                f"--pass-env {one_line(server.name, 80)} would pass its value"
            )
        plan = LaunchPlan(
            **base,
            url=mask_url(url or server.url.text),
            header_names=tuple(headers),
            env_refs=expander.refs(),
            pass_env=passing,
            notes=tuple(notes),
            skip_reason=reason,
        )
        return PreparedLaunch(plan, headers=headers, url=url or "", secrets=tuple(secrets))

    assert server.command is not None
    env = child_base_env(parent)
    from mcpaudit.inspect.keyring_session import session_env

    session, session_note = session_env(server, parent)  # a keychain launcher's D-Bus
    env.update(session)
    if session_note:
        notes.append(session_note)
    for v in server.env:
        if not v.key:
            continue
        value = expander.expand(v.text, f"env {v.key}")
        if value is not None:
            env[v.key] = value
            secrets.append(value)
    args = tuple(expander.expand(a.text, "argument") or "" for a in server.args)
    shown_args = None
    if passing:  # the consent view shows the references, never the values they get
        quiet = _Expander(parent, home, server.project, [])
        shown_args = tuple(quiet.expand(a.text, "argument") or "" for a in server.args)
    cwd = expander.expand(server.cwd.text, "cwd") if server.cwd else None
    if cwd:
        cwd = os.path.expanduser(cwd) if cwd.startswith("~") else cwd
    if cwd and not os.path.isdir(cwd):
        notes.append(f"working directory {cwd} does not exist; using the home directory")
        cwd = None
    command = expander.expand(server.command.text, "command") or server.command.text
    if command.startswith("~"):
        command = os.path.expanduser(command)
    resolved = shutil.which(command, path=env.get("PATH")) if os.sep not in command else command
    if resolved is None:
        notes.append(f"{command} was not found on PATH")
    sandbox_argv: tuple[str, ...] = ()
    if options.sandbox:
        from mcpaudit.inspect.sandbox import bwrap_prefix

        sandbox_argv = bwrap_prefix(cwd or home, (home, resolved or command, *args))
    plan = LaunchPlan(
        **base,
        command=resolved or command,
        args=args,
        shown_args=shown_args,
        cwd=cwd or home,
        env_names=tuple(sorted(env)),
        sandbox=options.sandbox,
        sandbox_argv=sandbox_argv,
        env_refs=expander.refs(),
        pass_env=passing,
        notes=tuple(notes),
    )
    secrets += expander.values
    return PreparedLaunch(plan, env=env, secrets=tuple(s for s in secrets if len(s) >= 4))


def child_base_env(parent: Mapping[str, str]) -> dict[str, str]:
    """The minimal environment every child gets: PATH, HOME and LANG (plus Windows basics)."""
    env = {k: parent[k] for k in BASE_ENV_NAMES if parent.get(k)}
    env.setdefault("PATH", os.defpath)
    env.setdefault("LANG", DEFAULT_LANG)
    return env


class _Expander:
    """Resolve the references a client would resolve before starting the server, except
    that the user's own variables stay placeholders unless `passing` (--pass-env)."""

    def __init__(
        self,
        parent: Mapping[str, str],
        home: str,
        project: str | None,
        notes: list[str],
        passing: bool = False,
    ) -> None:
        self.parent = parent
        self.home = home
        self.project = project
        self.notes = notes
        self.passing = passing
        self._refs: dict[str, None] = {}  # names referred to, in order
        self._held: dict[str, list[str]] = {}  # what -> names left as placeholders there
        self.values: list[str] = []  # real values handed out (redacted from stderr)

    def refs(self) -> tuple[str, ...]:
        return tuple(sorted(self._refs))

    def held_in(self, what: str) -> list[str]:
        return self._held.get(what, [])

    def expand(self, text: str, what: str) -> str | None:
        if _INPUT_REF.search(text):
            self.notes.append(f"{what} asks the user for input in the client; left unset")
            return None
        for name in _WELL_KNOWN:
            token = "${" + name + "}"
            if token in text:
                text = text.replace(token, self._well_known(name))

        def sub(m: re.Match[str]) -> str:
            name = m.group("a") or m.group("b") or m.group("c")
            if name not in BASE_ENV_NAMES:
                self._refs[name] = None
                if not self.passing:
                    if m.group("default") is not None:
                        return m.group("default")
                    self._held.setdefault(what, []).append(name)
                    return m.group(0)  # inert: the reference text, not the user's value
                if name in self.parent and len(self.parent[name]) >= 4:
                    self.values.append(self.parent[name])
            if name in self.parent:
                return self.parent[name]
            if m.group("default") is not None:
                return m.group("default")
            self.notes.append(f"{what} refers to ${name}, which is not set; left empty")
            return ""

        return _ENV_REF.sub(sub, text)

    def _well_known(self, name: str) -> str:
        if name == "userHome":
            return self.home
        if name == "pathSeparator":
            return os.sep
        folder = self.project or self.home
        return os.path.basename(folder) if name == "workspaceFolderBasename" else folder
