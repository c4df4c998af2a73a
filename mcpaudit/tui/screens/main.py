"""The audit screen: server tree, findings table, detail pane, counts and key bindings."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Tree

from mcpaudit.model import Finding, ScanResult
from mcpaudit.tui.view import FindingFilter, Scope, empty_table_message, filter_findings
from mcpaudit.tui.widgets.filter_bar import FilterBar
from mcpaudit.tui.widgets.finding_detail import FindingDetail
from mcpaudit.tui.widgets.findings_table import FindingsTable
from mcpaudit.tui.widgets.server_tree import NodeRef, ServerTree, node_name
from mcpaudit.tui.widgets.severity_bar import SeverityBar
from mcpaudit.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from mcpaudit.tui.app import McpAuditApp

# (key, action, footer label, help text). Each also becomes a command-palette entry, named
# in words (PALETTE): the footer's short labels only make sense next to their key.
ACTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("f", "fix", "Fix", "Apply the selected finding's fix (shows the diff first)"),
    ("F", "fix_all", "Fix all", "Apply the safe fixes, one question each (y/n/a/q)"),
    ("u", "undo", "Undo", "Undo the last fix mcpaudit applied"),
    ("i", "inspect", "Inspect", "Start the selected server, list its tools (asks first)"),
    ("I", "inspect_all", "All", "Inspect every enabled server live (asks first)"),
    ("e", "export", "Export", "Write the report to a file"),
    ("slash", "search", "Search", "Filter findings by text"),
    ("s", "severity", "Sev", "Cycle the minimum severity shown"),
    ("r", "rescan", "Rescan", "Read every config file again"),
    ("w", "walk", "Walk", "Search a code folder for project configs (scan --walk)"),
    ("question_mark", "help", "Help", "Show keys and what each pane means"),
)
PALETTE = {
    "fix": "Fix the selected finding",
    "fix_all": "Fix all safe findings",
    "undo": "Undo the last fix",
    "inspect": "Inspect the selected server",
    "inspect_all": "Inspect all servers",
    "export": "Export the report",
    "search": "Search the findings",
    "severity": "Change the minimum severity",
    "rescan": "Rescan the config files",
    "walk": "Find project configs under a folder",
    "help": "Show the help",
}
# Keys that move around rather than act: the help screen lists them with ACTIONS.
MOVES: tuple[tuple[str, str], ...] = (
    ("Tab", "next pane: tree → findings → detail; shift+Tab: back"),
    ("Enter", "tree: narrow the table to that client, file or server"),
    ("space", "tree: fold or unfold the node (← and → too)"),
    ("↑ ↓", "move in the tree or the table; scroll the detail"),
    ("PgUp/Dn", "a page up or down (PgUp/PgDn); Home and End too"),
    ("d", "“No configs found” screen: open the bundled demo home"),
)

# Left out of the footer so it fits 80 columns; `?` and the palette list them.
FOOTER_HIDDEN = frozenset({"inspect_all", "walk"})


class MainScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (140, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, action, label, tooltip=tip, id=action, show=action not in FOOTER_HIDDEN)
        for key, action, label, tip in ACTIONS
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: ScanResult | None = None
        self.filter = FindingFilter()

    @property
    def mcp_app(self) -> McpAuditApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield SeverityBar(id="counts")
        yield FilterBar(id="search")
        with Horizontal(id="body"):
            yield ServerTree(id="tree")
            with Container(id="main"):
                yield FindingsTable(id="findings")
                yield FindingDetail(id="detail")
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)

    def on_screen_resume(self) -> None:
        self.mcp_app.show_held_notices()

    def on_mount(self) -> None:
        self.query_one(SeverityBar).show_counts(None)
        self.query_one(FindingsTable).focus()

    # --- rendering -------------------------------------------------------------------------

    def show_result(self, result: ScanResult) -> None:
        self.result = result
        self.query_one(ServerTree).show_result(result, self.mcp_app.inspect_failures)
        self.refresh_table()

    def refresh_table(self) -> None:
        if self.result is None:
            return
        shown = filter_findings(self.result.findings, self.filter)
        table = self.query_one(FindingsTable)
        message = empty_table_message(self.filter, len(self.result.findings))
        table.show_empty(message)
        table.show(shown)
        self.query_one(SeverityBar).show_counts(self.result, len(shown), self.filter.describe())
        if not shown:
            self.query_one(FindingDetail).show_message(message)

    def selected_finding(self) -> Finding | None:
        return self.query_one(FindingsTable).current

    def set_busy(self, message: str | None) -> None:
        status = self.query_one(StatusLine)
        if message:
            status.busy(message)
        else:
            status.idle()

    # --- events ----------------------------------------------------------------------------

    def on_findings_table_finding_highlighted(
        self, event: FindingsTable.FindingHighlighted
    ) -> None:
        if self.result is None or event.finding is not self.selected_finding():
            return  # stale: typing in the search box moved on since
        if event.finding is None:
            message = empty_table_message(self.filter, len(self.result.findings))
            self.query_one(FindingDetail).show_message(message)
            return
        finding, services = event.finding, self.mcp_app.services
        if services.has_preview(finding):
            self.query_one(FindingDetail).show(
                finding, self.result.home, services.fix_preview(finding)
            )
            return
        # Planning reads the config file (maybe a large one): show the rest now, the diff after.
        self.query_one(FindingDetail).show(finding, self.result.home, "(computing the diff…)")
        self.run_worker(
            lambda: self._preview_in_thread(finding),
            thread=True,
            group="preview",
            exclusive=True,
            exit_on_error=False,
            name="fix preview",
        )

    def _preview_in_thread(self, finding: Finding) -> None:
        preview = self.mcp_app.services.fix_preview(finding)
        self.app.call_from_thread(self._show_preview, finding, preview)

    def _show_preview(self, finding: Finding, preview: str | None) -> None:
        if self.result is not None and self.selected_finding() is finding:
            self.query_one(FindingDetail).show(finding, self.result.home, preview)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeRef]) -> None:
        ref = event.node.data
        if ref is None:
            return
        scope = replace(ref.scope, label=node_name(event.node.label.plain))
        self.filter = replace(self.filter, scope=scope)
        self.refresh_table()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.filter = replace(self.filter, query=event.value.strip())
            self.refresh_table()

    def on_filter_bar_closed(self, event: FilterBar.Closed) -> None:
        if event.cleared:
            self.filter = replace(self.filter, query="")
            self.refresh_table()
        self.query_one(FindingsTable).focus()

    # --- actions (each is also a command-palette entry) -----------------------------------

    def action_search(self) -> None:
        self.query_one(FilterBar).open()

    def action_severity(self) -> None:
        # No toast: the header says the filter, and an empty table says why (issue 16, 5/6).
        self.filter = self.filter.next_severity()
        self.refresh_table()

    def action_rescan(self) -> None:
        self.mcp_app.start_scan()

    def action_walk(self) -> None:
        self.mcp_app.walks.ask()

    def action_help(self) -> None:
        self.mcp_app.action_help()

    def action_export(self) -> None:
        self.mcp_app.action_export()

    def action_fix(self) -> None:
        self.mcp_app.fixes.fix_one(self.selected_finding())

    def action_fix_all(self) -> None:
        self.mcp_app.fixes.fix_all_safe()

    def action_undo(self) -> None:
        self.mcp_app.fixes.undo_last()

    def action_inspect(self) -> None:
        self.mcp_app.inspections.inspect_selected(self.selected_server_id())

    def action_inspect_all(self) -> None:
        self.mcp_app.inspections.inspect_all()

    def selected_server_id(self) -> str | None:
        """The server of the highlighted finding, else the server chosen in the tree."""
        tree = self.query_one(ServerTree)
        node = tree.cursor_node
        if tree.has_focus and node is not None and node.data and node.data.scope.server_id:
            return node.data.scope.server_id
        finding = self.selected_finding()
        if finding is not None and finding.server_id:
            return finding.server_id
        return self.filter.scope.server_id

    def clear_scope(self) -> None:
        self.filter = replace(self.filter, scope=Scope())
