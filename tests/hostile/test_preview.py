"""Item 10 of issue 20: the fix preview redacts what the secret detector calls a secret,
not every value whose key says "password" (`"password": true` is a VS Code input flag)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

TOKEN = "ghp_" + "Rt5y" * 9


def test_preview_keeps_a_password_flag_and_hides_the_real_secret(isolated_home: Path) -> None:
    user = isolated_home / ".config" / "Code" / "User"
    user.mkdir(parents=True)
    inputs = [{"type": "promptString", "id": "db", "description": "DB", "password": True}]
    servers = {
        "db": {"command": "npx", "args": ["-y", "db-mcp"], "env": {"GITHUB_TOKEN": TOKEN}},
        "web": {"type": "http", "url": "http://api.example.com/mcp"},
    }
    (user / "mcp.json").write_text(
        "{\n"
        f'  "inputs": {json.dumps(inputs)},\n'
        f'  "servers": {{\n    "db": {json.dumps(servers["db"])},\n'
        f'    "web": {json.dumps(servers["web"])}\n  }}\n}}\n'
    )
    r = run_cli("fix", "--dry-run", "--unsafe", home=isolated_home)
    assert r.returncode == 0, r.stderr
    assert '"password": true}],' in r.stdout  # shown as it is: no secret there
    assert TOKEN not in r.stdout and "ghp_…(40 chars)" in r.stdout
