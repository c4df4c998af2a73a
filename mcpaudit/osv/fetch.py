"""Ask the OSV API (https://osv.dev): POST /v1/querybatch, then GET /v1/vulns/{id}.

Only `mcpaudit scan --online` gets here. Bounded and quiet like the OAuth probe: a
time-out per request, a byte cap per reply, no redirect to another host, no proxy
variables or ~/.netrc (`trust_env=False`), TLS always verified, nothing sent but the
package names and versions. Every failure becomes an `OsvError` with a one-line reason.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from mcpaudit import __version__
from mcpaudit.osv.records import valid_id
from mcpaudit.sanitize import one_line
from mcpaudit.urlsafety import is_safe_to_fetch, origin_of

if TYPE_CHECKING:
    import httpx2

DEFAULT_URL = "https://api.osv.dev"
URL_ENV = "MCPAUDIT_OSV_URL"  # another OSV-compatible server (a mirror, or a test's)
REQUEST_TIMEOUT = 10.0  # seconds for one request, body included
MAX_BATCH_BYTES = 4_000_000  # one querybatch reply (ids only: ~60 bytes per vulnerability)
MAX_RECORD_BYTES = 1_000_000  # one vulnerability record
BATCH_SIZE = 500  # queries per querybatch request (OSV allows 1000)
MAX_PAGES = 5  # follow-up pages per querybatch
MAX_REDIRECTS = 2
USER_AGENT = f"mcpaudit/{__version__} (OSV advisory refresh)"


class OsvError(Exception):
    """Why the OSV API gave no usable answer (str() is one line, safe to show)."""


def base_url(env: Mapping[str, str]) -> str:
    """The API's base URL: $MCPAUDIT_OSV_URL or https://api.osv.dev (https, or http only
    on loopback, no query or fragment)."""
    url = (env.get(URL_ENV) or DEFAULT_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if not is_safe_to_fetch(url) or parts.query or parts.fragment or "@" in parts.netloc:
        from mcpaudit.secrets_mask import mask_url  # a mirror's URL may carry a password

        shown = one_line(mask_url(url), 100)
        raise OsvError(f"{URL_ENV}={shown} is not an https URL (or http on loopback)")
    return url


def ssl_context(env: Mapping[str, str]) -> ssl.SSLContext:
    """certifi's roots plus the system's (and $SSL_CERT_FILE, a corporate CA)."""
    import os

    from mcpaudit.inspect.oauth_http import ssl_context as verified

    cafile = env.get("SSL_CERT_FILE")
    return verified(cafile if cafile and os.path.isfile(cafile) else None)


class OsvClient:
    """`async with OsvClient(base, verify) as osv:` then `query_batch` and `vuln`."""

    def __init__(self, base: str, verify: ssl.SSLContext | bool = True) -> None:
        self.base = base
        self.origin = origin_of(base)
        self.verify = verify
        self.requests = 0
        self._client: httpx2.AsyncClient | None = None

    async def __aenter__(self) -> OsvClient:
        import httpx2

        self._client = httpx2.AsyncClient(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            event_hooks={"response": [self._same_origin]},
            trust_env=False,  # no proxy variables, no ~/.netrc credentials
            verify=self.verify,
            timeout=httpx2.Timeout(REQUEST_TIMEOUT),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def _same_origin(self, response: httpx2.Response) -> None:
        if response.is_redirect:
            target = urljoin(str(response.url), response.headers.get("location", ""))
            if origin_of(target) != self.origin:
                raise OsvError(f"refused a redirect to another host ({one_line(target, 100)})")

    async def query_batch(self, queries: Sequence[Mapping[str, Any]]) -> list[list[str]]:
        """Vulnerability ids per query, in order (pages followed up to MAX_PAGES)."""
        found: list[list[str]] = [[] for _ in queries]
        pending = {i: dict(q) for i, q in enumerate(queries)}
        for _page in range(MAX_PAGES):
            if not pending:
                break
            order = list(pending)
            reply = await self._json(
                "POST", "/v1/querybatch", {"queries": [pending[i] for i in order]}, MAX_BATCH_BYTES
            )
            results = reply.get("results") if isinstance(reply, dict) else None
            if not isinstance(results, list) or len(results) != len(order):
                raise OsvError("unexpected querybatch reply (no results list of the right size)")
            next_pending: dict[int, dict[str, Any]] = {}
            for i, result in zip(order, results, strict=True):
                if not isinstance(result, dict):
                    raise OsvError("unexpected querybatch reply (a result is not an object)")
                vulns = result.get("vulns", [])
                if not isinstance(vulns, list):
                    raise OsvError("unexpected querybatch reply (vulns is not a list)")
                found[i].extend(
                    vid
                    for v in vulns
                    if isinstance(v, dict) and (vid := valid_id(v.get("id"))) is not None
                )
                token = result.get("next_page_token")
                if isinstance(token, str) and 0 < len(token) <= 1000:
                    next_pending[i] = {**pending[i], "page_token": token}
            pending = next_pending
        return [list(dict.fromkeys(ids)) for ids in found]

    async def vuln(self, vid: str) -> dict[str, Any]:
        """The full record of vulnerability `vid` (an id checked by `valid_id`)."""
        reply = await self._json("GET", f"/v1/vulns/{quote(vid, safe='')}", None, MAX_RECORD_BYTES)
        if not isinstance(reply, dict):
            raise OsvError(f"{vid}: the record is not a JSON object")
        return reply

    async def _json(self, method: str, path: str, body: Any, max_bytes: int) -> Any:
        import anyio
        import httpx2

        assert self._client is not None
        self.requests += 1
        try:
            with anyio.fail_after(REQUEST_TIMEOUT):
                async with self._client.stream(
                    method, self.base + path, json=body, headers={"Accept": "application/json"}
                ) as response:
                    if response.status_code != 200:
                        raise OsvError(f"{method} {path}: HTTP {response.status_code}")
                    raw = await _read_capped(response, max_bytes, path)
        except TimeoutError:
            raise OsvError(f"{method} {path}: no answer within {REQUEST_TIMEOUT:g}s") from None
        except httpx2.TooManyRedirects:
            raise OsvError(f"{method} {path}: too many redirects") from None
        except (httpx2.HTTPError, httpx2.InvalidURL, ssl.SSLError, OSError, ValueError) as exc:
            raise OsvError(
                f"{method} {path}: {one_line(f'{type(exc).__name__}: {exc}', 160)}"
            ) from None
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise OsvError(f"{method} {path}: the reply is not JSON") from None


async def _read_capped(response: httpx2.Response, max_bytes: int, path: str) -> bytes:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise OsvError(f"{path}: unexpected content encoding {one_line(encoding, 40)}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise OsvError(f"{path}: reply of {declared} bytes is over the {max_bytes} byte cap")
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.aiter_raw():
        total += len(chunk)
        if total > max_bytes:
            raise OsvError(f"{path}: reply is over the {max_bytes} byte cap")
        chunks.append(chunk)
    return b"".join(chunks)
