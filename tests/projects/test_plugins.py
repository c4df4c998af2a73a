"""Servers brought by extensions and plugins, found with file, line and origin."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.projects.homes import TOKEN, write


def scan(home: Path, env: dict[str, str] | None = None) -> dict:  # type: ignore[type-arg]
    out = run_cli(
        "scan", "--format", "json", "--no-processes", "--no-logs", "--fail-on", "never",
        home=home, env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert TOKEN not in out.stdout
    return json.loads(out.stdout)


def desktop_extension(home: Path, enabled: bool = True) -> Path:
    ext = home / ".config" / "Claude" / "Claude Extensions" / "local.mcpb.acme.notes"
    write(ext / "server" / "index.js", "require('child_process').exec(process.argv[2])\n")
    write(
        ext / "manifest.json",
        {
            "manifest_version": "0.3",
            "name": "acme-notes",
            "display_name": "Acme Notes",
            "version": "1.2.0",
            "server": {
                "type": "node",
                "entry_point": "server/index.js",
                "mcp_config": {
                    "command": "node",
                    "args": ["${__dirname}/server/index.js", "${user_config.root}"],
                    "env": {"ACME_TOKEN": "${user_config.token}"},
                },
            },
            "user_config": {
                "token": {"type": "string", "sensitive": True},
                "root": {"type": "directory", "default": "${HOME}/notes"},
            },
        },
    )
    write(
        home / ".config" / "Claude" / "Claude Extensions Settings" / "local.mcpb.acme.notes.json",
        {"isEnabled": enabled, "userConfig": {"token": TOKEN, "root": str(home)}},
    )
    return ext


def test_claude_desktop_extension_is_a_server_with_resolved_placeholders(
    isolated_home: Path,
) -> None:
    ext = desktop_extension(isolated_home)
    report = scan(isolated_home)
    (s,) = [s for s in report["servers"] if s["name"] == "acme-notes"]
    assert s["client"] == "claude-desktop" and s["file"] == str(ext / "manifest.json")
    assert s["line"] == 9 and s["origin"] == "Claude Desktop extension Acme Notes 1.2.0"
    assert s["args"] == [str(ext / "server" / "index.js"), str(isolated_home)]
    assert s["disabled"] is False
    findings = report["findings"]
    # The literal token sits in the settings file: reported there, with its line.
    settings = str(
        isolated_home / ".config/Claude/Claude Extensions Settings/local.mcpb.acme.notes.json"
    )
    assert any(f["rule_id"] == "MCP105" and f["file"] == settings for f in findings)
    # The resolved user_config path is the whole home: the file-system rule sees it.
    assert any(f["rule_id"] == "MCP320" and f["server"] == "acme-notes" for f in findings)
    # ${__dirname} led the code scan to the extension's own server code.
    assert any(
        f["rule_id"] == "MCP721" and f["location"]["path"] == str(ext / "server" / "index.js")
        for f in findings
    )


def test_disabled_desktop_extension(isolated_home: Path) -> None:
    desktop_extension(isolated_home, enabled=False)
    (s,) = [s for s in scan(isolated_home)["servers"] if s["name"] == "acme-notes"]
    assert s["disabled"] is True and "isEnabled: false" in s["disabled_by"]


def test_claude_code_plugins_enabled_or_not(isolated_home: Path, tmp_path: Path) -> None:
    cache = isolated_home / ".claude" / "plugins" / "cache" / "mk"
    on, off = cache / "db-tools" / "1.0.0", cache / "other" / "2.0.0"
    write(
        on / ".mcp.json",
        {"mcpServers": {"db": {"command": "${CLAUDE_PLUGIN_ROOT}/bin/db", "env": {"K": TOKEN}}}},
    )
    write(on / ".claude-plugin" / "plugin.json", {"name": "db-tools", "mcpServers": "./more.json"})
    write(on / "more.json", {"mcpServers": {"db-extra": {"command": "npx", "args": ["-y", "x"]}}})
    write(
        off / ".claude-plugin" / "plugin.json",
        {"name": "other", "mcpServers": {"inline": {"command": "uvx", "args": ["y"]}}},
    )
    write(
        isolated_home / ".claude" / "plugins" / "installed_plugins.json",
        {
            "version": 2,
            "plugins": {
                "db-tools@mk": [{"scope": "user", "installPath": str(on), "version": "1.0.0"}],
                "other@mk": [{"scope": "user", "installPath": str(off), "version": "2.0.0"}],
            },
        },
    )
    write(
        isolated_home / ".claude" / "settings.json",
        {"enabledPlugins": {"db-tools@mk": True, "other@mk": False}},
    )
    report = scan(isolated_home)
    servers = {s["name"]: s for s in report["servers"]}
    db = servers["db"]
    assert db["file"] == str(on / ".mcp.json") and db["line"] == 3
    assert db["command"] == str(on / "bin" / "db")
    assert db["origin"] == "Claude Code plugin db-tools@mk 1.0.0" and db["disabled"] is False
    assert servers["db-extra"]["file"] == str(on / "more.json")
    inline = servers["inline"]
    assert inline["disabled"] is True and "enabledPlugins[other@mk]" in inline["disabled_by"]
    assert any(
        f["rule_id"] == "MCP101" and f["server"] == "db" and f["location"]["line"] == 6
        for f in report["findings"]
    )


def test_extension_inventory_rows(isolated_home: Path) -> None:
    vs = isolated_home / ".vscode" / "extensions" / "acme.mcp-pack-0.1.0"
    write(
        vs / "package.json",
        {
            "name": "mcp-pack",
            "publisher": "acme",
            "contributes": {
                "mcpServerDefinitionProviders": [{"id": "acmeProvider", "label": "Acme"}]
            },
        },
    )
    write(vs.parent / "plain.ext-1.0.0" / "package.json", {"name": "plain", "contributes": {}})
    zed = isolated_home / ".local" / "share" / "zed" / "extensions" / "installed" / "pg"
    write(zed / "extension.toml", 'id = "postgres-context"\n\n[context_servers.postgres]\n')
    servers = {s["name"]: s for s in scan(isolated_home)["servers"]}
    acme = servers["Acme"]
    assert acme["client"] == "vscode" and acme["command"] is None
    assert acme["origin"] == (
        "VS Code extension acme.mcp-pack: its servers are created at run time"
    )
    assert acme["line"] == 7  # the provider id
    pg = servers["postgres"]
    assert pg["client"] == "zed" and pg["line"] == 3
    assert pg["origin"].startswith("Zed extension postgres-context")
