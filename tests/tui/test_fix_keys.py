"""`f`, `F` and `u` through the real fix engine: bytes on disk, what the user confirms."""

from __future__ import annotations

import importlib.util
import stat
from pathlib import Path

import pytest
from textual.widgets import Input

from mcpaudit.tui.app import make_app
from mcpaudit.tui.dialogs.confirm_each import ConfirmEachDialog
from mcpaudit.tui.dialogs.confirm_fix import ConfirmFixDialog
from mcpaudit.tui.screens.main import MainScreen
from mcpaudit.tui.widgets.findings_table import FindingsTable
from tests.tui.sample import options_for, write_home
from tests.tui.test_app import rows, settle

HAS_FIX = importlib.util.find_spec("mcpaudit.fix") is not None
needs_fix = pytest.mark.skipif(not HAS_FIX, reason="the fix engine is not in this build")

HTTP = b'"http://mcp.example.test/sse"'
HTTPS = b'"https://mcp.example.test/sse"'


async def select(pilot, rule_id: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one(FindingsTable)
    table.focus()
    table.move_cursor(row=[f.rule_id for f in table.findings].index(rule_id))
    await pilot.pause()


@needs_fix
async def test_f_writes_the_fix_and_u_restores_the_bytes(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    before = config.read_bytes()
    app = make_app(options_for(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "MCP401")
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmFixDialog) and not dialog.safe
        assert "+" in dialog.diff and "https://mcp.example.test/sse" in dialog.diff
        await pilot.press("y")  # an unsafe fix ignores the one-key confirmation
        await pilot.pause()
        assert isinstance(app.screen, ConfirmFixDialog)
        assert config.read_bytes() == before
        await pilot.press("backspace", *"yes", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert config.read_bytes() == before.replace(HTTP, HTTPS)
        assert "MCP401" not in rows(app)

        await pilot.press("u")
        await settle(pilot)
        assert config.read_bytes() == before
        assert "MCP401" in rows(app)


@needs_fix
async def test_F_asks_per_change_and_a_applies_all_remaining(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    config.chmod(0o644)
    before = config.read_bytes()
    app = make_app(options_for(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEachDialog) and app.screen.step == 1
        await pilot.press("a")
        await settle(pilot)
        assert stat.S_IMODE(config.stat().st_mode) == 0o600
        assert config.read_bytes() == before
        await pilot.press("u")
        await settle(pilot)
        assert stat.S_IMODE(config.stat().st_mode) == 0o644


@needs_fix
async def test_escape_writes_nothing(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    before = config.read_bytes()
    app = make_app(options_for(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "MCP401")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert config.read_bytes() == before


@needs_fix
async def test_a_file_changed_since_the_scan_is_not_overwritten(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    app = make_app(options_for(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "MCP401")
        await pilot.press("f")
        await pilot.pause()
        edited = config.read_bytes().replace(b"filesystem", b"files")  # someone else edits it
        config.write_bytes(edited)
        dialog = app.screen
        dialog.query_one("#fix-yes", Input).value = "yes"
        await pilot.press("enter")
        await settle(pilot)
        assert config.read_bytes() == edited
        assert any("changed since" in n.message for n in app._notifications)


@pytest.mark.skipif(HAS_FIX, reason="the fix engine is in this build")
async def test_without_the_fix_engine_f_says_so(tmp_path: Path) -> None:
    home = write_home(tmp_path / "home")
    app = make_app(options_for(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("not available" in n.message for n in app._notifications)
