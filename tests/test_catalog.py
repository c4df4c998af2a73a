"""The client catalogue: complete, sourced, and right on every OS."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpaudit.clients.catalog import BY_ID, CLIENTS
from mcpaudit.clients.discover import Bases, candidates
from mcpaudit.clients.extract import DIALECTS
from mcpaudit.config.validate import SCHEMA_BY_DIALECT, load_schema

REQUIRED = {
    "claude-desktop",
    "claude-code",
    "cursor",
    "vscode",
    "copilot-cli",
    "windsurf",
    "gemini-cli",
    "codex",
    "zed",
    "cline",
    "roo-code",
    "continue",
    "goose",
    "lmstudio",
    "kiro",
    "amazon-q",
    "opencode",
    "antigravity",
}


def test_required_clients_are_known_and_unique():
    ids = [c.id for c in CLIENTS]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED


@pytest.mark.parametrize("client", CLIENTS, ids=lambda c: c.id)
def test_entry_is_complete(client):
    assert client.sources, "every entry cites where its facts come from"
    assert client.files
    for spec in client.files:
        assert spec.format in ("json", "jsonc", "toml", "yaml")
        assert spec.dialect in DIALECTS and spec.dialect in SCHEMA_BY_DIALECT
        assert spec.scope in ("user", "project", "local", "managed")
        load_schema(SCHEMA_BY_DIALECT[spec.dialect])


def _paths(client_id: str, os_name: str, env: dict[str, str]) -> set[str]:
    bases = Bases.from_env(env, os_name)
    return {
        str(c.path).replace("\\", "/")
        for c in candidates(bases, Path("/p"), os_name, (BY_ID[client_id],))
        if not c.unmatched_glob
    }


@pytest.mark.parametrize(
    ("client", "os_name", "expected"),
    [
        (
            "claude-desktop",
            "macos",
            "/Users/u/Library/Application Support/Claude/claude_desktop_config.json",
        ),
        (
            "claude-desktop",
            "windows",
            "C:/Users/u/AppData/Roaming/Claude/claude_desktop_config.json",
        ),
        ("claude-desktop", "linux", "/home/u/.config/Claude/claude_desktop_config.json"),
        ("zed", "macos", "/Users/u/.config/zed/settings.json"),
        ("zed", "windows", "C:/Users/u/AppData/Roaming/Zed/settings.json"),
        ("vscode", "macos", "/Users/u/Library/Application Support/Code/User/mcp.json"),
        ("vscode", "windows", "C:/Users/u/AppData/Roaming/Code - Insiders/User/mcp.json"),
        ("goose", "windows", "C:/Users/u/AppData/Roaming/Block/goose/config/config.yaml"),
        ("goose", "macos", "/Users/u/.config/goose/config.yaml"),
        ("cursor", "windows", "C:/Users/u/.cursor/mcp.json"),
        ("claude-code", "linux", "/home/u/.claude.json"),
        ("claude-code", "linux", "/p/.mcp.json"),
        ("codex", "macos", "/Users/u/.codex/config.toml"),
        ("opencode", "macos", "/Users/u/.config/opencode/opencode.jsonc"),
        # Corrected or added after checking the clients' documentation (docs/clients.md).
        ("amp", "windows", "C:/Users/u/.config/amp/settings.json"),
        ("amp", "linux", "/p/.amp/settings.json"),
        ("amp", "macos", "/Library/Application Support/ampcode/managed-settings.json"),
        ("cursor", "linux", "/p/.cursor/permissions.json"),
        ("copilot-cli", "linux", "/p/.github/mcp.json"),
        ("devin-cli", "windows", "C:/Users/u/AppData/Roaming/devin/config.json"),
        ("devin-cli", "macos", "/Users/u/.config/devin/config.json"),
        ("devin-cli", "linux", "/p/.devin/config.local.json"),
        ("gemini-cli", "linux", "/etc/gemini-cli/system-defaults.json"),
        ("lmstudio", "macos", "/Users/u/.cache/lm-studio/mcp.json"),
        ("opencode", "linux", "/etc/opencode/opencode.json"),
        ("opencode", "windows", "C:/ProgramData/opencode/opencode.jsonc"),
        ("warp", "linux", "/p/.warp/.mcp.json"),
    ],
)
def test_paths_per_os(client, os_name, expected):
    home = {"macos": "/Users/u", "windows": "C:/Users/u", "linux": "/home/u"}[os_name]
    env = {"HOME": home}
    if os_name == "windows":
        env["APPDATA"] = "C:/Users/u/AppData/Roaming"
    assert expected in _paths(client, os_name, env)


def test_relative_xdg_values_are_ignored():
    paths = _paths("zed", "linux", {"HOME": "/home/u", "XDG_CONFIG_HOME": "relative/dir"})
    assert "/home/u/.config/zed/settings.json" in paths


@pytest.mark.parametrize(
    ("client", "os_name", "moved", "expected"),
    [
        ("codex", "windows", {"CODEX_HOME": "C:/cx"}, "C:/cx/config.toml"),
        ("codex", "macos", {"CODEX_HOME": "/Users/u/cx/"}, "/Users/u/cx/config.toml"),
        ("claude-code", "macos", {"CLAUDE_CONFIG_DIR": "/Users/u/cc"}, "/Users/u/cc/.claude.json"),
        ("claude-code", "linux", {"CLAUDE_CONFIG_DIR": "/cc"}, "/cc/settings.json"),
        ("copilot-cli", "windows", {"COPILOT_HOME": "D:/cp"}, "D:/cp/mcp-config.json"),
        ("gemini-cli", "linux", {"GEMINI_CLI_HOME": "/g"}, "/g/.gemini/settings.json"),
        ("opencode", "windows", {"OPENCODE_CONFIG": "C:/oc.json"}, "C:/oc.json"),
        ("opencode", "macos", {"OPENCODE_CONFIG_DIR": "/oc"}, "/oc/opencode.jsonc"),
        ("cline", "macos", {"CLINE_DATA_DIR": "/cd"}, "/cd/settings/cline_mcp_settings.json"),
        ("cline", "linux", {"CLINE_DIR": "/c"}, "/c/data/settings/cline_mcp_settings.json"),
        ("cline", "windows", {"CLINE_MCP_SETTINGS_PATH": "C:/m.json"}, "C:/m.json"),
    ],
)
def test_relocated_paths_per_os(client, os_name, moved, expected):
    """Relocation variables move the user file; the default place is still listed."""
    home = {"macos": "/Users/u", "windows": "C:/Users/u", "linux": "/home/u"}[os_name]
    env = {"HOME": home, **moved}
    if os_name == "windows":
        env["APPDATA"] = "C:/Users/u/AppData/Roaming"
    assert expected in _paths(client, os_name, env)
    assert expected not in _paths(client, os_name, {k: v for k, v in env.items() if k not in moved})


def test_relative_relocation_values_are_ignored():
    paths = _paths("codex", "linux", {"HOME": "/home/u", "CODEX_HOME": "relative/dir"})
    assert "/home/u/.codex/config.toml" in paths
    assert not any("relative" in p for p in paths)
