"""`w`: search a code folder for project configs from the TUI, as `scan --walk DIR` does
(issue 14's gap in the TUI), from the empty screen and from the audit screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from mcpaudit.scan import ScanOptions
from mcpaudit.tui.app import make_app
from mcpaudit.tui.dialogs.walk_folder import WalkFolderDialog
from mcpaudit.tui.screens.empty import EmptyScreen
from mcpaudit.tui.screens.main import MainScreen
from mcpaudit.tui.widgets.server_tree import ServerTree
from tests.tui.test_first_hour import record_notes, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)])


def code_folder(home: Path) -> Path:
    """~/code/shop holds a project .mcp.json that no client's records name."""
    app = home / "code" / "shop"
    app.mkdir(parents=True)
    server = {"command": "npx", "args": ["-y", "@acme/shop-mcp"]}
    (app / ".mcp.json").write_text(json.dumps({"mcpServers": {"shop-db": server}}, indent=2))
    return app


@SIZES
async def test_w_on_the_empty_screen_finds_a_project_under_code(
    isolated_home: Path, size: tuple[int, int]
) -> None:
    code_folder(isolated_home)
    (isolated_home / "cwd").mkdir()
    app = make_app(ScanOptions(env={"HOME": str(isolated_home)}, project=isolated_home / "cwd"))
    notes = record_notes(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WalkFolderDialog) and dialog.candidates == ["~/code"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any(s.name == "shop-db" for s in app.result.servers)
        labels = [str(n.label) for n in _walk(app.screen.query_one(ServerTree).root)]
        assert any("shop-db" in label for label in labels)
        assert any("shop/" in label and "walk" in label for label in labels), labels
    assert any("~/code: 1 project folder(s) with MCP configs" in n for n in notes), notes


async def test_w_with_a_folder_that_does_not_exist_searches_nothing(
    isolated_home: Path,
) -> None:
    (isolated_home / "cwd").mkdir()
    app = make_app(ScanOptions(env={"HOME": str(isolated_home)}, project=isolated_home / "cwd"))
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#walk-path", Input).focus()
        await pilot.press(*"~/nowhere", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        assert app.options.walk == ()
    assert any("~/nowhere is not a folder" in n for n in notes), notes


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children:
        yield from _walk(child)
