"""MCP4xx: how a client talks to remote servers — plain http, and TLS verification switched off."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from mcpaudit.config.jsonpos import escape_pointer_token
from mcpaudit.model import Finding, Server, Severity, Value
from mcpaudit.references import contains_reference
from mcpaudit.rules.common import raw_entry
from mcpaudit.rules.launch import basename, launch_line
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.secrets_mask import mask_url

_LOCAL_NAMES = {"localhost", "host.docker.internal", "ip6-localhost", "ip6-loopback"}


def host_kind(host: str) -> str:
    """'loopback', 'private' or 'public' for a URL's host."""
    h = host.strip("[]").lower().rstrip(".")
    if h in _LOCAL_NAMES or h.endswith(".localhost"):
        return "loopback"
    try:
        ip = ipaddress.ip_address(h)
    except ValueError:
        if h.endswith((".local", ".lan", ".internal", ".home.arpa")) or "." not in h:
            return "private"
        return "public"
    if ip.is_loopback or ip.is_unspecified:
        return "loopback"
    if ip.is_private or ip.is_link_local:
        return "private"
    return "public"


def plain_urls(server: Server) -> Iterator[tuple[Value, str, str]]:
    """(value, url, host kind) for each http:// or ws:// URL the server connects to."""
    candidates: list[tuple[Value, str]] = []
    if server.url is not None and not server.url.is_reference:
        candidates.append((server.url, server.url.text))
    # stdio proxies (mcp-remote, supergateway, mcp-proxy…) take the remote URL as an argument
    for v in launch_line(server)[1:]:
        text = v.text.split("=", 1)[1] if v.text.startswith("--") and "=" in v.text else v.text
        if re.match(r"(?i)^(http|ws)://", text.strip()):
            candidates.append((v, text.strip()))
    for value, url in candidates:
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            continue
        if parts.scheme.lower() not in ("http", "ws") or not parts.hostname:
            continue
        if contains_reference(parts.netloc):
            continue
        yield value, url, host_kind(parts.hostname)


@rule(
    "MCP401",
    "remote-over-plain-http",
    "insecure_transport",
    Severity.HIGH,
    "Remote server reached over unencrypted http",
    "Use the server's https:// endpoint (plain http is only fine for localhost); drop "
    "`--allow-http` from mcp-remote.",
)
def plain_http(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """Over plain http anyone on the network path — public Wi-Fi, a proxy, a compromised
    router — can read the tokens the client sends and rewrite tool descriptions and results,
    which the model then follows as instructions. Loopback addresses are exempt; hosts on a
    private network are reported at medium severity."""
    for s in ctx.servers:
        for value, url, kind in plain_urls(s):
            if kind == "loopback":
                continue
            yield r.finding(
                f"server {s.name!r} connects to "
                f"{'a private-network' if kind == 'private' else 'a remote'} host over "
                f"unencrypted {urlsplit(url).scheme}://",
                server=s,
                at=value,
                evidence=mask_url(url),
                severity=Severity.HIGH if kind == "public" else Severity.MEDIUM,
            )


_TLS_ENV = {
    "NODE_TLS_REJECT_UNAUTHORIZED": {"0", "false"},
    "PYTHONHTTPSVERIFY": {"0", "false"},
    "GIT_SSL_NO_VERIFY": {"1", "true"},
    "CURL_INSECURE": {"1", "true"},
    "SSL_VERIFY": {"0", "false"},
    "VERIFY_SSL": {"0", "false"},
    "TLS_VERIFY": {"0", "false"},
    "INSECURE_SKIP_VERIFY": {"1", "true"},
}
_TLS_FLAGS = {
    "--insecure",
    "--no-verify",
    "--no-verify-ssl",
    "--no-check-certificate",
    "--ignore-certificate-errors",
    "--disable-ssl-verification",
    "--skip-tls-verify",
    "--tls-skip-verify",
    "--insecure-skip-tls-verify",
    "--allow-insecure",
    "--ssl-no-verify",
}
_TLS_KEYS = {
    "verifyssl": False,
    "verify_ssl": False,
    "sslverify": False,
    "rejectunauthorized": False,
    "tlsverify": False,
    "insecure": True,
    "skiptlsverify": True,
    "insecureskipverify": True,
}


@rule(
    "MCP402",
    "tls-verification-disabled",
    "insecure_transport",
    Severity.HIGH,
    "TLS certificate verification is switched off",
    "Remove the switch; if a private CA is needed, point the server at it "
    "(`NODE_EXTRA_CA_CERTS`, `SSL_CERT_FILE`) instead of disabling verification.",
)
def tls_disabled(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """With certificate checks off (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `--insecure`,
    `verifySsl: false`), https is no better than http: anyone who can intercept traffic can
    impersonate the server, collect the credentials it is sent, and feed the model forged
    tool output."""
    for s in ctx.servers:
        for v in s.env:
            bad = _TLS_ENV.get((v.key or "").upper())
            if bad and v.text.strip().lower() in bad:
                yield r.finding(
                    f"server {s.name!r} sets {v.key}={v.text}, disabling certificate checks",
                    server=s,
                    at=v,
                    evidence=f"{v.key}={v.text}",
                )
        line = launch_line(s)
        head = basename(line[0].text) if line else ""
        for v in line[1:]:
            flag = v.text.split("=", 1)[0].lower()
            if flag in _TLS_FLAGS or (head == "curl" and flag == "-k"):
                yield r.finding(
                    f"server {s.name!r} is started with {flag}, disabling certificate checks",
                    server=s,
                    at=v,
                    evidence=v.text.split("=", 1)[0],
                )
        cfg = ctx.file(s.file)
        for pointer, key, value in _bool_settings(raw_entry(ctx, s), s.pointer):
            want = _TLS_KEYS.get((key or "").lower())
            if want is not None and value is want:
                yield r.finding(
                    f"server {s.name!r} sets {key}: {str(value).lower()}, "
                    "disabling certificate checks",
                    server=s,
                    file=cfg,
                    pointer=pointer,
                    evidence=f"{key}: {str(value).lower()}",
                )


def _bool_settings(entry: dict, base: str) -> Iterator[tuple[str, str | None, bool]]:  # type: ignore[type-arg]
    def walk(node: object, pointer: str, key: str | None) -> Iterator[tuple[str, str | None, bool]]:
        if isinstance(node, bool):
            yield pointer, key, node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, f"{pointer}/{escape_pointer_token(k)}", str(k))

    yield from walk(entry, base, None)
