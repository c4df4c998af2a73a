"""MCP95x: mcpaudit's own suppressions (`.mcpaudit.toml`), which can go stale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mcpaudit.model import Finding, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule


@rule(
    "MCP950",
    "suppression-expired",
    "malformed_config",
    Severity.LOW,
    "Suppression has expired",
    "Review the findings it covered: fix them, or renew the suppression with a new reason "
    "and expiry date.",
)
def suppression_expired(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A suppression with an expiry date is a risk someone accepted for a while. Once the
    date has passed it no longer hides anything: the findings it covered are reported
    again, and this finding says why they came back and where the stale entry is."""
    today = ctx.extra.get("today")
    if not isinstance(today, date):
        return
    for s in ctx.extra.get("suppressions", ()):
        if s.expired(today):
            yield r.finding(
                f"suppression ({s.describe()}) expired on {s.expires.isoformat()}; "
                f"its findings are reported again. Reason given: {s.reason}",
                file=s.path,
                line=s.line,
                pointer=s.pointer,
            )
