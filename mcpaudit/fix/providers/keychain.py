"""MCP101 for clients that cannot refer to a secret kept elsewhere: the keychain launcher.

Claude Desktop, Zed, Cline, LM Studio and the other clients without an env reference
syntax pass `env` to the server literally, so the existing fix could only `chmod 600` the
file. This one moves every literal secret of the server's `env` into the OS keychain
(service `mcpaudit`, one account per server and variable) and rewrites the entry to start
through `mcpaudit-run`, which reads them back and `exec`s the server unchanged:

    "command": "npx", "args": ["-y", "pkg"], "env": {"TOKEN": "ghp_…"}
 -> "command": "/abs/path/mcpaudit-run",
    "args": ["--secret", "TOKEN=keyring:mcpaudit/SERVER_TOKEN", "--", "npx", "-y", "pkg"]

A secret in an argument (MCP104: `--api-key sk-…`, `postgres://u:PW@host/db`) moves the
same way; the argument keeps a `{secret:NAME}` placeholder that the launcher fills in
before the `exec` (`--arg-secret`, not put in the environment). The value is then still on
the server's command line while it runs (the process list), which the description says:
the config no longer holds it, the process list still does. One fix per server covers
its env and its arguments (MCP101 and MCP104 share the fix id), so it is wrapped once.

Offered only when `keyring` is installed (the `keyring` extra) and a backend works;
elsewhere the chmod fix stays. The store is checked again before anything is written.
Unsafe: the server now depends on the keychain being unlocked when the client starts
it. Undo restores the file's exact bytes and takes out the keychain entries the fix
added (see `secretstore.revert`).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import sys
from pathlib import Path

from mcpaudit.model import Edit, Finding, Fix, Server, Transport, Value
from mcpaudit.rules.launch import basename
from mcpaudit.rules.secrets import arg_secrets
from mcpaudit.secrets import SecretMatch, find_secrets

from .. import pointer as ptr
from .registry import FixContext, fix_id, provides
from .secrets import env_name

SERVICE = "mcpaudit"
# Clients with a reference syntax or a secret store of their own keep their own fix.
_OWN_FIX = frozenset({"codex", "goose", "continue", "vscode"})
LAUNCHER_NAMES = frozenset({"mcpaudit-run"})


def launcher_command() -> list[str]:
    """The absolute command that starts the launcher on this machine."""
    name = "mcpaudit-run.exe" if os.name == "nt" else "mcpaudit-run"
    beside = Path(sys.executable).with_name(name)  # the console script of this install
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("mcpaudit-run")
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "mcpaudit.launcher"]


def is_launcher(server: Server) -> bool:
    line = server.command_line
    if not line:
        return False
    if basename(line[0]) in LAUNCHER_NAMES:
        return True
    return line[1:3] == ["-m", "mcpaudit.launcher"]


@functools.cache  # asked once per scan at most, only when a server needs it
def keyring_usable() -> bool:
    """`keyring` is installed and a backend other than its "fail" one is configured."""
    if importlib.util.find_spec("keyring") is None:
        return False
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring

        return not isinstance(keyring.get_keyring(), FailKeyring)
    except Exception:  # a broken backend plug-in: no keychain fix, the chmod one remains
        return False


def _arg_moves(server: Server) -> list[tuple[int, Value, str, tuple[int, int]]]:
    """(index in args, arg, label, span of the secret in the arg's text), one per arg."""
    index = {id(v): i for i, v in enumerate(server.args)}
    out: dict[int, tuple[int, Value, str, tuple[int, int]]] = {}
    for v, flag, m in arg_secrets(server):
        i = index.get(id(v))
        if i is None or i in out:  # the command itself, or a second secret in one arg
            continue
        offset = len(flag) + 1 if flag and v.text.startswith(flag + "=") else 0
        span = (offset + m.start, offset + m.end)
        if v.text[span[0] : span[1]] != m.value:
            continue
        out[i] = (i, v, _label(flag, m), span)
    return [out[i] for i in sorted(out)]


def _label(flag: str | None, m: SecretMatch) -> str:
    if flag:
        return flag.lstrip("-")
    return "url_password" if "url" in m.kind else "secret"


@provides("MCP101", "MCP104")
def keychain_launcher(finding: Finding, ctx: FixContext) -> Fix | None:
    cfg = ctx.file(finding.file)
    server = ctx.server_for(finding)
    if cfg is None or server is None or server.command is None:
        return None
    spec = ctx.client(cfg.client)
    if cfg.client in _OWN_FIX or (spec is not None and spec.env_ref_template):
        return None  # the reference fix (providers/secrets.py) is better there
    if server.transport != Transport.STDIO or is_launcher(server):
        return None
    if any("{secret:" in a.text for a in server.args):
        return None  # a literal placeholder would be filled in by the launcher
    moved = [v for v in server.env if v.key and not v.is_reference and find_secrets(v.text, v.key)]
    in_args = _arg_moves(server)
    if not (moved or in_args) or not keyring_usable():
        return None
    entry = ptr.parent(server.command.pointer)[0]
    args_pointer = ptr.parent(server.args[0].pointer)[0] if server.args else None
    args_pointer = args_pointer or ptr.child(entry, "args")
    launcher = launcher_command()
    new_args = launcher[1:]
    edits: list[Edit] = []
    names, taken = [], set()
    for v in moved:
        account = env_name(server.name, v.key or "")
        taken.add(account)
        names.append(f"env {v.key}")
        new_args += ["--secret", f"{v.key}=keyring:{SERVICE}/{account}"]
        edits.append(
            Edit(
                "store_secret",
                v.pointer,
                {"name": account, "start": 0, "end": len(v.text), "store": "keyring"},
            )
        )
        edits.append(Edit("delete", v.pointer))
    server_args = [a.text for a in server.args]
    for i, v, label, (start, end) in in_args:
        account, n = env_name(server.name, label), 1
        while account in taken:
            n += 1
            account = env_name(server.name, label, str(n))
        taken.add(account)
        names.append(f"argument {i + 1}" + (f" ({label})" if label != "secret" else ""))
        new_args += ["--arg-secret", f"{account}=keyring:{SERVICE}/{account}"]
        edits.append(
            Edit(
                "store_secret",
                v.pointer,
                {"name": account, "start": start, "end": end, "store": "keyring"},
            )
        )
        server_args[i] = v.text[:start] + "{secret:" + account + "}" + v.text[end:]
    new_args += ["--", server.command.text, *server_args]
    edits += [Edit("set", server.command.pointer, launcher[0]), Edit("set", args_pointer, new_args)]
    them = "them" if len(names) > 1 else "it"
    description = (
        f"move the secret in {', '.join(names)} into the OS keychain (service {SERVICE}) and "
        f"start server {server.name!r} through mcpaudit-run, which reads {them} back at each "
        "start; the config keeps only where the secret lives"
    )
    if in_args:
        description += (
            "; a secret the server takes as an argument is still on its command line while "
            "it runs (the process list shows it to every local user): if the server can read "
            "it from an environment variable, put it in env instead"
        )
    return Fix(
        id=fix_id("MCP101", cfg.path, server.pointer, "keychain"),  # one fix per server
        rule_id=finding.rule_id,
        description=description,
        safe=False,
        path=cfg.path,
        edits=tuple(edits),
    )
