"""Issue 16 in the TUI, at 80×24 and 120×40: real homes, real fix engine, real keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from mcpaudit.tui.app import make_app
from mcpaudit.tui.dialogs.choose_folder import ChooseFolderDialog
from mcpaudit.tui.dialogs.confirm_each import ConfirmEachDialog
from mcpaudit.tui.dialogs.confirm_fix import ConfirmFixDialog
from mcpaudit.tui.screens.main import MainScreen
from tests.tui.sample import options_for, write_home
from tests.tui.test_app import rows
from tests.tui.test_fix_keys import select

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)])


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for every worker; a scan replaced by a newer one (exclusive) is not an error."""
    from textual.worker import WorkerCancelled

    for _ in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()
    await pilot.pause()


def record_notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Every toast message, kept (Textual drops expired ones; a slow host lets them expire)."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *a, **kw):  # type: ignore[no-untyped-def]
        seen.append(str(message))
        return original(message, *a, **kw)

    app.notify = notify
    return seen


@SIZES
async def test_mcp320_asks_for_the_folder_then_shows_the_diff(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    home = write_home(tmp_path / "home")
    config = home / ".cursor" / "mcp.json"
    app = make_app(options_for(home))
    record_notes(app)
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
    notes = record_notes(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await select(pilot, "MCP320")
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#folder-path", Input).focus()
        await pilot.press("~", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("is the home directory" in n for n in notes)
        assert config.read_bytes() == before


@SIZES
async def test_F_asks_once_per_change_on_the_demo_and_keeps_its_state_inside(
    isolated_home: Path, size: tuple[int, int]
) -> None:
    from mcpaudit.demo import STATE, demo_env
    from mcpaudit.scan import ScanOptions

    env, project = demo_env()
    demo_home = Path(env["HOME"])
    app = make_app(ScanOptions(env=env, project=project))
    notes = record_notes(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, ConfirmEachDialog)
        assert first.total >= 3
        await pilot.press("n")  # skip the first
        await pilot.pause()
        second = app.screen
        assert isinstance(second, ConfirmEachDialog) and second.step == 2
        assert second.summary != first.summary
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEachDialog) and app.screen.step == 3
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("applied 1 fix(es)" in n for n in notes)
        await pilot.press("u")
        await settle(pilot)
    assert any((demo_home / STATE / "data/backups").iterdir())
    for rel in (".config/mcpaudit", ".local/share/mcpaudit", ".local/state/mcpaudit"):
        assert not (isolated_home / rel).exists(), rel


@SIZES
async def test_demo_opened_from_the_empty_screen_moves_secrets_into_its_own_store(
    isolated_home: Path, size: tuple[int, int]
) -> None:
    from mcpaudit.demo import STATE
    from mcpaudit.scan import ScanOptions
    from mcpaudit.tui.widgets.findings_table import FindingsTable

    (isolated_home / "project").mkdir()
    app = make_app(ScanOptions(env={"HOME": str(isolated_home)}, project=isolated_home / "project"))
    notes = record_notes(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        row = next(
            i
            for i, f in enumerate(table.findings)
            if f.rule_id == "MCP101" and f.fix and "DATABASE_URI" in f.fix.description
        )
        table.focus()
        table.move_cursor(row=row)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmFixDialog)
        await pilot.press(*"yes", "enter")
        await settle(pilot)
        store = Path(app.options.env["HOME"]) / STATE / "config/secrets.env"
        assert "export DATABASE_URI=" in store.read_text()
        await pilot.press("u")
        await settle(pilot)
        assert not store.exists() or "DATABASE_URI" not in store.read_text()
        assert any("DATABASE_URI removed from" in n for n in notes)
    for rel in (".config/mcpaudit", ".local/share/mcpaudit", ".local/state/mcpaudit"):
        assert not (isolated_home / rel).exists(), rel


@SIZES
async def test_a_chmod_for_a_secret_is_not_called_fixed(
    isolated_home: Path, size: tuple[int, int]
) -> None:
    from mcpaudit.scan import ScanOptions

    cfg = isolated_home / ".config/Claude/claude_desktop_config.json"
    cfg.parent.mkdir(parents=True)
    token = "ghp_" + "K3j4" * 9
    # With a keychain, the launcher moves env and arg secrets (unsafe); without one (keyring's
    # "fail" backend, what a machine without a keychain has) the fix is the chmod.
    cfg.write_text(json.dumps({"mcpServers": {"gh": {"command": "x", "args": ["-t", token]}}}))
    (isolated_home / "p").mkdir()
    import keyring
    from keyring.backends.fail import Keyring as NoKeychain

    from mcpaudit.fix.providers.keychain import keyring_usable

    before = keyring.get_keyring()
    keyring.set_keyring(NoKeychain())  # this process may have a backend from an earlier test
    keyring_usable.cache_clear()
    app = make_app(ScanOptions(env={"HOME": str(isolated_home)}, project=isolated_home / "p"))
    notes = record_notes(app)
    try:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await select(pilot, "MCP104")
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmFixDialog) and app.screen.safe
            await pilot.press("y")
            await settle(pilot)
            assert any("stay in their file" in n and "finding stays" in n for n in notes), notes
            assert cfg.stat().st_mode & 0o777 == 0o600
            await select(pilot, "MCP104")  # still there: what was done, what remains
            await pilot.press("f")
            await pilot.pause()
            said = notes[-1]
            assert "readable only by you (0600): that part is done" in said, said
            assert "The secret is still in it" in said and "mcpaudit run" in said
    finally:
        keyring.set_keyring(before)
        keyring_usable.cache_clear()


@SIZES
async def test_the_severity_filter_stays_visible_in_the_header(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from mcpaudit.tui.widgets.severity_bar import SeverityBar

    home = write_home(tmp_path / "home")
    app = make_app(options_for(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        bar = app.screen.query_one(SeverityBar)
        line = "".join(s.text for s in bar.render_line(0)._segments)
        assert "showing" in line and "severity ≥ critical)" in line, line


@SIZES
async def test_enter_narrows_and_does_not_fold(tmp_path: Path, size: tuple[int, int]) -> None:
    from mcpaudit.tui.widgets.server_tree import ServerTree

    home = write_home(tmp_path / "home")
    app = make_app(options_for(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(ServerTree)
        tree.focus()
        tree.move_cursor(tree.root)
        await pilot.pause()
        await pilot.press("enter")  # "All servers"
        await pilot.pause()
        assert tree.root.is_expanded
        client = tree.root.children[0]
        tree.move_cursor(client)
        await pilot.press("enter")
        await pilot.pause()
        assert client.is_expanded
        await pilot.press("space")
        await pilot.pause()
        assert not client.is_expanded
