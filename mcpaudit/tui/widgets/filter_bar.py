"""The search box (`/`): filters the findings table as you type; Escape clears and hides it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FilterBar(Input):
    DEFAULT_CSS = """
    FilterBar { display: none; height: 3; }
    FilterBar.-active { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Clear search", show=False)]

    class Closed(Message):
        """The user left the search box (Enter keeps the filter, Escape clears it)."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder="search rule, server, title, file…  (Esc clears)", **kwargs)  # type: ignore[arg-type]

    def open(self) -> None:
        self.add_class("-active")
        self.focus()

    def action_close(self) -> None:
        self.value = ""
        self.remove_class("-active")
        self.post_message(self.Closed(cleared=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.value:
            self.remove_class("-active")
        self.post_message(self.Closed(cleared=False))
