"""Where a secret moved out of a config file goes.

- `envfile` (default): `export NAME='value'` lines in `<user config dir>/secrets.env`,
  a 0600 file in a 0700 folder, to `source` from your shell profile. CLI clients
  (Claude Code, Gemini CLI, Codex, opencode, Copilot CLI) started from that shell
  see the variable; GUI apps started from the desktop may not.
- `keyring`: the OS keyring through the `keyring` library (when installed and a
  backend works), service `mcpaudit`, user NAME; read it back with
  `keyring get mcpaudit NAME`.
- `manual`: stored nowhere by mcpaudit: you put it in your password manager.
  The value is shown redacted only; it stays in the 0600 backup until you delete
  that (`mcpaudit undo --list` shows where).

What moving the secret protects: the config file no longer holds it, so it does not
leak through dotfile repos, project files committed to git, synced folders, bug
reports or other tools that read client configs. What it does not protect: anything
running as you can still read the env file, the keyring (often unlocked), or the
server process's environment.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mcpaudit.redact import redact

from .errors import FixError
from .store import config_dir, write_private

STORES = ("envfile", "keyring", "manual")
_EXPORT = re.compile(r"^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


class SecretStore(Protocol):
    name: str

    def check(self, key: str, value: str) -> None:
        """Raise FixError when `put` would fail (called before any file is written)."""

    def put(self, key: str, value: str) -> str:
        """Store the secret; return a sentence saying where it went."""

    def holds(self, key: str) -> bool:
        """True when the store already has `key` (then undo must leave it there)."""

    def remove(self, key: str, value_sha256: str) -> bool:
        """Take `key` out again if it still holds that value; True when removed."""


def env_file_path() -> Path:
    return config_dir() / "secrets.env"


@dataclass
class EnvFileStore:
    path: Path
    name: str = "envfile"

    def _read(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        out = {}
        for line in self.path.read_text(encoding="utf-8").split("\n"):
            m = _EXPORT.match(line)
            if m:
                parts = shlex.split(m.group(2)) or [""]
                out[m.group(1)] = parts[0]
        return out

    def check(self, key: str, value: str) -> None:
        existing = self._read().get(key)
        if existing is not None and existing != value:
            raise FixError(
                f"{self.path} already sets {key} to a different value; "
                "rename or remove it there first"
            )

    def put(self, key: str, value: str) -> str:
        self.check(key, value)
        current = self._read()
        if key not in current:
            text = (
                self.path.read_text(encoding="utf-8")
                if self.path.exists()
                else (
                    "# Secrets moved out of MCP client configs by mcpaudit.\n"
                    "# Source this file from your shell profile: . " + str(self.path) + "\n"
                )
            )
            if text and not text.endswith("\n"):
                text += "\n"
            text += f"export {key}={shlex.quote(value)}\n"
            write_private(self.path, text.encode("utf-8"))
        return f"{key} saved in {self.path} (mode 0600); source it from your shell profile"

    def holds(self, key: str) -> bool:
        return key in self._read()

    def remove(self, key: str, value_sha256: str) -> bool:
        current = self._read().get(key)
        if current is None or _sha(current) != value_sha256:
            return False  # changed since: it is the user's now
        lines = self.path.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines if not _is_export_of(line, key)]
        write_private(self.path, "\n".join(kept).encode("utf-8"))
        return True


@dataclass
class KeyringStore:
    name: str = "keyring"
    service: str = "mcpaudit"

    def _keyring(self):  # type: ignore[no-untyped-def]
        try:
            import keyring
            from keyring.backends.fail import Keyring as FailKeyring
        except ImportError:
            raise FixError("the keyring store needs the `keyring` package") from None
        if isinstance(keyring.get_keyring(), FailKeyring):
            raise FixError("no OS keyring backend is available here; use --secret-store envfile")
        return keyring

    def check(self, key: str, value: str) -> None:
        keyring = self._keyring()
        try:
            existing = keyring.get_password(self.service, key)
        except Exception as exc:  # a locked or broken backend: say so before writing anything
            raise FixError(f"the OS keyring cannot be read ({type(exc).__name__})") from None
        if existing is not None and existing != value:
            raise FixError(
                f"the keyring already holds a different {key} (service {self.service}); "
                "remove it there first"
            )

    def put(self, key: str, value: str) -> str:
        self._keyring().set_password(self.service, key, value)
        return f"{key} saved in the OS keyring (service {self.service}); export it before use"

    def holds(self, key: str) -> bool:
        return self._keyring().get_password(self.service, key) is not None

    def remove(self, key: str, value_sha256: str) -> bool:
        kr = self._keyring()
        current = kr.get_password(self.service, key)
        if current is None or _sha(current) != value_sha256:
            return False
        kr.delete_password(self.service, key)
        return True


@dataclass
class ManualStore:
    name: str = "manual"

    def check(self, key: str, value: str) -> None:
        return None

    def put(self, key: str, value: str) -> str:
        return f"{key} not stored: keep {redact(value)} in your password manager and set {key}"

    def holds(self, key: str) -> bool:
        return True  # nothing of ours to take back

    def remove(self, key: str, value_sha256: str) -> bool:
        return False


def make_store(name: str | None = None) -> SecretStore:
    name = name or os.environ.get("MCPAUDIT_SECRET_STORE") or "envfile"
    if name == "envfile":
        return EnvFileStore(env_file_path())
    if name == "keyring":
        return KeyringStore()
    if name == "manual":
        return ManualStore()
    raise FixError(f"unknown secret store {name!r} (expected one of: {', '.join(STORES)})")


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _is_export_of(line: str, key: str) -> bool:
    m = _EXPORT.match(line)
    return m is not None and m.group(1) == key


def put_recorded(store: SecretStore, key: str, value: str) -> tuple[str, dict[str, str] | None]:
    """`store.put`, plus the journal record undo needs to take the secret out again
    (None when the store already held it: that one is not ours to remove)."""
    try:
        added = not store.holds(key)
    except FixError:
        added = False  # cannot tell: leave it to the user rather than remove theirs
    message = store.put(key, value)
    if not added:
        return message, None
    record = {"store": store.name, "name": key, "sha256": _sha(value)}
    if isinstance(store, EnvFileStore):
        record["path"] = str(store.path)
    return message, record


def forget_recorded(records: tuple[dict[str, str], ...]) -> list[str]:
    """Undo's half: remove what `put_recorded` added; messages for what stays and why."""
    notes = []
    for r in records:
        name, kind = r.get("name", ""), r.get("store")
        try:
            if kind == "envfile":
                store: SecretStore = EnvFileStore(Path(r.get("path") or env_file_path()))
            elif kind == "keyring":
                store = KeyringStore()
            else:
                continue
            removed = store.remove(name, r.get("sha256", ""))
        except (FixError, OSError) as exc:
            notes.append(f"{name} left in the {kind} store: {exc}")
            continue
        if removed:
            where = r.get("path") if kind == "envfile" else "the OS keyring"
            notes.append(f"{name} removed from {where}")
        else:
            notes.append(f"{name} left in the {kind} store: its value changed after the fix")
    return notes
