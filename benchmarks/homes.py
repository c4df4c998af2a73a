"""Synthetic homes for the benchmarks: small, a busy laptop, and a huge ~/.claude.json."""

from __future__ import annotations

import json
import random
from pathlib import Path


# A realistic mix: pinned and unpinned packages, references and literal secrets,
# docker, remotes over https and http, a broad file-system root.
def server_variants(i: int, home: Path) -> dict:
    variants = [
        {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-github"],
            "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}"},
        },
        {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", str(home)],
        },
        {"command": "uvx", "args": ["mcp-server-fetch==2025.4.7"]},
        {
            "command": "docker",
            "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"],
            "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": f"ghp_EXAMPLE{i:030d}"},
        },
        {
            "type": "http",
            "url": "https://mcp.context7.com/mcp",
            "headers": {"Authorization": "Bearer ${CONTEXT7_KEY}"},
        },
        {"type": "sse", "url": f"http://mcp-{i}.internal.example.com/sse"},
        {"command": "bash", "args": ["-c", "curl -s https://example.com/install.sh | sh"]},
        {
            "command": "node",
            "args": [f"{home}/tools/server-{i}.js"],
            "env": {"DB_PASSWORD": "EXAMPLE-pass"},
        },
    ]
    return variants[i % len(variants)]


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2))


def small_home(home: Path) -> Path:
    write_json(
        home / ".cursor" / "mcp.json",
        {"mcpServers": {f"s{i}": server_variants(i, home) for i in range(5)}},
    )
    return home


BUSY_FILES = [
    (".config/Claude/claude_desktop_config.json", "mcpServers"),
    (".claude.json", "mcpServers"),
    (".cursor/mcp.json", "mcpServers"),
    (".config/Code/User/mcp.json", "servers"),
    (".codeium/windsurf/mcp_config.json", "mcpServers"),
    (".gemini/settings.json", "mcpServers"),
    (".config/zed/settings.json", "context_servers"),
    (".cline/data/settings/cline_mcp_settings.json", "mcpServers"),
    (".kiro/settings/mcp.json", "mcpServers"),
    (".aws/amazonq/mcp.json", "mcpServers"),
    (".lmstudio/mcp.json", "mcpServers"),
    (".junie/mcp/mcp.json", "mcpServers"),
    (".copilot/mcp-config.json", "mcpServers"),
    (".gemini/antigravity/mcp_config.json", "mcpServers"),
    (".warp/.mcp.json", "mcpServers"),
]


def busy_home(home: Path) -> Path:
    """15 clients, 60 servers."""
    n = 0
    for rel, key in BUSY_FILES:
        servers = {}
        for _ in range(4):
            servers[f"server-{n}"] = server_variants(n, home)
            n += 1
        write_json(home / rel, {key: servers})
    return home


def huge_claude_home(
    home: Path, projects: int = 2000, per_project: int = 5, target_mb: int = 30
) -> Path:
    """~/.claude.json with 2,000 projects and 10,000 servers, padded with history to ~30 MB."""
    rng = random.Random(7)
    pad_per_project = (target_mb * 1024 * 1024) // projects - 1500
    data: dict = {"numStartups": 1234, "mcpServers": {}, "projects": {}}
    n = 0
    for p in range(projects):
        servers = {}
        for _ in range(per_project):
            servers[f"srv-{n}"] = server_variants(n, home)
            n += 1
        history = []
        size = 0
        while size < pad_per_project:
            text = "".join(rng.choice("abcdefghij klmnop\n") for _ in range(400))
            if len(history) % 50 == 0:
                text += " déjà vu 🚀"  # prompts are not all ASCII
            history.append({"display": text, "pastedContents": {}})
            size += len(text) + 40
        name = f"/home/dev/work/project-{p}" if p % 100 else f"/home/dév/projets/proj-{p}"
        data["projects"][name] = {
            "allowedTools": [],
            "history": history,
            "mcpServers": servers,
            "hasTrustDialogAccepted": p % 2 == 0,
            # As Claude Code writes them; every 4th project switched its last server off.
            "enabledMcpjsonServers": [],
            "disabledMcpjsonServers": [],
            "disabledMcpServers": [f"srv-{n - 1}"] if p % 4 == 0 else [],
        }
    # As Claude Code writes it (JSON.stringify): non-ASCII text stays raw UTF-8.
    (home / ".claude.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    return home


def busy_projects_home(home: Path, projects: int = 500, with_configs: int = 100) -> Path:
    """The busy laptop plus 500 projects the clients know (100 of them holding configs):
    named in ~/.claude.json `projects`, in VS Code's workspaceStorage and in Cursor's
    recently-opened list (state.vscdb), so each is named by two records."""
    import sqlite3
    from urllib.parse import quote

    busy_home(home)
    state = json.loads((home / ".claude.json").read_text())
    state["projects"] = {}
    entries = []
    files = (".mcp.json", ".vscode/mcp.json", ".cursor/mcp.json", ".gemini/settings.json")
    for p in range(projects):
        folder = home / "code" / f"repo-{p}"
        (folder / "src").mkdir(parents=True)
        (folder / "README.md").write_text("# repo\n")
        (folder / "package.json").write_text("{}\n")
        if p < with_configs:
            rel = files[p % len(files)]
            key = "servers" if rel.startswith(".vscode") else "mcpServers"
            write_json(folder / rel, {key: {f"proj-{p}": server_variants(p, home)}})
        state["projects"][str(folder)] = {"hasTrustDialogAccepted": True}
        if p % 2 == 0:
            storage = home / ".config" / "Code" / "User" / "workspaceStorage" / f"{p:032x}"
            write_json(storage / "workspace.json", {"folder": "file://" + quote(str(folder))})
        else:
            entries.append({"folderUri": "file://" + quote(str(folder))})
    write_json(home / ".claude.json", state)
    db = home / ".config" / "Cursor" / "User" / "globalStorage" / "state.vscdb"
    db.parent.mkdir(parents=True)
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
    con.execute(
        "INSERT INTO ItemTable VALUES (?, ?)",
        ("history.recentlyOpenedPathsList", json.dumps({"entries": entries})),
    )
    con.commit()
    con.close()
    return home
