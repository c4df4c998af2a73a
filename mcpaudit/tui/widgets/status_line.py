"""A one-line progress/status area above the footer: what the app is doing right now."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import LoadingIndicator, Static

from mcpaudit.sanitize import one_line


class StatusLine(Horizontal):
    DEFAULT_CSS = """
    StatusLine { height: 1; display: none; background: $boost; }
    StatusLine.-busy { display: block; }
    StatusLine LoadingIndicator { width: 6; height: 1; min-height: 1; }
    StatusLine Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static(id="status-text")

    def busy(self, message: str) -> None:
        self.add_class("-busy")
        self.query_one("#status-text", Static).update(Text(one_line(message, 300)))

    def idle(self) -> None:
        self.remove_class("-busy")
        self.query_one("#status-text", Static).update("")
