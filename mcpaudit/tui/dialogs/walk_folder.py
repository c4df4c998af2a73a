"""`w`: which code folder to search for project configs (the TUI's `scan --walk DIR`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mcpaudit.sanitize import one_line


class WalkFolderDialog(ModalScreen[str | None]):
    """Returns the folder typed or picked (`~` expanded by the caller), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    WalkFolderDialog { align: center middle; }
    WalkFolderDialog > Vertical {
        width: 90; max-width: 96%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    WalkFolderDialog OptionList { height: auto; max-height: 8; }
    """

    def __init__(self, candidates: list[str], walked: list[str]) -> None:
        super().__init__()
        self.candidates = candidates  # shown as typed: ~/code
        self.walked = walked

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Find project configs under a folder"
            text = Text(
                "mcpaudit searches the folders under it for the MCP configs of every client "
                "(.mcp.json, .cursor/mcp.json, .vscode/mcp.json, …) and audits those projects "
                "too. It only reads files; nothing is started."
            )
            if self.walked:
                text.append("\nSearched already: " + ", ".join(self.walked), style="dim")
            yield Static(text)
            if self.candidates:
                yield OptionList(
                    *(Option(one_line(c, 200)) for c in self.candidates), id="walk-options"
                )
            yield Input(placeholder="type a folder, then Enter (Esc cancels)", id="walk-path")

    def on_mount(self) -> None:
        self.query_one("#walk-options" if self.candidates else "#walk-path").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.candidates[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
