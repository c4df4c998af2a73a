"""`mcpaudit fix` asks once per change, with y / n / a (all remaining) / q (stop)
(issue 16, point 3). Three unrelated unsafe changes in one real Cursor file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

TOKEN = "ghp_" + "Z9y8" * 9
CONFIG = {
    "mcpServers": {
        "gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": TOKEN}},
        "box": {
            "command": "docker",
            "args": ["run", "-i", "--rm", "--privileged", "img@sha256:" + "a" * 64],
        },
        "remote": {"url": "http://mcp.example.test/sse"},
    }
}


def _home(home: Path) -> Path:
    cfg = home / ".cursor/mcp.json"
    cfg.parent.mkdir()
    cfg.write_text(json.dumps(CONFIG, indent=2))
    cfg.chmod(0o600)  # no chmod fix: three changes exactly
    return cfg


def _changed(cfg: Path) -> set[str]:
    now = json.loads(cfg.read_text())["mcpServers"]
    out = set()
    if now["gh"]["env"]["GITHUB_TOKEN"] != TOKEN:
        out.add("secret")
    if "--privileged" not in now["box"]["args"]:
        out.add("docker")
    if now["remote"]["url"].startswith("https"):
        out.add("https")
    return out


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("y\nn\ny\n", {"secret", "https"}),
        ("n\na\n", {"docker", "https"}),
        ("y\nq\n", {"secret"}),
        ("n\nn\nn\n", set()),
        ("", set()),  # end of input stops: nothing is applied
    ],
)
def test_each_change_gets_its_own_question(
    isolated_home: Path, answers: str, expected: set[str]
) -> None:
    cfg = _home(isolated_home)
    proc = run_cli("fix", "--unsafe", home=isolated_home, input=answers)
    assert proc.returncode == 0, proc.stderr
    assert _changed(cfg) == expected
    questions = proc.stdout.count("Apply this change? [y]es/[N]o/[a]ll remaining/[q]uit")
    assert questions == {"y\nn\ny\n": 3, "n\na\n": 2, "y\nq\n": 2, "n\nn\nn\n": 3, "": 1}[answers]
    assert "[1/3] # MCP101 (unsafe)" in proc.stdout
    assert TOKEN not in proc.stdout
    if expected:
        assert f"applied {len(expected)} fix(es) to 1 file(s)" in proc.stdout
    else:
        assert "nothing written" in proc.stdout


def test_a_bad_answer_is_asked_again(isolated_home: Path) -> None:
    cfg = _home(isolated_home)
    proc = run_cli("fix", "--unsafe", home=isolated_home, input="maybe\nq\n")
    assert "answer y, n, a or q" in proc.stdout
    assert _changed(cfg) == set()


def test_a_chmod_for_a_secret_says_it_is_a_partial_fix(isolated_home: Path) -> None:
    cfg = isolated_home / ".config/Claude/claude_desktop_config.json"
    cfg.parent.mkdir(parents=True)
    cfg.write_text(json.dumps({"mcpServers": {"gh": {"command": "x", "env": {"T": TOKEN}}}}))
    proc = run_cli("fix", "--yes", "--rule", "MCP101", home=isolated_home)
    assert proc.returncode == 0, proc.stderr
    assert "partly fixed: 1 secret(s) stay in their file" in proc.stdout
    assert cfg.stat().st_mode & 0o777 == 0o600
