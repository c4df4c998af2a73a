"""The centre pane: one row per finding (severity, rule, server, title), sortable by column."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable

from mcpaudit.model import Finding
from mcpaudit.sanitize import one_line
from mcpaudit.tui.styles import severity_short
from mcpaudit.tui.view import SORT_COLUMNS, sort_findings

COLUMNS = (("severity", "Sev", 4), ("rule", "Rule", 6), ("server", "Server", 12))
MIN_TITLE = 12


class FindingsTable(DataTable[Text]):
    DEFAULT_CSS = """
    FindingsTable { height: 1fr; }
    """

    class FindingHighlighted(Message):
        """The cursor moved to a finding (None: the table is empty)."""

        def __init__(self, finding: Finding | None) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.findings: list[Finding] = []
        self.sort_column = "severity"
        self.sort_reverse = False
        self._columns_width = -1
        self.empty_message = ""  # the line an empty table shows under its header

    def on_mount(self) -> None:
        self._add_columns()

    def _title_width(self) -> int:
        """The title column fills what is left of the table's width (no sideways scrolling)."""
        fixed = sum(w for _k, _l, w in COLUMNS) + 2 * self.cell_padding * (len(COLUMNS) + 1)
        # Room for the vertical scrollbar even before it shows: a column wider than the view
        # is cut at the edge, past its own ellipsis (issue 16, point 8).
        bar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical
        return max(MIN_TITLE, self.scrollable_content_region.width - fixed - bar)

    def _add_columns(self) -> None:
        self.clear(columns=True)
        self._columns_width = self.scrollable_content_region.width
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)
        self.add_column("Title", key="title", width=self._title_width())

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._columns_width:
            self._add_columns()
            self._fill()

    @property
    def current(self) -> Finding | None:
        if not self.findings or self.cursor_row < 0 or self.cursor_row >= len(self.findings):
            return None
        return self.findings[self.cursor_row]

    def show(self, findings: Sequence[Finding]) -> None:
        """Replace the rows, keeping the cursor on the same finding when it is still shown."""
        previous = self.current
        self.findings = sort_findings(findings, self.sort_column, self.sort_reverse)
        if self.scrollable_content_region.width != self._columns_width:
            self._add_columns()  # the layout changed since: size the title column first
        self._fill(previous)

    def _fill(self, previous: Finding | None = None) -> None:
        previous = previous or self.current
        previous_row = self.cursor_row
        self.clear()
        for i, f in enumerate(self.findings):
            self.add_row(
                severity_short(f.severity, self.app.no_color),
                Text(f.rule_id),
                Text(one_line(f.server or "—", 60), overflow="ellipsis", no_wrap=True),
                Text(one_line(f.title, 200), overflow="ellipsis", no_wrap=True),
                key=str(i),
            )
        row = 0
        if previous is not None:
            # The same finding if it is still shown, else the row where it was (after a fix).
            keep = previous.fingerprint
            same = (i for i, f in enumerate(self.findings) if f.fingerprint == keep)
            row = next(same, min(max(previous_row, 0), max(len(self.findings) - 1, 0)))
        if self.findings:
            self.move_cursor(row=row)
        self.post_message(self.FindingHighlighted(self.current))

    def show_empty(self, message: str) -> None:
        """Say inside the table why it has no rows (issue 16, point 5)."""
        self.empty_message = message
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self.row_count or not self.empty_message or y != 1 or not self.show_header:
            return super().render_line(y)
        line = Text(" " + self.empty_message, style="italic", no_wrap=True, overflow="ellipsis")
        width = self.size.width
        line.truncate(width, overflow="ellipsis", pad=True)
        return Strip(line.render(self.app.console), width).apply_style(self.rich_style)

    def sort_by(self, column: str) -> None:
        """Sort by `column`; choosing the same column again reverses the order."""
        if column not in SORT_COLUMNS:
            return
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
        self.sort_column = column
        self.show(self.findings)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(str(event.column_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.FindingHighlighted(self.current))
