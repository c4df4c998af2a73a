"""The detail pane: why a finding matters, where it is, its evidence, the remedy and the fix."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from mcpaudit.model import Finding
from mcpaudit.prose import plain
from mcpaudit.rules.registry import load_all
from mcpaudit.sanitize import clean, one_line
from mcpaudit.tui.styles import severity_label
from mcpaudit.tui.view import display_path, location_text


def diff_text(diff: str) -> Text:
    """A unified diff with added lines green and removed lines red (already sanitized text)."""
    out = Text(no_wrap=True, overflow="ellipsis")
    for line in clean(diff).splitlines():
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        else:
            style = ""
        out.append(line + "\n", style=style)
    return out


def render_finding(
    finding: Finding, home: str, fix_preview: str | None = None, mono: bool = False
) -> Text:
    """Everything about one finding as plain rich Text (nothing in it is read as markup)."""
    rule = load_all().get(finding.rule_id)
    text = Text()
    text.append_text(severity_label(finding.severity, mono=mono))
    text.append(f"  {finding.rule_id} · {finding.category}\n")
    text.append(one_line(finding.title, 300) + "\n", style="bold")
    text.append("\n")
    _field(text, "Where", location_text(finding, home))
    if finding.location.pointer:
        _field(text, "Key", one_line(finding.location.pointer, 300), style="dim")
    if finding.server:
        who = one_line(finding.server, 100)
        if finding.client:
            who += f"  ({finding.client})"
        _field(text, "Server", who)
    if finding.tool:
        _field(text, "Tool", one_line(finding.tool, 100))
    text.append("\n")
    text.append(clean(finding.message, max_len=2000) + "\n")
    if finding.evidence:
        _section(text, "Evidence", one_line(finding.evidence, 500))
    remediation = finding.remediation or (rule.remediation if rule else "")
    if remediation:
        _section(text, "Remediation", clean(plain(remediation)))  # no Markdown backticks
    if finding.fix is not None:
        kind = "safe" if finding.fix.safe else "unsafe: review before applying"
        _section(text, f"Fix ({kind}) — press f", one_line(finding.fix.description, 300))
        if fix_preview:
            text.append_text(diff_text(fix_preview))
    if rule is not None and rule.rationale:
        _section(text, "Why it matters", clean(" ".join(rule.rationale.split())))
    return text


def _field(text: Text, name: str, value: str, style: str = "") -> None:
    text.append(f"{name:<7}", style="bold")
    text.append(f"{value}\n", style=style)


def _section(text: Text, name: str, body: str) -> None:
    text.append(f"\n{name}\n", style="bold underline")
    text.append(body.rstrip() + "\n")


class FindingDetail(VerticalScroll):
    """Scrollable detail of the highlighted finding."""

    DEFAULT_CSS = """
    FindingDetail { height: 45%; border-top: tall $panel; padding: 0 1; }
    FindingDetail > Static { width: 1fr; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Text("No finding selected.", style="dim"), id="detail-body")

    def show(self, finding: Finding | None, home: str, fix_preview: str | None = None) -> None:
        body = self.query_one("#detail-body", Static)
        if finding is None:
            body.update(Text("No finding selected.", style="dim"))
        else:
            body.update(render_finding(finding, home, fix_preview, self.app.no_color))
        self.scroll_home(animate=False)

    def show_message(self, message: str, home: str = "") -> None:
        body = self.query_one("#detail-body", Static)
        body.update(Text(display_path(message, home) if home else clean(message)))
