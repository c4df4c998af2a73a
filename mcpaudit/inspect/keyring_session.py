"""The desktop session a keychain launcher needs during a live inspection (Linux only).

A server started through `mcpaudit-run --secret NAME=keyring:…` reads its secret from the
OS keychain before it `exec`s the server. On Linux that keychain (GNOME Keyring, KWallet
through the Secret Service API) is reached over the D-Bus session bus, which a GUI
client passes on in its environment (`DBUS_SESSION_BUS_ADDRESS`, and `XDG_RUNTIME_DIR`
where the bus socket lives). The live inspection gives a child only PATH/HOME/LANG, so
without these the launcher could not read the secret and the server would not start.

Decision: pass the two variables through, from mcpaudit's own environment, only to an
entry that starts through the launcher with a `keyring:` secret, and only to the
launcher: `MCPAUDIT_RUN_UNSET` names them, and the launcher drops them before the `exec`.
The inspected server gets what it gets from its client (its secret) but not the session
bus, from which an unlocked keychain would hand any caller every other secret in it. On
macOS and Windows the keychain needs no environment: nothing is passed.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from mcpaudit.model import Server

SESSION_VARS = ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")
UNSET = "MCPAUDIT_RUN_UNSET"  # read by mcpaudit/launcher.py


def _launcher_options(server: Server) -> list[str]:
    """The launcher's own options (before `--`), or [] when the entry is no launcher."""
    line = ([server.command.text] if server.command else []) + [a.text for a in server.args]
    if not line:
        return []
    head = line[0].replace("\\", "/").rsplit("/", 1)[-1].lower().removesuffix(".exe")
    if head == "mcpaudit-run":
        rest = line[1:]
    elif line[1:3] == ["-m", "mcpaudit.launcher"]:
        rest = line[3:]
    else:
        return []
    return rest[: rest.index("--")] if "--" in rest else rest


def reads_keychain(server: Server) -> bool:
    """The entry starts through mcpaudit-run and one of its secrets is a `keyring:` one."""
    options = _launcher_options(server)
    return any("=keyring:" in o for o in options)


def session_env(server: Server, parent: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """(variables for the launcher's environment, a note for the consent view)."""
    if not sys.platform.startswith("linux") or not reads_keychain(server):
        return {}, None
    passed = {k: parent[k] for k in SESSION_VARS if parent.get(k)}
    if not passed:
        return {}, None
    names = ", ".join(passed)
    passed[UNSET] = ",".join(passed)
    note = (
        f"{names} go to mcpaudit-run only, so it can read the keychain; "
        "it drops them before the server starts"
    )
    return passed, note
