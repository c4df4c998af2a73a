"""Which URL a remote server is reached at, and which credentials its config sends there.

A server is remote when its entry has a `url` (or `serverUrl`/`httpUrl`/`uri`), or
when it runs a local proxy that connects to one: `mcp-remote URL`, `mcp-proxy URL`,
`supergateway --sse URL` / `--streamableHttp URL`. Pure parsing, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpaudit.model import Server, Transport, Value

# Package / executable names of stdio-to-remote proxies.
PROXIES = ("mcp-remote", "mcp-proxy", "supergateway")


@dataclass(frozen=True)
class Header:
    """One header the user's config sends to the remote (never sent by the probe)."""

    name: str
    value: str
    at: Value


@dataclass(frozen=True)
class RemoteTarget:
    url: str
    at: Value  # the config value holding the URL (finding location)
    via: str | None  # proxy name, or None for the server's own url
    transport: str  # "http" | "sse" | "http-first"
    headers: tuple[Header, ...] = ()


def proxy_name(arg: str) -> str | None:
    """`mcp-remote` for `mcp-remote`, `mcp-remote@0.1.37`, `/usr/bin/mcp-remote`, …"""
    base = arg.replace("\\", "/").rsplit("/", 1)[-1]
    if base.endswith(".exe") or base.endswith(".cmd"):
        base = base[:-4]
    name = base.split("@", 1)[0] if not base.startswith("@") else base
    name = name.split("==", 1)[0]
    return name if name in PROXIES else None


def remote_target(server: Server) -> RemoteTarget | None:
    """The remote endpoint this server talks to, or None for a purely local server."""
    if server.url is not None and server.url.text.strip():
        transport = "sse" if server.transport is Transport.SSE else "http"
        headers = tuple(Header(v.key or "", v.text, v) for v in server.headers if v.key is not None)
        return RemoteTarget(server.url.text.strip(), server.url, None, transport, headers)
    parts = ([server.command] if server.command else []) + list(server.args)
    for index, part in enumerate(parts):
        name = proxy_name(part.text)
        if name is not None:
            return _proxy_target(name, parts[index + 1 :])
    return None


def _proxy_target(name: str, args: list[Value]) -> RemoteTarget | None:
    url: Value | None = None
    transport = {"mcp-remote": "http-first", "mcp-proxy": "sse"}.get(name, "http")
    headers: list[Header] = []
    i = 0
    while i < len(args):
        text = args[i].text
        following = args[i + 1] if i + 1 < len(args) else None
        if text in ("--header", "-H", "--headers") and following is not None:
            header = _header_arg(following)
            if header is None and i + 2 < len(args):  # mcp-proxy: -H NAME VALUE
                header = Header(following.text, args[i + 2].text, args[i + 2])
                i += 1
            if header is not None:
                headers.append(header)
            i += 2
            continue
        if text == "--oauth2Bearer" and following is not None:  # supergateway
            headers.append(Header("Authorization", f"Bearer {following.text}", following))
            i += 2
            continue
        if text == "--transport" and following is not None:
            lowered = following.text.lower()
            if "sse" in lowered and not lowered.startswith("http"):
                transport = "sse"
            elif "http" in lowered:
                transport = "http"
        if text == "--sse":
            transport = "sse"
        if text == "--streamableHttp":
            transport = "http"
        if url is None and text.lower().startswith(("http://", "https://")):
            url = args[i]
        i += 1
    if url is None:
        return None
    return RemoteTarget(url.text.strip(), url, name, transport, tuple(headers))


def _header_arg(value: Value) -> Header | None:
    name, sep, rest = value.text.partition(":")
    if not sep or not name.strip() or " " in name.strip():
        return None
    return Header(name.strip(), rest.strip(), value)
