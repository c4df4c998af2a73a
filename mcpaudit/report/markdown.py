"""The Markdown report: what a person reads (and what renders cleanly on GitHub).

Every piece of text that came from a config file, a server or an error message goes
through `report.escape`, so it cannot break a table, inject HTML or links, or carry
control characters. Secrets are never shown whole: evidence arrives redacted, and
command lines are masked like in the JSON report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import PurePath

from mcpaudit import __version__
from mcpaudit.model import FileStatus, Finding, ScanResult, Server, Severity
from mcpaudit.report.escape import md_cell, md_code, md_ours, md_text

ICON = {
    Severity.CRITICAL: "🔴",
    Severity.HIGH: "🟠",
    Severity.MEDIUM: "🟡",
    Severity.LOW: "🔵",
    Severity.INFO: "⚪",
}
NOT_SCANNED = (FileStatus.MALFORMED, FileStatus.UNREADABLE)
INSPECTION_FAILED = "MCP509"  # live: a server that could not be inspected (rules/tool_content)


def render(result: ScanResult) -> str:
    paths = _PathStyle(result.home)
    # Each server's command line is shown twice; masking secrets in it is the costly part.
    launches = {s.id: _masked_launch(s) for s in result.servers}
    out: list[str] = ["# mcpaudit report", ""]
    out += _header(result)
    out += _summary(result)
    out += _findings(result, paths, launches)
    out += _inventory(result, paths, launches)
    out += _metadata(result, paths)
    return "\n".join(out).rstrip("\n") + "\n"


class _PathStyle:
    """Paths under the audited home are shown as `~/…` (shorter, and no user name)."""

    def __init__(self, home: str) -> None:
        self.home = PurePath(home) if home else None
        self.seen: dict[str, str] = {}  # thousands of findings share a few files

    def __call__(self, path: str | None) -> str:
        if not path:
            return ""
        shown = self.seen.get(path)
        if shown is None:
            shown = self.seen[path] = self._shorten(path)
        return shown

    def _shorten(self, path: str) -> str:
        if self.home is not None:
            try:
                return "~/" + PurePath(path).relative_to(self.home).as_posix()
            except ValueError:
                pass
        return path


def _header(result: ScanResult) -> list[str]:
    found = [f for f in result.files if f.status != FileStatus.MISSING]
    worst = result.worst()
    verdict = f"{ICON[worst]} worst severity: **{worst.value}**" if worst else "✅ no findings"
    lines = [
        f"{len(found)} config file(s), {len(result.servers)} server(s), "
        f"{len(result.findings)} finding(s) — {verdict}.",
        "",
    ]
    if not found:
        lines += [
            "No MCP client configuration was found. Run `mcpaudit clients` to see where "
            "mcpaudit looked.",
            "",
        ]
    return lines


def _rules() -> dict:  # type: ignore[type-arg]
    from mcpaudit.rules.registry import load_all

    return load_all()


def _summary(result: ScanResult) -> list[str]:
    counts = Counter(f.severity for f in result.findings)
    fixable = sum(1 for f in result.findings if f.fix is not None)
    lines = ["## Summary", "", "| Severity | Findings |", "|---|---:|"]
    lines += [f"| {ICON[s]} {s.value} | {counts.get(s, 0)} |" for s in Severity]
    lines += [f"| **total** | **{len(result.findings)}** |", ""]
    if result.findings:
        lines += [
            f"{fixable} of {len(result.findings)} finding(s) have a one-key fix "
            "(`mcpaudit` then the fix key, or `mcpaudit fix`).",
            "",
        ]

    lines += ["### By client", ""]
    by_client = [c for c in result.clients if any(f.status != FileStatus.MISSING for f in c.files)]
    if not by_client:
        lines += ["No client has a config file here.", ""]
        return lines
    header = "| Client | Files | Servers | " + " | ".join(s.value for s in Severity) + " |"
    lines += [header, "|---|---:|---:|" + "---:|" * len(Severity)]
    for c in by_client:
        files = sum(1 for f in c.files if f.status != FileStatus.MISSING)
        servers = sum(1 for s in result.servers if s.client == c.id)
        sev = Counter(f.severity for f in result.findings if f.client == c.id)
        cells = " | ".join(str(sev.get(s, 0)) for s in Severity)
        lines.append(f"| {md_cell(c.name)} | {files} | {servers} | {cells} |")
    return [*lines, ""]


def _findings(result: ScanResult, paths: _PathStyle, launches: dict[str, str | None]) -> list[str]:
    lines = ["## Findings", ""]
    if not result.findings:
        return [*lines, "No findings.", ""]
    rules = _rules()
    servers = {s.id: s for s in result.servers}
    client_names = {c.id: c.name for c in result.clients}
    by_server: dict[str, list[Finding]] = defaultdict(list)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if f.server_id and f.server_id in servers:
            by_server[f.server_id].append(f)
        else:
            by_file[f.file or f.location.path or ""].append(f)

    def worst_first(items: Iterable[tuple[str, list[Finding]]]) -> list[tuple[str, list[Finding]]]:
        return sorted(items, key=lambda kv: (-max(f.severity.rank for f in kv[1]), kv[0]))

    for sid, found in worst_first(by_server.items()):
        s = servers[sid]
        client = client_names.get(s.client, s.client)
        lines += [f"### Server {md_text(s.name, 200)} ({md_text(client)})", ""]
        lines += _server_line(s, paths, launches[s.id])
        for f in found:
            lines += _finding(f, rules, paths)
    for path, found in worst_first(by_file.items()):
        title = md_code(paths(path)) if path else "no file"
        lines += [f"### File {title}", ""]
        for f in found:
            lines += _finding(f, rules, paths)
    return lines


def _server_line(s: Server, paths: _PathStyle, line: str | None) -> list[str]:
    where = md_code(paths(s.file)) + (f" line {s.line}" if s.line else "")
    return [f"{_launch(s, line)} — configured in {where}.", ""]


def _launch(s: Server, line: str | None, in_table: bool = False) -> str:
    """How the server starts (`line`: from `_masked_launch`)."""
    if line is None:
        return s.transport.value
    return f"{s.transport.value} {md_code(line, 300, in_table=in_table)}"


def _masked_launch(s: Server) -> str | None:
    """The command line or URL with secrets masked, as in the JSON report."""
    from mcpaudit.report.jsonfmt import masked_args, masked_url

    if s.url is not None:
        return masked_url(s.url.text)
    if s.command is not None:
        return " ".join([s.command.text, *masked_args(s)])
    return None


def _finding(f: Finding, rules: dict, paths: _PathStyle) -> list[str]:  # type: ignore[type-arg]
    r = rules.get(f.rule_id)
    title = md_ours(f.title)
    lines = [f"#### {ICON[f.severity]} {f.severity.value.upper()} · {f.rule_id} {title}", ""]
    lines.append(f"- **What:** {md_text(f.message)}")
    if r is not None and r.rationale:
        lines.append(f"- **Why it matters:** {md_ours(r.rationale)}")
    where = md_code(paths(f.location.path)) if f.location.path else "—"
    if f.location.line:
        where += f", line {f.location.line}"
    if f.location.pointer:
        where += f", at {md_code(f.location.pointer, 300)}"
    lines.append(f"- **Where:** {where}")
    if f.tool:
        lines.append(f"- **Tool:** {md_code(f.tool, 200)}")
    if f.evidence:
        lines.append(f"- **Evidence:** {md_code(f.evidence, 500)}")
    remediation = f.remediation or (r.remediation if r else "")
    if remediation:
        lines.append(f"- **Remediation:** {md_ours(remediation)}")
    if f.fix is not None:
        kind = "safe" if f.fix.safe else "needs review"
        lines.append(f"- **One-key fix:** yes ({kind}) — {md_text(f.fix.description)}")
    else:
        lines.append("- **One-key fix:** no")
    lines.append(f"- **Fingerprint:** `{f.fingerprint}`")
    return [*lines, ""]


def _inventory(result: ScanResult, paths: _PathStyle, launches: dict[str, str | None]) -> list[str]:
    lines = ["## Inventory", "", "### Clients and files", ""]
    found = [(c, f) for c in result.clients for f in c.files if f.status != FileStatus.MISSING]
    missing = sum(1 for f in result.files if f.status == FileStatus.MISSING)
    if found:
        lines += ["| Client | File | Scope | Status |", "|---|---|---|---|"]
        for c, f in found:
            lines.append(
                f"| {md_cell(c.name)} | {md_cell(paths(f.path), 300, code=True)} "
                f"| {md_cell(f.scope)} | {md_cell(f.status)} |"
            )
        lines.append("")
    lines += [f"{missing} other known config location(s) have no file.", ""]
    lines += _projects(result, paths)

    lines += ["### Servers", ""]
    if result.servers:
        counts = Counter(f.server_id for f in result.findings if f.server_id)
        client_names = {c.id: c.name for c in result.clients}
        lines += [
            "| Server | Client | Launch | File | Env vars | Findings |",
            "|---|---|---|---|---|---:|",
        ]
        for s in result.servers:
            name = md_cell(s.name) + _state(s)
            where = md_cell(paths(s.file), 300, code=True) + (f":{s.line}" if s.line else "")
            env = ", ".join(md_cell(v.key or "", code=True) for v in s.env if v.key) or "—"
            launch = _launch(s, launches[s.id], in_table=True)
            client = md_cell(client_names.get(s.client, s.client))
            lines.append(
                f"| {name} | {client} | {launch} | {where} | {env} | {counts.get(s.id, 0)} |"
            )
        lines.append("")
    else:
        lines += ["No servers configured.", ""]

    lines += ["### Tools", ""]
    if not result.tools:
        lines += [
            "Live inspection was not run, so tool lists are not part of this report "
            "(`mcpaudit scan --live` starts each server and lists its tools).",
            "",
        ]
        return lines
    by_id = {s.id: s for s in result.servers}
    for sid, tools in result.tools.items():
        s = by_id.get(sid)
        label = md_text(s.name) if s else md_code(sid)
        lines += [f"#### Tools of {label}", ""]
        if not tools:
            lines += ["The server listed no tools.", ""]
            continue
        lines += ["| Name | Kind | Description |", "|---|---|---|"]
        for t in tools:
            lines.append(
                f"| {md_cell(t.name, code=True)} | {md_cell(t.kind)} "
                f"| {md_cell(t.description, 500)} |"
            )
        lines.append("")
    return lines


# Projects without configs (or not reachable) are listed in one table, up to this many.
MAX_OTHER_PROJECTS = 200


def _projects(result: ScanResult, paths: _PathStyle) -> list[str]:
    """A section per project holding configs; the others in one table with their status."""
    if not result.projects:
        return []
    files_by: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for c in result.clients:
        for f in c.files:
            if f.project and f.status != FileStatus.MISSING:
                files_by[f.project].append((c.name, f))
    servers_by: dict[str, list[Server]] = defaultdict(list)
    for srv in result.servers:
        if srv.project:
            servers_by[srv.project].append(srv)
    counts = Counter(f.server_id for f in result.findings if f.server_id)
    lines = ["### Projects", ""]
    others = []
    for p in result.projects:
        files = files_by.get(p.path, [])
        if not files:
            others.append(p)
            continue
        found_by = ", ".join(md_cell(b) for b in p.found_by) or "—"
        lines += [f"#### Project {md_code(paths(p.path), 300)}", "", f"Found by: {found_by}.", ""]
        lines += ["| Client | File | Servers | Findings |", "|---|---|---:|---:|"]
        for name, f in files:
            members = [srv for srv in servers_by.get(p.path, []) if srv.file == f.path]
            n = sum(counts.get(srv.id, 0) for srv in members)
            lines.append(
                f"| {md_cell(name)} | {md_cell(paths(f.path), 300, code=True)} "
                f"| {len(members)} | {n} |"
            )
        lines.append("")
    if others:
        lines += ["#### Projects without MCP configs, or not reachable", ""]
        lines += ["| Project | Status | Found by |", "|---|---|---|"]
        for p in others[:MAX_OTHER_PROJECTS]:
            status = p.status + (f" ({p.error})" if p.error and p.status != "ok" else "")
            lines.append(
                f"| {md_cell(paths(p.path), 300, code=True)} | {md_cell(status, 200)} "
                f"| {md_cell(', '.join(p.found_by))} |"
            )
        if len(others) > MAX_OTHER_PROJECTS:
            lines.append(f"| … {len(others) - MAX_OTHER_PROJECTS:,} more | | |")
        lines.append("")
    return lines


def _metadata(result: ScanResult, paths: _PathStyle) -> list[str]:
    lines = ["## Scan", "", "| | |", "|---|---|"]
    lines += [
        f"| Started | {md_cell(result.started_at, code=True) if result.started_at else '—'} |",
        f"| Duration | {result.duration_s:.2f} s |",
        f"| mcpaudit | {md_cell(__version__, code=True)} |",
        f"| Home | {md_cell(result.home, 300, code=True)} |",
        f"| Project | {md_cell(result.project, 300, code=True) if result.project else '—'} |",
        f"| Live inspection | {'yes' if result.tools else 'no'} |",
        "",
    ]
    skipped = [f for f in result.files if f.status in NOT_SCANNED]
    lines += ["### Not scanned", ""]
    if skipped:
        lines += ["| File | Status | Why |", "|---|---|---|"]
        for f in skipped:
            why = f.error or ""
            if f.error_line:
                why = f"line {f.error_line}: {why}"
            lines.append(
                f"| {md_cell(paths(f.path), 300, code=True)} | {md_cell(f.status)} "
                f"| {md_cell(why, 300)} |"
            )
        lines.append("")
    else:
        lines += ["Every config file found was read and parsed.", ""]
    failed = [f for f in result.findings if f.rule_id == INSPECTION_FAILED]
    if failed:
        lines += ["Servers whose live inspection failed or was cut short:", ""]
        lines += ["| Server | Why |", "|---|---|"]
        lines += [
            f"| {md_cell(f.server or '', code=True)} | {md_cell(f.message, 300)} |" for f in failed
        ]
        lines.append("")
    lines += _suppressed(result, paths)
    if result.notes:
        lines += ["### Notes", ""]
        lines += [f"- {md_text(n, 500)}" for n in result.notes]
        lines.append("")
    return lines


def _suppressed(result: ScanResult, paths: _PathStyle) -> list[str]:
    """Accepted risks stay visible for review; baseline matches are only counted."""
    baseline = [x for x in result.suppressed if x.source.startswith("baseline ")]
    accepted = [x for x in result.suppressed if not x.source.startswith("baseline ")]
    if not result.suppressed:
        return []
    lines = ["### Suppressed", ""]
    if accepted:
        lines += [
            "| Severity | Rule | Server | File | Reason | Expires | Suppressed by |",
            "|---|---|---|---|---|---|---|",
        ]
        for x in accepted:
            f = x.finding
            lines.append(
                f"| {ICON[f.severity]} {f.severity.value} | {f.rule_id} "
                f"| {md_cell(f.server, code=True) if f.server else '—'} "
                f"| {md_cell(paths(f.file), 300, code=True) if f.file else '—'} "
                f"| {md_cell(x.reason, 300)} | {x.expires or 'never'} "
                f"| {md_cell(paths(x.source), 300, code=True)} |"
            )
        lines.append("")
    if baseline:
        lines += [f"{len(baseline)} finding(s) already in the baseline are not shown.", ""]
    return lines


def _state(s: Server) -> str:
    """ " (disabled)" and the switch, or where a running server is switched off."""
    if s.disabled:
        return " (disabled" + (f": {md_cell(s.disabled_by, 200)}" if s.disabled_by else "") + ")"
    if s.disabled_in:
        return f" (off in {md_cell(', '.join(s.disabled_in), 200)})"
    return ""
