"""`mcpaudit-run`: start an MCP server with its secrets taken from the OS keychain.

    mcpaudit-run --secret NAME=keyring:SERVICE/ACCOUNT [--secret NAME=file:KEY] -- CMD ARG...

Each secret is read from the OS keychain with `keyring` (`keyring:SERVICE/ACCOUNT`) or
from mcpaudit's 0600 secrets file (`file:KEY`, an `export KEY=…` line of
`~/.config/mcpaudit/secrets.env`), put in the environment as NAME, and the server is
`exec`ed unchanged: the process keeps its pid, its stdio and its signals, so the client
talks to the server itself. The config and the process list name only where the secret
lives, never its value. The pattern `op run --` made familiar.

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

USAGE = "usage: mcpaudit-run --secret NAME=keyring:SERVICE/ACCOUNT [--secret …] -- COMMAND [ARG…]"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EXPORT = re.compile(r"^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


class LaunchError(Exception):
    """A usage error or a secret that cannot be read; the message never holds a value."""


def parse(argv: Sequence[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """([(NAME, kind, where)], command) from the launcher's arguments."""
    secrets: list[tuple[str, str, str]] = []
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
        if arg == "--secret" and i + 1 < len(argv):
            spec, i = argv[i + 1], i + 2
        elif arg.startswith("--secret="):
            spec, i = arg.split("=", 1)[1], i + 1
        else:
            raise LaunchError(f"unexpected argument {arg!r}\n{USAGE}")
        name, eq, source = spec.partition("=")
        kind, colon, where = source.partition(":")
        if not (eq and colon and _NAME.match(name) and kind in ("keyring", "file") and where):
            raise LaunchError(
                f"--secret wants NAME=keyring:SERVICE/ACCOUNT or NAME=file:KEY, not {spec!r}"
            )
        if kind == "keyring" and "/" not in where:
            raise LaunchError(f"--secret {name}: keyring:SERVICE/ACCOUNT needs both parts")
        secrets.append((name, kind, where))
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
            "keyring: secrets need the `keyring` package (pip install 'mcpaudit[keyring]')"
        ) from None
    try:
        value = keyring.get_password(service, account)
    except KeyringError as exc:
        raise LaunchError(f"the OS keychain could not be read: {type(exc).__name__}") from None
    if value is None:
        raise LaunchError(f"no secret for service {service!r}, account {account!r} in the keychain")
    return value


def environment(secrets: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    env = dict(os.environ)
    for name, kind, where in secrets:
        try:
            env[name] = read_keyring_secret(where) if kind == "keyring" else read_file_secret(where)
        except LaunchError as exc:
            raise LaunchError(f"--secret {name}: {exc}") from None
    return env


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        secrets, command = parse(args)
        env = environment(secrets)
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
