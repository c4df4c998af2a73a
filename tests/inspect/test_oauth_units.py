"""URL judgement, remote-target parsing, and the live-http rule, without a network.

MCP456 (a remote answering over plain http on a non-loopback address) cannot be
served from 127.0.0.1, so its rule is fed a probe record as the probe would make it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpaudit.inspect.oauth_records import Fetch, OAuthProbe
from mcpaudit.inspect.remote_target import proxy_name, remote_target
from mcpaudit.model import Severity
from mcpaudit.rules.registry import RuleContext, load_all, run_rules
from mcpaudit.scan import ScanOptions, scan
from mcpaudit.urlsafety import injection_marks, is_loopback_host, site_of, url_problems


@pytest.mark.parametrize(
    "url",
    [
        "https://auth.example.com/authorize",
        "https://auth.example.com/oauth2/v2.0/authorize?prompt=select_account&x=1",
        "https://auth.example.com/authorize?scope=openid%20email",
        "http://127.0.0.1:8080/authorize",
        "http://localhost/authorize",
        "http://[::1]:9000/token",
    ],
)
def test_ordinary_endpoints_pass(url: str) -> None:
    assert url_problems(url) == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("a:$(calc.exe)", "injection"),
        ("https://x/$(id)", "injection"),
        ("https://x/${IFS}id", "injection"),
        ("https://x/%24%28id%29", "injection"),
        ("https://x/%252524%252528id%252529", "injection"),
        ("https://x/a%0d%0aSet-Cookie:x", "injection"),
        ("https://x/a&calc", "injection"),
        ("https://x/a b", "injection"),
        ("javascript:alert(1)", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("data:text/plain,hi", "scheme"),
        ("ms-settings:privacy", "scheme"),
        ("/relative/authorize", "no_scheme"),
        ("http://auth.example.com/authorize", "plain_http"),
        ("http://127.0.0.1.evil.example/authorize", "plain_http"),
    ],
)
def test_hostile_endpoints_are_named(url: str, kind: str) -> None:
    assert kind in [p.kind for p in url_problems(url)]


def test_injection_marks_say_what_they_saw() -> None:
    assert any("$(" in m for m in injection_marks("https://x/$(calc)"))
    assert any("percent-encoded" in m for m in injection_marks("https://x/%60id%60"))


def test_loopback_and_sites() -> None:
    assert is_loopback_host("127.0.0.2") and is_loopback_host("app.localhost")
    assert not is_loopback_host("localhost.evil.example")
    assert site_of("login.auth.example.com") == "example.com"
    assert site_of("auth.example.co.uk") == "example.co.uk"


@pytest.mark.parametrize(
    ("arg", "name"),
    [
        ("mcp-remote", "mcp-remote"),
        ("mcp-remote@0.1.37", "mcp-remote"),
        ("/usr/local/bin/supergateway", "supergateway"),
        ("mcp-proxy==0.8.0", "mcp-proxy"),
        ("mcp-remote-helper", None),
        ("@acme/mcp-remote@1.2.0", "mcp-remote"),  # a scoped fork does the same job
    ],
)
def test_proxy_names(arg: str, name: str | None) -> None:
    assert proxy_name(arg) == name


def _servers(home: Path, servers: dict) -> dict:
    path = home / ".cursor" / "mcp.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"mcpServers": servers}, indent=2))
    result = scan(ScanOptions(env={"HOME": str(home)}))
    return {s.name: s for s in result.servers}


def test_remote_targets_from_url_and_proxies(isolated_home: Path) -> None:
    servers = _servers(
        isolated_home,
        {
            "direct": {"url": "https://mcp.example.com/mcp", "headers": {"X-Key": "EXAMPLE"}},
            "sse": {"type": "sse", "url": "https://mcp.example.com/sse"},
            "remote": {
                "command": "npx",
                "args": ["-y", "mcp-remote", "https://a.example/mcp", "--header", "A: b"],
            },
            "remote-sse": {
                "command": "npx",
                "args": ["mcp-remote", "https://a.example/sse", "--transport", "sse-only"],
            },
            "proxy": {"command": "uvx", "args": ["mcp-proxy", "-H", "Auth", "x", "http://h:1/sse"]},
            "gateway": {
                "command": "npx",
                "args": ["-y", "supergateway", "--streamableHttp", "https://g.example/mcp"],
            },
            "local-proxy-server": {"command": "mcp-proxy", "args": ["--port", "8080", "uvx", "x"]},
            "local": {"command": "node", "args": ["server.js"]},
        },
    )
    direct = remote_target(servers["direct"])
    assert direct and (direct.url, direct.via, direct.transport) == (
        "https://mcp.example.com/mcp",
        None,
        "http",
    )
    assert [(h.name, h.value) for h in direct.headers] == [("X-Key", "EXAMPLE")]
    assert remote_target(servers["sse"]).transport == "sse"  # type: ignore[union-attr]
    remote = remote_target(servers["remote"])
    assert remote and (remote.url, remote.via, remote.transport) == (
        "https://a.example/mcp",
        "mcp-remote",
        "http-first",
    )
    assert remote.at.pointer == "/mcpServers/remote/args/2"
    assert [(h.name, h.value) for h in remote.headers] == [("A", "b")]
    assert remote_target(servers["remote-sse"]).transport == "sse"  # type: ignore[union-attr]
    proxy = remote_target(servers["proxy"])
    assert proxy and proxy.url == "http://h:1/sse" and proxy.transport == "sse"
    assert [(h.name, h.value) for h in proxy.headers] == [("Auth", "x")]
    gateway = remote_target(servers["gateway"])
    assert gateway and gateway.transport == "http" and gateway.via == "supergateway"
    assert remote_target(servers["local-proxy-server"]) is None
    assert remote_target(servers["local"]) is None


def test_plain_http_answer_from_a_non_loopback_host(isolated_home: Path) -> None:
    servers = _servers(isolated_home, {"lan": {"url": "http://mcp.corp.example/mcp"}})
    server = servers["lan"]
    target = remote_target(server)
    assert target is not None
    answered = Fetch(
        "initialize", target.url, "POST", status=401, final_url="http://mcp.corp.example/mcp"
    )
    unreachable = Fetch("initialize", target.url, "POST", error="connect", detail="refused")
    ctx = RuleContext(
        files=(),
        servers=(server,),
        home=str(isolated_home),
        live={"oauth": {server.id: OAuthProbe(server.id, server.name, target, (answered,))}},
    )
    hits = [f for f in run_rules(ctx, include_live=True) if f.rule_id == "MCP456"]
    assert [(f.server, f.severity, f.category) for f in hits] == [
        ("lan", Severity.HIGH, "insecure_transport")
    ]
    quiet = RuleContext(
        files=(),
        servers=(server,),
        home=str(isolated_home),
        live={"oauth": {server.id: OAuthProbe(server.id, server.name, target, (unreachable,))}},
    )
    assert not [f for f in run_rules(quiet, include_live=True) if f.rule_id == "MCP456"]


def test_remote_rules_are_live_and_in_their_range() -> None:
    family = "mcpaudit.rules.remote."  # the package's modules: metadata, connection, credentials
    remote = {i: r for i, r in load_all().items() if r.check.__module__.startswith(family)}
    assert sorted(remote) == [f"MCP{n}" for n in range(450, 460)]
    assert all(r.live for r in remote.values())
    assert {r.category for r in remote.values()} == {"malicious_oauth", "insecure_transport"}
