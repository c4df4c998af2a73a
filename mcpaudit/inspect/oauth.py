"""Walk a remote MCP server's OAuth discovery chain the way a client would, and record it.

MCP authorization discovery: the unauthenticated request gets a 401 whose
`WWW-Authenticate` may name `resource_metadata`; RFC 9728 protected-resource
metadata (header URL, then path-aware and root well-known) names the
authorization servers; RFC 8414 / OpenID metadata of each gives the endpoints a
client will open in the browser (`authorization_endpoint`) or call.

This module only collects; `mcpaudit/rules/remote.py` judges. It is bounded and
quiet: time-outs and a per-server budget, at most 1 MB per response, few
redirects, no cookies kept, only GETs plus the MCP initialize POST, none of the
config's headers or credentials sent, TLS always verified, and nothing fetched
that is not https (or http on loopback) and free of shell-shaped characters.
"""

from __future__ import annotations

import json
import os
import ssl
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from mcpaudit import __version__
from mcpaudit.inspect.remote_target import RemoteTarget, remote_target
from mcpaudit.model import Server
from mcpaudit.sanitize import one_line
from mcpaudit.urlsafety import is_safe_to_fetch, origin_of, url_problems

if TYPE_CHECKING:
    import httpx2

MAX_BYTES = 1_000_000
REQUEST_TIMEOUT = 8.0  # seconds for one request, redirects included
SERVER_BUDGET = 30.0  # seconds for one server's whole chain
MAX_REDIRECTS = 3
MAX_AUTH_SERVERS = 3
CONCURRENCY = 8
PROTOCOL_VERSION = "2025-06-18"
USER_AGENT = f"mcpaudit/{__version__} (OAuth metadata check)"


class FetchError:
    """Why a fetch produced no usable answer (values of `Fetch.error`)."""

    TLS = "tls"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    UNSAFE_REDIRECT = "unsafe_redirect"  # Location we refused to follow
    CONNECT = "connect"
    NOT_JSON = "not_json"
    REFUSED = "refused"  # the URL itself was unsafe; nothing was sent
    BUDGET = "budget"
    FAILED = "failed"  # an unexpected error while walking the chain


@dataclass(frozen=True)
class Fetch:
    """One request (with its redirects) and what came back."""

    purpose: str  # initialize | sse | protected_resource | authorization_server
    url: str
    method: str = "GET"
    status: int | None = None
    final_url: str = ""
    redirects: tuple[str, ...] = ()  # absolute Location targets, in order
    www_authenticate: str | None = None
    document: Mapping[str, Any] | None = None
    error: str | None = None
    detail: str = ""
    expected_issuer: str | None = None  # authorization_server: the issuer it was built from

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None


@dataclass(frozen=True)
class OAuthProbe:
    """Everything seen while walking one server's discovery chain."""

    server_id: str
    server_name: str
    target: RemoteTarget
    fetches: tuple[Fetch, ...] = ()
    resource_metadata_url: str | None = None  # from WWW-Authenticate

    @property
    def initial(self) -> Fetch | None:
        return next((f for f in self.fetches if f.purpose in ("initialize", "sse")), None)

    @property
    def accepted_unauthenticated(self) -> bool:
        """The server answered an MCP request that carried no credentials with 2xx."""
        return any(
            f.purpose in ("initialize", "sse") and f.ok and 200 <= (f.status or 0) < 300
            for f in self.fetches
        )

    @property
    def protected_resource(self) -> Fetch | None:
        return next(
            (f for f in self.fetches if f.purpose == "protected_resource" and f.document),
            None,
        )

    @property
    def authorization_servers(self) -> tuple[Fetch, ...]:
        return tuple(f for f in self.fetches if f.purpose == "authorization_server" and f.document)


@dataclass
class _Limits:
    timeout: float = REQUEST_TIMEOUT
    budget: float = SERVER_BUDGET
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


@dataclass
class _Walk:
    client: httpx2.AsyncClient
    limits: _Limits
    fetches: list[Fetch] = field(default_factory=list)


def ssl_context(cafile: str | None = None) -> ssl.SSLContext:
    """Certificate verification always on: certifi's roots (or `cafile`) plus the system's."""
    import certifi

    context = ssl.create_default_context(cafile=cafile or certifi.where())
    context.load_default_certs()
    return context


def _client(limits: _Limits, verify: ssl.SSLContext | None) -> httpx2.AsyncClient:
    import httpx2

    reject_all = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    return httpx2.AsyncClient(
        event_hooks={"response": [_stop_unsafe_redirect]},
        follow_redirects=False,  # followed by hand, so every hop is checked first
        trust_env=False,  # no ~/.netrc credentials, no proxy variables
        verify=verify or ssl_context(),
        timeout=httpx2.Timeout(limits.timeout),
        cookies=reject_all,  # a CookieJar is used as is (httpx2.Cookies would be copied)
        headers={
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "identity",
        },
    )


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

    limits = _Limits(timeout, budget)
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
            async with _client(limits, verify) as client:
                probe = await _probe_target(first, target, _Walk(client, limits))
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


async def _probe_target(server: Server, target: RemoteTarget, walk: _Walk) -> OAuthProbe:
    import anyio

    resource_metadata: str | None = None
    with anyio.move_on_after(walk.limits.budget) as scope:
        try:
            resource_metadata = await _discover(target, walk)
        except Exception as exc:  # hostile input must end this server's probe, not the scan
            walk.fetches.append(
                Fetch("probe", target.url, error=FetchError.FAILED, detail=_describe(exc))
            )
    if scope.cancelled_caught:
        walk.fetches.append(
            Fetch("budget", target.url, error=FetchError.BUDGET, detail="server budget spent")
        )
    return OAuthProbe(server.id, server.name, target, tuple(walk.fetches), resource_metadata)


async def _discover(target: RemoteTarget, walk: _Walk) -> str | None:
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


async def _initial_request(url: str, transport: str, walk: _Walk) -> Fetch | None:
    """The unauthenticated MCP request: initialize POST, or the SSE GET (or both, like
    mcp-remote's http-first)."""
    # Plain http is still contacted (the client does, and the rules report it live);
    # other schemes and shell-shaped URLs are not.
    if any(p.kind != "plain_http" for p in url_problems(url)):
        walk.fetches.append(Fetch("initialize", url, error=FetchError.REFUSED, detail="unsafe URL"))
        return None
    if transport == "sse":
        return await _sse_get(url, walk)
    fetch = await _fetch(
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


async def _sse_get(url: str, walk: _Walk) -> Fetch:
    return await _fetch(
        walk, "sse", "GET", url, headers={"Accept": "text/event-stream"}, read_json=False
    )


async def _get_json(
    walk: _Walk, purpose: str, url: str, *, expected_issuer: str | None = None
) -> Fetch:
    if not is_safe_to_fetch(url):
        fetch = Fetch(purpose, url, error=FetchError.REFUSED, detail="unsafe URL")
        walk.fetches.append(fetch)
        return fetch
    return await _fetch(
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


async def _fetch(
    walk: _Walk,
    purpose: str,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    read_json: bool,
    body: bytes | None = None,
    expected_issuer: str | None = None,
) -> Fetch:
    """One request, redirects followed by hand (each target checked first), body capped."""
    import anyio

    record: dict[str, Any] = {"purpose": purpose, "url": url, "method": method}
    if expected_issuer is not None:
        record["expected_issuer"] = expected_issuer
    redirects: list[str] = []
    with anyio.move_on_after(walk.limits.timeout) as scope:
        record.update(await _send(walk, method, url, headers, body, read_json, redirects))
    if scope.cancelled_caught:
        record.update(error=FetchError.TIMEOUT, detail=f"no answer within {walk.limits.timeout}s")
    fetch = Fetch(**record, redirects=tuple(redirects))
    walk.fetches.append(fetch)
    return fetch


class _UnsafeRedirect(Exception):
    def __init__(self, status: int, url: str, location: str) -> None:
        super().__init__(location)
        self.status, self.url, self.location = status, url, location


async def _stop_unsafe_redirect(response: httpx2.Response) -> None:
    """Runs before httpx2 even parses the Location: unsafe targets end the fetch here."""
    if response.is_redirect:
        location = urljoin(str(response.url), response.headers.get("location", ""))
        if not is_safe_to_fetch(location):
            raise _UnsafeRedirect(response.status_code, str(response.url), location)


async def _send(
    walk: _Walk,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes | None,
    read_json: bool,
    redirects: list[str],
) -> dict[str, Any]:
    import httpx2

    try:
        request = walk.client.build_request(method, url, headers=dict(headers), content=body)
    except (httpx2.HTTPError, httpx2.InvalidURL, ValueError) as exc:
        return {"error": FetchError.REFUSED, "detail": _describe(exc)}
    for _hop in range(walk.limits.max_redirects + 1):
        try:
            response = await walk.client.send(request, stream=True)
        except _UnsafeRedirect as exc:
            redirects.append(exc.location)
            return {
                "status": exc.status,
                "final_url": exc.url,
                "error": FetchError.UNSAFE_REDIRECT,
                "detail": one_line(exc.location, 200),
            }
        except httpx2.TimeoutException:
            return {"error": FetchError.TIMEOUT, "detail": "timed out"}
        except (httpx2.HTTPError, httpx2.InvalidURL, ssl.SSLError, OSError, ValueError) as exc:
            kind = FetchError.TLS if _is_tls_error(exc) else FetchError.CONNECT
            return {"error": kind, "detail": _describe(exc)}
        try:
            result: dict[str, Any] = {
                "status": response.status_code,
                "final_url": str(response.url),
                "www_authenticate": response.headers.get("www-authenticate"),
            }
            if response.is_redirect:
                redirects.append(urljoin(str(response.url), response.headers.get("location", "")))
                next_request = response.next_request
                if next_request is None:
                    return result
                request = next_request
                continue
            if read_json and response.status_code == 200:
                result.update(await _read_json(response, walk.limits.max_bytes))
            return result
        except httpx2.TimeoutException:
            return {"error": FetchError.TIMEOUT, "detail": "timed out while reading"}
        except httpx2.HTTPError as exc:
            return {"error": FetchError.CONNECT, "detail": _describe(exc)}
        finally:
            await response.aclose()
    return {
        "error": FetchError.TOO_MANY_REDIRECTS,
        "detail": f"more than {walk.limits.max_redirects} redirects",
    }


async def _read_json(response: httpx2.Response, max_bytes: int) -> dict[str, Any]:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return {"error": FetchError.TOO_LARGE, "detail": f"Content-Length {declared}"}
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.aiter_raw():
        total += len(chunk)
        if total > max_bytes:
            return {"error": FetchError.TOO_LARGE, "detail": f"more than {max_bytes} bytes"}
        chunks.append(chunk)
    raw = b"".join(chunks)
    encoding = response.headers.get("content-encoding", "identity").lower().strip()
    if encoding in ("gzip", "deflate"):
        # wbits 47: gzip or zlib header; max_length keeps a compression bomb at 1 MB.
        inflater = zlib.decompressobj(47)
        try:
            raw = inflater.decompress(raw, max_bytes + 1)
        except zlib.error as exc:
            return {"error": FetchError.NOT_JSON, "detail": f"bad {encoding} body: {exc}"}
        if len(raw) > max_bytes or inflater.unconsumed_tail:
            return {"error": FetchError.TOO_LARGE, "detail": f"inflates past {max_bytes} bytes"}
    elif encoding not in ("identity", ""):
        return {"error": FetchError.NOT_JSON, "detail": f"unsupported encoding {encoding}"}
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        return {"error": FetchError.NOT_JSON, "detail": _describe(exc)}
    if not isinstance(document, dict):
        return {"error": FetchError.NOT_JSON, "detail": "not a JSON object"}
    return {"document": document}


def _is_tls_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            break
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(exc: BaseException) -> str:
    return one_line(f"{type(exc).__name__}: {exc}", 200)


class _HeaderView:
    """Just enough of a response for the SDK's WWW-Authenticate parser."""

    status_code = 401

    def __init__(self, www_authenticate: str) -> None:
        self.headers = {"WWW-Authenticate": www_authenticate}
