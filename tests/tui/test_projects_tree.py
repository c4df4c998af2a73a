"""The tree's "Projects" level: project -> its files (with their client) -> servers."""

from __future__ import annotations

from pathlib import Path

from mcpaudit.scan import ScanOptions
from mcpaudit.tui.app import make_app
from mcpaudit.tui.widgets.findings_table import FindingsTable
from mcpaudit.tui.widgets.server_tree import ServerTree
from tests.projects.homes import laptop
from tests.tui.test_app import _walk, settle


async def test_known_projects_have_their_own_level(tmp_path: Path) -> None:
    home = tmp_path / "home"
    own = home / "here"
    own.mkdir(parents=True)
    p = laptop(home)
    options = ScanOptions(env={"HOME": str(home), "PATH": "/usr/bin"}, project=own)
    app = make_app(options)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(ServerTree)
        (top,) = [n for n in tree.root.children if n.data and n.data.kind == "projects"]
        projects = {str(n.label): n for n in top.children}
        claude = next(n for label, n in projects.items() if "claude-app/" in label)
        # How it was found, then its files of two clients, each with its servers.
        assert "claude-code, gemini-cli" in str(claude.label)
        files = [str(n.label) for n in claude.children]
        assert any("Claude Code: claude-app/.mcp.json" in f for f in files)
        assert any("Cursor: .cursor/mcp.json" in f for f in files)
        servers = [str(s.label) for n in claude.children for s in n.children]
        assert any(s.endswith("gh") for s in servers)
        # Known-project files are not repeated under their client.
        client_files = [
            n.data.scope.file
            for c in tree.root.children
            if c.data and c.data.kind == "client"
            for n in _walk(c)
            if n.data and n.data.kind == "file"
        ]
        assert str(p["claude"] / ".mcp.json") not in client_files
        tree.focus()
        tree.select_node(claude)
        await pilot.pause()
        shown = app.screen.query_one(FindingsTable).findings
        assert shown and {f.file for f in shown} <= {
            str(p["claude"] / ".mcp.json"),
            str(p["claude"] / ".cursor" / "mcp.json"),
        }
        assert {f.server for f in shown} >= {"gh", "cur-in-claude"}
