"""`f` on MCP320: ask which folder the server should keep (there is no default).

Candidates come from the server's other path arguments and the projects the scan knows;
any other folder can be typed. The fix itself is then shown as a diff like every fix.
"""

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


class ChooseFolderDialog(ModalScreen[str | None]):
    """Returns the folder chosen (absolute, `~` expanded by the caller) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ChooseFolderDialog { align: center middle; }
    ChooseFolderDialog > Vertical {
        width: 90; max-width: 96%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    ChooseFolderDialog OptionList { height: auto; max-height: 10; }
    """

    def __init__(self, server: str, current: str, candidates: list[str], home: str) -> None:
        super().__init__()
        self.server = server
        self.current = current
        self.candidates = candidates
        self.home = home

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            # Text, not str: a str title (and option prompt) is read as Textual markup, and
            # the server name and folders come from the config.
            box.border_title = Text(
                one_line(f"Narrow {self.server!r}: which folder should it keep?")
            )
            yield Static(
                Text(
                    f"It is given {one_line(self.current, 80)}. Pick the folder it needs "
                    "(never your home directory or a parent of it); the diff comes next.\n"
                    + ("Candidates:" if self.candidates else "Type a folder:")
                )
            )
            if self.candidates:
                yield OptionList(
                    *(
                        Option(Text(self._short(c)), id=str(i))
                        for i, c in enumerate(self.candidates)
                    ),
                    id="folder-candidates",
                )
            yield Input(placeholder="or type a folder, then Enter (Esc cancels)", id="folder-path")

    def _short(self, path: str) -> str:
        home = self.home.rstrip("/")
        if home and path.startswith(home + "/"):
            path = "~" + path[len(home) :]
        return one_line(path, 200)

    def on_mount(self) -> None:
        target = "#folder-candidates" if self.candidates else "#folder-path"
        self.query_one(target).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.candidates[int(event.option.id or 0)])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
