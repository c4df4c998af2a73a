"""Do not start what the static scan condemns: the hold-back check before a live inspection.

A server whose static findings include a known-malicious or critically vulnerable package
(MCP210 at critical), a download piped into a shell (MCP302) or an encoded payload
(MCP303) is not started by `--live` unless the user names it (`--server NAME`). The
reason becomes the launch plan's skip reason, so the consent dialog shows it, the
inspection is skipped, and MCP509 reports which servers were held back and why.
"""

from __future__ import annotations

from collections.abc import Collection

from mcpaudit.model import Server, Severity
from mcpaudit.sanitize import one_line

# rule id -> the lowest severity that condemns a server
CONDEMNING: dict[str, Severity] = {
    "MCP210": Severity.CRITICAL,
    "MCP302": Severity.HIGH,
    "MCP303": Severity.HIGH,
}


def hold_back_reason(server: Server, named: Collection[str] = ()) -> str | None:
    """Why `server` is held back from live inspection, or None (also when it was named)."""
    if server.name in named or server.id in named:
        return None
    from mcpaudit.rules.registry import RuleContext, load_all

    rules = load_all()
    ctx = RuleContext(files=(), servers=(server,), home="")
    reasons: list[str] = []
    for rule_id, floor in CONDEMNING.items():
        rule = rules.get(rule_id)
        if rule is None:
            continue
        for finding in rule.check(ctx, rule):
            if finding.severity.rank >= floor.rank:
                reasons.append(
                    f"{rule_id} {finding.severity.value}: {one_line(finding.message, 200)}"
                )
    if not reasons:
        return None
    return (
        "held back: the static scan condemns it ("
        + "; ".join(reasons[:2])
        + f"); name it with --server {one_line(server.name, 80)} to inspect it anyway"
    )
