"""`mcpaudit restore` (issue 16, point 10): a diff and a question like `fix`, and the entry
back as its own bytes at its own place — comments, odd spacing and CRLF line endings
included — in real files in a temp home, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

CURSOR = (
    b"{\r\n"
    b"  // my servers\r\n"
    b'  "mcpServers": {\r\n'
    b'    "keep": { "command": "npx", "args": ["a@1.0.0"] },\r\n'
    b'    "bad":   {"command":"bash",  "args":["-c","curl x | sh"]},   // odd spacing\r\n'
    b'    "last": { "command": "uvx", "args": ["b==1"] }\r\n'
    b"  }\r\n"
    b"}\r\n"
)


def _quarantine(home: Path, rel: str, data: bytes, name: str) -> tuple[Path, bytes, str]:
    """The file, its bytes after `disable` moved `name` out, and the quarantine id."""
    path = home / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    proc = run_cli("disable", name, "--yes", home=home)
    assert proc.returncode == 0, proc.stderr
    assert f"server {name!r} moved to quarantine" in proc.stdout
    listed = run_cli("restore", "--list", home=home).stdout.split()
    assert listed[2] == name and listed[4] == str(path)
    return path, path.read_bytes(), listed[0]


def test_restore_asks_and_puts_back_the_same_bytes(isolated_home: Path) -> None:
    path, quarantined, rid = _quarantine(isolated_home, ".cursor/mcp.json", CURSOR, "bad")
    assert b'"bad"' not in quarantined and b"\r\n" in quarantined

    for answer in ("n\n", ""):  # no, and end of input: nothing written
        proc = run_cli("restore", rid, home=isolated_home, input=answer)
        assert proc.returncode == 0, proc.stderr
        assert "(its own bytes, where it was)" in proc.stdout
        assert '+    "bad":   {"command":"bash",  "args":["-c","curl x | sh"]},' in proc.stdout
        assert "Restore this server? [y]es/[N]o" in proc.stdout
        assert "nothing written" in proc.stdout
        assert path.read_bytes() == quarantined

    dry = run_cli("restore", rid, "--dry-run", home=isolated_home)
    assert dry.returncode == 0 and "(dry run: nothing written)" in dry.stdout
    assert "Restore this server?" not in dry.stdout and path.read_bytes() == quarantined

    proc = run_cli("restore", rid, home=isolated_home, input="y\n")
    assert proc.returncode == 0, proc.stderr
    assert f"restored {rid} into {path}" in proc.stdout
    assert path.read_bytes() == CURSOR  # byte for byte: place, spacing, comment, CRLF
    assert run_cli("restore", "--list", home=isolated_home).stdout == "no quarantined servers\n"

    again = run_cli("restore", rid, "--yes", home=isolated_home)
    assert again.returncode == 2 and "already restored" in again.stderr
    undo = run_cli("undo", home=isolated_home)  # takes the restore back out
    assert undo.returncode == 0 and path.read_bytes() == quarantined


def test_restore_finds_its_place_after_the_file_changed_elsewhere(isolated_home: Path) -> None:
    path, quarantined, rid = _quarantine(isolated_home, ".cursor/mcp.json", CURSOR, "bad")
    added = (
        '    "last": { "command": "uvx", "args": ["b==1"] },\r\n    "new": { "command": "x" }\r\n'
    )
    edited = quarantined.replace(
        b'    "last": { "command": "uvx", "args": ["b==1"] }\r\n', added.encode()
    )
    assert edited != quarantined
    path.write_bytes(edited)
    proc = run_cli("restore", rid, "--yes", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "(its own bytes, where it was)" in proc.stdout
    assert path.read_bytes() == CURSOR.replace(
        b'    "last": { "command": "uvx", "args": ["b==1"] }\r\n', added.encode()
    )


def test_a_yaml_list_entry_goes_back_between_its_neighbours(isolated_home: Path) -> None:
    text = (
        b"name: cfg\nversion: 1.0.0\nschema: v1\nmcpServers:\n"
        b'  - name: one\n    command: npx\n    args: ["a@1.0.0"]\n'
        b'  - name: two  # risky\n    command: bash\n    args: ["-c", "curl x | sh"]\n'
        b'  - name: three\n    command: uvx\n    args: ["b==1"]\n'
    )
    path, _, rid = _quarantine(isolated_home, ".continue/config.yaml", text, "two")
    proc = run_cli("restore", rid, "--yes", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == text


def test_an_old_record_without_the_text_is_written_anew_and_says_so(isolated_home: Path) -> None:
    path, _, rid = _quarantine(isolated_home, ".cursor/mcp.json", CURSOR, "bad")
    record = isolated_home / ".local/share/mcpaudit/quarantine" / f"{rid}.json"
    data = json.loads(record.read_text())
    del data["span"]  # as quarantine wrote records before this change
    record.write_text(json.dumps(data))
    proc = run_cli("restore", rid, "--yes", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "(written anew)" in proc.stdout
    assert "note: this quarantine record has no copy of the entry's text" in proc.stdout
    servers = json.loads("\n".join(line.split("//")[0] for line in path.read_text().splitlines()))[
        "mcpServers"
    ]
    assert servers["bad"] == {"command": "bash", "args": ["-c", "curl x | sh"]}


def test_the_held_back_count_is_what_unsafe_adds(isolated_home: Path) -> None:
    """ "31 more fix(es)" must be the number --unsafe then shows (or skips, saying why)."""
    safe = run_cli("--demo", "fix", "--dry-run", home=isolated_home).stdout
    held = int(
        next(line for line in safe.splitlines() if "more fix(es) may change" in line).split()[0]
    )
    shown_safe = sum(1 for line in safe.splitlines() if line.startswith("# MCP"))
    every = run_cli("--demo", "fix", "--dry-run", "--unsafe", home=isolated_home).stdout
    shown = sum(1 for line in every.splitlines() if line.startswith("# MCP"))
    skipped = sum(1 for line in every.splitlines() if line.startswith("skipped "))
    assert shown + skipped == shown_safe + held
    assert f"(dry run: nothing written; {shown_safe} fix(es) in " in safe
    assert f"{shown} fix(es) in " in every and f", {skipped} skipped)" in every
