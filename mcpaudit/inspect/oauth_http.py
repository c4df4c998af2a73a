"""One bounded, quiet HTTP request for the OAuth probe, redirects checked hop by hop.

Time-outs, at most 1 MB per response (compressed or not), few redirects, no cookies kept,
no ~/.netrc or proxy variables, TLS always verified, and no redirect followed to a URL
that is not safe to fetch. `inspect/oauth.py` decides what to ask; this module asks.
"""

from __future__ import annotations

import json
import ssl
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mcpaudit import __version__
from mcpaudit.inspect.oauth_records import Fetch, FetchError
from mcpaudit.sanitize import one_line
from mcpaudit.urlsafety import is_safe_to_fetch

if TYPE_CHECKING:
    import httpx2

MAX_BYTES = 1_000_000
REQUEST_TIMEOUT = 8.0  # seconds for one request, redirects included
SERVER_BUDGET = 30.0  # seconds for one server's whole chain
MAX_REDIRECTS = 3
USER_AGENT = f"mcpaudit/{__version__} (OAuth metadata check)"


@dataclass
class Limits:
    timeout: float = REQUEST_TIMEOUT
    budget: float = SERVER_BUDGET
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


@dataclass
class Walk:
    client: httpx2.AsyncClient
    limits: Limits
    fetches: list[Fetch] = field(default_factory=list)


def ssl_context(cafile: str | None = None) -> ssl.SSLContext:
    """Certificate verification always on: certifi's roots (or `cafile`) plus the system's."""
    import certifi

    context = ssl.create_default_context(cafile=cafile or certifi.where())
    context.load_default_certs()
    return context


def new_client(limits: Limits, verify: ssl.SSLContext | None) -> httpx2.AsyncClient:
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


async def bounded_fetch(
    walk: Walk,
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
    walk: Walk,
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
        return {"error": FetchError.REFUSED, "detail": describe(exc)}
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
            return {"error": kind, "detail": describe(exc)}
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
            return {"error": FetchError.CONNECT, "detail": describe(exc)}
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
        return {"error": FetchError.NOT_JSON, "detail": describe(exc)}
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


def describe(exc: BaseException) -> str:
    return one_line(f"{type(exc).__name__}: {exc}", 200)
