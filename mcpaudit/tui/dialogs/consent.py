"""`i` / `I`: show exactly what will be started or contacted, and ask before anything runs.

A server the static scan condemns is held back (MCP509). Typing its exact name here (the
TUI's `--server NAME`) dismisses with that name; the flow then shows its command in a new
dialog, so even a named server runs only after its launch line was on screen."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from mcpaudit.sanitize import one_line


class ConsentDialog(ModalScreen[bool | str]):
    """`plans` holds, per server, the sanitized lines of its launch description.

    Dismisses with True (run), False (cancel) or the name of a held-back server to add."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "cancel", "No", show=False),
        Binding("y", "confirm", "Run", show=False),
    ]
    DEFAULT_CSS = """
    ConsentDialog { align: center middle; }
    ConsentDialog > Vertical {
        width: 96%; max-width: 120; height: 90%; border: thick $error; background: $surface;
        padding: 0 1;
    }
    ConsentDialog #consent-plans { height: 1fr; border: round $panel; }
    ConsentDialog #consent-buttons { height: auto; align-horizontal: right; }
    ConsentDialog Button { margin-left: 2; }
    """

    def __init__(
        self,
        plans: list[list[str]],
        skipped: int = 0,
        held: list[str] | None = None,
        held_names: tuple[str, ...] = (),
        named: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.plans = plans
        self.skipped = skipped
        self.held = held or []  # "server: why" for servers the static scan condemns
        self.held_names = held_names  # their names: typing one adds it
        self.named = named  # held-back servers the user named: in `plans`, flagged

    def compose(self) -> ComposeResult:
        n = len(self.plans)
        with Vertical() as box:
            box.border_title = f"Inspect {n} server{'s' if n != 1 else ''} live?"
            yield Static(self._intro(), id="consent-intro")
            with VerticalScroll(id="consent-plans"):
                yield Static(self._plans_text())
            if self.held_names:
                yield Input(
                    placeholder="type a held-back server's name + Enter to see its command",
                    id="held-name",
                )
                yield Static("", id="held-error")
            with Horizontal(id="consent-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Run (y)", id="run", variant="error")

    def _intro(self) -> Text:
        text = Text(
            "This starts the commands below on your machine with your user's rights (or "
            "connects to the URLs), lists their tools, then stops them. Environment values "
            "are passed but not shown.",
        )
        if self.skipped:
            text.append(f"\n{self.skipped} server(s) cannot be inspected (see notes).", style="dim")
        for line in self.held:
            # The CLI's advice (`--server NAME`) in the TUI's terms.
            shown = re.sub(
                r"name it with --server .* to inspect",
                "type its name below to inspect",
                one_line(line, 600),
            )
            text.append(f"\nNot started: {shown}", style="bold")
        for name in self.named:
            text.append(
                f"\nYou named {one_line(name, 80)}: the static scan condemns it, and y starts it.",
                style="bold",
            )
        if not self.plans:
            text.append("\nNothing else would be started.", style="dim")
        return text

    def _plans_text(self) -> Text:
        text = Text()
        for lines in self.plans:
            for i, line in enumerate(lines):
                text.append(one_line(line, 600) + "\n", style="bold" if i == 0 else "")
            text.append("\n")
        return text

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if name in self.held_names:
            self.dismiss(name)
            return
        self.query_one("#held-error", Static).update(
            Text(f"No held-back server is named “{one_line(name, 80)}”.", style="bold")
        )

    def action_confirm(self) -> None:
        self.dismiss(bool(self.plans))

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "run" and bool(self.plans))
