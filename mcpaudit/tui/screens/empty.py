"""The empty state: no config file found. Says where mcpaudit looked and offers the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from mcpaudit.model import FileStatus, ScanResult
from mcpaudit.tui.view import display_path
from mcpaudit.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from mcpaudit.tui.app import McpAuditApp


def where_we_looked(result: ScanResult) -> Text:
    """Every client and each path mcpaudit checked for it."""
    text = Text()
    for client in result.clients:
        missing = [f for f in client.files if f.status == FileStatus.MISSING]
        if not missing:
            continue
        text.append(client.name + "\n", style="bold")
        for f in missing:
            text.append(f"  {display_path(f.path, result.home)}\n", style="dim")
    return text


class EmptyScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "Open demo", tooltip="Audit the bundled demo home", id="demo"),
        Binding("r", "rescan", "Rescan", tooltip="Look for config files again", id="rescan"),
        Binding("w", "walk", "Walk a folder", tooltip="Search a code folder for project configs"),
        Binding("question_mark", "help", "Help", id="help"),
    ]
    DEFAULT_CSS = """
    EmptyScreen { align: center top; }
    EmptyScreen #empty-box { width: 1fr; max-width: 100; height: 1fr; padding: 0 1; }
    EmptyScreen #empty-title { text-style: bold; margin: 1 0 0 0; }
    EmptyScreen #empty-actions { height: auto; margin: 1 0; }
    EmptyScreen #looked { height: 1fr; border: round $panel; padding: 0 1; }
    """

    def __init__(self, result: ScanResult) -> None:
        super().__init__()
        self.result = result

    @property
    def mcp_app(self) -> McpAuditApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="empty-box"):
            yield Static("No MCP client configs found", id="empty-title")
            yield Static(
                Text(
                    f"mcpaudit looked in {display_path(self.result.home, '')} for the config "
                    "files of every client it knows and found none. Press d to explore a "
                    "bundled demo home, w to search a code folder for project configs, or r "
                    "after adding a config."
                ),
                id="empty-help",
            )
            yield Button("Open the demo home (d)", id="demo", variant="primary")
            with VerticalScroll(id="looked"):
                yield Static(where_we_looked(self.result), id="looked-list")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.mcp_app.show_held_notices()

    def show_result(self, result: ScanResult) -> None:
        self.result = result
        self.query_one("#looked-list", Static).update(where_we_looked(result))

    def set_busy(self, message: str | None) -> None:
        # Progress goes in the one status line, not in toasts (issue 16, point 6).
        status = self.query_one(StatusLine)
        if message:
            status.busy(message)
        else:
            status.idle()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "demo":
            self.action_demo()

    def action_demo(self) -> None:
        self.mcp_app.open_demo()

    def action_rescan(self) -> None:
        self.mcp_app.start_scan()

    def action_walk(self) -> None:
        self.mcp_app.walks.ask()

    def action_help(self) -> None:
        self.mcp_app.action_help()
