"""MCP456, 457, 459: how the remote answered: over plain http, with a certificate that
does not verify, or not completely (time-outs, floods, redirect loops)."""

from __future__ import annotations

from collections.abc import Iterator

from mcpaudit.model import Finding, Severity
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.rules.remote.probes import probe_finding, probed
from mcpaudit.secrets_mask import mask_url
from mcpaudit.urlsafety import host_of, is_loopback_host


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
    for probe, server in probed(ctx):
        first = probe.initial
        if first is None or first.status is None:
            continue
        for url in (first.url, first.final_url):
            host = host_of(url)
            if url.lower().startswith("http://") and host and not is_loopback_host(host):
                yield probe_finding(
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
    for probe, server in probed(ctx):
        seen: set[str] = set()
        for fetch in probe.fetches:
            host = host_of(fetch.url)
            if fetch.error == "tls" and host not in seen:
                seen.add(host)
                yield probe_finding(
                    r,
                    probe,
                    server,
                    f"certificate of {host} does not verify",
                    f"{mask_url(fetch.url)}: {fetch.detail}",
                )


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
    for probe, server in probed(ctx):
        failed = [f for f in probe.fetches if f.error in _REPORTED_ERRORS]
        if not failed:
            continue
        worst = max((_REPORTED_ERRORS[f.error or ""] for f in failed), key=lambda s: s.rank)
        parts = [f"{f.purpose} {mask_url(f.url)}: {f.error} ({f.detail})" for f in failed[:3]]
        yield probe_finding(
            r,
            probe,
            server,
            "; ".join(f"{f.purpose}: {f.error}" for f in failed[:3]),
            "; ".join(parts),
            worst,
        )
