"""The batch plan and the transaction (issue 20, items 8 and 13): a fix never loses a
secret. Real configs in a temp home, the real CLI, real kills."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

from .helpers import write

PROJ_KEY = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"
DB_PW = "Sup3rS3cretPW"
CLAUDE = ".claude.json"
CLAUDE_BODY = (
    json.dumps(
        {
            "mcpServers": {
                "cli": {
                    "command": "npx",
                    "args": [
                        "-y",
                        "some-cli@1.2.3",
                        PROJ_KEY,
                        f"postgres://u:{DB_PW}@db.example.com:5432/app",
                    ],
                }
            }
        },
        indent=2,
    )
    + "\n"
)
TOKENS = {  # one GITHUB_TOKEN name, three different values, three clients
    ".cursor/mcp.json": "ghp_" + "a" * 36,
    ".gemini/settings.json": "ghp_" + "b" * 36,
    ".codeium/windsurf/mcp_config.json": "ghp_" + "c" * 36,
}


def _gh(name: str, token: str) -> str:
    server = {"command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/mcp:v1"]}
    server["env"] = {"GITHUB_TOKEN": token}  # type: ignore[assignment]
    return json.dumps({"mcpServers": {name: server}}, indent=2) + "\n"


def _home(home: Path) -> dict[Path, bytes]:
    files = {write(home, CLAUDE, CLAUDE_BODY): CLAUDE_BODY.encode()}
    for i, (rel, token) in enumerate(TOKENS.items()):
        body = _gh(f"gh{i}", token)
        files[write(home, rel, body)] = body.encode()
    (home / "proj").mkdir()
    return files


def _fix(home: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "fix", "--yes", "--unsafe", "--rule", "secret_in_args", "--rule", "secret_in_config",
        "--project", str(home / "proj"), *extra, home=home,
    )  # fmt: skip


def _env_file(home: Path) -> Path:
    return home / ".config" / "mcpaudit" / "secrets.env"


def _exports(home: Path) -> dict[str, str]:
    path = _env_file(home)
    if not path.exists():
        return {}
    return dict(re.findall(r"^export (\w+)=(\S+)$", path.read_text(), re.MULTILINE))


def _names_in(text: str) -> set[str]:
    """Environment references in a config: ${NAME}, ${env:NAME}, $NAME."""
    return {a or b for a, b in re.findall(r"\$\{(?:env:)?(\w+)\}|\$(\w+)", text)}


def _recoverable(home: Path, files: dict[Path, bytes]) -> None:
    """Every secret the user had is in a config or in the store, under a name that the
    config refers to."""
    stored = _exports(home)
    for value in (PROJ_KEY, DB_PW, *TOKENS.values()):
        in_config = any(value in p.read_text() for p in files)
        assert in_config or value in stored.values(), f"{value[:4]}… is lost"
    for p in files:
        for name in _names_in(p.read_text()):
            assert name in stored, f"{p} refers to {name}, which the store does not have"


@pytest.mark.parametrize("store", ["envfile", "manual"])
def test_different_secrets_get_names_of_their_own_and_undo_brings_all_back(
    isolated_home: Path, store: str
) -> None:
    files = _home(isolated_home)
    proc = _fix(isolated_home, "--secret-store", store)
    assert proc.returncode == 0, proc.stderr
    claude = (isolated_home / CLAUDE).read_text()
    args = json.loads(claude)["mcpServers"]["cli"]["args"]
    assert args[2:] == ["${CLI_SECRET}", "postgres://u:${CLI_SECRET_2}@db.example.com:5432/app"]
    refs = {rel: json.loads((isolated_home / rel).read_text()) for rel in TOKENS}
    used = sorted(
        next(iter(d["mcpServers"].values()))["env"]["GITHUB_TOKEN"] for d in refs.values()
    )
    assert used == ["$GITHUB_TOKEN_3", "${env:GITHUB_TOKEN_2}", "${env:GITHUB_TOKEN}"]
    assert "CLI_SECRET_2: CLI_SECRET already names a different secret" in proc.stdout
    for value in (PROJ_KEY, DB_PW, *TOKENS.values()):
        assert value not in proc.stdout  # only prefixes and lengths are shown
    if store == "envfile":
        stored = _exports(isolated_home)
        assert stored["CLI_SECRET"] == PROJ_KEY and stored["CLI_SECRET_2"] == DB_PW
        assert sorted(v for k, v in stored.items() if k.startswith("GITHUB")) == sorted(
            TOKENS.values()
        )
        _recoverable(isolated_home, files)
    else:
        assert not _env_file(isolated_home).exists()
        for name in ("CLI_SECRET", "CLI_SECRET_2", "GITHUB_TOKEN", "GITHUB_TOKEN_2"):
            assert f"{name} not stored: keep" in proc.stdout
        assert "Sup3…(13 chars)" in proc.stdout  # each value named, prefix and length only

    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    for path, data in files.items():
        assert path.read_bytes() == data
    assert not _env_file(isolated_home).exists()  # undo took out what the fix stored
    if store == "envfile":
        for name in ("CLI_SECRET", "CLI_SECRET_2", "GITHUB_TOKEN", "GITHUB_TOKEN_3"):
            assert f"{name} removed from {_env_file(isolated_home)}" in undone.stdout


def test_a_name_the_store_holds_with_another_value_is_never_overwritten(
    isolated_home: Path,
) -> None:
    files = _home(isolated_home)
    env_file = _env_file(isolated_home)
    env_file.parent.mkdir(parents=True, mode=0o700)
    kept = b"# mine\nexport GITHUB_TOKEN=ghp_" + b"z" * 36 + b"\nexport CLI_SECRET=other\n"
    env_file.write_bytes(kept)
    env_file.chmod(0o600)

    proc = _fix(isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "already names a different secret in your secret store" in proc.stdout
    stored = _exports(isolated_home)
    assert stored["GITHUB_TOKEN"] == "ghp_" + "z" * 36 and stored["CLI_SECRET"] == "other"
    assert env_file.read_bytes().startswith(kept)  # appended to, never rewritten
    for value in (PROJ_KEY, DB_PW, *TOKENS.values()):
        assert value in stored.values()
    _recoverable(isolated_home, files)

    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    assert env_file.read_bytes() == kept
    for path, data in files.items():
        assert path.read_bytes() == data


KILLER = """
import os, signal, sys
import mcpaudit.fix.secretstore as ss
import mcpaudit.fix.journal as journal
from mcpaudit.cli import main

point = sys.argv[1]
real_store, real_json = ss.write_private, journal.write_json
saves = []

def store_then_die(path, data):  # the configs are written; the store is next
    os.kill(os.getpid(), signal.SIGKILL)

def journal_then_die(path, payload):
    saves.append(payload.get("status"))
    if payload.get("status") == "applied":  # everything written but the last save
        os.kill(os.getpid(), signal.SIGKILL)
    real_json(path, payload)

if point == "store":
    ss.write_private = store_then_die
else:
    journal.write_json = journal_then_die
raise SystemExit(main(sys.argv[2:]))
"""


def _killed_fix(home: Path, point: str, *args: str) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, point, "fix", "--yes", "--unsafe",
         "--project", str(home / "proj"), *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return proc.returncode


@pytest.mark.parametrize("then", ["undo", "fix"])
def test_kill_between_config_and_store_writes_never_loses_the_secret(
    isolated_home: Path, then: str
) -> None:
    files = _home(isolated_home)
    assert _killed_fix(isolated_home, "store") == -signal.SIGKILL
    claude = (isolated_home / CLAUDE).read_text()
    assert "${CLI_SECRET}" in claude and not _env_file(isolated_home).exists()

    # Whatever the user runs next finishes the story: the interrupted fix is rolled back.
    proc = run_cli("undo", home=isolated_home) if then == "undo" else _fix(isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "interrupted fix" in proc.stdout and "rolled back" in proc.stdout
    assert "Traceback" not in proc.stderr
    _recoverable(isolated_home, files)
    if then == "undo":
        for path, data in files.items():
            assert path.read_bytes() == data
    else:
        assert PROJ_KEY not in (isolated_home / CLAUDE).read_text()
        assert _exports(isolated_home)["CLI_SECRET"] == PROJ_KEY
        assert run_cli("undo", home=isolated_home).returncode == 0
        for path, data in files.items():
            assert path.read_bytes() == data


def test_kill_before_the_journal_says_applied_with_manual_store(isolated_home: Path) -> None:
    files = _home(isolated_home)
    assert _killed_fix(isolated_home, "journal", "--secret-store", "manual") == -signal.SIGKILL
    assert "${CLI_SECRET}" in (isolated_home / CLAUDE).read_text()  # written, not recorded
    listed = run_cli("undo", "--list", home=isolated_home)
    pending = [line.split()[0] for line in listed.stdout.splitlines() if "pending" in line]
    assert len(pending) == 1, listed.stdout
    undone = run_cli("undo", pending[0], "--force", home=isolated_home)  # by id, as the issue did
    assert undone.returncode == 0, undone.stderr
    assert f"an interrupted fix ({pending[0]}) was rolled back" in undone.stdout
    for path, data in files.items():
        assert path.read_bytes() == data  # the manual store's secrets are back in place
    again = run_cli("undo", home=isolated_home)
    assert again.returncode == 2 and "no applied fix" in again.stderr  # no dead end


def test_a_pending_transaction_from_an_older_version_is_rolled_back(isolated_home: Path) -> None:
    """The dead end of the issue: an old run left `pending`; the next fix deals with it."""
    files = _home(isolated_home)
    assert _killed_fix(isolated_home, "store") == -signal.SIGKILL
    second = _fix(isolated_home)
    assert second.returncode == 0, second.stderr
    assert "applied" in second.stdout
    third = _fix(isolated_home)  # nothing left to fix, and no error about the store
    assert third.returncode == 0, third.stderr
    _recoverable(isolated_home, files)


def test_a_damaged_backup_is_named_never_a_dead_end(isolated_home: Path) -> None:
    _home(isolated_home)
    assert _killed_fix(isolated_home, "store") == -signal.SIGKILL
    backups = isolated_home / ".local/share/mcpaudit/backups"
    lost = next(backups.glob("*/files/0.orig"))
    lost.unlink()  # the user cleaned up by hand
    first = run_cli("undo", home=isolated_home)
    assert first.returncode == 0, first.stderr
    assert "not restored" in first.stdout and str(lost) in first.stdout
    assert "Traceback" not in first.stderr
    again = run_cli("undo", "--list", home=isolated_home)
    assert again.returncode == 0 and "rolled back" in again.stdout
    assert _fix(isolated_home).returncode == 0  # later runs are not stuck on it


def test_the_keyring_is_part_of_the_transaction_too(isolated_home: Path) -> None:
    """The keychain launcher fix (it names the keyring whatever --secret-store says): undo
    takes out the entry it added; a kill between the config write and the keyring write
    is rolled back by the next run."""
    from tests.keyring_backend.mcpaudit_test_keyring import configure
    from tests.rules.homes import write as write_client

    keyring_file = configure(isolated_home)
    entry = {"command": "node", "args": ["s.js"], "env": {"OPENAI_API_KEY": PROJ_KEY}}
    path = write_client(isolated_home, "claude-desktop", {"notes": entry})
    before = path.read_bytes()
    (isolated_home / "proj").mkdir()
    account = "mcpaudit/NOTES_OPENAI_API_KEY"

    fixed = run_cli("fix", "--rule", "MCP101", "--unsafe", "--yes", home=isolated_home)
    assert fixed.returncode == 0, fixed.stderr
    assert json.loads(keyring_file.read_text())[account] == PROJ_KEY
    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    assert "NOTES_OPENAI_API_KEY removed from the OS keyring" in undone.stdout
    assert path.read_bytes() == before
    assert account not in json.loads(keyring_file.read_text())

    killer = KILLER.replace(
        "ss.write_private = store_then_die", "import keyring\n    keyring.set_password = die"
    )
    killer = killer.replace(
        "def store_then_die(", "def die(*a, **k):\n    os.kill(os.getpid(), signal.SIGKILL)\n\n"
        "def store_then_die("
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(isolated_home), PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-c", killer, "store", "fix", "--rule", "MCP101", "--unsafe", "--yes"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert PROJ_KEY not in path.read_text()  # the config was written, the keyring not
    assert account not in json.loads(keyring_file.read_text())
    again = run_cli("fix", "--rule", "MCP101", "--unsafe", "--yes", home=isolated_home)
    assert again.returncode == 0, again.stderr
    assert "interrupted fix" in again.stdout and "rolled back" in again.stdout
    assert json.loads(keyring_file.read_text())[account] == PROJ_KEY
