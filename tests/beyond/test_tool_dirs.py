"""Where uv and pipx keep what they run, per OS, as the tools document it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mcpaudit.clients.discover import Bases
from mcpaudit.collect.locate import Where
from mcpaudit.scan import ScanOptions, scan
from tests.beyond.helpers import FIXTURES

H = Path("/h")


def where(os_name: str, **env: str) -> Where:
    env = {"HOME": str(H), **env}
    return Where.from_bases(Bases.from_env(env, os_name).values, env, os_name, None)


@pytest.mark.parametrize(
    ("os_name", "env", "cache", "tools"),
    [
        ("linux", {}, H / ".cache/uv", [H / ".local/share/uv/tools"]),
        (
            "linux",
            {"XDG_CACHE_HOME": "/x/c", "XDG_DATA_HOME": "/x/d"},
            Path("/x/c/uv"),
            [Path("/x/d/uv/tools")],
        ),
        # uv follows XDG on macOS too (not ~/Library).
        ("macos", {"XDG_CACHE_HOME": "/x/c"}, Path("/x/c/uv"), [H / ".local/share/uv/tools"]),
        (
            "windows",
            {"LOCALAPPDATA": "/w/Local", "APPDATA": "/w/Roaming"},
            Path("/w/Local/uv/cache"),
            [Path("/w/Roaming/uv/data/tools"), Path("/w/Roaming/uv/tools")],
        ),
        ("macos", {"UV_CACHE_DIR": "/u/c", "UV_TOOL_DIR": "/u/t"}, Path("/u/c"), [Path("/u/t")]),
    ],
)
def test_uv_folders(os_name, env, cache, tools):
    w = where(os_name, **env)
    assert w.uv_cache() == cache and w.uv_tool_dirs() == tools


@pytest.mark.parametrize(
    ("os_name", "env", "homes"),
    [
        ("linux", {}, [H / ".local/share/pipx", H / ".local/pipx"]),
        ("macos", {}, [H / ".local/pipx", H / "Library/Application Support/pipx"]),
        (
            "windows",
            {"LOCALAPPDATA": "/w/Local"},
            [H / "pipx", Path("/w/Local/pipx"), H / ".local/pipx"],
        ),
        ("windows", {"PIPX_HOME": "/p"}, [Path("/p")]),
    ],
)
def test_pipx_homes(os_name, env, homes):
    w = where(os_name, **env)
    assert w.pipx_homes() == homes
    assert w.pipx_run_caches() == [h / ".cache" for h in homes]
    assert where(os_name, PIPX_VENV_CACHEDIR="/v", **env).pipx_run_caches() == [Path("/v")]


def test_a_macos_pipx_run_venv_is_scanned(isolated_home):
    """`pipx run` on a Mac: the venv under ~/.local/pipx/.cache is where its code is read."""
    site = isolated_home / ".local/pipx/.cache/0123abcd/lib/python3.12/site-packages"
    shutil.copytree(FIXTURES / "py-evil", site / "mcp_server_pyevil")
    info = site / "mcp_server_pyevil-0.3.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text("mcp_server_pyevil/server.py,sha256=x,1\n")
    config = isolated_home / "Library/Application Support/Claude/claude_desktop_config.json"
    config.parent.mkdir(parents=True)
    config.write_text(
        json.dumps(
            {"mcpServers": {"evil": {"command": "pipx", "args": ["run", "mcp-server-pyevil"]}}}
        )
    )
    from mcpaudit.collect import CollectOptions

    result = scan(
        ScanOptions(
            env={"HOME": str(isolated_home), "PATH": ""},
            os_name="macos",
            project=isolated_home,
            collect=CollectOptions(logs=False, processes=False),
        )
    )
    files = {
        f.file for f in result.findings if f.rule_id.startswith("MCP72") and f.server == "evil"
    }
    assert str(site / "mcp_server_pyevil" / "server.py") in files
