"""MCP5xx: what servers tell the model, from live inspection (`scan --live` or TUI consent).

Rules read `ctx.live["inspections"]` (server id -> InspectionResult) and never do
I/O. Every message and evidence string made from server text goes through
`one_line`, so escapes and invisible characters are shown, never interpreted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from mcpaudit.model import Finding, Server, Severity, Tool
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.rules.tool_capabilities import capabilities, trifecta_legs
from mcpaudit.rules.tool_text import (
    Hit,
    control_hits,
    decode_tags,
    exfil_param_hits,
    homoglyph_hit,
    item_texts,
    poisoning_hits,
    prose_texts,
    skeleton,
    unicode_hits,
)
from mcpaudit.sanitize import one_line

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
    """The model reads tool descriptions as instructions. A description that contains
    `<IMPORTANT>`-style tags, tells the model to ignore earlier instructions, to keep
    something from the user, to read `~/.ssh/id_rsa`, `.env` or `mcp.json`, or to put file
    contents into a harmless-looking parameter such as `sidenote`, is a tool-poisoning attack:
    the tool does not need to be called for the attack to work, only listed."""
    for server, result in _inspected(ctx):
        for item, _texts in _texts_by_item(result):
            if item is None:
                texts = [(w, t) for w, t in _texts if w == "server instructions"]
            else:
                texts = prose_texts(item)
            hits: list[Hit] = []
            for where, text in texts:
                hits += poisoning_hits(text, where)
                hidden = decode_tags(text)
                if hidden:
                    hits += [
                        Hit(
                            h.reason + " (hidden in Unicode tag characters)",
                            h.phrase,
                            h.severity,
                            where,
                        )
                        for h in poisoning_hits(hidden, where)
                    ]
            if item is not None:
                hits += exfil_param_hits(item)
            if not hits:
                continue
            finding = _summarise(r, server, item, hits, "contains hidden instructions")
            if len({h.reason for h in hits if h.severity.rank >= Severity.HIGH.rank}) >= 2:
                finding = replace(finding, severity=Severity.CRITICAL)
            yield finding


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


_OTHER_TOOLS = re.compile(
    r"\b(?:all|any|every)\s+other\s+tools?\b"
    r"|\bwhen(?:ever)?\s+(?:using|calling|invoking)\s+(?:any|other|another)\b[^.\n]{0,30}\btools?\b"
    r"|\binstead\s+of\s+(?:using|calling)\s+(?:the\s+)?`?[\w.-]+`?\s+tool\b"
    r"|\bthe\s+`?[\w.-]+`?\s+tool\s+(?:must|should)\s+(?:always\s+)?(?:be|send|use)\b",
    re.IGNORECASE,
)


def _by_client(ctx: RuleContext) -> dict[str, list[tuple[Server, Any]]]:
    groups: dict[str, list[tuple[Server, Any]]] = {}
    for server, result in _inspected(ctx):
        groups.setdefault(server.client, []).append((server, result))
    return groups


def _mentions(text: str, name: str) -> re.Match[str] | None:
    """Does `text` name the tool `name`? Plain words need backticks or the word "tool"."""
    if len(name) < 3:
        return None
    escaped = re.escape(name)
    if re.search(r"[_\-.]|[a-z][A-Z]", name):
        return re.search(rf"(?<![\w-]){escaped}(?![\w-])", text)
    return re.search(rf"`{escaped}`|\b(?:the\s+){escaped}\s+tool\b", text, re.IGNORECASE)


@rule(
    "MCP504",
    "tool-shadowing",
    "tool_shadowing",
    Severity.HIGH,
    "A server's tools reach into other servers' tools",
    "Keep servers that name or imitate each other's tools out of the same client; remove the "
    "one that gives instructions about tools it does not own.",
    live=True,
)
def tool_shadowing(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """All servers of a client share one model. A description that names another server's
    tool or tells the model how to use other tools can redirect them (e.g. send every email
    to the attacker); two servers offering the same or a look-alike tool name let the wrong
    one be called."""
    for client, members in _by_client(ctx).items():
        owners: dict[str, list[Server]] = {}
        for server, result in members:
            for tool in result.tools:
                owners.setdefault(tool.name, []).append(server)
        for server, result in members:
            own = {t.name for t in result.tools}
            for item in result.items:
                hits: list[Hit] = []
                for where, text in prose_texts(item):
                    for name, servers in owners.items():
                        if name in own:
                            continue
                        m = _mentions(text, name)
                        if m:
                            others = ", ".join(sorted({one_line(s.name, 60) for s in servers}))
                            hits.append(
                                Hit(
                                    f"names the tool `{one_line(name, 60)}` of server {others}",
                                    text[max(0, m.start() - 60) : m.end() + 60],
                                    Severity.HIGH,
                                    where,
                                )
                            )
                    m = _OTHER_TOOLS.search(text)
                    if m:
                        hits.append(
                            Hit(
                                "instructions about other tools", m.group(0), Severity.MEDIUM, where
                            )
                        )
                if hits:
                    yield _summarise(r, server, item, hits, "reaches into other tools")
        yield from _duplicates(r, client, members)


def _duplicates(r: Rule, client: str, members: list[tuple[Server, Any]]) -> Iterator[Finding]:
    seen: dict[str, tuple[str, Server]] = {}
    reported: set[tuple[str, str]] = set()
    for server, result in members:
        for tool in result.tools:
            key = skeleton(tool.name)
            first = seen.get(key)
            if first is None:
                seen[key] = (tool.name, server)
                continue
            first_name, first_server = first
            if first_server.id == server.id or (first_name, tool.name) in reported:
                continue
            reported.add((first_name, tool.name))
            if first_name == tool.name:
                message = (
                    f"servers {one_line(first_server.name, 60)} and {one_line(server.name, 60)} "
                    f"both offer a tool named `{one_line(tool.name, 80)}` in {client}: the model "
                    "may call the wrong one"
                )
            else:
                message = (
                    f"tool `{one_line(tool.name, 80)}` of server {one_line(server.name, 60)} looks "
                    f"like `{one_line(first_name, 80)}` of server {one_line(first_server.name, 60)}"
                )
            yield r.finding(
                message,
                server=server,
                tool=tool.name,
                severity=Severity.MEDIUM,
                evidence=one_line(f"{first_name} / {tool.name}", 200),
            )


@rule(
    "MCP505",
    "toxic-flow-live",
    "toxic_flow",
    Severity.HIGH,
    "A client's tools together can leak private data (the lethal trifecta)",
    "Split these servers across clients, disable one leg (e.g. the tool that sends data out), "
    "or require approval for every call of the tools named.",
    live=True,
)
def toxic_flow(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """When one model can read private data, read content an attacker controls (web pages,
    issues, email) and send data out, a prompt injection in the untrusted content can make
    it exfiltrate the private data, without any single tool being malicious. This rule
    classifies each listed tool from its name and description and names the tools that
    complete the trifecta in each client."""
    for client, members in _by_client(ctx).items():
        legs: dict[str, list[tuple[Server, Tool]]] = {"private": [], "untrusted": [], "sends": []}
        for server, result in members:
            for tool in result.tools:
                for leg in trifecta_legs(capabilities(tool)):
                    legs[leg].append((server, tool))
        if not all(legs.values()):
            continue

        def names(leg: str, legs: dict[str, list[tuple[Server, Tool]]] = legs) -> str:
            shown = [f"{one_line(s.name, 40)}.{one_line(t.name, 60)}" for s, t in legs[leg][:3]]
            more = f" +{len(legs[leg]) - 3}" if len(legs[leg]) > 3 else ""
            return ", ".join(shown) + more

        anchor = legs["sends"][0][0]
        yield r.finding(
            f"in {client}, private data ({names('private')}), untrusted content "
            f"({names('untrusted')}) and a way out ({names('sends')}) are available to the "
            "same model",
            server=anchor,
            tool=legs["sends"][0][1].name,
            evidence=one_line(
                f"private: {names('private')} | untrusted: {names('untrusted')} | "
                f"sends: {names('sends')}",
                300,
            ),
        )


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
    audited. Limits that cut an inspection short (thousands of tools, huge schemas) are
    reported at info level."""
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
