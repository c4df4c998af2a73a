"""Item 7 of issue 20: hostile file names never reach a terminal raw.

A repository file named `tools/evil<ESC>]52;c;…<BEL><ESC>[2J.js` (referenced from
`.mcp.json`) and a log file with the same name used to put an OSC 52 clipboard write and
a clear-screen into `mcpaudit scan` (MCP720/721 and MCP700 locations) and into
`mcpaudit clients`. These tests run the real CLI inside a real tmux pane that accepts
clipboard writes, and on a pseudo-terminal reading the raw bytes.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

EVIL = "evil\x1b]52;c;aGFja2Vk\x07\x1b[2J\x9b31m\u202e"
FIXTURE = REPO / "tests" / "beyond" / "fixtures" / "npx-evil" / "dist" / "index.js"
TOKEN = "ghp_" + "a1B2" * 9


def _hostile_home(home: Path) -> Path:
    proj = home / "proj"
    (proj / "tools").mkdir(parents=True)
    shutil.copy(FIXTURE, proj / "tools" / f"{EVIL}.js")
    servers = {"t": {"command": "node", "args": [f"tools/{EVIL}.js"]}}
    (proj / ".mcp.json").write_text(json.dumps({"mcpServers": servers}))
    logs = home / ".config" / "Claude" / "logs"
    logs.mkdir(parents=True)
    (logs / f"mcp-server-{EVIL}.log").write_text(f"2026 [info] [x] token {TOKEN}\n")
    # A glob-matched config (VS Code profiles/*/mcp.json): `mcpaudit clients` lists it.
    profile = home / ".config" / "Code" / "User" / "profiles" / EVIL
    profile.mkdir(parents=True)
    (profile / "mcp.json").write_text('{"servers": {}}')
    return proj


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update({"HOME": str(home), "PYTHONPATH": str(REPO), "COLUMNS": "400"})
    return env


def _on_pty(args: list[str], home: Path, cwd: Path) -> bytes:
    """Run the CLI with stdout and stderr on a pseudo-terminal; every byte it wrote."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mcpaudit", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=_env(home) | {"NO_COLOR": "1", "TERM": "dumb"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "args",
    [["scan"], ["scan", "--format", "markdown"], ["fix", "--dry-run", "--unsafe"]],
)
def test_no_raw_escape_reaches_a_pty(isolated_home: Path, args: list[str]) -> None:
    proj = _hostile_home(isolated_home)
    raw = _on_pty([*args, "--project", str(proj), "--no-processes"], isolated_home, proj)
    text = raw.decode("utf-8", "replace")
    if args == ["scan"]:
        # The findings are there, at the hostile file, its name made visible.
        assert "MCP721" in text and "MCP700" in text, text
        assert "evil\\x1b]52;c;aGFja2Vk\\x07\\x1b[2J\\x9b31m<U+202E>.js:" in text
    assert b"\x1b" not in raw and b"\x07" not in raw
    assert "\x9b" not in text and "\u202e" not in text


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
@pytest.mark.parametrize("command", ["scan", "clients"])
def test_tmux_pane_keeps_its_screen_and_clipboard(
    isolated_home: Path, tmp_path: Path, command: str
) -> None:
    """In a real terminal (tmux, clipboard writes allowed): the OSC 52 sets no buffer,
    the clear-screen clears nothing, the escaped name is shown."""
    proj = _hostile_home(isolated_home)
    sock = tmp_path / "tmux.sock"
    tmux = ["tmux", "-S", str(sock), "-f", "/dev/null"]
    env = _env(isolated_home) | {"NO_COLOR": "1"}
    py = f"{sys.executable} -m mcpaudit {command} --project {proj}"
    extra = " --no-processes" if command == "scan" else ""
    done = tmp_path / "done"
    shell = f"cd {proj}; {py}{extra}; touch {done}; sleep 60"
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "400", "-y", "200", shell], env=env, check=True
    )
    try:
        subprocess.run([*tmux, "set-option", "-g", "set-clipboard", "on"], check=True)
        deadline = time.monotonic() + 90
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), "mcpaudit did not finish in the pane"
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p", "-J", "-S", "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        buffers = subprocess.run([*tmux, "list-buffers"], capture_output=True, text=True).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert "hacked" not in buffers and "aGFja2Vk" not in buffers  # no clipboard write
    if command == "scan":
        first = "mcpaudit: "
        assert screen.lstrip().startswith(first), screen  # nothing cleared the screen
        assert "MCP700" in screen and "MCP721" in screen
    else:
        assert screen.lstrip().startswith("MCP clients"), screen
    assert "\\x1b]52;c;aGFja2Vk\\x07\\x1b[2J" in screen
