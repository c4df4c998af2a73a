"""Pilot tests: each key path does what a user would see (rows, files written, screens)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.report import render
from mcpaudit.scan import ScanOptions
from mcpaudit.tui.app import make_app
from mcpaudit.tui.screens.empty import EmptyScreen
from mcpaudit.tui.screens.main import MainScreen
from mcpaudit.tui.view import export_format
from mcpaudit.tui.widgets.findings_table import FindingsTable
from mcpaudit.tui.widgets.server_tree import ServerTree
from tests.tui.sample import options_for, sample_result, write_home


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule_id for f in app.screen.query_one(FindingsTable).findings]


def cell_texts(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(FindingsTable)
    return [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]


async def test_real_scan_shows_a_broken_config_with_file_and_line(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    (home / ".cursor" / "mcp.json").write_text('{\n  "mcpServers": {\n    "a": {,\n  }\n}\n')
    app = make_app(options_for(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        table = app.screen.query_one(FindingsTable)
        finding = next(f for f in table.findings if f.rule_id == "MCP900")
        table.move_cursor(row=table.findings.index(finding))
        await pilot.pause()
        assert finding.file == str(home / ".cursor" / "mcp.json")
        assert finding.location.line == 3
        detail = app.screen.query_one("#detail-body").render()
        assert "~/.cursor/mcp.json:3" in str(detail)


async def test_slash_filters_and_escape_clears(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert rows(app) == ["MCP101", "MCP320", "MCP201", "MCP401"]
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"filesys")
        await pilot.pause()
        assert rows(app) == ["MCP320"]
        await pilot.press("enter")  # keep the filter, back to the table
        assert isinstance(app.focused, FindingsTable)
        assert rows(app) == ["MCP320"]
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert rows(app) == ["MCP101", "MCP320", "MCP201", "MCP401"]


async def test_s_cycles_the_minimum_severity(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert rows(app) == ["MCP101"]
        await pilot.press("s")
        assert rows(app) == ["MCP101", "MCP320"]
        await pilot.press("s", "s", "s")
        assert len(rows(app)) == 4


async def test_selecting_a_server_in_the_tree_filters_to_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = sample_result(home)
    app = make_app(options_for(home), result=result)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(ServerTree)
        node = next(
            n
            for n in _walk(tree.root)
            if n.data and n.data.kind == "server" and "filesystem" in str(n.label)
        )
        tree.focus()
        tree.select_node(node)
        await pilot.pause()
        assert rows(app) == ["MCP320"]
        tree.select_node(tree.root)
        await pilot.pause()
        assert len(rows(app)) == 4


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children:
        yield from _walk(child)


async def test_header_click_sorts_and_reverses(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        table.sort_by("rule")
        assert rows(app) == ["MCP101", "MCP201", "MCP320", "MCP401"]
        table.sort_by("rule")
        assert rows(app) == ["MCP401", "MCP320", "MCP201", "MCP101"]


async def test_server_text_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        cells = cell_texts(app)
        assert any(c.startswith("[red]evil[/red]\\x1b[31m") for c in cells)
        assert "Remote server over plain HTTP [bold]not markup[/bold]" in cells
        assert not any("\x1b" in c for c in cells)


async def test_e_writes_the_report_where_asked(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = sample_result(home)
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    app = make_app(options_for(home), result=result, report_default=str(tmp_path / "x.md"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(tmp_path / "x.md")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text() == render(result, export_format())
        assert not (tmp_path / "x.md").exists()


async def test_r_rescans_and_shows_new_findings(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    app = make_app(options_for(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "MCP900" not in rows(app)
        (home / ".cursor" / "mcp.json").write_text("{ not json")
        await pilot.press("r")
        await settle(pilot)
        assert "MCP900" in rows(app)


async def test_empty_home_lists_where_it_looked_and_opens_the_demo(tmp_path: Path) -> None:
    home = tmp_path / "empty-home"
    home.mkdir()
    options = ScanOptions(env={"HOME": str(home)}, project=home, clients=CLIENTS[:3])
    app = make_app(options)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        looked = str(app.screen.query_one("#looked-list").render())
        cursor_paths = [f.path for c in app.result.clients for f in c.files]
        assert cursor_paths and all(p.replace(str(home), "~") in looked for p in cursor_paths)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.result.servers) > 10
        assert "demo-home" in app.result.home


async def test_help_lists_every_key_and_closes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("Static").render())
        for key in ("f ", "F ", "u ", "i ", "I ", "e ", "/ ", "s ", "r ", "? ", "q "):
            assert f"  {key}" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_has_an_entry_per_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for key in ("(f)", "(F)", "(u)", "(i)", "(I)", "(e)", "(/)", "(s)", "(r)", "(?)"):
            assert any(t.endswith(key) for t in titles), key
        assert "Quit" in titles


async def test_q_quits(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)


def test_sample_home_is_real_json(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    assert "mcpServers" in json.loads((home / ".cursor" / "mcp.json").read_text())


async def test_claude_code_projects_group_their_local_servers(tmp_path: Path) -> None:
    """A ~/.claude.json with local servers shows one node per project under the file, and
    selecting a project narrows the table to that project's servers."""
    home = write_home(tmp_path / "home")
    unpinned = {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}
    config = {
        "mcpServers": {"user-wide": unpinned},
        "projects": {
            str(home / "work" / "shop"): {"mcpServers": {"shop-db": unpinned}},
            str(home / "work" / "blog"): {"mcpServers": {"blog-a": unpinned, "blog-b": unpinned}},
        },
    }
    (home / ".claude.json").write_text(json.dumps(config, indent=2))
    app = make_app(options_for(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(ServerTree)
        (claude_file,) = [
            n
            for n in _walk(tree.root)
            if n.data and n.data.scope.file == str(home / ".claude.json") and n.data.kind == "file"
        ]
        children = {str(n.label): n for n in claude_file.children}
        assert any("user-wide" in label for label in children)
        blog = next(n for label, n in children.items() if " blog/ " in label)
        assert "(2)" in str(blog.label)
        assert sorted(str(n.label).split()[-1] for n in blog.children) == ["blog-a", "blog-b"]
        tree.focus()
        tree.select_node(blog)
        await pilot.pause()
        shown = app.screen.query_one(FindingsTable).findings
        assert shown and {f.server for f in shown} == {"blog-a", "blog-b"}
