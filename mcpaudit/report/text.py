"""Plain-text report for terminals and logs (no colour codes; safe for any terminal)."""

from __future__ import annotations

from mcpaudit.model import FileStatus, ScanResult, Severity
from mcpaudit.prose import plain
from mcpaudit.sanitize import clean, one_line

# Messages, fix descriptions and remedies are printed whole, on one line each: a terminal
# wraps them, a pipe or file gets them unchanged. Only text past this (hostile input) is
# cut, and then with an ellipsis.
WHOLE = 4000


def render(result: ScanResult) -> str:
    lines: list[str] = []
    found = [f for f in result.files if f.status != FileStatus.MISSING]
    lines.append(
        f"mcpaudit: {len(found)} config file(s), {len(result.servers)} server(s), "
        f"{len(result.findings)} finding(s) in {one_line(result.home, 500)}"
    )
    if not found:
        lines.append("")
        lines.append(
            "No MCP client configs found. Run `mcpaudit clients` to see where mcpaudit looked,"
        )
        lines.append("or `mcpaudit --demo` to explore a bundled demo home.")
        return "\n".join(lines) + "\n"
    counts = {s: 0 for s in Severity}
    for f in result.findings:
        counts[f.severity] += 1
    lines.append("  " + "  ".join(f"{s.value}: {n}" for s, n in counts.items()))
    baseline = [x for x in result.suppressed if x.source.startswith("baseline ")]
    accepted = [x for x in result.suppressed if not x.source.startswith("baseline ")]
    if accepted:
        lines.append(f"  ({len(accepted)} suppressed: listed at the end)")
    if baseline:
        lines.append(f"  ({len(baseline)} already in the baseline, not shown)")
    lines.append("")
    for f in result.findings:
        # A repository's file names can hold escapes (OSC 52, clear-screen): every string
        # from outside goes through the sanitiser, and render() cleans the whole text too.
        path = one_line(f.location.path, 500)
        where = f"{path}:{f.location.line}" if f.location.line else path
        client = one_line(f.client or "", 60)
        who = f" [{client}/{one_line(f.server)}]" if f.server else f" [{client}]" if client else ""
        lines.append(f"{f.severity.value.upper():8} {f.rule_id} {one_line(f.title)}{who}")
        lines.append(f"         {where}")
        lines.append(f"         {one_line(f.message, WHOLE)}")
        if f.evidence:
            lines.append(f"         evidence: {one_line(f.evidence)}")
        if f.fix:
            kind = "safe" if f.fix.safe else "unsafe"
            lines.append(f"         fix ({kind}): {one_line(f.fix.description, WHOLE)}")
        elif f.remediation:
            # No fix (or only part of one was possible): what is left for the user to do.
            lines.append(f"         to do: {one_line(plain(f.remediation), WHOLE)}")
    if accepted:
        lines += ["", f"Suppressed ({len(accepted)}): what was hidden, by which file, why"]
        for x in accepted:
            f = x.finding
            path = one_line(f.location.path or f.file or "", 500)
            where = f"{path}:{f.location.line}" if f.location.line else path
            who = f" [{one_line(f.client or '', 60)}/{one_line(f.server)}]" if f.server else ""
            covers = f" ({one_line(x.covers)})" if x.covers else ""
            until = f", until {x.expires}" if x.expires else ""
            lines.append(f"{f.severity.value.upper():8} {f.rule_id} {one_line(f.title)}{who}")
            lines.append(f"         {where}")
            by = f"by {one_line(x.source, 500)}{covers}{until}"
            lines.append(f"         {by}: {one_line(x.reason)}")
    return clean("\n".join(lines) + "\n")
