"""A byte cap on everything a remote server sends, as `launch.CappedStdio` has for stdio.

The SDK reads a JSON reply whole and keeps an SSE stream open as long as the server
likes: a hostile server could stream gigabytes within the time limit. Every response body
goes through a `CappedTransport`; all of an inspection's transports count against one
`ByteBudget`, which stops the reading once the total passes the cap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import httpx2


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
        response = await self._inner.handle_async_request(request)
        return httpx2.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_CappedStream(response.stream, self.budget),  # type: ignore[arg-type]
            request=request,
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._inner.aclose()


class _CappedStream(httpx2.AsyncByteStream):
    def __init__(self, inner: httpx2.AsyncByteStream, budget: ByteBudget) -> None:
        self._inner = inner
        self._budget = budget

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._budget.count(len(chunk))
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()
