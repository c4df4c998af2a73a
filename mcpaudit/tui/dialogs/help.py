"""`?`: what each pane shows and what every key does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from mcpaudit.model import Severity
from mcpaudit.tui.styles import severity_badge

PANES = (
    (
        "Tree (left)",
        "clients → config files → servers; the badge is the worst severity inside. "
        "Enter or click narrows the table to that client, file or server (the header says "
        "so); “All servers” at the top shows all again. Space folds a node.",
    ),
    (
        "Findings (centre)",
        "one row per finding. Click a column header to sort by it; click it again to reverse.",
    ),
    (
        "Detail",
        "why the finding matters, where it is (file:line and key), the evidence "
        "(secrets shown as a 4-character prefix and their length), the remedy and the fix's diff. "
        "Tab moves the focus here; then ↑ ↓, PgUp/PgDn and Home/End scroll it.",
    ),
)


def help_text(keys: list[tuple[str, str]], mono: bool = False) -> Text:
    text = Text()
    text.append("Keys\n", style="bold underline")
    for key, what in keys:
        text.append(f"  {key:<8}", style="bold")  # ctrl+p below lines up with these
        text.append(what + "\n")
    text.append("  ctrl+p  ", style="bold")
    text.append("command palette: every action above, and the theme (dark/light)\n")
    text.append("\nPanes\n", style="bold underline")
    for name, what in PANES:
        text.append(f"  {name}: ", style="bold")
        text.append(what + "\n")
    text.append("\nSeverity badges\n", style="bold underline")
    text.append("  ")
    for s in Severity:
        text.append_text(severity_badge(s, mono))
        text.append(f" {s.value}  ")
    text.append(
        "\n\nNothing runs without asking: inspecting a server shows its exact command "
        "first; every fix shows its diff, keeps a backup and can be undone with u.\n",
        style="italic",
    )
    return text


class HelpDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]
    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "mcpaudit help (Esc closes)"
            yield Static(help_text(self.keys, self.app.no_color))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
