"""MCP45x: what a remote server's OAuth discovery chain says, as seen live.

Input: `ctx.live["oauth"]` (server id -> `mcpaudit.inspect.oauth_records.OAuthProbe`), filled
only with `--live` or the user's consent in the TUI. Pure judgement, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from mcpaudit.model import Finding, Server, Severity
from mcpaudit.redact import redact
from mcpaudit.references import find_reference
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line
from mcpaudit.secrets import find_secrets
from mcpaudit.secrets_mask import mask_url
from mcpaudit.urlsafety import (
    host_of,
    injection_marks,
    is_loopback_host,
    origin_of,
    site_of,
    url_problems,
)

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

# Which hosts a vendor's credential belongs on (kinds from mcpaudit.secrets). A dotted
# entry matches that domain and its subdomains; a bare word matches a whole host label
# (GitHub Enterprise on github.example.com).
PROVIDER_HOSTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "github-token": ("GitHub", ("github", "github.com", "githubcopilot.com", "ghe.com")),
    "github-fine-grained-token": ("GitHub", ("github", "github.com", "githubcopilot.com")),
    "gitlab-token": ("GitLab", ("gitlab", "gitlab.com")),
    "anthropic-api-key": ("Anthropic", ("anthropic.com", "claude.ai")),
    "openai-api-key": ("OpenAI", ("openai.com", "openai.azure.com")),
    "slack-token": ("Slack", ("slack.com",)),
    "stripe-key": ("Stripe", ("stripe.com",)),
    "google-api-key": ("Google", ("googleapis.com", "google.com")),
    "huggingface-token": ("Hugging Face", ("huggingface.co", "hf.co")),
    "npm-token": ("npm", ("npmjs.org", "npmjs.com")),
    "linear-api-key": ("Linear", ("linear.app",)),
    "notion-token": ("Notion", ("notion.com", "notion.so")),
    "aws-access-key-id": ("AWS", ("amazonaws.com", "aws.amazon.com")),
    "sentry-token": ("Sentry", ("sentry.io",)),
    "figma-token": ("Figma", ("figma.com",)),
    "supabase-token": ("Supabase", ("supabase.co", "supabase.com")),
    "atlassian-api-token": ("Atlassian", ("atlassian.com", "atlassian.net")),
    "shopify-token": ("Shopify", ("shopify.com", "myshopify.com")),
    "postman-api-key": ("Postman", ("postman.com", "getpostman.com")),
    "perplexity-api-key": ("Perplexity", ("perplexity.ai",)),
    "groq-api-key": ("Groq", ("groq.com",)),
    "sendgrid-key": ("SendGrid", ("sendgrid.com", "sendgrid.net")),
    "digitalocean-token": ("DigitalOcean", ("digitalocean.com",)),
}


def _probes(ctx: RuleContext) -> Iterator[tuple[OAuthProbe, Server | None]]:
    probes: Mapping[str, Any] = ctx.live.get("oauth") or {}
    for server_id, probe in probes.items():
        if probe is not None:
            yield probe, ctx.server(server_id)


def _urls(probe: OAuthProbe) -> Iterator[tuple[str, str, str]]:
    """(where, field, url) for every URL the remote handed us."""
    if probe.resource_metadata_url:
        yield "WWW-Authenticate", "resource_metadata", probe.resource_metadata_url
    for fetch in probe.fetches:
        for location in fetch.redirects:
            yield f"redirect from {fetch.url}", "Location", location
    prm = probe.protected_resource
    if prm is not None and prm.document is not None:
        yield from _doc_urls(prm, PRM_URL_FIELDS)
    for fetch in probe.authorization_servers:
        yield from _doc_urls(fetch, AS_URL_FIELDS + DOC_FIELDS)


def _doc_urls(fetch: Fetch, fields: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    document = fetch.document or {}
    for name in fields:
        value = document.get(name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                yield fetch.url, name, item


def _finding(
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


def _show(where: str, name: str, url: str) -> str:
    return f"{name}={url!r} in {where}"


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
    for probe, server in _probes(ctx):
        for where, name, url in _urls(probe):
            marks = injection_marks(url)
            if marks:
                yield _finding(
                    r,
                    probe,
                    server,
                    f"{name} contains {', '.join(marks[:3])}: the {CVE} payload shape, which "
                    "runs commands on clients that open it",
                    _show(where, name, url),
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
    for probe, server in _probes(ctx):
        for where, name, url in _urls(probe):
            for problem in url_problems(url):
                if problem.kind in ("scheme", "no_scheme"):
                    yield _finding(
                        r,
                        probe,
                        server,
                        f"{name} is {problem.detail}, not an https URL",
                        _show(where, name, url),
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
    for probe, server in _probes(ctx):
        for where, name, url in _urls(probe):
            if any(p.kind == "plain_http" for p in url_problems(url)):
                important = name in (*KEY_ENDPOINTS, "Location", "authorization_servers")
                yield _finding(
                    r,
                    probe,
                    server,
                    f"{name} uses plain http to {host_of(url)}",
                    _show(where, name, url),
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

    for probe, server in _probes(ctx):
        for fetch in probe.authorization_servers:
            issuer = (fetch.document or {}).get("issuer")
            expected = fetch.expected_issuer or ""
            evidence = f"issuer={issuer!r} discovered from {fetch.url}"
            if not isinstance(issuer, str) or not issuer:
                yield _finding(r, probe, server, "metadata has no issuer", evidence)
            elif expected and not issuers_match(issuer, expected):
                yield _finding(
                    r, probe, server, f"issuer {issuer!r} does not match {expected!r}", evidence
                )
            elif fetch.redirects and origin_of(fetch.final_url) != origin_of(issuer):
                yield _finding(
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

    for probe, server in _probes(ctx):
        prm = probe.protected_resource
        resource = (prm.document or {}).get("resource") if prm else None
        if not isinstance(resource, str):
            continue
        own = resource_url_from_server_url(probe.target.url)
        if not check_resource_allowed(requested_resource=own, configured_resource=resource):
            yield _finding(
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
    for probe, server in _probes(ctx):
        announced = {site_of(host_of(probe.target.url))}
        prm = probe.protected_resource
        listed = (prm.document or {}).get("authorization_servers") if prm else None
        if isinstance(listed, list):
            announced |= {site_of(host_of(s)) for s in listed if isinstance(s, str)}
        for fetch in probe.authorization_servers:
            issuer = (fetch.document or {}).get("issuer")
            base = issuer if isinstance(issuer, str) else fetch.expected_issuer or ""
            allowed = announced | {site_of(host_of(base))}
            for _, name, url in _doc_urls(fetch, AS_URL_FIELDS[1:]):
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
                yield _finding(
                    r,
                    probe,
                    server,
                    f"{name} is on {host}, which neither the server nor its metadata names",
                    _show(fetch.url, name, url),
                    severity,
                )


@rule(
    "MCP456",
    "remote-plain-http-live",
    "insecure_transport",
    Severity.HIGH,
    "Remote server answers over plain http",
    "Use the server's https URL; if it has none, do not send it credentials or data.",
    live=True,
)
def remote_plain_http_live(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The server answered over unencrypted http on a non-loopback address. Every request,
    including the tool calls with the user's data and any bearer token the client adds, can
    be read and altered by anyone on the network path."""
    for probe, server in _probes(ctx):
        first = probe.initial
        if first is None or first.status is None:
            continue
        for url in (first.url, first.final_url):
            host = host_of(url)
            if url.lower().startswith("http://") and host and not is_loopback_host(host):
                yield _finding(
                    r,
                    probe,
                    server,
                    f"{host} answered HTTP {first.status} over plain http",
                    mask_url(url),
                )
                break


@rule(
    "MCP457",
    "remote-tls-error",
    "insecure_transport",
    Severity.HIGH,
    "TLS certificate of a remote endpoint does not verify",
    "Do not connect until the certificate is valid for this host. Never switch certificate "
    "verification off to make it work: that is exactly what an interceptor needs.",
    live=True,
)
def remote_tls_error(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The certificate presented by the server (or by an endpoint its metadata points to) did
    not verify: self-signed, expired, for another name, or from an unknown authority. Either
    someone is intercepting the connection, or the client is being trained to accept that."""
    for probe, server in _probes(ctx):
        seen: set[str] = set()
        for fetch in probe.fetches:
            host = host_of(fetch.url)
            if fetch.error == "tls" and host not in seen:
                seen.add(host)
                yield _finding(
                    r,
                    probe,
                    server,
                    f"certificate of {host} does not verify",
                    f"{mask_url(fetch.url)}: {fetch.detail}",
                )


@rule(
    "MCP458",
    "remote-credentials-for-another-host",
    "malicious_oauth",
    Severity.HIGH,
    "Config sends another service's credential to a server that does not need it",
    "Remove the header from this server's entry and rotate the credential: the server "
    "answers without it, so it only collects it.",
    live=True,
)
def remote_credentials_for_another_host(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """The server answered an MCP request that carried no credentials, yet the config sends
    it a header with a credential, and the token's format says it belongs to another service
    (a GitHub, Slack, OpenAI … token going to an unrelated host). A server that does not
    check the credential has no use for it, except to collect it."""
    for probe, server in _probes(ctx):
        if not probe.accepted_unauthenticated:
            continue
        host = host_of(probe.target.url)
        for header in probe.target.headers:
            matches = find_secrets(_resolve(header.value, server), key=header.name)
            if not matches:
                continue
            secret = matches[0]
            evidence = one_line(f"{header.name}: {redact(secret.value)}", 240)
            provider = PROVIDER_HOSTS.get(secret.kind)
            if provider is None:
                yield r.finding(
                    one_line(
                        f"{host} answers without credentials, yet the config sends it "
                        f"{header.name}; the credential is handed over for nothing"
                    ),
                    server=server,
                    at=header.at,
                    evidence=evidence,
                    severity=Severity.LOW,
                )
            elif not _host_belongs(host, provider[1]):
                yield r.finding(
                    one_line(
                        f"a {provider[0]} credential in {header.name} is sent to {host}, which "
                        f"answers without it: a {provider[0]} token has no business there"
                    ),
                    server=server,
                    at=header.at,
                    evidence=evidence,
                )


def _resolve(value: str, server: Server | None) -> str:
    """The header value, with a `${X}` reference filled from the server's own env literals."""
    scheme, _, rest = value.partition(" ")
    text = rest if rest and scheme.lower() in ("bearer", "token", "basic") else value
    ref = find_reference(text.strip())
    if ref and server is not None:
        for env in server.env:
            if env.key == ref and not env.is_reference:
                return env.text
    return text


def _host_belongs(host: str, domains: tuple[str, ...]) -> bool:
    labels = host.split(".")
    return any(host == d or host.endswith(f".{d}") if "." in d else d in labels for d in domains)


_REPORTED_ERRORS = {
    "timeout": Severity.INFO,
    "connect": Severity.INFO,
    "budget": Severity.INFO,
    "failed": Severity.INFO,
    "too_large": Severity.LOW,
    "too_many_redirects": Severity.LOW,
}


@rule(
    "MCP459",
    "oauth-probe-incomplete",
    "malicious_oauth",
    Severity.INFO,
    "OAuth discovery could not be completed",
    "Check that the server is reachable; a server that floods or loops its metadata "
    "requests should not be trusted with a login.",
    live=True,
)
def oauth_probe_incomplete(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Part of the server's OAuth discovery chain could not be checked: it timed out, could
    not be reached, sent more than 1 MB, or redirected in a loop. What was not seen was not
    audited. Oversized answers and redirect loops are themselves a way to stall or exhaust
    a client."""
    for probe, server in _probes(ctx):
        failed = [f for f in probe.fetches if f.error in _REPORTED_ERRORS]
        if not failed:
            continue
        worst = max((_REPORTED_ERRORS[f.error or ""] for f in failed), key=lambda s: s.rank)
        parts = [f"{f.purpose} {mask_url(f.url)}: {f.error} ({f.detail})" for f in failed[:3]]
        yield _finding(
            r,
            probe,
            server,
            "; ".join(f"{f.purpose}: {f.error}" for f in failed[:3]),
            "; ".join(parts),
            worst,
        )
