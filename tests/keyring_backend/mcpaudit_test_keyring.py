"""A real `keyring` backend for the tests: entries in a 0600 JSON file inside the temp home.

No OS keychain runs on CI (no D-Bus Secret Service, no macOS Keychain), so the tests plug
this backend in the way users configure theirs: `~/.config/python_keyring/keyringrc.cfg`
names it (`default-keyring`) and where it lives (`keyring-path`). Every process of a test
(`mcpaudit fix`, `mcpaudit-run` started by a live scan) then reads the same store through
keyring's own API. Test-only: the file holds the test secrets as plain JSON.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


def store_path() -> Path:
    return Path.home() / ".local" / "share" / "mcpaudit-test-keyring.json"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        path = store_path()
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def _save(self, data: dict[str, str]) -> None:
        path = store_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)


class SessionBusKeyring(FileKeyring):
    """Like a Secret Service keychain on a Linux desktop: usable only over the D-Bus session
    bus. Each read says hello to the bus `DBUS_SESSION_BUS_ADDRESS` names (jeepney, the
    library keyring's own SecretService backend uses) and fails as that backend does when
    there is none. Entries still live in the JSON file; the bus is a real dbus-daemon."""

    def get_password(self, service: str, username: str) -> str | None:
        from jeepney.io.blocking import open_dbus_connection
        from keyring.errors import InitError

        try:
            open_dbus_connection(bus="SESSION").close()
        except Exception as exc:  # no address, no socket: what SecretService reports
            raise InitError(f"no D-Bus session: {type(exc).__name__}") from None
        return super().get_password(service, username)


def configure(home: Path, backend: str = "FileKeyring") -> Path:
    """Point keyring at this backend for every process that runs with HOME=`home`."""
    cfg = home / ".config" / "python_keyring" / "keyringrc.cfg"
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(
        "[backend]\n"
        f"default-keyring = mcpaudit_test_keyring.{backend}\n"
        f"keyring-path = {Path(__file__).resolve().parent}\n",
        encoding="utf-8",
    )
    return store_path()
