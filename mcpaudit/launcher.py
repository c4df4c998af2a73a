"""`mcpaudit-run`: start an MCP server with its secrets taken from the OS keychain.

    mcpaudit-run --secret NAME=keyring:SERVICE/ACCOUNT [--secret NAME=file:KEY]
                 [--arg-secret NAME=SOURCE] -- CMD ARG...

Each secret is read from the OS keychain with `keyring` (`keyring:SERVICE/ACCOUNT`) or
from mcpaudit's 0600 secrets file (`file:KEY`, an `export KEY=…` line of
`~/.config/mcpaudit/secrets.env`), put in the environment as NAME, and the server is
`exec`ed unchanged: the process keeps its pid, its stdio and its signals, so the client
talks to the server itself. The config names only where the secret lives, never its
value. The pattern `op run --` made familiar.

For a server that only takes its secret as an argument (`--api-key X`, a URL with a
password), `{secret:NAME}` anywhere in CMD ARG... is replaced by the value of a declared
secret; `--arg-secret` declares one for that use only (it is not put in the environment).
The value is then on the server's own command line, which every local user can read in
the process list: prefer `--secret` (environment) when the server can read it from there.

`MCPAUDIT_RUN_UNSET=A,B` names variables the launcher needs (the D-Bus session that a
Linux keychain is reached through) but the server must not get: mcpaudit's live
inspection sets it; they are dropped before the `exec`.

This module is a console script of its own: it imports only the standard library (and
`keyring` when a secret asks for it) so that it adds tens of milliseconds to a start.
Exit codes: 2 for usage errors and secrets that cannot be read (said on stderr, without
the value); otherwise the server's own.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import sys
from collections.abc import Sequence

USAGE = (
    "usage: mcpaudit-run --secret NAME=keyring:SERVICE/ACCOUNT [--secret …] "
    "[--arg-secret NAME=SOURCE …] -- COMMAND [ARG…]  ({secret:NAME} in ARG is replaced)"
)
UNSET = "MCPAUDIT_RUN_UNSET"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{secret:([^{}]*)\}")
_EXPORT = re.compile(r"^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


class LaunchError(Exception):
    """A usage error or a secret that cannot be read; the message never holds a value."""


Spec = tuple[str, str, str, bool]  # (NAME, kind, where, into the environment)


def parse(argv: Sequence[str]) -> tuple[list[Spec], list[str]]:
    """([(NAME, kind, where, env)], command) from the launcher's arguments."""
    secrets: list[Spec] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            command = list(argv[i + 1 :])
            if not command:
                raise LaunchError("no command after --")
            return secrets, command
        if arg in ("-h", "--help"):
            raise LaunchError(USAGE)
        flag = arg.split("=", 1)[0]
        if flag not in ("--secret", "--arg-secret"):
            raise LaunchError(f"unexpected argument {arg!r}\n{USAGE}")
        if "=" in arg:
            spec, i = arg.split("=", 1)[1], i + 1
        elif i + 1 < len(argv):
            spec, i = argv[i + 1], i + 2
        else:
            raise LaunchError(f"unexpected argument {arg!r}\n{USAGE}")
        name, eq, source = spec.partition("=")
        kind, colon, where = source.partition(":")
        if not (eq and colon and _NAME.match(name) and kind in ("keyring", "file") and where):
            raise LaunchError(
                f"{flag} wants NAME=keyring:SERVICE/ACCOUNT or NAME=file:KEY, not {spec!r}"
            )
        if kind == "keyring" and "/" not in where:
            raise LaunchError(f"{flag} {name}: keyring:SERVICE/ACCOUNT needs both parts")
        if any(s[0] == name for s in secrets):
            raise LaunchError(f"{flag} {name}: declared twice")
        secrets.append((name, kind, where, flag == "--secret"))
    raise LaunchError(f"missing -- before the server's command\n{USAGE}")


def secrets_file() -> str:
    """mcpaudit's secrets file (the `envfile` store of `mcpaudit fix`), without platformdirs."""
    override = os.environ.get("MCPAUDIT_SECRETS_FILE")
    if override:
        return override
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Application Support")
    else:
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        base = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.config")
    return os.path.join(base, "mcpaudit", "secrets.env")


def read_file_secret(key: str, path: str | None = None) -> str:
    path = path or secrets_file()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise LaunchError(f"cannot open the secrets file {path}: {exc.strerror}") from None
    with os.fdopen(fd, "r", encoding="utf-8") as fh:
        st = os.fstat(fh.fileno())
        if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise LaunchError(
                f"{path} is readable by others (mode {stat.S_IMODE(st.st_mode):o}); "
                "chmod 600 it first"
            )
        if os.name == "posix" and st.st_uid != os.getuid():
            raise LaunchError(f"{path} belongs to another user")
        for line in fh.read(1 << 20).split("\n"):
            m = _EXPORT.match(line)
            if m and m.group(1) == key:
                parts = shlex.split(m.group(2)) or [""]
                return parts[0]
    raise LaunchError(f"{key} is not in {path}")


def read_keyring_secret(where: str) -> str:
    service, _, account = where.rpartition("/")
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise LaunchError(
            "keyring: secrets need the `keyring` package (pip install 'mcp-laptop-audit[keyring]')"
        ) from None
    try:
        value = keyring.get_password(service, account)
    except KeyringError as exc:
        raise LaunchError(f"the OS keychain could not be read: {type(exc).__name__}") from None
    if value is None:
        raise LaunchError(f"no secret for service {service!r}, account {account!r} in the keychain")
    return value


def read_secrets(secrets: Sequence[Spec]) -> dict[str, str]:
    values = {}
    for name, kind, where, _ in secrets:
        try:
            values[name] = (
                read_keyring_secret(where) if kind == "keyring" else read_file_secret(where)
            )
        except LaunchError as exc:
            raise LaunchError(f"--secret {name}: {exc}") from None
    return values


def environment(secrets: Sequence[Spec], values: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: ours, minus what MCPAUDIT_RUN_UNSET names, plus the
    `--secret` values."""
    values = read_secrets(secrets) if values is None else values
    env = dict(os.environ)
    for name in env.pop(UNSET, "").split(","):
        env.pop(name.strip(), None)
    env.update((name, values[name]) for name, _, _, into_env in secrets if into_env)
    return env


def substitute(command: Sequence[str], values: dict[str, str]) -> list[str]:
    """`{secret:NAME}` in each argument replaced by the value of the declared NAME."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in values:
            raise LaunchError(f"{m.group(0)} names no --secret or --arg-secret")
        if "\0" in values[name]:
            raise LaunchError(f"--secret {name}: a NUL byte cannot go into an argument")
        return values[name]

    return [_PLACEHOLDER.sub(one, arg) if "{secret:" in arg else arg for arg in command]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        secrets, command = parse(args)
        values = read_secrets(secrets)
        env = environment(secrets, values)
        command = substitute(command, values)
    except LaunchError as exc:
        sys.stderr.write(f"mcpaudit-run: {exc}\n")
        return 2
    try:
        os.execvpe(command[0], command, env)
    except OSError as exc:
        sys.stderr.write(f"mcpaudit-run: cannot start {command[0]!r}: {exc.strerror}\n")
        return 127 if isinstance(exc, FileNotFoundError) else 126
    return 0  # pragma: no cover - exec does not return


if __name__ == "__main__":
    sys.exit(main())
