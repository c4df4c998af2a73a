"""Walk a remote MCP server's OAuth discovery chain the way a client would, and record it.

MCP authorization discovery: the unauthenticated request gets a 401 whose
`WWW-Authenticate` may name `resource_metadata`; RFC 9728 protected-resource
metadata (header URL, then path-aware and root well-known) names the
authorization servers; RFC 8414 / OpenID metadata of each gives the endpoints a
client will open in the browser (`authorization_endpoint`) or call.

This module only collects; `mcpaudit/rules/remote/` judges. It is bounded and
quiet: time-outs and a per-server budget, at most 1 MB per response, few
redirects, no cookies kept, only GETs plus the MCP initialize POST, none of the
config's headers or credentials sent, TLS always verified, and nothing fetched
that is not https (or http on loopback) and free of shell-shaped characters.
"""

from __future__ import annotations

import json
import os
import ssl
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from mcpaudit import __version__
from mcpaudit.inspect.oauth_http import (
    REQUEST_TIMEOUT,
    SERVER_BUDGET,
    Limits,
    Walk,
    bounded_fetch,
    describe,
    new_client,
    ssl_context,
)
from mcpaudit.inspect.oauth_records import Fetch, FetchError, OAuthProbe
from mcpaudit.inspect.remote_target import RemoteTarget, remote_target
from mcpaudit.model import Server
from mcpaudit.urlsafety import is_safe_to_fetch, origin_of, url_problems

MAX_AUTH_SERVERS = 3
CONCURRENCY = 8
PROTOCOL_VERSION = "2025-06-18"


async def probe_servers_async(
    servers: Iterable[Server],
    *,
    concurrency: int = CONCURRENCY,
    timeout: float = REQUEST_TIMEOUT,
    budget: float = SERVER_BUDGET,
    verify: ssl.SSLContext | None = None,
) -> dict[str, OAuthProbe]:
    """Probe each of `servers` that is remote (the caller chose them and has consent), a few
    at a time; servers sharing a URL are walked once."""
    import anyio

    limits = Limits(timeout, budget)
    verify = verify or ssl_context()  # built once: loading the CA bundle costs ~50 ms
    results: dict[str, OAuthProbe] = {}
    by_url: dict[tuple[str, str], list[tuple[Server, RemoteTarget]]] = {}
    for server in servers:
        target = remote_target(server)
        if target is not None:
            by_url.setdefault((target.url, target.transport), []).append((server, target))
    limiter = anyio.CapacityLimiter(max(1, concurrency))

    async def one(group: list[tuple[Server, RemoteTarget]]) -> None:
        async with limiter:
            first, target = group[0]
            async with new_client(limits, verify) as client:
                probe = await _probe_target(first, target, Walk(client, limits))
            for server, own_target in group:
                results[server.id] = OAuthProbe(
                    server.id,
                    server.name,
                    own_target,
                    probe.fetches,
                    probe.resource_metadata_url,
                )

    async with anyio.create_task_group() as tg:
        for group in by_url.values():
            tg.start_soon(one, group)
    return results


def probe_servers(
    servers: Iterable[Server],
    *,
    concurrency: int = CONCURRENCY,
    timeout: float = REQUEST_TIMEOUT,
    budget: float = SERVER_BUDGET,
    verify: ssl.SSLContext | None = None,
) -> dict[str, OAuthProbe]:
    """Blocking form of `probe_servers_async` for the headless scan."""
    import anyio

    servers = list(servers)
    return anyio.run(
        lambda: probe_servers_async(
            servers, concurrency=concurrency, timeout=timeout, budget=budget, verify=verify
        )
    )


def live_stage(
    servers: Sequence[Server], scan_options: Any, progress: Callable[[str], None] | None
) -> dict[str, OAuthProbe]:
    """The scan's live stage (key "oauth"): probe the selected remote servers.

    Honours the live inspection's server selection, per-server time and concurrency.
    """
    from mcpaudit.inspect import InspectOptions, select_servers

    options = scan_options.inspect or InspectOptions()
    chosen = [s for s in select_servers(servers, options) if remote_target(s) is not None]
    env = scan_options.env if scan_options.env is not None else os.environ
    cafile = env.get("SSL_CERT_FILE")  # a corporate CA, as other TLS clients honour it
    if progress and chosen:
        progress(f"live: checking the OAuth metadata of {len(chosen)} remote server(s)")
    return probe_servers(
        chosen,
        concurrency=min(options.concurrency, CONCURRENCY),
        timeout=min(REQUEST_TIMEOUT, options.timeout),
        budget=options.timeout,
        verify=ssl_context(cafile if cafile and os.path.isfile(cafile) else None),
    )


async def _probe_target(server: Server, target: RemoteTarget, walk: Walk) -> OAuthProbe:
    import anyio

    resource_metadata: str | None = None
    with anyio.move_on_after(walk.limits.budget) as scope:
        try:
            resource_metadata = await _discover(target, walk)
        except Exception as exc:  # hostile input must end this server's probe, not the scan
            walk.fetches.append(
                Fetch("probe", target.url, error=FetchError.FAILED, detail=describe(exc))
            )
    if scope.cancelled_caught:
        walk.fetches.append(
            Fetch("budget", target.url, error=FetchError.BUDGET, detail="server budget spent")
        )
    return OAuthProbe(server.id, server.name, target, tuple(walk.fetches), resource_metadata)


async def _discover(target: RemoteTarget, walk: Walk) -> str | None:
    """The discovery chain; returns the WWW-Authenticate resource_metadata URL, if any."""
    from mcp.client.auth.utils import (
        build_oauth_authorization_server_metadata_discovery_urls,
        build_protected_resource_metadata_discovery_urls,
        extract_field_from_www_auth,
    )

    url = without_userinfo(target.url)
    first = await _initial_request(url, target.transport, walk)
    if first is None or first.status not in (401, 403):
        return None
    resource_metadata = (
        extract_field_from_www_auth(_HeaderView(first.www_authenticate), "resource_metadata")
        if first.www_authenticate
        else None
    )
    if resource_metadata is not None:
        resource_metadata = urljoin(first.final_url or url, resource_metadata)

    prm: Fetch | None = None
    for candidate in build_protected_resource_metadata_discovery_urls(resource_metadata, url):
        fetch = await _get_json(walk, "protected_resource", candidate)
        if fetch.document is not None:
            prm = fetch
            break

    issuers: list[str | None] = [None]  # None: 2025-03-26 fallback, metadata at the origin
    if prm is not None:
        listed = prm.document.get("authorization_servers") if prm.document else None
        if isinstance(listed, list):
            issuers = [s for s in listed if isinstance(s, str)][:MAX_AUTH_SERVERS] or [None]
    for issuer in issuers:
        expected = issuer or origin_of(url)
        if issuer is not None and not is_safe_to_fetch(issuer):
            walk.fetches.append(
                Fetch("authorization_server", issuer, error=FetchError.REFUSED, detail="unsafe URL")
            )
            continue
        urls = build_oauth_authorization_server_metadata_discovery_urls(issuer, url)
        for candidate in urls:
            fetch = await _get_json(
                walk, "authorization_server", candidate, expected_issuer=expected
            )
            if fetch.document is not None or fetch.error == FetchError.TLS:
                break
    return resource_metadata


def without_userinfo(url: str) -> str:
    """`url` minus any `user:password@`, which httpx2 would otherwise send as Basic auth."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


async def _initial_request(url: str, transport: str, walk: Walk) -> Fetch | None:
    """The unauthenticated MCP request: initialize POST, or the SSE GET (or both, like
    mcp-remote's http-first)."""
    # Plain http is still contacted (the client does, and the rules report it live);
    # other schemes and shell-shaped URLs are not.
    if any(p.kind != "plain_http" for p in url_problems(url)):
        walk.fetches.append(Fetch("initialize", url, error=FetchError.REFUSED, detail="unsafe URL"))
        return None
    if transport == "sse":
        return await _sse_get(url, walk)
    fetch = await bounded_fetch(
        walk,
        "initialize",
        "POST",
        url,
        body=_initialize_body(),
        headers={
            "Accept": "application/json, text/event-stream",
            "Content-Type": "application/json",
        },
        read_json=False,
    )
    if transport == "http-first" and fetch.ok and fetch.status in (404, 405):
        return await _sse_get(url, walk)
    return fetch


async def _sse_get(url: str, walk: Walk) -> Fetch:
    return await bounded_fetch(
        walk, "sse", "GET", url, headers={"Accept": "text/event-stream"}, read_json=False
    )


async def _get_json(
    walk: Walk, purpose: str, url: str, *, expected_issuer: str | None = None
) -> Fetch:
    if not is_safe_to_fetch(url):
        fetch = Fetch(purpose, url, error=FetchError.REFUSED, detail="unsafe URL")
        walk.fetches.append(fetch)
        return fetch
    return await bounded_fetch(
        walk,
        purpose,
        "GET",
        url,
        headers={"Accept": "application/json", "MCP-Protocol-Version": PROTOCOL_VERSION},
        read_json=True,
        expected_issuer=expected_issuer,
    )


def _initialize_body() -> bytes:
    return json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": PROTOCOL_VERSION,
                "capabilities": {},
                "clientInfo": {"name": "mcpaudit", "version": __version__},
            },
        }
    ).encode()


class _HeaderView:
    """Just enough of a response for the SDK's WWW-Authenticate parser."""

    status_code = 401

    def __init__(self, www_authenticate: str) -> None:
        self.headers = {"WWW-Authenticate": www_authenticate}
