"""Issue 20, item 7 for the TUI: config text reaches the screen escaped, never as markup.

A real home whose server name, env key and project folder carry an OSC 52 clipboard
write, a clear-screen, a bidi override, Rich markup and a Textual click action. The app
scans it for real; what the terminal would get (the compositor's strips) is checked:
the escaped text is there, no raw control character, no style or click action from it."""

from __future__ import annotations

import json
from pathlib import Path

from textual.strip import Strip

from mcpaudit.scan import ScanOptions
from mcpaudit.tui.app import make_app
from mcpaudit.tui.dialogs.choose_folder import ChooseFolderDialog
from mcpaudit.tui.screens.main import MainScreen
from mcpaudit.tui.widgets.findings_table import FindingsTable

EVIL = "ev[red]x[/red][@click=app.quit]q\x1b]52;c;aGk=\x07\u202eZ"
KEY = "K[@click=app.quit]\x1b[2J"
FOLDER = "proj[bold red]x[@click=app.quit]\x1b[31m"  # no "/": it is one folder
TOKEN = "ghp_" + "Ab12" * 9
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile_home(root: Path) -> tuple[Path, Path]:
    home = root / "home"
    (home / ".cursor").mkdir(parents=True)
    servers = {
        EVIL: {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"],
            "env": {KEY: TOKEN},
        }
    }
    (home / ".cursor" / "mcp.json").write_text(json.dumps({"mcpServers": servers}, indent=2))
    project = home / FOLDER
    project.mkdir()
    (project / ".mcp.json").write_text(
        json.dumps({"mcpServers": {"p[i]y[/i]": {"command": "npx", "args": ["-y", "some-pkg"]}}})
    )
    return home, project


def screen_strips(app) -> list[Strip]:  # type: ignore[no-untyped-def]
    return app.screen._compositor.render_strips()


def assert_safe(strips: list[Strip]) -> str:
    """The screen's text; no raw control from the config, no click action or style from it."""
    text = "\n".join(s.text for s in strips)
    for raw in RAW:
        assert raw not in text, repr(raw)
    for strip in strips:
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            assert "app.quit" not in str(meta.get("@click", "")), segment
    return text


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_hostile_names_are_shown_escaped_and_never_interpreted(tmp_path: Path) -> None:
    home, project = hostile_home(tmp_path)
    options = ScanOptions(env={"HOME": str(home), "PATH": str(home / "bin")}, project=project)
    app = make_app(options)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        text = assert_safe(screen_strips(app))
        # The tree and the table show the markup as typed and the controls as escapes.
        assert "ev[red]x[/red][@click=app.quit]q\\x1b]52;c;aGk=\\x07" in text
        assert "p[i]y[/i]" in text
        assert "proj[bold red]x[@click=ap" in text  # the project in the (narrow) tree

        # The secret's finding: the env key (in the pointer) escaped in the detail pane.
        table = app.screen.query_one(FindingsTable)
        table.focus()
        rules = [f.rule_id for f in table.findings]
        table.move_cursor(row=rules.index("MCP101"))
        await pilot.pause()
        text = assert_safe(screen_strips(app))
        assert "K[@click=app.quit]\\x1b[2J" in text
        assert "<U+202E>" in text
        assert TOKEN not in text
        # The project's file, in full, where the detail pane says where a finding is.
        table.move_cursor(row=rules.index("MCP201"))
        await pilot.pause()
        text = assert_safe(screen_strips(app))
        assert "~/proj[bold red]x[@click=app.quit]\\x1b[31m/.mcp.json" in text

        # MCP320 asks which folder to keep: title (server name) and options (folders).
        table.move_cursor(row=rules.index("MCP320"))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChooseFolderDialog)
        text = assert_safe(screen_strips(app))
        assert "ev[red]x[/red][@click=app.quit]q" in text  # the border title
        assert "proj[bold red]x[@click=app.quit]\\x1b[31m" in text  # the candidate folder
        await pilot.press("escape")
        await pilot.pause()

        # A toast naming a config path (as the export and fix errors do).
        app.notify(f"cannot write {project}/{EVIL}", title=EVIL, severity="error")
        await pilot.pause()
        text = assert_safe(screen_strips(app))
        assert "[red]x[/red][@click=app.quit]q\\x1b]52;c;aGk=\\x07" in text
        assert app.is_running  # no click action ran, nothing quit the app
