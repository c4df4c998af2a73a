"""Format preservation under `mcpaudit fix` (issue 20, item 9): a line the fix inserts
takes the file's line ending, and an edited YAML value keeps the spacing before its
comment. Real files, the real CLI; every byte outside the edit stays."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mcpaudit.fix.textio import crlf_where_changed
from mcpaudit.fix.yamledit import keep_comment_gap
from tests.conftest import run_cli

from .helpers import write

SECRET = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"


def _fix(home: Path, rule: str) -> str:
    (home / "proj").mkdir(exist_ok=True)
    proc = run_cli(
        "fix", "--yes", "--unsafe", "--rule", rule, "--project", str(home / "proj"), home=home
    )
    assert proc.returncode == 0, proc.stderr
    assert "applied" in proc.stdout, proc.stdout
    return proc.stdout


def test_a_line_inserted_into_a_crlf_toml_file_ends_in_crlf(isolated_home: Path) -> None:
    text = (
        '# codex\r\n[mcp_servers.ctx]\r\ncommand = "npx"\r\nargs = ["-y", "ctx@1.0.0"]\r\n\r\n'
        f'[mcp_servers.ctx.env]\r\nAPI_KEY = "{SECRET}"\r\nLOG = "warn"\r\n'
    )
    path = write(isolated_home, ".codex/config.toml", text.encode())
    _fix(isolated_home, "secret_in_config")
    raw = path.read_bytes()
    assert SECRET.encode() not in raw
    assert b"env_vars" in raw  # the inserted line
    assert raw.count(b"\n") == raw.count(b"\r\n"), raw  # no bare LF anywhere
    assert raw.startswith(b'# codex\r\n[mcp_servers.ctx]\r\ncommand = "npx"\r\n')
    assert tomllib.loads(raw.decode())["mcp_servers"]["ctx"]["env"] == {"LOG": "warn"}
    assert run_cli("undo", home=isolated_home).returncode == 0
    assert path.read_bytes() == text.encode()


def test_a_yaml_edit_keeps_the_spacing_before_the_comment(isolated_home: Path) -> None:
    text = (
        "GOOSE_MODE: auto  # yolo\n"
        "extensions:\n"
        "  fetch:\n"
        "    name: fetch   # aligned\n"
        "    cmd: uvx\n"
        "    args: [mcp-server-fetch==2025.1.1]\n"
        "    enabled: true\n"
        "    type: stdio\n"
    )
    path = write(isolated_home, ".config/goose/config.yaml", text)
    _fix(isolated_home, "auto_approve")
    assert path.read_text() == text.replace("auto  # yolo", "approve  # yolo", 1)


def test_only_changed_lines_take_crlf_and_only_real_comments_keep_their_gap() -> None:
    before = 'a = "x\ny"\r\n[t]\r\nk = 1\r\n'  # a bare LF inside a value the user wrote
    after = 'a = "x\ny"\r\n[t]\r\nk = 1\r\nnew = 2\n'
    assert crlf_where_changed(before, after) == 'a = "x\ny"\r\n[t]\r\nk = 1\r\nnew = 2\r\n'
    assert keep_comment_gap("k: auto    # c\n", "k: approve # c\n") == "k: approve    # c\n"
    # A '#' inside quotes is not a comment: the new line is taken as ruamel wrote it.
    assert keep_comment_gap('k: "a  #b"\n', 'k: "x #b"\n') == 'k: "x #b"\n'
