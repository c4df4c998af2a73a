"""MCP450-455: what a server's OAuth metadata documents say: injection-shaped or
non-web URLs, plain http endpoints, an issuer or resource that does not match, and hosts
nobody announced."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.model import Finding, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.rules.remote.probes import (
    AS_URL_FIELDS,
    CVE,
    KEY_ENDPOINTS,
    document_urls,
    handed_urls,
    probe_finding,
    probed,
    show_url,
)
from mcpaudit.urlsafety import (
    host_of,
    injection_marks,
    origin_of,
    site_of,
    url_problems,
)


@rule(
    "MCP450",
    "oauth-injection-shaped-url",
    "malicious_oauth",
    Severity.CRITICAL,
    "OAuth metadata URL shaped like a shell injection (CVE-2025-6514 pattern)",
    "Do not connect to this server. Remove it from the config, and update mcp-remote to "
    "0.1.16 or later (and any other client) so endpoints are never passed to a shell.",
    live=True,
)
def oauth_injection_shaped_url(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """In CVE-2025-6514, mcp-remote handed the `authorization_endpoint` from a server's OAuth
    metadata to the operating system's "open" helper. A value such as `a:$(calc)` or
    `https://x/$(id)` then ran as a command on the developer's machine, just by connecting.
    Shell metacharacters, quotes, whitespace, `$(…)`, backticks or their percent-encoded
    forms have no place in an endpoint URL: a server that sends them is attacking the
    client."""
    for probe, server in probed(ctx):
        for where, name, url in handed_urls(probe):
            marks = injection_marks(url)
            if marks:
                yield probe_finding(
                    r,
                    probe,
                    server,
                    f"{name} contains {', '.join(marks[:3])}: the {CVE} payload shape, which "
                    "runs commands on clients that open it",
                    show_url(where, name, url),
                )


@rule(
    "MCP451",
    "oauth-non-web-scheme",
    "malicious_oauth",
    Severity.CRITICAL,
    "OAuth metadata URL with a non-web scheme (file:, javascript:, data:, custom)",
    "Do not connect to this server; remove it from the config. Endpoints must be https URLs.",
    live=True,
)
def oauth_non_web_scheme(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Clients open the authorization endpoint with the system's URL handler. A `file:` URL
    starts a local program, `javascript:` and `data:` run script, and a custom scheme launches
    whatever application registered it: the server gets code running on the laptop. A value
    that is not an absolute URL at all cannot be a legitimate endpoint either."""
    for probe, server in probed(ctx):
        for where, name, url in handed_urls(probe):
            for problem in url_problems(url):
                if problem.kind in ("scheme", "no_scheme"):
                    yield probe_finding(
                        r,
                        probe,
                        server,
                        f"{name} is {problem.detail}, not an https URL",
                        show_url(where, name, url),
                        None if problem.kind == "scheme" else Severity.HIGH,
                    )


@rule(
    "MCP452",
    "oauth-plain-http-endpoint",
    "malicious_oauth",
    Severity.HIGH,
    "OAuth metadata sends the client to plain http",
    "Ask the server's operator to serve every OAuth endpoint over https; until then do not "
    "log in through this server.",
    live=True,
)
def oauth_plain_http_endpoint(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Authorization codes, tokens and client secrets travel to these endpoints. Over plain
    http anyone on the network path can read or change them, and a redirect to http strips
    TLS from the rest of the flow. http is acceptable only for loopback addresses."""
    for probe, server in probed(ctx):
        for where, name, url in handed_urls(probe):
            if any(p.kind == "plain_http" for p in url_problems(url)):
                important = name in (*KEY_ENDPOINTS, "Location", "authorization_servers")
                yield probe_finding(
                    r,
                    probe,
                    server,
                    f"{name} uses plain http to {host_of(url)}",
                    show_url(where, name, url),
                    None if important else Severity.MEDIUM,
                )


@rule(
    "MCP453",
    "oauth-issuer-mismatch",
    "malicious_oauth",
    Severity.HIGH,
    "Authorization-server metadata names a different issuer",
    "Do not log in through this server until its operator fixes the metadata: the issuer "
    "must equal the URL the metadata was discovered from (RFC 8414 §3.3).",
    live=True,
)
def oauth_issuer_mismatch(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """RFC 8414 requires the `issuer` in authorization-server metadata to be exactly the
    issuer the client discovered it from, so that one server cannot impersonate another's
    login. Metadata that claims another issuer, or that a redirect fetched from another
    origin, is the shape of a mix-up attack: tokens meant for one party go to another."""
    from mcp.client.auth.utils import issuers_match

    for probe, server in probed(ctx):
        for fetch in probe.authorization_servers:
            issuer = (fetch.document or {}).get("issuer")
            expected = fetch.expected_issuer or ""
            evidence = f"issuer={issuer!r} discovered from {fetch.url}"
            if not isinstance(issuer, str) or not issuer:
                yield probe_finding(r, probe, server, "metadata has no issuer", evidence)
            elif expected and not issuers_match(issuer, expected):
                yield probe_finding(
                    r, probe, server, f"issuer {issuer!r} does not match {expected!r}", evidence
                )
            elif fetch.redirects and origin_of(fetch.final_url) != origin_of(issuer):
                yield probe_finding(
                    r,
                    probe,
                    server,
                    f"metadata for {issuer!r} was served from {origin_of(fetch.final_url)}",
                    evidence,
                )


@rule(
    "MCP454",
    "oauth-resource-mismatch",
    "malicious_oauth",
    Severity.MEDIUM,
    "Protected-resource metadata is for a different resource",
    "Do not log in through this server until its operator fixes the metadata: `resource` "
    "must be the server's own URL (RFC 9728 §3.3).",
    live=True,
)
def oauth_resource_mismatch(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """RFC 9728 makes clients check that protected-resource metadata describes the server
    they asked. Metadata for another resource lets a server borrow someone else's
    authorization set-up and obtain tokens whose audience is a different service."""
    from mcp.shared.auth_utils import check_resource_allowed, resource_url_from_server_url

    for probe, server in probed(ctx):
        prm = probe.protected_resource
        resource = (prm.document or {}).get("resource") if prm else None
        if not isinstance(resource, str):
            continue
        own = resource_url_from_server_url(probe.target.url)
        if not check_resource_allowed(requested_resource=own, configured_resource=resource):
            yield probe_finding(
                r,
                probe,
                server,
                f"metadata is for {resource!r}, not for this server",
                f"resource={resource!r} at {prm.url if prm else ''}",
            )


@rule(
    "MCP455",
    "oauth-unannounced-host",
    "malicious_oauth",
    Severity.HIGH,
    "OAuth metadata sends the user to a host nobody announced",
    "Check who runs the named host before logging in; if it is not the server's operator or "
    "the authorization server it lists, remove the server.",
    live=True,
)
def oauth_unannounced_host(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A remote server may delegate login to another host, but it has to say so: its
    protected-resource metadata lists the authorization servers, and each one's endpoints
    live under its own issuer. An authorization endpoint on yet another host sends the
    user's browser, and the password typed there, to a party neither the resource nor the
    issuer named: a phishing page with a real-looking login flow."""
    for probe, server in probed(ctx):
        announced = {site_of(host_of(probe.target.url))}
        prm = probe.protected_resource
        listed = (prm.document or {}).get("authorization_servers") if prm else None
        if isinstance(listed, list):
            announced |= {site_of(host_of(s)) for s in listed if isinstance(s, str)}
        for fetch in probe.authorization_servers:
            issuer = (fetch.document or {}).get("issuer")
            base = issuer if isinstance(issuer, str) else fetch.expected_issuer or ""
            allowed = announced | {site_of(host_of(base))}
            for _, name, url in document_urls(fetch, AS_URL_FIELDS[1:]):
                host = host_of(url)
                if not host or site_of(host) in allowed:
                    continue
                severity = (
                    None
                    if name == "authorization_endpoint"
                    else Severity.MEDIUM
                    if name in KEY_ENDPOINTS
                    else Severity.LOW
                )
                yield probe_finding(
                    r,
                    probe,
                    server,
                    f"{name} is on {host}, which neither the server nor its metadata names",
                    show_url(fetch.url, name, url),
                    severity,
                )
