"""A real HTTP(S) server on 127.0.0.1 that plays a remote MCP server's OAuth discovery.

Each test gives it routes (path -> Route); `{base}` in a body or header is replaced by
the server's own origin. It records every request so tests can check what the probe
sent (no cookies, no credentials, only GET plus the initialize POST).
"""

from __future__ import annotations

import json
import ssl
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.servers.loopback import LoopbackServer


@dataclass
class Route:
    status: int = 200
    body: Any = None  # dict/list -> JSON; str/bytes as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    flood: int = 0  # send this many filler bytes with no Content-Length
    content_length: bool = True


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


def well_behaved_routes(mcp_path: str = "/mcp") -> dict[str, Route]:
    """A correct MCP server with its own authorization server, all on one origin."""
    return {
        mcp_path: Route(
            401,
            {"error": "unauthorized"},
            {
                "WWW-Authenticate": 'Bearer error="invalid_token", '
                f'resource_metadata="{{base}}/.well-known/oauth-protected-resource{mcp_path}"'
            },
        ),
        f"/.well-known/oauth-protected-resource{mcp_path}": Route(
            body={
                "resource": f"{{base}}{mcp_path}",
                "authorization_servers": ["{base}"],
                "scopes_supported": ["mcp:tools"],
                "bearer_methods_supported": ["header"],
                "resource_documentation": "https://docs.example.com/mcp",
            }
        ),
        "/.well-known/oauth-authorization-server": Route(body=as_metadata()),
    }


def as_metadata(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "issuer": "{base}",
        "authorization_endpoint": "{base}/authorize?prompt=consent&ui_locales=en%20de",
        "token_endpoint": "{base}/token",
        "registration_endpoint": "{base}/register",
        "revocation_endpoint": "{base}/revoke",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_post"],
        "service_documentation": "https://docs.example.com/oauth",
    }
    doc.update(overrides)
    return {k: v for k, v in doc.items() if v is not None}


class OAuthHTTPServer(LoopbackServer):
    """Start with `with OAuthHTTPServer(routes) as server:`; `server.base` is its origin."""

    def __init__(self, routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> None:
        self.routes = routes
        self.seen: list[Seen] = []
        super().__init__(tls)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._answer(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(self.rfile.read(length))

            def _answer(self, sent: bytes) -> None:
                path = self.path.split("?", 1)[0]
                server.seen.append(Seen(self.command, self.path, dict(self.headers.items()), sent))
                route = server.routes.get(path) or Route(404, {"error": "not found"})
                if route.delay:
                    time.sleep(route.delay)
                body = server._body(route)
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value.replace("{base}", server.base))
                    if route.flood:
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Connection", "close")
                        self.end_headers()
                        self._flood(route.flood)
                        self.close_connection = True
                        return
                    self.send_header("Content-Type", "application/json")
                    if route.content_length:
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    self.close_connection = True

            def _flood(self, total: int) -> None:
                chunk = b'{"pad": "' + b"A" * 65_536
                sent = 0
                while sent < total:
                    self.wfile.write(chunk)
                    sent += len(chunk)

        return Handler

    def _body(self, route: Route) -> bytes:
        body = route.body
        if body is None:
            return b""
        if isinstance(body, bytes):
            return body
        text = body if isinstance(body, str) else json.dumps(body)
        return text.replace("{base}", self.base).encode()
