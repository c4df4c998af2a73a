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


@rule(
    "MCP951",
    "suppression-wildcard",
    "malformed_config",
    Severity.LOW,
    "Suppression uses a wildcard",
    "Name the rules (and servers) you accepted, or suppress single findings by fingerprint; "
    "review what this entry hides in the report's suppressed list.",
)
def suppression_wildcard(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A suppression whose rule or server is a pattern (`rule = "*"`, `"MCP2*"`) hides
    findings nobody has looked at yet, including ones from rules added later. A file in a
    cloned repository can carry one to turn a CI check green, so each wildcard entry is
    reported where it is written, with the reason it gives; mcpaudit's own findings about
    suppressions cannot be suppressed, and a project's file only covers its own files."""
    for s in ctx.extra.get("suppressions", ()):
        if s.wildcard:
            where = f" (only files under {s.scope})" if s.scope else ""
            yield r.finding(
                f"suppression ({s.describe()}) uses a wildcard{where}. Reason given: {s.reason}",
                file=s.path,
                line=s.line,
                pointer=s.pointer,
            )
