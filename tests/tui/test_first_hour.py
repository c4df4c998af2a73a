"""Issue 16 in the TUI, at 80×24 and 120×40: real homes, real fix engine, real keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from mcpaudit.tui.app import make_app
from mcpaudit.tui.dialogs.choose_folder import ChooseFolderDialog
from mcpaudit.tui.dialogs.confirm_fix import ConfirmFixDialog
from mcpaudit.tui.screens.main import MainScreen
from tests.tui.sample import options_for, write_home
from tests.tui.test_app import rows, settle
from tests.tui.test_fix_keys import select

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)])


@SIZES
async def test_mcp320_asks_for_the_folder_then_shows_the_diff(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    app = make_app(options_for(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await select(pilot, "MCP320")
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChooseFolderDialog)
        assert dialog.candidates == [str(home / "project")]
        await pilot.press("enter")  # the first candidate
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmFixDialog) and not confirm.safe
        assert any("it will no longer reach" in line for line in confirm.summary)
        assert str(home / "project") in confirm.diff
        await pilot.press(*"yes", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        args = json.loads(config.read_text())["mcpServers"]["filesystem"]["args"]
        assert args[-1] == str(home / "project")
        assert "MCP320" not in rows(app)


@SIZES
async def test_mcp320_refuses_the_home_directory(tmp_path: Path, size: tuple[int, int]) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    before = config.read_bytes()
    app = make_app(options_for(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await select(pilot, "MCP320")
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#folder-path", Input).focus()
        await pilot.press("~", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("is the home directory" in n.message for n in app._notifications)
        assert config.read_bytes() == before
