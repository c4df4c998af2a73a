"""What a dangerous launch looks like: inline shell scripts, download-to-shell, encoded
payloads, privilege switches, programs in world-writable folders. Pure string work, shared
by the MCP30x rules, the hook rules and the path checks of the scan."""

from __future__ import annotations

import re

from mcpaudit.model import Server, Value
from mcpaudit.rules.launch import basename, launch_line

_POSIX_SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "fish", "ash", "busybox"}
_POWERSHELL = {"powershell", "pwsh"}


def inline_script(server: Server) -> tuple[Value, str] | None:
    """(value, script) when the server is a shell running an inline script."""
    line = launch_line(server)
    if not line:
        return None
    head = basename(line[0].text)
    args = line[1:]
    if head in _POSIX_SHELLS:
        for i, a in enumerate(args):
            if re.fullmatch(r"-[a-z]*c[a-z]*", a.text) and i + 1 < len(args):
                return args[i + 1], args[i + 1].text
    if head in _POWERSHELL:
        for i, a in enumerate(args):
            flag = a.text.lower()
            if flag in ("-command", "-c", "/c") and i + 1 < len(args):
                script = " ".join(v.text for v in args[i + 1 :])
                return args[i + 1], script
            if flag in ("-encodedcommand", "-enc", "-ec", "-e") and i + 1 < len(args):
                return args[i + 1], f"-EncodedCommand {args[i + 1].text}"
    if head in ("cmd",) and len(args) >= 2 and args[0].text.lower() in ("/c", "/k"):
        return args[1], " ".join(v.text for v in args[1:])
    if head in ("npx", "npm") and any(a.text in ("-c", "--call") for a in args):
        i = next(i for i, a in enumerate(args) if a.text in ("-c", "--call"))
        if i + 1 < len(args):
            return args[i + 1], args[i + 1].text
    command = server.command
    if (
        command is not None
        and " " in command.text.strip()
        and re.search(r"[|;&`$<>]", command.text)
    ):
        return command, command.text  # a whole shell line written as the command
    return None


PIPE_TO_SHELL = re.compile(
    r"(?i)\b(curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^\n]*?"
    r"\|\s*(sudo\s+)?(sh|bash|zsh|dash|ksh|python3?|node|perl|ruby|iex|invoke-expression)\b"
    r"|(sh|bash|zsh)\s+<\(\s*(curl|wget)\b"
    r"|\$\(\s*(curl|wget)\b[^)]*\)"
    r"|(?i:\b(iex|invoke-expression)\b[^\n]*\b(iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring)\b)"
)
ENCODED = re.compile(
    r"(?i)base64\s+(-d|--decode|-D)\b|frombase64string|-encodedcommand\b|\bb64decode\b|atob\("
)
EVAL = re.compile(r"\beval\b")
SUDO = re.compile(r"(?:^|[\s;&|(])(sudo|doas|pkexec|runas)\b")


WORLD_WRITABLE = re.compile(
    r"^(/tmp/|/var/tmp/|/dev/shm/|/private/tmp/|/private/var/tmp/|"
    r"(?i:[a-z]:[\\/](windows[\\/])?temp[\\/])|(?i:%temp%|%tmp%|\$tmpdir|\$\{tmpdir\}))"
)
_INTERPRETERS = {"node", "python", "python3", "deno", "bun", "ruby", "perl", "php", "java"}
_INTERPRETERS |= _POSIX_SHELLS


def exec_targets(server: Server) -> list[Value]:
    """The program a server starts and, for an interpreter, the script it is given."""
    line = launch_line(server)
    if not line:
        return []
    targets = [line[0]]
    if basename(line[0].text) in _INTERPRETERS:
        targets += [v for v in line[1:] if not v.text.startswith("-")][:1]
    return targets
