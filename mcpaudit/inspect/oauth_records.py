"""What the OAuth probe saw for one server: the data `mcpaudit/rules/remote/` judges.

Plain frozen records, no I/O: `inspect/oauth.py` fills them, the rules only read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mcpaudit.inspect.remote_target import RemoteTarget


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
