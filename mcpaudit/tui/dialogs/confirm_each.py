"""`F`: one question per change, each with its own diff: y apply, n skip, a all remaining,
q stop. Returns "yes", "no", "all" or "quit" (Esc is quit)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mcpaudit.sanitize import one_line
from mcpaudit.tui.widgets.finding_detail import diff_text


class ConfirmEachDialog(ModalScreen[str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Apply this"),
        Binding("n", "answer('no')", "Skip"),
        Binding("a", "answer('all')", "All remaining"),
        Binding("q,escape", "answer('quit')", "Stop"),
    ]
    DEFAULT_CSS = """
    ConfirmEachDialog { align: center middle; }
    ConfirmEachDialog > Vertical {
        width: 96%; max-width: 120; height: 90%; border: thick $warning; background: $surface;
        padding: 0 1;
    }
    ConfirmEachDialog #each-diff { height: 1fr; border: round $panel; }
    ConfirmEachDialog #each-buttons { height: auto; align-horizontal: right; }
    ConfirmEachDialog Button { margin-left: 1; min-width: 10; }
    """

    def __init__(self, step: int, total: int, summary: list[str], diff: str) -> None:
        super().__init__()
        self.step = step
        self.total = total
        self.summary = summary
        self.diff = diff

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Safe fix {self.step} of {self.total}"
            text = Text()
            for line in self.summary:
                text.append(one_line(line, 300) + "\n")
            text.append("Apply this change? ", style="bold")
            for key, label in (("y", "yes"), ("n", "skip"), ("a", "all remaining"), ("q", "stop")):
                text.append(key, style="bold reverse")
                text.append(f" {label}  ")
            yield Static(text, id="each-summary")
            with VerticalScroll(id="each-diff"):
                yield Static(diff_text(self.diff) if self.diff else Text("(no textual change)"))
            with Horizontal(id="each-buttons"):
                yield Button("Stop (q)", id="quit")
                yield Button("All (a)", id="all")
                yield Button("Skip (n)", id="no")
                yield Button("Apply (y)", id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "quit")
