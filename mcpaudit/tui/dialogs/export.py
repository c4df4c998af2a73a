"""`e`: ask where to write the report (default ./mcpaudit-report.md)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

DEFAULT_REPORT = "mcpaudit-report.md"


class ExportDialog(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $accent; background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, fmt: str, default: str = f"./{DEFAULT_REPORT}") -> None:
        super().__init__()
        self.fmt = fmt
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Export the {self.fmt} report"
            yield Static(Text("Write the report to (Enter writes, Esc cancels):"))
            yield Input(value=self.default, id="export-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
