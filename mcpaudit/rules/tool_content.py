"""MCP5xx: what servers tell the model, from live inspection (`scan --live` or TUI consent).

Rules read `ctx.live["inspections"]` (server id -> InspectionResult) and never do
I/O. Every message and evidence string made from server text goes through
`one_line`, so escapes and invisible characters are shown, never interpreted.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from mcpaudit.model import Finding, Server, Severity, Tool
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.rules.text_findings import evidence, explain, label, scored_items
from mcpaudit.rules.tool_text import (
    Hit,
    control_hits,
    homoglyph_hit,
    item_texts,
    unicode_hits,
)
from mcpaudit.sanitize import one_line
from mcpaudit.textscore.score import shipped_weights

KIND_WORD = {
    "tool": "tool",
    "prompt": "prompt",
    "resource": "resource",
    "resource_template": "resource template",
}


def _inspected(ctx: RuleContext) -> Iterator[tuple[Server, Any]]:
    """(server, result) for every server that was inspected, in config order."""
    results: Mapping[str, Any] = ctx.live.get("inspections") or {}
    for server in ctx.servers:
        result = results.get(server.id)
        if result is not None:
            yield server, result


def _texts_by_item(result: Any) -> Iterator[tuple[Tool | None, list[tuple[str, str]]]]:
    """Each item's texts, then the server-level texts (instructions, serverInfo)."""
    for item in result.items:
        yield item, item_texts(item)
    server_texts = []
    if result.instructions:
        server_texts.append(("server instructions", result.instructions))
    info = result.server_info
    if info is not None:
        server_texts += [(f"serverInfo {k}", v) for k, v in vars(info).items() if v]
    if server_texts:
        yield None, server_texts


def _label(item: Tool | None) -> str:
    if item is None:
        return "the server's own information"
    return f"{KIND_WORD.get(item.kind, item.kind)} `{one_line(item.name, 80)}`"


def _summarise(r: Rule, server: Server, item: Tool | None, hits: list[Hit], what: str) -> Finding:
    worst = max(hits, key=lambda h: h.severity.rank).severity
    reasons = "; ".join(h.explain() for h in hits[:4])
    more = f" (+{len(hits) - 4} more)" if len(hits) > 4 else ""
    return r.finding(
        f"{_label(item)} of server {one_line(server.name, 80)} {what}: {reasons}{more}",
        server=server,
        tool=item.name if item else None,
        severity=worst,
        evidence=one_line(hits[0].phrase, 200),
    )


@rule(
    "MCP501",
    "tool-poisoning",
    "tool_poisoning",
    Severity.HIGH,
    "Tool description carries hidden instructions for the model",
    "Remove the server, or pin a reviewed version; report it to its author. Never let a client "
    "auto-approve its tools.",
    live=True,
)
def tool_poisoning(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The model reads tool descriptions as instructions. Each tool, prompt, resource and the
    server's instructions are scored on weighted signals, calibrated on a labelled corpus of
    real and poisoned tools: instructions addressed to the model, steering which tool it
    picks ("use this tool instead of any other", "for every request, whatever the
    arguments"), concealment in any phrasing ("no need to mention", "keep this between
    us"), commands that do damage (`chmod -R`, `curl … | sh`, `rm -rf`), sensitive paths
    (`~/.ssh`, `.env`, `mcp.json`), side-channel parameters (`sidenote`, `context`) asked
    to carry files or the conversation, trigger phrases, tags and hidden text. The finding
    quotes every signal that fired; the severity follows the score. The tool does not need
    to be called for the attack to work, only listed."""
    weights = shipped_weights()
    for scored in scored_items(ctx):
        severity = scored.score.severity
        if severity is None:
            continue
        if scored.reaches_other_tools(weights) and severity.rank >= Severity.MEDIUM.rank:
            continue  # mostly about other tools: MCP504 reports it, once
        yield r.finding(
            f"{label(scored.item)} of server {one_line(scored.server.name, 80)} reads like "
            f"instructions to the model: {explain(scored, weights)}",
            server=scored.server,
            tool=None if scored.item.kind == "instructions" else scored.item.name,
            severity=severity,
            evidence=evidence(scored, weights),
        )


@rule(
    "MCP502",
    "hidden-unicode",
    "hidden_unicode",
    Severity.HIGH,
    "Invisible or look-alike Unicode in what a server tells the model",
    "Treat the server as hostile: the text the model reads differs from what you can see.",
    live=True,
)
def hidden_unicode(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Unicode tag characters (U+E0000–U+E007F) are invisible in most interfaces but read by
    the model: an attacker can spell a whole instruction with them. Zero-width and bidi
    control characters (Trojan Source) make the text you review differ from the text the
    model reads, and a tool name mixing Latin with Cyrillic or Greek letters imitates another
    tool's name."""
    for server, result in _inspected(ctx):
        for item, texts in _texts_by_item(result):
            hits: list[Hit] = []
            for where, text in texts:
                hits += unicode_hits(text, where)
            if item is not None:
                glyph = homoglyph_hit(item.name)
                if glyph:
                    hits.append(glyph)
            if hits:
                yield _summarise(r, server, item, hits, "hides characters")


@rule(
    "MCP503",
    "ansi-escape",
    "ansi_escape",
    Severity.HIGH,
    "Terminal escape sequences in what a server tells the model",
    "Do not approve this server's tools from a terminal client; remove it or report it.",
    live=True,
)
def ansi_escape(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A terminal client prints tool descriptions as they are. Escape sequences can hide
    text (`ESC[8m`), move the cursor to overwrite what you are shown, or set hyperlinks and
    the clipboard (OSC): the user approves one thing while the model reads another.
    mcpaudit shows these sequences escaped, never interpreted."""
    for server, result in _inspected(ctx):
        for item, texts in _texts_by_item(result):
            hits: list[Hit] = []
            for where, text in texts:
                hits += control_hits(text, where)
            if hits:
                yield _summarise(r, server, item, hits, "contains terminal control sequences")


@rule(
    "MCP506",
    "rug-pull",
    "rug_pull",
    Severity.HIGH,
    "A tool changed since it was pinned",
    "Review the diff. If the change is expected, accept it with `mcpaudit pins accept "
    "--server NAME`; if not, remove the server.",
    live=True,
)
def rug_pull(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A server can show a harmless tool at first, get approved, and change its description
    later (a rug pull): clients do not tell you when that happens. mcpaudit pins a hash of
    every tool, prompt and resource at the first live inspection and reports any change,
    with a diff, until you accept it."""
    for server, result in _inspected(ctx):
        for change in result.pin_changes:
            since = f" (pinned {change.pinned_at})" if change.pinned_at else ""
            yield r.finding(
                f"{KIND_WORD.get(change.kind, change.kind)} `{one_line(change.name, 80)}` of "
                f"server {one_line(server.name, 80)} changed since it was pinned{since}",
                server=server,
                tool=change.name,
                evidence=diff_text(change.old_text, change.new_text),
            )


def diff_text(old: str, new: str, limit: int = 2000) -> str:
    """A compact unified diff of two pinned texts, escaped and capped."""
    lines = [
        line
        for line in difflib.unified_diff(
            old.splitlines(), new.splitlines(), "pinned", "now", n=1, lineterm=""
        )
        if not line.startswith(("---", "+++"))
    ]
    text = "\n".join(one_line(line, 300) for line in lines)
    return text if len(text) <= limit else text[:limit] + "\n…"


_ERROR_SEVERITY = {"skipped": Severity.INFO}


MANY_TOOLS = 300  # the largest popular servers list ~120 tools (GitLab's, all toolsets on)


@rule(
    "MCP507",
    "unusual-number-of-tools",
    "tool_poisoning",
    Severity.LOW,
    "A server lists an unusual number of tools",
    "Check that the server is the one you meant to install; prefer one that lets you enable "
    "only the toolsets you use.",
    live=True,
)
def many_tools(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Every listed tool goes into the model's context. Hundreds or thousands of tools
    crowd out what the user wrote, make it likely the model picks a wrong one, and give a
    poisoned description somewhere to hide where no one reviews it. mcpaudit analyses all of
    them (no count limit); this finding says how many there were."""
    for server, result in _inspected(ctx):
        count = len(result.tools)
        if count > MANY_TOOLS:
            yield r.finding(
                f"server {one_line(server.name, 80)} lists {count} tools (more than "
                f"{MANY_TOOLS}); all of them were analysed",
                server=server,
                evidence=f"{count} tools",
            )


@rule(
    "MCP509",
    "inspection-failed",
    "malformed_config",
    Severity.LOW,
    "A server could not be inspected",
    "Check that the server starts with the command in the config (run it by hand); a server "
    "that hangs, crashes or floods its output is also a server the client cannot use safely.",
    live=True,
)
def inspection_failed(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Live inspection could not list this server's tools: it did not start, hung, crashed,
    flooded its output, spoke malformed JSON-RPC or was not reachable. Its tools were not
    audited. Limits that cut an inspection short (a listing past its byte or page limit, a
    huge schema) and servers held back because the static scan condemns them are reported
    at info level, saying what was not analysed."""
    for server, result in _inspected(ctx):
        if result.error is not None:
            kind = result.error.kind.value
            message = f"{kind}: {one_line(result.error.message, 300)}"
            tail = result.stderr.strip().splitlines()[-1:] if result.stderr else []
            yield r.finding(
                f"server {one_line(server.name, 80)} was not inspected ({message})",
                server=server,
                severity=_ERROR_SEVERITY.get(kind, Severity.LOW),
                evidence=one_line(tail[0], 200) if tail else "",
            )
        for note in result.notes:
            yield r.finding(
                f"inspection of server {one_line(server.name, 80)} was limited: "
                f"{one_line(note, 300)}",
                server=server,
                severity=Severity.INFO,
            )
