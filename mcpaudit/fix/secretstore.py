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

The store is part of the fix's transaction: `begin` (before any config is written)
returns what the journal records, `commit` writes it last, and `revert` takes out
exactly what that transaction added (on rollback, and on `mcpaudit undo`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mcpaudit.redact import redact

from .errors import FixError
from .store import config_dir, read_private, write_private

STORES = ("envfile", "keyring", "manual")
_EXPORT = re.compile(r"^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
_HEADER = "# Secrets moved out of MCP client configs by mcpaudit.\n"


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class StoreChange:
    """What one transaction adds to a store: `record` goes into the journal before
    anything is written, `commit` writes it (last) and returns sentences for the user."""

    record: dict[str, Any]
    commit: Callable[[], list[str]] = field(repr=False)
    backup: bytes | None = field(default=None, repr=False)  # the store file before


class SecretStore(Protocol):
    name: str

    def get(self, key: str) -> str | None:
        """The value stored under `key`, or None (absent, or the store cannot tell)."""

    def check(self, key: str, value: str) -> None:
        """Raise FixError when storing would fail (called before any file is written)."""

    def begin(self, items: Sequence[tuple[str, str]]) -> StoreChange:
        """Plan storing `items` (name, value); nothing is written until `commit`."""


def env_file_path() -> Path:
    return config_dir() / "secrets.env"


def _parse_env(text: str) -> dict[str, str]:
    out = {}
    for line in text.split("\n"):
        m = _EXPORT.match(line)
        if m:
            try:
                parts = shlex.split(m.group(2)) or [""]
            except ValueError:
                continue
            out[m.group(1)] = parts[0]
    return out


@dataclass
class EnvFileStore:
    path: Path
    name: str = "envfile"

    def _raw(self) -> bytes | None:
        if not os.path.lexists(self.path):
            return None
        return read_private(self.path)

    def _read(self) -> dict[str, str]:
        raw = self._raw()
        return _parse_env(raw.decode("utf-8", "replace")) if raw is not None else {}

    def get(self, key: str) -> str | None:
        return self._read().get(key)

    def check(self, key: str, value: str) -> None:
        existing = self.get(key)
        if existing is not None and existing != value:
            raise FixError(
                f"{self.path} already sets {key} to a different value; "
                "rename or remove it there first"
            )

    def begin(self, items: Sequence[tuple[str, str]]) -> StoreChange:
        raw = self._raw()
        text = raw.decode("utf-8") if raw is not None else ""
        current = _parse_env(text)
        if raw is None:
            text = _HEADER + f"# Source this file from your shell profile: . {self.path}\n"
        added = []
        for key, value in items:
            if current.get(key) == value:
                continue
            self.check(key, value)
            if text and not text.endswith("\n"):
                text += "\n"
            text += f"export {key}={shlex.quote(value)}\n"
            current[key] = value
            added.append({"name": key, "sha256": _sha(value)})
        new = text.encode("utf-8")
        record: dict[str, Any] = {
            "kind": "envfile",
            "path": str(self.path),
            "existed": raw is not None,
            "sha256_before": hashlib.sha256(raw).hexdigest() if raw is not None else None,
            "sha256_after": hashlib.sha256(new).hexdigest() if added else None,
            "added": added,
        }
        names = ", ".join(a["name"] for a in added)

        def commit() -> list[str]:
            if not added:
                return []
            write_private(self.path, new)
            return [f"{names} saved in {self.path} (mode 0600); source it from your shell profile"]

        return StoreChange(record, commit, raw)

    def put(self, key: str, value: str) -> str:
        return " ".join(self.begin([(key, value)]).commit()) or f"{key} already in {self.path}"


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

    def get(self, key: str) -> str | None:
        try:
            return self._keyring().get_password(self.service, key)
        except Exception:  # any backend failure means "cannot tell"
            return None

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

    def begin(self, items: Sequence[tuple[str, str]]) -> StoreChange:
        kr = self._keyring()
        todo = [(k, v) for k, v in dict(items).items() if self.get(k) != v]
        record = {
            "kind": "keyring",
            "service": self.service,
            "added": [{"name": k, "sha256": _sha(v)} for k, v in todo],
        }

        def commit() -> list[str]:
            for key, value in todo:
                kr.set_password(self.service, key, value)
            return [
                f"{k} saved in the OS keyring (service {self.service}); export it before use"
                for k, _ in todo
            ]

        return StoreChange(record, commit)


@dataclass
class ManualStore:
    name: str = "manual"

    def get(self, key: str) -> str | None:
        return None

    def check(self, key: str, value: str) -> None:
        return None

    def begin(self, items: Sequence[tuple[str, str]]) -> StoreChange:
        unique = dict(items)

        def commit() -> list[str]:
            return [
                f"{k} not stored: keep {redact(v)} in your password manager and set {k}"
                for k, v in unique.items()
            ]

        return StoreChange({"kind": "manual", "added": []}, commit)


def make_store(name: str | None = None) -> SecretStore:
    name = name or os.environ.get("MCPAUDIT_SECRET_STORE") or "envfile"
    if name == "envfile":
        return EnvFileStore(env_file_path())
    if name == "keyring":
        return KeyringStore()
    if name == "manual":
        return ManualStore()
    raise FixError(f"unknown secret store {name!r} (expected one of: {', '.join(STORES)})")


def revert(record: dict[str, Any] | None, backup: Callable[[], bytes] | None) -> list[str]:
    """Take out what a transaction added to its store (`record` from `begin`); returns
    a sentence per secret. The env file gets its exact old bytes back when nothing
    else changed it since; otherwise only the lines this transaction added go, and
    only while they still hold the value it stored (else the secret is the user's)."""
    if not record or not record.get("added"):
        return []
    names = {str(a["name"]): str(a["sha256"]) for a in record["added"]}
    if record.get("kind") == "keyring":
        kr = KeyringStore(service=str(record.get("service", "mcpaudit")))
        notes = []
        for key, sha in names.items():
            value = kr.get(key)
            if value is not None and _sha(value) == sha:
                kr._keyring().delete_password(kr.service, key)
                notes.append(f"{key} removed from the OS keyring")
            elif value is not None:
                notes.append(f"{key} left in the OS keyring: its value changed after the fix")
        return notes
    if record.get("kind") != "envfile":
        return []
    path = Path(record["path"])
    if path != env_file_path():
        raise FixError(f"the journal names {path} as the secret store; not touched")
    if not os.path.lexists(path):
        return []
    raw = read_private(path)
    sha = hashlib.sha256(raw).hexdigest()
    if sha == record.get("sha256_before"):
        return []  # never written (the run stopped before the store)
    gone = [f"{key} removed from {path}" for key in names]
    if sha == record.get("sha256_after"):
        if not record.get("existed"):
            path.unlink()
            return gone
        if backup is not None:
            write_private(path, backup())
            return gone
    kept, notes = [], []
    for line in raw.decode("utf-8", "replace").split("\n"):
        m = _EXPORT.match(line)
        if m and m.group(1) in names:
            value = _parse_env(line).get(m.group(1))
            if value is not None and _sha(value) == names[m.group(1)]:
                notes.append(f"{m.group(1)} removed from {path}")
                continue
            notes.append(f"{m.group(1)} left in {path}: its value changed after the fix")
        kept.append(line)
    if any(n.endswith(f"removed from {path}") for n in notes):
        write_private(path, "\n".join(kept).encode("utf-8"))
    return notes
