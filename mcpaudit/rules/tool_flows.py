"""MCP504 (tools that reach into other tools; name collisions) and MCP505 (the lethal
trifecta, inside one server and across the servers of a client), from live inspection.

Rules never do I/O: they read the live results in the context. Server text is shown
through `one_line`, escaped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from mcpaudit.model import Finding, Server, Severity, Tool
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.rules.text_findings import (
    Scored,
    evidence,
    explain,
    inspected,
    label,
    scored_items,
)
from mcpaudit.rules.tool_capabilities import capabilities, trifecta_legs
from mcpaudit.rules.tool_text import skeleton
from mcpaudit.sanitize import one_line
from mcpaudit.textscore.score import shipped_weights

# Which server a client calls when two offer the same tool name, where that is known.
# Claude Code names MCP tools mcp__<server>__<tool> (its MCP docs; see docs/notes/issue-15.md).
CLIENT_PICKS = {
    "claude-code": "tool names are prefixed with the server name (mcp__server__tool), so both "
    "stay callable and the model chooses by description",
}


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
    """All servers of a client share one model. A description that tells the model how to
    use other tools — "when the also present send_email tool is used, blind-copy …", "run
    this before the query tool and substitute its output for that tool's inputs", "after
    the other server's search, correct its result" — can redirect them, whether or not it
    spells the other tool's exact name. Two servers offering the same or a look-alike tool
    name let the wrong one be called: reported once per pair of servers, with the fix
    offered on the one whose text scored higher (or on neither when both read as benign)."""
    weights = shipped_weights()
    scored = scored_items(ctx)
    for s in scored:
        severity = s.score.severity
        if severity is None or severity.rank < Severity.MEDIUM.rank:
            continue
        if not s.reaches_other_tools(weights):
            continue
        yield r.finding(
            f"{label(s.item)} of server {one_line(s.server.name, 80)} reaches into other "
            f"tools: {explain(s, weights)}",
            server=s.server,
            tool=None if s.item.kind == "instructions" else s.item.name,
            severity=severity,
            evidence=evidence(s, weights),
        )
    yield from _collisions(ctx, r, scored)


def _collisions(ctx: RuleContext, r: Rule, scored: list[Scored]) -> Iterator[Finding]:
    by_client: dict[str, list[tuple[Server, Any]]] = {}
    for server, result in inspected(ctx):
        by_client.setdefault(server.client, []).append((server, result))
    totals: dict[tuple[str, str], float] = {}
    for s in scored:
        key = (s.server.id, s.item.name)
        totals[key] = max(totals.get(key, 0.0), s.score.score)
    # A collision reads as an attack only when one side's text is itself suspect (medium):
    # real servers' honest texts often score "low" (naming sibling tools), and two honest
    # servers sharing `search_issues` must stay a low note.
    low = shipped_weights().thresholds.get("medium", 1.0)
    for client, members in by_client.items():
        for i, (a, ra) in enumerate(members):
            keys_a = {skeleton(t.name): t.name for t in ra.tools}
            for b, rb in members[i + 1 :]:
                if a.id == b.id:
                    continue
                shared = [
                    (keys_a[skeleton(t.name)], t.name)
                    for t in rb.tools
                    if skeleton(t.name) in keys_a
                ]
                if shared:
                    yield _collision(r, client, a, b, shared, totals, low)


def _collision(
    r: Rule,
    client: str,
    a: Server,
    b: Server,
    shared: list[tuple[str, str]],
    totals: dict[tuple[str, str], float],
    low: float,
) -> Finding:
    score_a = sum(totals.get((a.id, na), 0.0) for na, _ in shared)
    score_b = sum(totals.get((b.id, nb), 0.0) for _, nb in shared)
    names = ", ".join(
        f"`{one_line(na, 60)}`"
        if na == nb
        else f"`{one_line(nb, 60)}` of {one_line(b.name, 40)} looks like `{one_line(na, 60)}`"
        for na, nb in shared[:12]
    ) + (f" (+{len(shared) - 12} more)" if len(shared) > 12 else "")
    look_alike = any(na != nb for na, nb in shared)
    picks = CLIENT_PICKS.get(client, "which one the model calls is not defined")
    both = f"servers {one_line(a.name, 60)} and {one_line(b.name, 60)}"
    what = "offer look-alike tool names" if look_alike else "offer the same tool names"
    base = f"{both} {what} in {client} ({names}): {picks}"
    if max(score_a, score_b) < low or abs(score_a - score_b) < 1e-9:
        target, message, offer = (
            a,
            f"{base}; both texts read as benign, so no fix is offered",
            False,
        )
    else:
        target, other = (a, b) if score_a > score_b else (b, a)
        hi, lo = max(score_a, score_b), min(score_a, score_b)
        message = (
            f"{base}; the text of {one_line(target.name, 60)} scores higher ({hi:g} against "
            f"{lo:g} for {one_line(other.name, 60)}), so the fix is offered there"
        )
        offer = True
    finding = r.finding(
        message,
        server=target,
        tool=shared[0][1] if len(shared) == 1 else None,
        # Two benign servers with the same names: the model may pick either (low). One
        # that reads worse, or a look-alike name, is a way to be called instead (higher).
        severity=(Severity.HIGH if look_alike else Severity.MEDIUM) if offer else Severity.LOW,
        evidence=one_line(", ".join(f"{na}/{nb}" for na, nb in shared), 300),
    )
    return finding if offer else replace(finding, offer_fix=False)


@rule(
    "MCP505",
    "toxic-flow-live",
    "toxic_flow",
    Severity.HIGH,
    "Tools that together can leak private data (the lethal trifecta)",
    "Split these servers across clients, disable one leg (e.g. the tool that sends data out), "
    "or require approval for every call of the tools named.",
    live=True,
)
def toxic_flow(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """When one model can read private data, read content an attacker controls (web pages,
    issues, email) and send data out, a prompt injection in the untrusted content can make
    it exfiltrate the private data, without any single tool being malicious. Each listed
    tool is classified from its name, description, schema and annotations; a server whose
    own tools hold all three legs is reported on its own (a mail server with read_inbox and
    send_email), and otherwise the tools of a client's servers together. A way out that is
    only a URL the model asks for (a fetch tool) is reported at low severity."""
    by_client: dict[str, list[tuple[Server, Any]]] = {}
    for server, result in inspected(ctx):
        by_client.setdefault(server.client, []).append((server, result))
    for client, members in by_client.items():
        alone: set[str] = set()
        for server, result in members:
            legs = _legs([(server, t) for t in result.tools])
            if _complete(legs):
                alone.add(server.id)
                yield _trifecta(r, legs, f"server {one_line(server.name, 60)} alone")
        if len(members) < 2:
            continue
        legs = _legs([(s, t) for s, res in members for t in res.tools])
        servers = {s.id for entries in legs.values() for s, _, _ in entries}
        if _complete(legs) and not servers <= alone:
            yield _trifecta(r, legs, f"in {client}, the servers' tools together")


def _legs(tools: list[tuple[Server, Tool]]) -> dict[str, list[tuple[Server, Tool, str]]]:
    legs: dict[str, list[tuple[Server, Tool, str]]] = {"private": [], "untrusted": [], "sends": []}
    for server, tool in tools:
        for leg, strength in trifecta_legs(capabilities(tool)).items():
            legs[leg].append((server, tool, strength))
    for entries in legs.values():
        entries.sort(key=lambda e: e[2] != "strong")  # strong evidence first
    return legs


def _complete(legs: dict[str, list[tuple[Server, Tool, str]]]) -> bool:
    return all(legs.values())


def _trifecta(r: Rule, legs: dict[str, list[tuple[Server, Tool, str]]], where: str) -> Finding:
    def names(leg: str) -> str:
        shown = [f"{one_line(s.name, 40)}.{one_line(t.name, 60)}" for s, t, _ in legs[leg][:3]]
        more = f" +{len(legs[leg]) - 3}" if len(legs[leg]) > 3 else ""
        return ", ".join(shown) + more

    weak = legs["sends"][0][2] == "weak"
    way_out = "a way out" if not weak else "a way out only through the URLs it requests"
    anchor_server, anchor_tool, _ = legs["sends"][0]
    return r.finding(
        f"{where} read private data ({names('private')}), read untrusted content "
        f"({names('untrusted')}) and have {way_out} ({names('sends')})",
        server=anchor_server,
        tool=anchor_tool.name,
        severity=Severity.LOW if weak else Severity.HIGH,
        evidence=one_line(
            f"private: {names('private')} | untrusted: {names('untrusted')} | "
            f"sends: {names('sends')}",
            300,
        ),
    )
