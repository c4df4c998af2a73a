"""Issue 16 in the TUI, keys and notices (80×24 and 120×40): progress in one status line and
no toast over a dialog (point 6), Tab, Enter and the help screen (15, 7), the palette's
words, the screenshot without ~/Downloads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mcpaudit.scan import ScanOptions, scan
from mcpaudit.tui.app import make_app
from mcpaudit.tui.dialogs.help import HelpDialog
from mcpaudit.tui.screens.main import MainScreen
from mcpaudit.tui.widgets.finding_detail import FindingDetail
from mcpaudit.tui.widgets.findings_table import FindingsTable
from mcpaudit.tui.widgets.server_tree import ServerTree
from mcpaudit.tui.widgets.severity_bar import SeverityBar
from mcpaudit.tui.widgets.status_line import StatusLine
from tests.tui.sample import options_for, sample_result, write_home
from tests.tui.screen import strip_text
from tests.tui.test_first_hour import record_notes, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)])


def toasts(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The toasts on screen now."""
    from textual.widgets._toast import Toast

    return [str(t.render()) for t in app.screen.query(Toast)]


def status_text(app) -> str:  # type: ignore[no-untyped-def]
    line = app.screen.query_one(StatusLine)
    return str(line.query_one("#status-text").render()) if line.has_class("-busy") else ""


@SIZES
async def test_opening_the_demo_shows_progress_in_the_status_line_not_in_toasts(
    isolated_home: Path, size: tuple[int, int]
) -> None:
    (isolated_home / "p").mkdir()
    gate, progressed = threading.Event(), threading.Event()

    def slow_scan(options, progress):  # type: ignore[no-untyped-def]
        """The real scan, held after its first progress line so the test can look."""

        def report(message: str) -> None:
            if progress is not None:
                progress(message)
            if (
                not progressed.is_set()
                and options.env
                and options.env["HOME"].endswith("demo-home")
            ):
                progressed.set()
                gate.wait(30)

        return scan(options, report)

    app = make_app(
        ScanOptions(env={"HOME": str(isolated_home)}, project=isolated_home / "p"),
        scanner=slow_scan,
    )
    notes = record_notes(app)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        for _ in range(200):
            if progressed.is_set() and status_text(app):
                break
            await pilot.pause(0.02)
        assert "reading" in status_text(app), (
            type(app.screen),
            progressed.is_set(),
            status_text(app),
        )
        assert toasts(app) == []
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert status_text(app) == ""
    assert not [n for n in notes if "reading" in n], notes


@SIZES
async def test_no_toast_covers_a_dialog_and_a_held_one_shows_after(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        table.focus()
        table.move_cursor(row=[f.rule_id for f in table.findings].index("MCP401"))
        await pilot.press("f")  # no automatic fix: a warning toast
        await pilot.pause()
        assert any("no automatic fix" in t for t in toasts(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        assert toasts(app) == []  # the earlier toast went away with the dialog's opening
        app.notify("inspected 1 server(s) live")  # an outcome arriving from a worker
        await pilot.pause()
        assert toasts(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("inspected 1 server(s) live" in t for t in toasts(app))


@SIZES
async def test_s_changes_the_header_not_a_toast(tmp_path: Path, size: tuple[int, int]) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    notes = record_notes(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        header = strip_text(app.screen.query_one(SeverityBar).render_line(0))
        assert "(severity ≥ critical)" in header
        assert notes == []


@SIZES
async def test_tab_moves_between_the_panes_and_the_detail_scrolls(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        assert app.focused is table
        order = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            order.append(type(app.focused).__name__)
        assert order == ["FindingDetail", "ServerTree", "FindingsTable"], order
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.focused, ServerTree)
        detail = app.screen.query_one(FindingDetail)
        detail.focus()
        await pilot.pause()
        assert detail.max_scroll_y > 0  # the first finding's detail is longer than the pane
        await pilot.press("pagedown")
        await pilot.pause()
        assert detail.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert detail.scroll_y == 0


async def test_the_help_screen_lists_tab_enter_d_and_scrolling(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
    for needle in (
        "Tab",
        "shift+Tab",
        "Enter",
        "narrow the table",
        "space",
        "fold",
        "d ",
        "open the bundled demo home",
        "PgUp/PgDn",
        "scroll",
    ):
        assert needle in text, needle


async def test_the_palette_names_actions_in_words(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
    assert "Inspect all servers (I)" in titles
    assert "Change the minimum severity (s)" in titles
    assert not [t for t in titles if t in ("All (I)", "Sev (s)")]


async def test_the_screenshot_goes_to_the_current_folder_when_downloads_is_missing(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    assert not (isolated_home / "Downloads").exists()
    home = tmp_path / "home2"
    app = make_app(options_for(home), result=sample_result(home))
    notes = record_notes(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shot = next(c for c in app.get_system_commands(app.screen) if c.title == "Screenshot")
        shot.callback()
        for _ in range(100):
            if list(here.glob("*.svg")) and notes:
                break
            await pilot.pause(0.05)
    svgs = list(here.glob("*.svg"))
    assert len(svgs) == 1 and "<svg" in svgs[0].read_text()
    assert any(str(svgs[0]) in n and "Downloads does not exist" in n for n in notes), notes


@SIZES
async def test_enter_on_a_client_narrows_the_table_and_the_header_names_it(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    home = write_home(tmp_path / "home")
    app = make_app(options_for(home))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(ServerTree)
        table = app.screen.query_one(FindingsTable)
        everything = len(table.findings)
        clean, cursor = (
            next(n for n in tree.root.children if n.label.plain.strip().startswith(name))
            for name in ("Claude Code", "H  Cursor")
        )
        tree.focus()
        tree.move_cursor(clean)
        await pilot.press("enter")
        await pilot.pause()
        assert clean.is_expanded  # Enter narrows, it does not fold
        assert table.findings == []
        line = strip_text(table.render_line(1)).strip()
        assert line.startswith("No findings in Claude Code — Enter on “All servers”"), line
        tree.move_cursor(cursor)
        await pilot.press("enter")
        await pilot.pause()
        assert cursor.is_expanded
        assert table.findings and {f.client for f in table.findings} == {"cursor"}
        header = strip_text(app.screen.query_one(SeverityBar).render_line(0))
        assert "(in Cursor)" in header, header
        tree.move_cursor(tree.root)
        await pilot.press("enter")
        await pilot.pause()
        assert len(table.findings) == everything and tree.root.is_expanded
        await pilot.press("space")
        await pilot.pause()
        assert not tree.root.is_expanded
