"""MCP204: a package name one edit away from a well-known MCP package.

Typosquats of `@modelcontextprotocol/*` (the reference servers and the SDK), of the
`mcp-server-*` family and of the official vendor servers: names a user copies from a
blog or an issue comment, or that a malicious config writes in. Pure string work.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from mcpaudit.model import Finding, Severity
from mcpaudit.rules.launch import package_ref
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line

# Well-known MCP packages (npm and PyPI), from the MCP reference-server repository, the
# official vendor servers and the most installed community ones.
KNOWN_NPM = frozenset(
    {
        "@modelcontextprotocol/server-filesystem",
        "@modelcontextprotocol/server-github",
        "@modelcontextprotocol/server-gitlab",
        "@modelcontextprotocol/server-memory",
        "@modelcontextprotocol/server-everything",
        "@modelcontextprotocol/server-sequential-thinking",
        "@modelcontextprotocol/server-puppeteer",
        "@modelcontextprotocol/server-brave-search",
        "@modelcontextprotocol/server-slack",
        "@modelcontextprotocol/server-postgres",
        "@modelcontextprotocol/server-google-maps",
        "@modelcontextprotocol/server-gdrive",
        "@modelcontextprotocol/server-redis",
        "@modelcontextprotocol/server-everart",
        "@modelcontextprotocol/server-aws-kb-retrieval",
        "@modelcontextprotocol/inspector",
        "@modelcontextprotocol/sdk",
        "@modelcontextprotocol/create-server",
        "mcp-remote",
        "@playwright/mcp",
        "@upstash/context7-mcp",
        "@supabase/mcp-server-supabase",
        "@notionhq/notion-mcp-server",
        "@stripe/mcp",
        "@cloudflare/mcp-server-cloudflare",
        "@sentry/mcp-server",
        "@browserbasehq/mcp-server-browserbase",
        "@executeautomation/playwright-mcp-server",
        "@azure/mcp",
        "@heroku/mcp-server",
        "@shopify/dev-mcp",
        "@hubspot/mcp-server",
        "@agentdeskai/browser-tools-mcp",
        "@wonderwhy-er/desktop-commander",
        "@browsermcp/mcp",
        "@21st-dev/magic",
        "@railway/mcp-server",
        "@neondatabase/mcp-server-neon",
        "@translated/lara-mcp",
        "figma-developer-mcp",
        "firecrawl-mcp",
        "tavily-mcp",
        "exa-mcp-server",
        "mcp-server-kubernetes",
        "chrome-devtools-mcp",
        "mongodb-mcp-server",
        "@modelcontextprotocol/server-git",
        "@anthropic-ai/mcpb",
        "supergateway",
        "mcp-proxy",
    }
)
KNOWN_PYPI = frozenset(
    {
        "mcp-server-fetch",
        "mcp-server-git",
        "mcp-server-time",
        "mcp-server-sqlite",
        "mcp-server-sentry",
        "mcp-server-qdrant",
        "mcp-server-docker",
        "mcp-server-kubernetes",
        "mcp",
        "fastmcp",
        "mcp-proxy",
        "awslabs.aws-documentation-mcp-server",
        "awslabs.core-mcp-server",
        "awslabs.aws-api-mcp-server",
        "docker-mcp",
        "serena-agent",
        "markitdown-mcp",
        "mcp-atlassian",
        "zen-mcp-server",
    }
)
_FAMILY_SCOPE = "modelcontextprotocol"
_FAMILY_PREFIX = "mcp-server-"


def one_edit(a: str, b: str) -> bool:
    """Exactly one insertion, deletion, substitution or swap of neighbours apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@functools.cache
def _by_length(ecosystem: str) -> dict[int, tuple[str, ...]]:
    """Known names of 8+ characters by every length one edit can reach (n-1, n, n+1):
    a config with 40,000 servers compares each name with a handful, not all."""
    known = KNOWN_NPM if ecosystem == "npm" else KNOWN_PYPI
    out: dict[int, list[str]] = {}
    for real in sorted(known):
        if len(real) >= 8:
            for size in (len(real) - 1, len(real), len(real) + 1):
                out.setdefault(size, []).append(real)
    return {size: tuple(names) for size, names in out.items()}


def squatted(name: str, ecosystem: str) -> str | None:
    """The well-known package `name` imitates, or None."""
    known = KNOWN_NPM if ecosystem == "npm" else KNOWN_PYPI
    lowered = name.lower()
    if ecosystem == "pypi":
        lowered = lowered.replace("_", "-")
    if lowered in known:
        return None
    size = len(lowered)
    for real in _by_length(ecosystem).get(size, ()):
        if one_edit(lowered, real):
            return real
    if ecosystem == "npm" and lowered.startswith("@") and "/" in lowered:
        scope, _, rest = lowered[1:].partition("/")
        if scope != _FAMILY_SCOPE and one_edit(scope, _FAMILY_SCOPE):
            return f"@{_FAMILY_SCOPE}/{rest}"
    if not lowered.startswith(_FAMILY_PREFIX):
        parts = lowered.split("-", 2)  # mcp-sever-git: the family prefix with a typo
        if len(parts) == 3 and one_edit(f"{parts[0]}-{parts[1]}-", _FAMILY_PREFIX):
            return _FAMILY_PREFIX + parts[2]
    return None


@rule(
    "MCP204",
    "typosquatted-package",
    "known_vulnerable_package",
    Severity.HIGH,
    "Package name is one typo away from a well-known MCP package",
    "Check the name against the server's official instructions and replace it with the real "
    "package; if this one ran already, treat the machine's secrets as exposed.",
)
def typosquatted_package(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Typo-squatting is how malicious packages reach developers: a name one letter off
    (`@modelcontextprotocol/server-filesytem`, `@modelcontextprotocl/…`, `mcp-sever-git`)
    published by someone else, run with `npx -y` or `uvx` on every start. A package one
    edit away from a well-known MCP package (the reference servers, the SDKs, the official
    vendor servers, the `mcp-server-*` family) and not itself one of them is reported."""
    for s in ctx.servers:
        ref = package_ref(s)
        if ref is None or ref.ecosystem not in ("npm", "pypi"):
            continue
        real = squatted(ref.name, ref.ecosystem)
        if real is None:
            continue
        yield r.finding(
            f"{ref.runner} runs {ref.name!r}, one edit away from the well-known {real!r}",
            server=s,
            at=ref.value,
            evidence=one_line(ref.value.text),
        )
