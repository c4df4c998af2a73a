"""MCP610: servers that together (or one well-known server alone) read private data, read
untrusted content and can send data out: the lethal trifecta."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import PurePath

from mcpaudit.clients.switches import awaiting_approval
from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.launch import PER_SERVER, docker_run, package_ref
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line

PRIVATE, UNTRUSTED, EXFIL = "reads private data", "reads untrusted content", "can send data out"

_CAPABILITIES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = tuple(
    (re.compile(pattern), frozenset(caps))
    for pattern, caps in (
        (r"github|gitlab|bitbucket|gitea", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"slack|discord|telegram|whatsapp|teams", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"gmail|outlook|imap|smtp|e-?mail|mail", {PRIVATE, UNTRUSTED, EXFIL}),
        (
            r"notion|confluence|jira|atlassian|linear|asana|trello|clickup",
            {PRIVATE, UNTRUSTED, EXFIL},
        ),
        (r"google-?drive|gdrive|dropbox|onedrive|box-", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"desktop-commander|shell|terminal|mcp-server-commands", {PRIVATE, UNTRUSTED, EXFIL}),
        (r"sentry", {PRIVATE, UNTRUSTED}),
        (r"filesystem|server-fs|mcp-fs", {PRIVATE}),
        (r"postgres|mysql|sqlite|mongo|redis|supabase|bigquery|snowflake|database", {PRIVATE}),
        (r"mcp-server-git|git-mcp|\bgit\b", {PRIVATE}),
        (r"memory", {PRIVATE}),
        (r"fetch|browser|playwright|puppeteer|firecrawl|scrap|crawl", {UNTRUSTED, EXFIL}),
        (r"brave|tavily|exa-|perplexity|search|serp", {UNTRUSTED, EXFIL}),
    )
)


def capabilities(server: Server) -> frozenset[str]:
    """What a well-known server can do, from its package, image, URL or name."""
    labels = []
    ref = package_ref(server)
    if ref is not None:
        labels.append(ref.name)
    run = docker_run(server)
    if run is not None and run.image is not None:
        labels.append(run.image.text)
    if server.url is not None:
        labels.append(server.url.text)
    labels += [a.text for a in server.args if "://" in a.text]
    labels.append(server.name)
    for label in labels:
        caps = _label_capabilities(label.lower())
        if caps:
            return caps
    return frozenset()


def _known_as(server: Server) -> str:
    """The package or remote URL that makes one server a whole trifecta by itself, or "".
    Stricter than `capabilities`: a name, or a git source hosted on github.com, says what
    the code is fetched from, not what it does."""
    ref = package_ref(server)
    if ref is not None and ":" not in ref.name and _full(ref.name):
        return ref.name
    if server.url is not None and _full(server.url.text):
        return server.url.text
    return ""


def _full(label: str) -> bool:
    return _label_capabilities(label.lower()) == {PRIVATE, UNTRUSTED, EXFIL}


@lru_cache(maxsize=PER_SERVER)  # labels (package names, images) repeat across servers
def _label_capabilities(text: str) -> frozenset[str]:
    for pattern, caps in _CAPABILITIES:
        if pattern.search(text):
            return caps
    return frozenset()


@rule(
    "MCP610",
    "lethal-trifecta",
    "toxic_flow",
    Severity.MEDIUM,
    "Servers together read private data, read untrusted content and can send data out",
    "Split these servers across clients or profiles, disable the one you use least, or keep "
    "confirmation on for the tools that send data out.",
)
def lethal_trifecta(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """When one client can read your private data, read content an attacker controls (web
    pages, issues, emails) and send data somewhere, a prompt injection in the untrusted
    content can make the model collect the private data and exfiltrate it — the "lethal
    trifecta". Each server may be harmless alone; the combination is the risk. Judged from
    well-known servers only: across servers, and for one server that holds all three legs
    by itself (GitHub, Slack, mail, Notion, Atlassian), so such a config is flagged without
    `--live`."""
    seen: set[tuple[str, frozenset[str]]] = set()
    alone: set[str] = set()
    for servers in _run_together(ctx.servers).values():
        for s, caps in servers:
            if caps == {PRIVATE, UNTRUSTED, EXFIL} and s.id not in alone and _known_as(s):
                alone.add(s.id)  # one well-known server with all three legs (GitHub, mail…)
                yield r.finding(
                    f"server {one_line(s.name, 80)} alone forms the lethal trifecta: a "
                    f"well-known {_known_as(s)} server reads private data, reads untrusted "
                    "content and can send data out",
                    server=s,
                    evidence=one_line(_known_as(s)),
                )
    for (client, project), servers in _run_together(ctx.servers).items():
        union: set[str] = set().union(*(c for _, c in servers))
        if union != {PRIVATE, UNTRUSTED, EXFIL} or len(servers) < 2:
            continue
        if not any(len(c) < 3 for _, c in servers):
            continue  # every server alone already has all three: no combination to report
        names = frozenset(s.id for s, _ in servers)
        if (client, names) in seen:
            continue  # the same servers run together in several projects: one finding
        seen.add((client, names))
        roles = {
            cap: sorted({s.name for s, c in servers if cap in c})
            for cap in (PRIVATE, UNTRUSTED, EXFIL)
        }
        entry = next(s for s, c in servers if UNTRUSTED in c)
        detail = "; ".join(f"{cap}: {', '.join(names)}" for cap, names in roles.items())
        where = f" in project {project}" if project else ""
        yield r.finding(
            f"{client}'s servers form the lethal trifecta{where} ({detail})",
            server=entry,
            evidence=one_line(detail),
        )


_ANYWHERE = ""  # a project with no servers of its own (or a client without projects)


def _run_together(
    servers: tuple[Server, ...],
) -> dict[tuple[str, str], list[tuple[Server, frozenset[str]]]]:
    """Servers with capabilities, grouped by (client, project) where they run together.

    Servers of one project (Claude Code's local scope, project files) never meet those of
    another; user-scope servers join every project except those that switch them off
    (`Server.disabled_in`). Disabled servers run nowhere; a .mcp.json server waiting for
    approval counts, as it runs with the others once approved.
    """
    shared: dict[str, list[tuple[Server, frozenset[str]]]] = {}
    groups: dict[tuple[str, str], list[tuple[Server, frozenset[str]]]] = {}
    for s in servers:
        if s.disabled and not awaiting_approval(s):
            continue
        caps = capabilities(s)
        if not caps:
            continue
        only = [p[len("outside ") :] for p in s.disabled_in if p.startswith("outside ")]
        project = s.project or (only[0] if only else None)
        if project is None and s.scope == "project":
            project = str(PurePath(s.file).parent)
        if project is None:
            shared.setdefault(s.client, []).append((s, caps))
        else:
            groups.setdefault((s.client, project), []).append((s, caps))
    for client, common in shared.items():
        groups.setdefault((client, _ANYWHERE), [])
        for (c, project), members in groups.items():
            if c == client:
                members.extend((s, caps) for s, caps in common if project not in s.disabled_in)
    return groups
