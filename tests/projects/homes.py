"""A laptop home whose clients' records name projects in every supported way (real files,
a real SQLite state.vscdb)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"  # shaped like a GitHub token


def server(name: str = "gh") -> dict[str, object]:
    return {
        "command": "npx",
        "args": ["-y", "@modelcontextprotocol/server-github@1.0.0"],
        "env": {"GITHUB_TOKEN": TOKEN},
    }


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2) + "\n")
    return path


def file_uri(path: Path) -> str:
    return "file://" + quote(str(path))


def state_vscdb(path: Path, entries: list[dict[str, object]]) -> Path:
    """A state.vscdb as VS Code writes it: ItemTable(key, value) with the recent list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
    con.execute("INSERT INTO ItemTable VALUES ('workbench.panel', '{}')")
    con.execute(
        "INSERT INTO ItemTable VALUES (?, ?)",
        ("history.recentlyOpenedPathsList", json.dumps({"entries": entries})),
    )
    con.commit()
    con.close()
    return path


def laptop(home: Path) -> dict[str, Path]:
    """Projects named by each client's records; returns them by name."""
    code = home / "code"
    p = {
        "claude": code / "claude-app",
        "vscode": code / "my proj",  # a space: %20 in the URI
        "ws": code / "team" / "svc",
        "cursor": code / "cursor-app",
        "codex": code / "codex-app",
        "gemini": code / "gemini-app",
        "jetbrains": code / "jb-app",
        "vscodium": code / "old-app",
    }
    write(p["claude"] / ".mcp.json", {"mcpServers": {"gh": server()}})
    write(p["claude"] / ".cursor" / "mcp.json", {"mcpServers": {"cur-in-claude": server()}})
    write(p["vscode"] / ".vscode" / "mcp.json", {"servers": {"vs": server()}})
    write(p["ws"] / ".gemini" / "settings.json", {"mcpServers": {"gem-ws": server()}})
    write(p["cursor"] / ".cursor" / "mcp.json", {"mcpServers": {"cur": server()}})
    write(
        p["codex"] / ".codex" / "config.toml",
        f'[mcp_servers.cx]\ncommand = "npx"\nargs = ["-y", "pkg@1.0.0"]\n'
        f'env = {{ GITHUB_TOKEN = "{TOKEN}" }}\n',
    )
    write(p["gemini"] / ".gemini" / "settings.json", {"mcpServers": {"gem": server()}})
    write(p["jetbrains"] / ".junie" / "mcp" / "mcp.json", {"mcpServers": {"jb": server()}})
    write(p["vscodium"] / ".roo" / "mcp.json", {"mcpServers": {"roo": server()}})
    # A symlink to the Claude project: the same folder, scanned once.
    (code / "claude-link").symlink_to(p["claude"], target_is_directory=True)

    write(
        home / ".claude.json",
        {
            "projects": {
                str(p["claude"]): {"enabledMcpjsonServers": ["gh"], "hasTrustDialogAccepted": True},
                str(home / "gone"): {},
                str(code / "claude-link"): {},
            }
        },
    )
    ws_file = write(
        code / "team" / "team.code-workspace",
        '// a workspace file (JSONC)\n{\n  "folders": [{"path": "svc"}],\n'
        '  "settings": {"mcp": {"servers": {"in-ws": {"command": "npx", "args": ["x"]}}}}\n'
        "}\n",
    )
    storage = home / ".config" / "Code" / "User" / "workspaceStorage"
    write(storage / "a1" / "workspace.json", {"folder": file_uri(p["vscode"])})
    write(storage / "b2" / "workspace.json", {"workspace": file_uri(ws_file)})
    write(storage / "c3" / "workspace.json", {"folder": "vscode-remote://ssh-remote%2Bbox/srv/app"})
    write(storage / "d4" / "workspace.json", "{ not json")
    state_vscdb(
        home / ".config" / "Cursor" / "User" / "globalStorage" / "state.vscdb",
        [
            {"folderUri": file_uri(p["cursor"])},
            {"folderUri": "file:///c%3A/Users/dev/win-app"},
            {"fileUri": file_uri(p["cursor"] / "README.md")},
        ],
    )
    # Not SQLite at all: a note, the other projects are still scanned.
    write(home / ".config" / "Code - Insiders" / "User" / "globalStorage" / "state.vscdb", "junk")
    write(
        home / ".config" / "VSCodium" / "storage.json",
        {"openedPathsList": {"entries": [{"folderUri": file_uri(p["vscodium"])}]}},
    )
    write(
        home / ".codex" / "config.toml",
        f'[projects."{p["codex"]}"]\ntrust_level = "trusted"\n',
    )
    write(
        home / ".gemini" / "trustedFolders.json",
        {str(p["gemini"]): "TRUST_FOLDER", str(p["claude"]): "TRUST_FOLDER"},
    )
    rel = "$USER_HOME$/" + str(p["jetbrains"].relative_to(home))
    write(
        home / ".config" / "JetBrains" / "IntelliJIdea2025.2" / "options" / "recentProjects.xml",
        '<application>\n  <component name="RecentProjectsManager">\n'
        '    <option name="additionalInfo">\n      <map>\n'
        f'        <entry key="{rel}">\n          <value><RecentProjectMetaInfo /></value>\n'
        "        </entry>\n      </map>\n    </option>\n  </component>\n</application>\n",
    )
    return p
