"""What the MCP45x rules share: the probes of a scan, the URLs a remote handed us, and
one way to word a finding about them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from mcpaudit.model import Finding, Server, Severity
from mcpaudit.rules.registry import Rule, RuleContext
from mcpaudit.sanitize import one_line

if TYPE_CHECKING:
    from mcpaudit.inspect.oauth_records import Fetch, OAuthProbe

# Endpoints a client opens in the browser or sends secrets to: the ones that matter most.
KEY_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "registration_endpoint")
AS_URL_FIELDS = (
    "issuer",
    *KEY_ENDPOINTS,
    "revocation_endpoint",
    "introspection_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
    "device_authorization_endpoint",
    "pushed_authorization_request_endpoint",
    "check_session_iframe",
)
# Links for people (documentation, policies): checked for shape, not for their host.
DOC_FIELDS = (
    "service_documentation",
    "op_policy_uri",
    "op_tos_uri",
)
PRM_URL_FIELDS = (
    "resource",
    "authorization_servers",
    "jwks_uri",
    "resource_documentation",
    "resource_policy_uri",
    "resource_tos_uri",
)
CVE = "CVE-2025-6514"


def probed(ctx: RuleContext) -> Iterator[tuple[OAuthProbe, Server | None]]:
    """(probe, server) for every server the live OAuth stage probed."""
    by_id: Mapping[str, Any] = ctx.live.get("oauth") or {}
    for server_id, probe in by_id.items():
        if probe is not None:
            yield probe, ctx.server(server_id)


def handed_urls(probe: OAuthProbe) -> Iterator[tuple[str, str, str]]:
    """(where, field, url) for every URL the remote handed us."""
    if probe.resource_metadata_url:
        yield "WWW-Authenticate", "resource_metadata", probe.resource_metadata_url
    for fetch in probe.fetches:
        for location in fetch.redirects:
            yield f"redirect from {fetch.url}", "Location", location
    prm = probe.protected_resource
    if prm is not None and prm.document is not None:
        yield from document_urls(prm, PRM_URL_FIELDS)
    for fetch in probe.authorization_servers:
        yield from document_urls(fetch, AS_URL_FIELDS + DOC_FIELDS)


def document_urls(fetch: Fetch, fields: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    document = fetch.document or {}
    for name in fields:
        value = document.get(name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                yield fetch.url, name, item


def probe_finding(
    r: Rule,
    probe: OAuthProbe,
    server: Server | None,
    message: str,
    evidence: str,
    severity: Severity | None = None,
) -> Finding:
    via = f" (through {probe.target.via})" if probe.target.via else ""
    return r.finding(
        one_line(f"{message}{via}", 400),  # messages quote server-sent text
        server=server,
        at=probe.target.at,
        evidence=one_line(evidence, 240),
        severity=severity,
    )


def show_url(where: str, name: str, url: str) -> str:
    return f"{name}={url!r} in {where}"
