"""Score every inspected item once per scan and say why: shared by MCP501 and MCP504.

The scorer (mcpaudit.textscore) needs each item's siblings (tools of the same server: naming
them is normal) and the tools of the other servers of the same client (naming those is
shadowing). Rules never do I/O; this only reads the live results already in the context.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mcpaudit.model import Server, Tool
from mcpaudit.rules.registry import RuleContext
from mcpaudit.sanitize import one_line
from mcpaudit.textscore.score import Score, Weights, score_item, shipped_weights
from mcpaudit.textscore.signals import BY_ID


@dataclass(frozen=True)
class Scored:
    server: Server
    item: Tool  # kind "instructions" for the server's own instructions
    score: Score

    def cross_share(self, weights: Weights) -> float:
        """How much of the score comes from signals that reach into other tools."""
        parts = self.score.contributions(weights)
        total = sum(w for _, w in parts) or 1.0
        return sum(w for f, w in parts if BY_ID[f.signal].family == "cross_tool") / total

    def reaches_other_tools(self, weights: Weights) -> bool:
        """Names another server's tool, or mostly gives orders about other tools: MCP504."""
        named = any(f.signal == "names_tool" for f in self.score.fired)
        return named or self.cross_share(weights) >= 0.5


def inspected(ctx: RuleContext) -> Iterator[tuple[Server, Any]]:
    results: Mapping[str, Any] = ctx.live.get("inspections") or {}
    for server in ctx.servers:
        result = results.get(server.id)
        if result is not None:
            yield server, result


def scored_items(ctx: RuleContext) -> list[Scored]:
    """Every tool, prompt, resource and server-instructions text of every inspected server,
    scored (memoised on the context: two rules read it)."""
    cache = ctx.extra.get("_scored_items") if isinstance(ctx.extra, dict) else None
    if cache is not None:
        return cache  # type: ignore[no-any-return]
    by_client: dict[str, list[tuple[Server, Any]]] = {}
    for server, result in inspected(ctx):
        by_client.setdefault(server.client, []).append((server, result))
    out: list[Scored] = []
    weights = shipped_weights()
    for members in by_client.values():
        names = {s.id: frozenset(t.name for t in r.tools) for s, r in members}
        every = frozenset().union(*names.values()) if names else frozenset()
        for server, result in members:
            own = names[server.id]
            others = every - own
            items = list(result.items)
            if result.instructions:
                items.append(Tool("instructions", result.instructions, {}, kind="instructions"))
            for item in items:
                out.append(Scored(server, item, score_item(item, own, others, weights)))
    if isinstance(ctx.extra, dict):
        ctx.extra["_scored_items"] = out
    return out


def label(item: Tool) -> str:
    if item.kind == "instructions":
        return "the server's instructions"
    kind = {"resource_template": "resource template"}.get(item.kind, item.kind)
    return f"{kind} `{one_line(item.name, 80)}`"


def explain(scored: Scored, weights: Weights, limit: int = 5) -> str:
    """“signal in where: ‘phrase’” for the heaviest signals, then the score."""
    parts = scored.score.contributions(weights)
    shown = [
        f"{BY_ID[f.signal].label} in the {f.where}: “{one_line(f.phrase, 100)}”"
        for f, _ in parts[:limit]
    ]
    more = f" (+{len(parts) - limit} more)" if len(parts) > limit else ""
    return "; ".join(shown) + more + f" [score {scored.score.score:g}]"


def evidence(scored: Scored, weights: Weights) -> str:
    return one_line(
        " | ".join(f"{f.signal}: {f.phrase}" for f, _ in scored.score.contributions(weights)), 400
    )
