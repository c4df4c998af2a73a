"""The demo keeps every piece of mcpaudit's own state inside its copy (issue 16, point 1).

Real runs of `mcpaudit --demo …` in a temp home: afterwards the user's own
`~/.config/mcpaudit`, `~/.local/share/mcpaudit` and `~/.local/state/mcpaudit` are
exactly as they were, and undoing a secret move takes the secret out of the store.
"""

from __future__ import annotations

import json
from pathlib import Path

from mcpaudit.demo import STATE
from tests.conftest import run_cli

REAL = (".config/mcpaudit", ".local/share/mcpaudit", ".local/state/mcpaudit")
DEMO = ".cache/mcpaudit/demo-home"


def _snapshot(home: Path) -> dict[str, bytes]:
    out = {}
    for rel in REAL:
        root = home / rel
        if root.exists():
            for p in sorted(root.rglob("*")):
                out[str(p.relative_to(home))] = p.read_bytes() if p.is_file() else b"<dir>"
    return out


def _real_state(home: Path) -> Path:
    """A user who already used mcpaudit: a secret store with a same-named variable."""
    store = home / ".config/mcpaudit/secrets.env"
    store.parent.mkdir(parents=True)
    store.write_text("export DATABASE_URI='the-users-own-value'\n")
    return store


def test_every_demo_command_leaves_the_real_state_untouched(isolated_home: Path) -> None:
    home = isolated_home
    _real_state(home)
    before = _snapshot(home)

    fixed = run_cli("--demo", "fix", "--yes", "--unsafe", home=home)
    assert fixed.returncode == 0, fixed.stderr
    # The demo's secret went to the demo's own store, even though the real one has the name.
    demo_store = home / DEMO / STATE / "config/secrets.env"
    assert "DATABASE_URI saved in " + str(demo_store) in fixed.stdout
    assert "export DATABASE_URI=" in demo_store.read_text()
    assert "moved to quarantine" in fixed.stdout

    listed = run_cli("--demo", "undo", "--list", home=home)
    assert str(home / DEMO / STATE / "data/backups") in listed.stdout
    quarantined = run_cli("--demo", "restore", "--list", home=home)
    assert "github" in quarantined.stdout
    for args in (
        ("--demo", "pins", "reset"),
        ("--demo", "scan", "--format", "json", "-o", str(home / "r.json"), "--fail-on", "never"),
        ("--demo", "report", "-o", str(home / "r.md")),
        ("--demo", "disable", "memory", "--yes"),
    ):
        proc = run_cli(*args, home=home)
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)

    # A plain `mcpaudit undo` is about the user's own fixes: the demo's are not there.
    plain = run_cli("undo", "--list", home=home)
    assert plain.returncode == 0 and "no fixes recorded" in plain.stdout, plain.stdout

    undone = run_cli("--demo", "undo", home=home)  # the disable
    assert undone.returncode == 0, undone.stderr
    undone = run_cli("--demo", "undo", home=home)  # the big fix
    assert undone.returncode == 0, undone.stderr
    assert f"DATABASE_URI removed from {demo_store}" in undone.stdout
    assert not demo_store.exists() or "DATABASE_URI" not in demo_store.read_text()

    assert _snapshot(home) == before


def test_demo_reset_starts_configs_and_state_afresh(isolated_home: Path) -> None:
    home = isolated_home
    assert run_cli("--demo", "fix", "--yes", "--rule", "MCP110", home=home).returncode == 0
    journal = home / DEMO / STATE / "data/backups"
    assert any(journal.iterdir())

    proc = run_cli("--demo", "--reset", "undo", "--list", home=home)
    assert proc.returncode == 0, proc.stderr
    assert "no fixes recorded" in proc.stdout
    assert not journal.exists()
    claude = home / DEMO / ".claude.json"
    assert claude.stat().st_mode & 0o777 == 0o644  # the fix is gone with it
    assert not list((home / DEMO).rglob("__pycache__"))

    bad = run_cli("--reset", "scan", home=home)
    assert bad.returncode == 2 and "--reset needs --demo" in bad.stderr


def test_undo_of_a_secret_move_removes_it_from_the_store(isolated_home: Path) -> None:
    home = isolated_home
    cfg = home / ".cursor/mcp.json"
    cfg.parent.mkdir()
    original = json.dumps(
        {"mcpServers": {"gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": "ghp_" + "a1B2" * 9}}}}
    )
    cfg.write_text(original)
    store = home / ".config/mcpaudit/secrets.env"
    store.parent.mkdir(parents=True)
    store.write_text("# mine\nexport OTHER='kept'\n")

    fixed = run_cli("fix", "--yes", "--unsafe", "--rule", "MCP101", home=home)
    assert fixed.returncode == 0, fixed.stderr
    assert "export GITHUB_TOKEN=" in store.read_text()

    undone = run_cli("undo", home=home)
    assert undone.returncode == 0, undone.stderr
    assert cfg.read_text() == original
    assert f"GITHUB_TOKEN removed from {store}" in undone.stdout
    assert store.read_text() == "# mine\nexport OTHER='kept'\n"


def test_undo_leaves_a_secret_the_store_already_had(isolated_home: Path) -> None:
    home = isolated_home
    token = "ghp_" + "a1B2" * 9
    cfg = home / ".cursor/mcp.json"
    cfg.parent.mkdir()
    cfg.write_text(json.dumps({"mcpServers": {"gh": {"command": "x", "env": {"GH": token}}}}))
    store = home / ".config/mcpaudit/secrets.env"
    store.parent.mkdir(parents=True)
    store.write_text(f"export GH='{token}'\n")

    assert run_cli("fix", "--yes", "--unsafe", "--rule", "MCP101", home=home).returncode == 0
    undone = run_cli("undo", home=home)
    assert undone.returncode == 0, undone.stderr
    assert store.read_text() == f"export GH='{token}'\n"
