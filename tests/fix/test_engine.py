"""plan -> apply -> undo on real files: bytes, modes, BOM, newlines, refusals, symlinks."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from mcpaudit.fix import FixError, apply, list_transactions, plan_fixes, undo, undo_last
from mcpaudit.fix.store import data_dir
from mcpaudit.model import Edit, Fix

from .helpers import scan_home, write

CURSOR = ".cursor/mcp.json"
BODY = """{
  // comment kept
  "mcpServers": {
    "a": {"command": "npx", "args": ["-y", "pkg"], "autoApprove": ["x", "y"],},
    "b": {
      "url": "http://example.com/mcp"   // trailing comment kept
    }
  }
}
"""


def fix(path: Path, *edits: Edit, fid: str = "f1", safe: bool = True) -> Fix:
    return Fix(fid, "MCP-TEST", "test", safe, str(path), tuple(edits))


def test_apply_writes_only_the_target_and_keeps_mode(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY, mode=0o640)
    result = scan_home(isolated_home)
    plan = plan_fixes(
        [fix(path, Edit("set", "/mcpServers/b/url", "https://example.com/mcp"))], result
    )
    assert '-      "url": "http://example.com/mcp"' in plan.diff
    assert '+      "url": "https://example.com/mcp"   // trailing comment kept' in plan.diff
    applied = apply(plan)
    assert path.read_text() == BODY.replace("http://", "https://")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    backup = applied.transaction.folder / applied.transaction.files[0].backup
    assert backup.read_bytes() == BODY.encode()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(applied.transaction.folder.stat().st_mode) == 0o700
    manifest = json.loads((applied.transaction.folder / "manifest.json").read_text())
    assert manifest["files"][0]["path"] == str(path)
    assert str(applied.transaction.folder).startswith(str(data_dir() / "backups"))


def test_undo_restores_exact_bytes_and_mode(isolated_home: Path) -> None:
    original = ("\ufeff" + BODY).replace("\n", "\r\n").encode()  # BOM + CRLF
    path = write(isolated_home, CURSOR, original, mode=0o666)
    result = scan_home(isolated_home)
    plan = plan_fixes(
        [
            fix(path, Edit("delete", "/mcpServers/a/autoApprove"), fid="f1"),
            fix(path, Edit("chmod", "", 0o600), fid="f2"),
            fix(path, Edit("set", "/mcpServers/b/disabled", True), fid="f3"),
        ],
        result,
    )
    assert len(plan.files) == 1 and len(plan.files[0].fixes) == 3  # one write
    apply(plan)
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in after and b"\n" not in after.replace(b"\r\n", b"")
    assert b"autoApprove" not in after and b'"disabled": true' in after
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    undo_last()
    assert path.read_bytes() == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o666
    assert list_transactions()[0].undone is not None
    with pytest.raises(FixError, match="no applied fix"):
        undo_last()


def test_file_changed_since_scan_is_refused(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY)
    result = scan_home(isolated_home)
    plan = plan_fixes([fix(path, Edit("set", "/mcpServers/b/disabled", True))], result)
    path.write_text(BODY.replace("example.com", "example.org"))
    with pytest.raises(FixError, match="changed since it was scanned"):
        apply(plan)
    assert "example.org" in path.read_text()
    assert not list_transactions()
    # planning against the stale scan is refused too
    stale = plan_fixes([fix(path, Edit("set", "/mcpServers/b/disabled", True))], result)
    assert stale.empty and "changed since it was scanned" in stale.skipped[0].reason


def test_undo_refuses_a_file_changed_after_the_fix_unless_forced(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY)
    result = scan_home(isolated_home)
    apply(plan_fixes([fix(path, Edit("set", "/mcpServers/b/disabled", True))], result))
    edited = path.read_text().replace("example.com", "user-edit.example")
    path.write_text(edited)
    with pytest.raises(FixError, match="changed after the fix"):
        undo_last()
    assert path.read_text() == edited
    undo(None, force=True)
    assert path.read_text() == BODY


def test_symlinked_config_is_written_through_the_link(isolated_home: Path) -> None:
    target = write(isolated_home, "dotfiles/cursor-mcp.json", BODY)
    link = isolated_home / CURSOR
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    result = scan_home(isolated_home)
    apply(plan_fixes([fix(link, Edit("set", "/mcpServers/b/disabled", True))], result))
    assert link.is_symlink()
    assert '"disabled": true' in target.read_text()
    undo_last()
    assert target.read_text() == BODY and link.is_symlink()


def test_overlapping_fixes_apply_one_and_skip_the_other(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY)
    result = scan_home(isolated_home)
    plan = plan_fixes(
        [
            fix(path, Edit("delete", "/mcpServers/b"), fid="a-delete"),
            fix(path, Edit("set", "/mcpServers/b/url", "https://x"), fid="b-set"),
        ],
        result,
    )
    assert [f.id for f in plan.fixes] == ["a-delete"]
    assert plan.skipped[0].fix.id == "b-set" and "overlaps" in plan.skipped[0].reason


def test_a_broken_fix_is_skipped_with_a_reason(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY)
    result = scan_home(isolated_home)
    plan = plan_fixes(
        [
            fix(path, Edit("append", "/mcpServers/a/command", "x"), fid="bad"),
            fix(path, Edit("set", "/mcpServers/b/disabled", True), fid="good"),
        ],
        result,
    )
    assert [f.id for f in plan.fixes] == ["good"]
    assert "not a list" in plan.skipped[0].reason


def test_failed_write_leaves_every_file_as_it_was(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = write(isolated_home, CURSOR, BODY)
    two = write(isolated_home, ".codeium/windsurf/mcp_config.json", BODY)
    result = scan_home(isolated_home)
    plan = plan_fixes(
        [
            fix(one, Edit("set", "/mcpServers/b/disabled", True), fid="1"),
            fix(two, Edit("set", "/mcpServers/b/disabled", True), fid="2"),
        ],
        result,
    )
    assert len(plan.files) == 2
    from mcpaudit.fix import applying

    real_write = applying.write_bytes_atomic

    def disk_full_on_second(path, data, mode=None, owner=None):  # type: ignore[no-untyped-def]
        if Path(path) == two:  # a full disk cannot be produced here, so it is simulated
            raise OSError(28, "No space left on device")
        real_write(path, data, mode=mode, owner=owner)

    monkeypatch.setattr(applying, "write_bytes_atomic", disk_full_on_second)
    with pytest.raises(FixError, match="No space left"):
        apply(plan)
    assert one.read_text() == BODY and two.read_text() == BODY
    assert list_transactions()[0].status == "rolled back"


def test_chmod_only_fix_keeps_bytes(isolated_home: Path) -> None:
    path = write(isolated_home, CURSOR, BODY, mode=0o644)
    result = scan_home(isolated_home)
    plan = plan_fixes([fix(path, Edit("chmod", "", 0o600))], result)
    assert plan.diff == f"mode {path}: 0644 -> 0600\n"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    apply(plan)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    undo_last()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_yaml_parse_error_names_the_position_not_the_line() -> None:
    # ruamel quotes the offending line in its message; that line may hold a secret.
    from mcpaudit.fix.yamledit import apply_yaml

    secret = "ghp_EXAMPLEEXAMPLE1234567890abcdefghijkl"
    with pytest.raises(FixError, match="line 2, column 50") as info:
        apply_yaml(f"a:\n  token: {secret}: x: y\n", [Edit("set", "/a/b", "x")])
    assert "EXAMPLE" not in str(info.value)
