"""Linux: a keychain reached over the D-Bus session (Secret Service) during `scan --live`.

A real `dbus-daemon --session` runs for the test; the keyring backend
(`tests/keyring_backend`, `SessionBusKeyring`) says hello to it on every read, as keyring's
SecretService backend does, and fails without it. The live inspection passes the session
to an entry that starts through `mcpaudit-run` with a `keyring:` secret, to the launcher
only: the server it execs gets its secret, not the bus."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.keyring_backend.mcpaudit_test_keyring import configure
from tests.live_helpers import SERVERS
from tests.rules.homes import write

SECRET = "sk-proj-" + "Q7vW2xYz9AbCdEfGhJkLmNoP3rStUvWx1234"
LAUNCHER = Path(sys.executable).with_name("mcpaudit-run")
SESSION = ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "MCPAUDIT_RUN_UNSET")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dbus-daemon") is None,
    reason="needs Linux and dbus-daemon",
)


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[dict[str, str]]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    address = f"unix:path={runtime / 'bus'}"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address={address}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None and daemon.stdout.readline().startswith("unix:")
        yield {"DBUS_SESSION_BUS_ADDRESS": address, "XDG_RUNTIME_DIR": str(runtime)}
    finally:
        daemon.kill()
        daemon.wait()


def _probe_entry(home: Path, report: Path, source: str) -> dict[str, object]:
    probe = [str(SERVERS / "secret_probe.py"), "--expect", "OPENAI_API_KEY",
             "--report", str(report)]  # fmt: skip
    args = ["--secret", f"OPENAI_API_KEY={source}", "--", sys.executable, *probe]
    return {"command": str(LAUNCHER), "args": args}


def _live(home: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_cli("scan", "--live", "--format", "json", "--fail-on", "never", "--no-logs",
                   home=home, env=env, timeout=120)  # fmt: skip


def test_the_launcher_gets_the_session_bus_and_the_server_does_not(
    isolated_home: Path, session_bus: dict[str, str]
) -> None:
    store = configure(isolated_home, "SessionBusKeyring")
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(json.dumps({"mcpaudit/NOTES_OPENAI_API_KEY": SECRET}))
    report = isolated_home / "probe.json"
    entry = _probe_entry(isolated_home, report, "keyring:mcpaudit/NOTES_OPENAI_API_KEY")
    write(isolated_home, "claude-desktop", {"notes": entry})

    live = _live(isolated_home, session_bus)
    assert live.returncode == 0, live.stderr
    seen = json.loads(report.read_text())
    assert seen["sha256"] == hashlib.sha256(SECRET.encode()).hexdigest()
    assert not set(SESSION) & set(seen["env_names"])  # dropped before the exec
    assert seen["cmdlines_with_secret"] == []
    (server,) = json.loads(live.stdout)["servers"]
    assert [t["name"] for t in server["tools"]] == ["noop"]
    assert SECRET not in live.stdout + live.stderr

    # Without a session in mcpaudit's own environment the keychain cannot be read: the
    # launcher says so (exit 2, no value) and the server is not started.
    report.unlink()
    without = _live(isolated_home, {})
    assert without.returncode == 0, without.stderr
    assert not report.exists()
    assert SECRET not in without.stdout + without.stderr


def test_no_session_for_entries_without_a_keyring_secret(
    isolated_home: Path, session_bus: dict[str, str]
) -> None:
    secrets = isolated_home / ".config" / "mcpaudit" / "secrets.env"
    secrets.parent.mkdir(parents=True)
    secrets.write_text(f"export OPENAI_API_KEY='{SECRET}'\n")
    secrets.chmod(0o600)
    report = isolated_home / "probe.json"
    via_file = _probe_entry(isolated_home, report, "file:OPENAI_API_KEY")
    plain_report = isolated_home / "plain.json"
    probe = [str(SERVERS / "secret_probe.py"), "--expect", "NONE", "--report", str(plain_report)]
    plain = {"command": sys.executable, "args": probe}
    write(isolated_home, "claude-desktop", {"via-file": via_file, "plain": plain})

    live = _live(isolated_home, session_bus)
    assert live.returncode == 0, live.stderr
    seen = json.loads(report.read_text())
    assert seen["present"] and not set(SESSION) & set(seen["env_names"])
    plain_names = json.loads(plain_report.read_text())["env_names"]
    assert "PATH" in plain_names and not set(SESSION) & set(plain_names)


def test_the_consent_view_names_what_the_launcher_gets(isolated_home: Path) -> None:
    from mcpaudit.inspect.consent import describe_launch
    from mcpaudit.inspect.options import InspectOptions
    from tests.rules.homes import scan_home

    report = isolated_home / "probe.json"
    keyed = _probe_entry(isolated_home, report, "keyring:mcpaudit/K")
    filed = _probe_entry(isolated_home, report, "file:K")
    write(isolated_home, "claude-desktop", {"keyed": keyed, "filed": filed})
    parent = {"HOME": str(isolated_home), "PATH": "/usr/bin:/bin",
              "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus",
              "XDG_RUNTIME_DIR": "/run/user/1000", "OPENAI_API_KEY": SECRET}  # fmt: skip
    servers = {s.name: s for s in scan_home(isolated_home).servers}
    plan = describe_launch(servers["keyed"], InspectOptions(env=parent))
    assert set(SESSION) <= set(plan.env_names) and "OPENAI_API_KEY" not in plan.env_names
    shown = "\n".join(plan.display_lines())
    assert "go to mcpaudit-run only" in shown and "drops them before the server starts" in shown
    other = describe_launch(servers["filed"], InspectOptions(env=parent))
    assert not set(SESSION) & set(other.env_names)
