"""`f` / `F`: show exactly what a fix changes, then ask. Unsafe fixes need an explicit "yes"."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from mcpaudit.sanitize import one_line
from mcpaudit.tui.widgets.finding_detail import diff_text


class ConfirmFixDialog(ModalScreen[bool]):
    """Returns True when the user confirmed. `safe=False` requires typing yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "cancel", "No", show=False),
        Binding("y", "confirm_safe", "Apply", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmFixDialog { align: center middle; }
    ConfirmFixDialog > Vertical {
        width: 96%; max-width: 120; height: 90%; border: thick $warning; background: $surface;
        padding: 0 1;
    }
    ConfirmFixDialog #fix-diff { height: 1fr; border: round $panel; }
    ConfirmFixDialog #fix-buttons { height: auto; align-horizontal: right; }
    ConfirmFixDialog #fix-yes { display: none; }
    ConfirmFixDialog.-unsafe #fix-yes { display: block; }
    ConfirmFixDialog Button { margin-left: 2; }
    """

    def __init__(self, title: str, summary: list[str], diff: str, safe: bool) -> None:
        super().__init__()
        self.title_text = title
        self.summary = summary
        self.diff = diff
        self.safe = safe

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text(one_line(self.title_text, 100))  # Text: never markup
            yield Static(self._summary_text(), id="fix-summary")
            with VerticalScroll(id="fix-diff"):
                yield Static(diff_text(self.diff) if self.diff else Text("(no textual change)"))
            yield Input(placeholder="type yes to apply this unsafe fix", id="fix-yes")
            with Horizontal(id="fix-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                label = "Apply (y)" if self.safe else "Apply"
                yield Button(label, id="apply", variant="warning" if not self.safe else "primary")

    def _summary_text(self) -> Text:
        text = Text()
        for line in self.summary:
            text.append(one_line(line, 300) + "\n")
        if self.safe:
            text.append("A backup is kept and u undoes it. Apply? ", style="bold")
            text.append("y", style="bold reverse")
            text.append(" / Esc")
        else:
            text.append(
                "UNSAFE: this changes what the client runs or how. Review the diff, then type "
                "yes and press Enter.",
                style="bold red3",
            )
        return text

    def on_mount(self) -> None:
        if not self.safe:
            self.add_class("-unsafe")
            self.query_one("#fix-yes", Input).focus()
        else:
            self.query_one("#apply", Button).focus()

    def action_confirm_safe(self) -> None:
        if self.safe:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip().lower() == "yes":
            self.dismiss(True)
        else:
            self.notify("type yes to apply, or press Esc", severity="warning")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(False)
        elif self.safe or self.query_one("#fix-yes", Input).value.strip().lower() == "yes":
            self.dismiss(True)
        else:
            self.query_one("#fix-yes", Input).focus()
            self.notify("type yes first: this fix is unsafe", severity="warning")
