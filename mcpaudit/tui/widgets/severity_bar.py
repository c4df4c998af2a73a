"""The header line: counts of findings by severity, what is shown, and the active filters."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mcpaudit.model import ScanResult
from mcpaudit.tui.styles import severity_style
from mcpaudit.tui.view import SEVERITY_ORDER, found_files, severity_counts


class SeverityBar(Static):
    """` mcpaudit  2 critical  5 high … │ 57 servers in 30 files │ showing 12 of 40`."""

    DEFAULT_CSS = """
    SeverityBar {
        height: 1; background: $panel; color: $foreground; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def show_counts(
        self, result: ScanResult | None, shown: int = 0, filters: str = "", busy: str = ""
    ) -> None:
        # One line: a narrow terminal cuts the end with an ellipsis, never mid-word unseen.
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("mcpaudit", style="bold")  # only the name: the rest has its own styles
        if result is None:
            text.append("  " + (busy or "scanning…"), style="italic")
            self.update(text)
            return
        total = len(result.findings)
        if shown != total or filters:
            # First, so a narrow terminal cuts the counts, never what explains the table.
            text.append(f"  showing {shown}/{total}", style="bold")
            if filters:
                text.append(f" ({filters})", style="bold")
            text.append("  │")
        counts = severity_counts(result.findings)
        for severity in SEVERITY_ORDER:
            n = counts[severity]
            text.append("  ")
            style = severity_style(severity, self.app.no_color) if n else "dim"
            text.append(f"{n} {severity.value}", style=style)
        text.append(
            f"  │ {len(result.servers)} servers in {len(found_files(result))} files", style="dim"
        )
        self.update(text)
