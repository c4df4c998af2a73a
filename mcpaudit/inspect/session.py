"""Talk to a server as its client would, with the official `mcp` SDK, and list what it offers.

stdio goes through `launch.CappedStdio`; streamable HTTP and SSE through the SDK's
own transports. Every server is time-boxed and every failure becomes an
`InspectionError` on its result: one bad server never stops the others.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

import anyio
import httpx2
import mcp_types
from mcp.client import Client
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from mcpaudit import __version__
from mcpaudit.inspect import reaper
from mcpaudit.inspect.consent import PreparedLaunch, prepare_launch
from mcpaudit.inspect.http_cap import ByteBudget, CappedTransport
from mcpaudit.inspect.launch import CappedStdio
from mcpaudit.inspect.options import InspectOptions
from mcpaudit.inspect.results import (
    ErrorKind,
    InspectionError,
    InspectionResult,
    LeftProcess,
    ProgressEvent,
    ServerInfo,
)
from mcpaudit.model import Server, Tool, Transport
from mcpaudit.redact import redact_in
from mcpaudit.sanitize import clean, one_line

ProgressFn = Callable[[ProgressEvent], None]
MAX_SCHEMA_CHARS = 65536
MAX_NAME_CHARS = 512

# The SDK logs a server's junk at ERROR level; with no handler configured Python would
# print it on our stderr. Inspection errors are reported as findings instead.
for _name in ("mcp", "client", "httpx2", "httpcore2", "httpx", "httpcore"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


async def inspect_server(server: Server, options: InspectOptions) -> InspectionResult:
    """Connect, initialize and list tools, prompts and resources; never raises."""
    prepared = prepare_launch(server, options)
    base = {
        "server_id": server.id,
        "server_name": server.name,
        "transport": server.transport.value,
        "sandboxed": prepared.plan.sandbox,
    }
    if prepared.plan.skip_reason:
        error = InspectionError(ErrorKind.SKIPPED, prepared.plan.skip_reason)
        return InspectionResult(**base, error=error)
    started = time.perf_counter()
    stdio: CappedStdio | None = None
    http_status: list[int] = []  # statuses of a remote server's responses, newest last
    listing: dict[str, Any] = {}
    error: InspectionError | None = None
    budget = ByteBudget(options.max_remote_bytes)
    try:
        with anyio.fail_after(options.timeout) as scope:
            budget.cancel_scope = scope
            async with contextlib.AsyncExitStack() as stack:
                if server.transport == Transport.STDIO:
                    stdio = CappedStdio(prepared, options)
                    transport: Any = stdio.connect()
                else:
                    transport = await _remote_transport(
                        stack, server, prepared, options, http_status, budget
                    )
                client = Client(
                    transport,
                    cache=None,
                    client_info=mcp_types.Implementation(name="mcpaudit", version=__version__),
                    read_timeout_seconds=options.timeout,
                )
                await stack.enter_async_context(client)
                listing = await _list_everything(client, options)
    except TimeoutError:
        error = _timeout_error(options, stdio)
    except BaseException as exc:
        if isinstance(exc, (anyio.get_cancelled_exc_class(), KeyboardInterrupt)):
            raise
        error = _auth_error(http_status) or _classify(exc, stdio, prepared)
    if error is None and stdio is not None and stdio.failure is not None:
        error = stdio.failure
    if budget.exceeded:  # whatever the SDK made of the cut-off reply
        error = InspectionError(ErrorKind.FLOOD, f"sent more than {budget.limit} bytes")
        listing = {}
    stderr = ""
    if stdio is not None and stdio.stderr.total:
        stderr = clean(_redacted(stdio.stderr.text(), prepared))
    return InspectionResult(
        **base,
        tools=tuple(listing.get("tools", ())),
        prompts=tuple(listing.get("prompts", ())),
        resources=tuple(listing.get("resources", ())),
        server_info=listing.get("server_info"),
        protocol_version=listing.get("protocol_version"),
        instructions=listing.get("instructions", ""),
        error=error,
        stderr=stderr,
        duration_s=time.perf_counter() - started,
        notes=tuple(listing.get("notes", ())),
    )


async def inspect_many(
    servers: Sequence[Server], options: InspectOptions, progress: ProgressFn | None = None
) -> dict[str, InspectionResult]:
    """Inspect servers concurrently (at most `options.concurrency` at once)."""
    results: dict[str, InspectionResult] = {}
    limiter = anyio.CapacityLimiter(max(1, options.concurrency))
    total = len(servers)

    async def one(server: Server) -> None:
        async with limiter:
            if progress:
                progress(ProgressEvent(server.id, server.name, "starting", total=total))
            result = await inspect_server(server, options)
            results[server.id] = result
            if progress:
                state = "done" if result.ok else result.error.kind.value  # type: ignore[union-attr]
                detail = (
                    f"{len(result.tools)} tools, {len(result.prompts)} prompts, "
                    f"{len(result.resources)} resources"
                    if result.ok
                    else one_line(str(result.error), 160)
                )
                progress(ProgressEvent(server.id, server.name, state, detail, len(results), total))

    reaper.enter()
    try:
        async with anyio.create_task_group() as tg:
            for server in servers:
                tg.start_soon(one, server)
    finally:
        with anyio.CancelScope(shield=True):
            if reaper.leave():  # the last inspection in this process: nothing may stay
                left = await anyio.to_thread.run_sync(reaper.sweep)
                _attach_left(results, left)
                reaper.release()
    return {s.id: results[s.id] for s in servers if s.id in results}


def _attach_left(results: dict[str, InspectionResult], left: Sequence[LeftProcess]) -> None:
    """Each left process goes on the result of the server it came from."""
    by_server: dict[str, list[LeftProcess]] = {}
    for proc in left:
        owners = [sid for sid in reaper.owners(proc) if sid in results]
        for sid in owners:
            by_server.setdefault(sid, []).append(replace(proc, shared=len(owners) > 1))
    for sid, procs in by_server.items():
        results[sid] = replace(results[sid], left_processes=tuple(procs))


async def _remote_transport(
    stack: contextlib.AsyncExitStack,
    server: Server,
    prepared: PreparedLaunch,
    options: InspectOptions,
    statuses: list[int],
    budget: ByteBudget,
) -> Any:
    async def record(response: httpx2.Response) -> None:
        statuses.append(response.status_code)

    def make_client(
        headers: dict[str, str] | None = None,
        timeout: httpx2.Timeout | None = None,
        auth: httpx2.Auth | None = None,
    ) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(
            headers=headers,
            timeout=timeout or httpx2.Timeout(options.timeout),
            auth=auth,
            follow_redirects=False,
            event_hooks={"response": [record]},
            transport=CappedTransport(budget),
        )

    headers = dict(prepared.headers)
    if server.transport == Transport.SSE:
        return sse_client(
            prepared.url,
            headers=headers,
            timeout=options.timeout,
            sse_read_timeout=options.timeout,
            httpx_client_factory=make_client,
        )
    http = make_client(headers)
    await stack.enter_async_context(http)
    return streamable_http_client(
        prepared.url, http_client=http, max_sse_event_size=options.max_message_bytes
    )


def _auth_error(statuses: list[int]) -> InspectionError | None:
    """A remote server that wants a login: say so instead of a generic transport error."""
    status = next((s for s in reversed(statuses) if s in (401, 403)), None)
    if status is None:
        return None
    return InspectionError(
        ErrorKind.HTTP,
        f"the server requires authorization (HTTP {status}); mcpaudit does not sign in, "
        "so its tools were not listed",
    )


async def _list_everything(client: Client, options: InspectOptions) -> dict[str, Any]:
    notes: list[str] = []
    info = client.server_info
    out: dict[str, Any] = {
        "server_info": ServerInfo(
            name=_cap(info.name, MAX_NAME_CHARS) if info else "",
            version=_cap(info.version or "", MAX_NAME_CHARS) if info else "",
            title=_cap(getattr(info, "title", None) or "", MAX_NAME_CHARS) if info else "",
        )
        if info
        else None,
        "protocol_version": client.protocol_version,
        "instructions": _cap(client.instructions or "", options.max_text),
        "notes": notes,
    }
    caps = client.server_capabilities
    out["tools"] = [
        _tool(t, options, notes)
        for t in await _paginate(client.list_tools, "tools", "tools", options, notes)
    ]
    if caps is not None and caps.prompts is not None:
        prompts = await _optional(
            _paginate(client.list_prompts, "prompts", "prompts", options, notes)
        )
        out["prompts"] = [_prompt(p, options) for p in prompts]
    if caps is not None and caps.resources is not None:
        resources = await _optional(
            _paginate(client.list_resources, "resources", "resources", options, notes)
        )
        templates = await _optional(
            _paginate(
                client.list_resource_templates,
                "resource_templates",
                "resource templates",
                options,
                notes,
            )
        )
        out["resources"] = [_resource(r, "resource", options) for r in resources] + [
            _resource(r, "resource_template", options) for r in templates
        ]
    return out


async def _optional(listing: Awaitable[list[Any]]) -> list[Any]:
    """Prompts and resources are extras: a server that errors on them keeps its tools."""
    try:
        return await listing
    except MCPError:
        return []


async def _paginate(
    fetch: Callable[..., Awaitable[Any]],
    attr: str,
    label: str,
    options: InspectOptions,
    notes: list[str],
) -> list[Any]:
    items: list[Any] = []
    cursor: str | None = None
    seen: set[str] = set()
    for _ in range(options.max_pages):
        page = await fetch(cursor=cursor)
        items.extend(getattr(page, attr))
        cursor = page.next_cursor
        if options.max_items is not None and len(items) > options.max_items:
            notes.append(
                f"the server lists more than {options.max_items} {label}; "
                f"only the first {options.max_items} were analysed"
            )
            return items[: options.max_items]
        if cursor is None:
            return items
        if cursor in seen:
            notes.append(f"the {label} listing repeats a page cursor; stopped following it")
            return items
        seen.add(cursor)
    notes.append(
        f"the {label} listing has more than {options.max_pages} pages; the {len(items)} {label} "
        "of the first pages were analysed, those on later pages were not"
    )
    return items


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit]


def _schema(schema: Any, notes: list[str], name: str) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {}
    try:
        size = len(json.dumps(schema, ensure_ascii=False))
    except (TypeError, ValueError):
        return {}
    if size > MAX_SCHEMA_CHARS:
        notes.append(f"input schema of {one_line(name, 80)} is {size} characters; not analysed")
        return {}
    return schema


def _tool(t: Any, options: InspectOptions, notes: list[str]) -> Tool:
    name = _cap(t.name, MAX_NAME_CHARS)
    return Tool(
        name=name,
        description=_cap(t.description or "", options.max_text),
        input_schema=_schema(t.input_schema, notes, name),
        kind="tool",
        title=_cap(t.title or "", MAX_NAME_CHARS),
        annotations=_annotations(t),
    )


def _annotations(t: Any) -> dict[str, Any]:
    """The boolean hints the trifecta classification reads (readOnlyHint, …)."""
    raw = getattr(t, "annotations", None)
    if raw is None:
        return {}
    data = raw.model_dump(by_alias=True, exclude_none=True) if hasattr(raw, "model_dump") else {}
    return {k: v for k, v in data.items() if isinstance(v, bool)}


def _prompt(p: Any, options: InspectOptions) -> Tool:
    arguments = [
        {
            "name": _cap(a.name, MAX_NAME_CHARS),
            "description": _cap(a.description or "", options.max_text),
            "required": bool(a.required),
        }
        for a in p.arguments or []
    ]
    return Tool(
        name=_cap(p.name, MAX_NAME_CHARS),
        description=_cap(p.description or "", options.max_text),
        input_schema={"arguments": arguments} if arguments else {},
        kind="prompt",
        title=_cap(p.title or "", MAX_NAME_CHARS),
    )


def _resource(r: Any, kind: str, options: InspectOptions) -> Tool:
    uri = str(getattr(r, "uri", None) or getattr(r, "uri_template", None) or "")
    return Tool(
        name=_cap(r.name, MAX_NAME_CHARS),
        description=_cap(r.description or "", options.max_text),
        input_schema={"uri": _cap(uri, 2048), "mimeType": r.mime_type or ""},
        kind=kind,
        title=_cap(r.title or "", MAX_NAME_CHARS),
    )


def _leaf(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _timeout_error(options: InspectOptions, stdio: CappedStdio | None) -> InspectionError:
    if stdio is not None and stdio.failure is not None:
        return stdio.failure
    extra = ""
    if stdio is not None and stdio.malformed:
        extra = f" (it sent {stdio.malformed} line(s) that are not JSON-RPC)"
    return InspectionError(
        ErrorKind.TIMEOUT, f"no complete answer within {options.timeout:g} s{extra}"
    )


def _classify(
    exc: BaseException, stdio: CappedStdio | None, prepared: PreparedLaunch
) -> InspectionError:
    if stdio is not None and stdio.failure is not None:
        return stdio.failure
    leaf = _leaf(exc)
    if isinstance(leaf, TimeoutError):
        return InspectionError(ErrorKind.TIMEOUT, "the server did not answer in time")
    if stdio is not None and stdio.pid is None and isinstance(leaf, OSError):
        reason = leaf.strerror or type(leaf).__name__
        return InspectionError(
            ErrorKind.SPAWN, f"could not start {one_line(prepared.plan.command, 200)}: {reason}"
        )
    if isinstance(leaf, httpx2.HTTPError):
        return InspectionError(ErrorKind.HTTP, one_line(_message(leaf, prepared), 300))
    if isinstance(leaf, MCPError) and leaf.code == mcp_types.CONNECTION_CLOSED and stdio:
        code = stdio.returncode
        status = f"exited with status {code}" if code is not None else "closed its output"
        if stdio.malformed:
            status += f" after {stdio.malformed} line(s) that are not JSON-RPC"
        return InspectionError(ErrorKind.CRASH, f"the server {status} before answering")
    if isinstance(leaf, MCPError):
        return InspectionError(
            ErrorKind.PROTOCOL, f"the server answered with an error: {_message(leaf, prepared)}"
        )
    if stdio is not None and stdio.returncode not in (None, 0) and stdio.pid is not None:
        return InspectionError(
            ErrorKind.CRASH, f"the server exited with status {stdio.returncode} before answering"
        )
    kind = ErrorKind.HTTP if stdio is None else ErrorKind.PROTOCOL
    return InspectionError(
        kind, f"{type(leaf).__name__}: {one_line(_message(leaf, prepared), 300)}"
    )


def _message(exc: BaseException, prepared: PreparedLaunch) -> str:
    return one_line(_redacted(str(exc) or type(exc).__name__, prepared), 300)


def _redacted(text: str, prepared: PreparedLaunch) -> str:
    """The values the config handed the server, and anything else secret-looking, redacted."""
    from mcpaudit.secrets_mask import mask_secret_like

    for secret in prepared.secrets:
        text = redact_in(text, secret)
    return mask_secret_like(text)
