"""MCP340-341: agent hooks, the shell commands a client runs on its own events.

Claude Code (`hooks` in `~/.claude/settings.json`, `.claude/settings.json`,
`.claude/settings.local.json`), Gemini CLI (`hooks` in `settings.json`) and OpenAI Codex
(`~/.codex/hooks.json`, `.codex/hooks.json`, or a `[hooks]` table in `config.toml`) share
the `{Event: [{matcher, hooks: [{type: "command", command}]}]}` shape; Cursor
(`~/.cursor/hooks.json`, `.cursor/hooks.json`) and Windsurf (`~/.codeium/windsurf/hooks.json`,
`.windsurf/hooks.json`, the system-wide file) write `{hooks: {event: [{command}]}}`; GitHub
Copilot (`.github/hooks/*.json`, `~/.copilot/hooks/*.json`) writes
`{version, hooks: {event: [{type: "command", bash, powershell}]}}`; Codex's `notify`
(`config.toml`) is a program run after every turn. Sources: docs/clients.md. These run with
the user's rights on events such as the start of a session. A hook in a project's files is
code that a cloned repository runs on your machine. The commands get the same analysis as a
server's start line (MCP301-308).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from mcpaudit.config.jsonpos import escape_pointer_token
from mcpaudit.inlinecode import analyse, codes_in_script
from mcpaudit.model import ConfigFile, Finding, Server, Severity, Transport, Value
from mcpaudit.rules.common import ok_files
from mcpaudit.rules.containment.shapes import ENCODED, EVAL, PIPE_TO_SHELL, SUDO, WORLD_WRITABLE
from mcpaudit.rules.inline_code import harvest, payload
from mcpaudit.rules.registry import LOWER, Rule, RuleContext, rule
from mcpaudit.sanitize import one_line
from mcpaudit.secrets_mask import mask_secret_like

_PROJECT_SCOPES = ("project", "local")
RAISE = {v: k for k, v in LOWER.items() if k != v}  # one step up: info->low … high->critical


@dataclass(frozen=True)
class Hook:
    file: ConfigFile
    event: str
    command: str
    pointer: str

    @property
    def from_project(self) -> bool:
        return self.file.scope in _PROJECT_SCOPES

    @property
    def at_session_start(self) -> bool:
        return "sessionstart" in self.event.lower().replace("_", "")


# Keys holding a shell command in a flat hook entry: Cursor and Windsurf `command`,
# GitHub Copilot `bash` and `powershell`.
_COMMAND_KEYS = ("command", "bash", "powershell")


def hooks(ctx: RuleContext) -> Iterator[Hook]:
    """Every command hook in the files mcpaudit reads."""
    for f in ok_files(ctx):
        data = f.data
        if not isinstance(data, dict):
            continue
        notify = data.get("notify") if f.client == "codex" else None
        if isinstance(notify, list) and notify and all(isinstance(a, str) for a in notify):
            # Codex runs this program (argv, no shell) when a turn ends.
            yield Hook(f, "notify", shlex.join(notify), "/notify")
        table = data.get("hooks")
        if not isinstance(table, dict):
            continue
        for event, entries in table.items():
            if not isinstance(entries, list):
                continue
            base = f"/hooks/{escape_pointer_token(str(event))}"
            for i, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    continue
                for key in _COMMAND_KEYS:  # flat: {command} / {type, bash, powershell}
                    if isinstance(entry.get(key), str):
                        yield Hook(f, str(event), entry[key], f"{base}/{i}/{key}")
                inner = entry.get("hooks")  # Claude Code, Gemini CLI, Codex: {matcher, hooks}
                for j, h in enumerate(inner if isinstance(inner, list) else []):
                    if isinstance(h, dict) and isinstance(h.get("command"), str):
                        yield Hook(f, str(event), h["command"], f"{base}/{i}/hooks/{j}/command")


def _as_server(hook: Hook) -> Server:
    """The hook's command line as a stdio launch line, for the inline-code reader."""
    try:
        words = shlex.split(hook.command)
    except ValueError:
        words = hook.command.split()
    values = [Value(w, hook.pointer, hook.file.line_of(hook.pointer)) for w in words[:64]]
    return Server(
        name=f"hook {hook.event}",
        client=hook.file.client,
        file=hook.file.path,
        pointer=hook.pointer,
        line=None,
        transport=Transport.STDIO,
        command=values[0] if values else None,
        args=tuple(values[1:]),
    )


def verdicts(hook: Hook) -> list[tuple[Severity, str]]:
    """What is dangerous in one hook command, worst first (empty: nothing)."""
    text = hook.command
    out: list[tuple[Severity, str]] = []
    if PIPE_TO_SHELL.search(text):
        out.append((Severity.HIGH, "downloads a script and runs it"))
    if ENCODED.search(text):
        out.append((Severity.HIGH, "decodes an encoded payload and runs it"))
    if SUDO.search(text):
        out.append((Severity.HIGH, "runs sudo"))
    if EVAL.search(text):
        out.append((Severity.MEDIUM, "uses eval"))
    first = text.strip().split(" ", 1)[0] if text.strip() else ""
    if WORLD_WRITABLE.match(first):
        out.append((Severity.HIGH, f"runs {first!r} from a world-writable directory"))
    # The hook is itself a shell line: `python3 -c …`, `bash -lc "node -e …"`, heredocs.
    server = _as_server(hook)
    value = Value(hook.command, hook.pointer, hook.file.line_of(hook.pointer))
    for found in codes_in_script(hook.command, value, server, "the hook"):
        traits = analyse(found)
        for verdict in (payload(traits), harvest(traits)):
            if verdict is not None:
                out.append((verdict[0], f"runs {found.language} code that {verdict[1]}"))
    out.sort(key=lambda v: -v[0].rank)
    return out


@rule(
    "MCP341",
    "dangerous-hook-command",
    "shell_command",
    Severity.HIGH,
    "An agent hook runs a dangerous shell command",
    "Remove the hook unless you wrote it; run only reviewed scripts kept in the repository "
    "(e.g. `./.claude/hooks/format.sh`), never downloads, decoded blobs or inline code.",
)
def dangerous_hook(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Hooks are shell commands the client runs by itself on agent events (a session
    starting, a tool about to run, a prompt submitted), with your rights and no prompt.
    The same patterns as in a server's start line are reported: `curl … | sh`, decoded
    payloads, sudo, programs in /tmp, inline interpreter code that downloads, decodes or
    reads credentials (MCP301-308). A hook in a project's own settings runs whatever a
    cloned repository says, so its severity is one step higher."""
    for hook in hooks(ctx):
        found = verdicts(hook)
        if not found:
            continue
        severity, why = found[0]
        if hook.from_project:
            severity = RAISE.get(severity, severity)
        whose = "project" if hook.from_project else "user"
        yield r.finding(
            f"{whose} {hook.event} hook {why}",
            file=hook.file,
            pointer=hook.pointer,
            evidence=one_line(mask_secret_like(hook.command), 160),
            severity=severity,
        )


@rule(
    "MCP340",
    "project-hook-at-session-start",
    "shell_command",
    Severity.LOW,
    "A project's settings run a command when a session starts",
    "Read the command and the script it starts; keep project hooks to reviewed scripts in "
    "the repository, and remove ones you do not need.",
)
def project_session_hook(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A session-start hook in a project's settings (`.claude/settings.json`,
    `.gemini/settings.json`, `.cursor/hooks.json`, `.codex/hooks.json`,
    `.github/hooks/*.json`) runs as soon as you open the agent in a
    cloned repository, before you asked it anything. Even a benign-looking command is worth
    knowing about: it is code the repository's authors run on your machine."""
    seen: set[tuple[str, str]] = set()
    for hook in hooks(ctx):
        entry = (hook.file.path, hook.pointer.rsplit("/", 1)[0])  # Copilot: bash + powershell
        if hook.from_project and hook.at_session_start and entry not in seen:
            seen.add(entry)
            yield r.finding(
                f"project {hook.event} hook runs {one_line(hook.command, 80)!r} at every "
                "session start",
                file=hook.file,
                pointer=hook.pointer,
                evidence=one_line(mask_secret_like(hook.command), 160),
            )
