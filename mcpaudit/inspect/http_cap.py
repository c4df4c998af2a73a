"""A byte cap on everything a remote server sends, as `launch.CappedStdio` has for stdio.

The SDK reads a JSON reply whole and keeps an SSE stream open as long as the server
likes: a hostile server could stream gigabytes within the time limit. Every response body
goes through a `CappedTransport`; all of an inspection's transports count against one
`ByteBudget`, which stops the reading once the total passes the cap.

The cap counts decoded bytes, not bytes on the wire: a 1 MB gzip body can inflate to a
GiB. Requests ask for `Accept-Encoding: identity`; a server that compresses anyway has
its gzip/deflate body inflated here, a bounded piece at a time, each piece counted
before it is passed on (httpx then sees a plain body). Any other encoding is refused.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx2

PIECE = 64 * 1024  # at most this much inflated output at a time
_INFLATE = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class UnsupportedEncoding(httpx2.DecodingError):
    """The server used a Content-Encoding mcpaudit does not inflate within the cap."""


class ReplyTooLarge(httpx2.ReadError):
    """The server sent more than the cap allows (an httpx error, so the SDK stops reading)."""


class ByteBudget:
    """What one inspection may receive from a remote server, over all its responses."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.received = 0
        self.exceeded = False
        self.cancel_scope: anyio.CancelScope | None = None  # cancelled on overflow

    def count(self, size: int) -> None:
        self.received += size
        if self.received > self.limit:
            self.exceeded = True
            if self.cancel_scope is not None:
                # The SDK may log a transport error and wait for a reply that never comes:
                # end the whole inspection now instead of at the time limit.
                self.cancel_scope.cancel()
            raise ReplyTooLarge(f"the server sent more than {self.limit} bytes")


class CappedTransport(httpx2.AsyncBaseTransport):
    """An HTTP transport whose response bodies count against a `ByteBudget`."""

    def __init__(self, budget: ByteBudget, inner: httpx2.AsyncBaseTransport | None = None) -> None:
        self.budget = budget
        self._inner = inner or httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        request.headers["Accept-Encoding"] = "identity"
        response = await self._inner.handle_async_request(request)
        codings = [
            c.strip().lower()
            for c in response.headers.get_list("content-encoding", split_commas=True)
        ]
        codings = [c for c in codings if c and c != "identity"]
        unknown = [c for c in codings if c not in _INFLATE]
        if unknown:
            await response.aclose()
            raise UnsupportedEncoding(
                f"the server sent Content-Encoding {unknown[0][:40]!r} although identity "
                "was asked for"
            )
        headers = response.headers
        if codings:  # inflated below: httpx must not inflate it again (unbounded)
            headers = httpx2.Headers(
                [
                    (k, v)
                    for k, v in response.headers.multi_items()
                    if k.lower() not in ("content-encoding", "content-length")
                ]
            )
        return httpx2.Response(
            status_code=response.status_code,
            headers=headers,
            stream=_CappedStream(response.stream, self.budget, codings),  # type: ignore[arg-type]
            request=request,
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._inner.aclose()


class _CappedStream(httpx2.AsyncByteStream):
    def __init__(
        self, inner: httpx2.AsyncByteStream, budget: ByteBudget, codings: list[str] | None = None
    ) -> None:
        self._inner = inner
        self._budget = budget
        # Content-Encoding lists codings in the order applied: undo them last to first.
        self._inflaters = [zlib.decompressobj(_INFLATE[c]) for c in reversed(codings or [])]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            for piece in _inflate(self._inflaters, chunk):
                self._budget.count(len(piece))
                yield piece

    async def aclose(self) -> None:
        await self._inner.aclose()


def _inflate(inflaters: list[Any], data: bytes) -> Iterator[bytes]:
    """`data` through every inflater in turn, lazily, in pieces of at most PIECE bytes:
    the caller counts each piece before the next is made (stacked codings included)."""
    if not inflaters:
        if data:
            yield data
        return
    first, rest = inflaters[0], inflaters[1:]
    pending = data
    while not first.eof:
        try:
            piece = first.decompress(pending, PIECE)
        except zlib.error as exc:
            raise httpx2.DecodingError(f"the server sent a broken compressed body: {exc}") from None
        pending = first.unconsumed_tail
        yield from _inflate(rest, piece)
        if not pending and len(piece) < PIECE:
            break  # all of `data` is in; a full piece may have more output behind it
