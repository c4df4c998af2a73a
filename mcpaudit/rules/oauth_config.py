"""MCP460: OAuth endpoints written into the config itself, judged without `--live`.

Gemini CLI takes a per-server `oauth` block (`authorizationUrl`, `tokenUrl`,
`registrationUrl`, `redirectUri`, `audiences`, `scopes`); `mcp-remote` takes
`--static-oauth-client-metadata` / `--static-oauth-client-info` JSON with `redirect_uris`;
other clients accept similar `oauth`/`auth` objects. These URLs are opened in the browser
(through the OS "open" helper, the CVE-2025-6514 path) or sent the authorization code, so
the live rules' checks (MCP450-452) apply to them as written, before anything runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from mcpaudit.config.jsonpos import escape_pointer_token
from mcpaudit.model import Finding, Server, Severity
from mcpaudit.references import contains_reference
from mcpaudit.rules.common import raw_entry
from mcpaudit.rules.launch import launch_line
from mcpaudit.rules.registry import Rule, RuleContext, rule
from mcpaudit.sanitize import one_line
from mcpaudit.secrets_mask import mask_secret_like
from mcpaudit.urlsafety import host_of, injection_marks, is_loopback_host, site_of, url_problems

_BLOCKS = ("oauth", "auth", "oauth2")
_URL_KEYS = {
    "authorizationurl": "authorization URL",
    "authorization_url": "authorization URL",
    "authorization_endpoint": "authorization URL",
    "authorizationendpoint": "authorization URL",
    "tokenurl": "token URL",
    "token_url": "token URL",
    "token_endpoint": "token URL",
    "registrationurl": "registration URL",
    "registration_endpoint": "registration URL",
    "issuer": "issuer",
    "redirecturi": "redirect URI",
    "redirect_uri": "redirect URI",
    "redirect_uris": "redirect URI",
    "redirecturis": "redirect URI",
    "audiences": "audience",
    "audience": "audience",
}
_DANGEROUS_SCHEMES = ("javascript", "file", "data", "vbscript", "ms-msdt", "search-ms")
_MCP_REMOTE_JSON = ("--static-oauth-client-metadata", "--static-oauth-client-info")


def oauth_urls(ctx: RuleContext, server: Server) -> Iterator[tuple[str, str, str]]:
    """(what, url, pointer) for each OAuth URL the server's entry sets."""
    entry = raw_entry(ctx, server)
    for block in _BLOCKS:
        settings = entry.get(block)
        if not isinstance(settings, dict):
            continue
        base = f"{server.pointer}/{block}"
        for key, value in settings.items():
            what = _URL_KEYS.get(str(key).lower())
            if what is None:
                continue
            pointer = f"{base}/{escape_pointer_token(str(key))}"
            values = value if isinstance(value, list) else [value]
            for i, item in enumerate(values):
                if isinstance(item, str) and item.strip():
                    yield what, item.strip(), pointer + (f"/{i}" if isinstance(value, list) else "")
    line = launch_line(server)
    for i, v in enumerate(line[:-1]):
        if v.text in _MCP_REMOTE_JSON:
            arg = line[i + 1]
            try:
                data = json.loads(arg.text)
            except ValueError:
                continue
            if isinstance(data, dict):
                for key, value in data.items():
                    what = _URL_KEYS.get(str(key).lower())
                    values = value if isinstance(value, list) else [value]
                    for item in values if what else []:
                        if isinstance(item, str):
                            yield what, item.strip(), arg.pointer


def _server_site(server: Server) -> str:
    if server.url is not None:
        return site_of(host_of(server.url.text))
    for v in launch_line(server)[1:]:
        if v.text.startswith(("https://", "http://")):
            return site_of(host_of(v.text))
    return ""


def _verdicts(what: str, url: str, sites: set[str]) -> Iterator[tuple[Severity, str]]:
    marks = injection_marks(url)
    if marks:
        yield Severity.CRITICAL, f"is shaped like a shell command ({', '.join(marks[:3])})"
        return
    for problem in url_problems(url):
        if problem.kind == "scheme":
            scheme = url.split(":", 1)[0].lower()
            if scheme in _DANGEROUS_SCHEMES:
                yield Severity.CRITICAL, f"uses the {scheme}: scheme, which opens no web page"
            elif what == "redirect URI":
                yield Severity.MEDIUM, f"hands the code to the app registered for {scheme}:"
            elif what != "audience":
                yield Severity.HIGH, f"uses the {scheme}: scheme instead of https"
        elif problem.kind == "plain_http":
            yield Severity.HIGH, f"is {problem.detail}: tokens and codes travel unencrypted"
        elif problem.kind == "no_scheme" and what not in ("audience", "issuer"):
            yield Severity.MEDIUM, f"is not a usable URL ({problem.detail})"
    host = host_of(url)
    foreign = host and not is_loopback_host(host) and sites and site_of(host) not in sites
    if what == "redirect URI" and foreign:
        yield (
            Severity.HIGH,
            f"sends the authorization code to {host}, a host of neither the server nor its login",
        )


@rule(
    "MCP460",
    "oauth-config-malicious-endpoint",
    "malicious_oauth",
    Severity.HIGH,
    "OAuth endpoint written in the config is dangerous",
    "Remove the `oauth` settings (or the `--static-oauth-*` arguments) you did not write "
    "yourself and let the client discover the endpoints; use https URLs of the server's own "
    "login, and a loopback redirect URI (http://localhost:PORT/…).",
)
def oauth_config_endpoint(ctx: RuleContext, r: Rule) -> Iterator[Finding]:
    """A config can set a server's OAuth endpoints itself (Gemini CLI's `oauth` block,
    mcp-remote's static client metadata). The client opens the authorization URL in the
    browser through the OS "open" helper and sends the authorization code to the redirect
    URI: an endpoint shaped like a shell command (`$(…)`, backticks, `;`, `|`) is the
    CVE-2025-6514 remote-code-execution pattern (critical), as are `file:` and
    `javascript:` URLs; a custom scheme or plain `http://` to a non-loopback host is high;
    a redirect URI on a host that is neither the server's nor its login's hands your
    authorization code to a third party (high). Reported from the file alone, no
    `--live` needed."""
    for s in ctx.servers:
        sites: set[str] = set()
        urls = list(oauth_urls(ctx, s))
        if not urls:
            continue
        site = _server_site(s)
        sites.update({site} if site else set())
        for what, url, _ in urls:
            if what in ("authorization URL", "token URL") and url.startswith("https://"):
                sites.add(site_of(host_of(url)))
        sites.discard("")
        for what, url, pointer in urls:
            if contains_reference(url):
                continue
            for severity, why in _verdicts(what, url, sites):
                yield r.finding(
                    f"the OAuth {what} of server {s.name!r} {why}",
                    server=s,
                    file=ctx.file(s.file) or s.file,
                    pointer=pointer,
                    evidence=one_line(mask_secret_like(url), 200),
                    severity=severity,
                )
