"""The scan's online stage (`--online`): refresh the advisories of configured packages from OSV.

Runs before the rules. For every npm / PyPI package a server is started with (exact
version when pinned, name only otherwise) it asks OSV which vulnerabilities apply,
fetches each one's record, and hands the rules an `OsvLookup`; MCP210 merges it with
the bundled table. Answers are cached for a day. When OSV cannot be reached or answers
nonsense, the scan goes on with the bundled table (and whatever stale cache there is)
and says so in a note and in the report's `scan.online.osv`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mcpaudit.advisories import Advisory, merge, package_key
from mcpaudit.model import Server
from mcpaudit.osv.cache import OsvCache, now, query_key
from mcpaudit.osv.fetch import BATCH_SIZE, OsvClient, OsvError, base_url, ssl_context
from mcpaudit.osv.records import to_advisory

STAGE_BUDGET = 60.0  # seconds for the whole refresh
CONCURRENCY = 4  # record fetches in flight
MAX_RECORDS = 300  # records fetched per scan; more are left to the next scan


@dataclass(frozen=True)
class Query:
    ecosystem: str  # npm | PyPI
    name: str
    version: str | None  # exact version, or None: every version

    @property
    def key(self) -> str:
        return query_key(self.ecosystem, package_key(self.ecosystem, self.name)[1], self.version)

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"package": {"name": self.name, "ecosystem": self.ecosystem}}
        if self.version:
            body["version"] = self.version
        return body


@dataclass(frozen=True)
class OsvLookup:
    """What the online stage learned: advisories per package, and how it went."""

    by_package: Mapping[tuple[str, str], tuple[Advisory, ...]] = field(default_factory=dict)
    report: Mapping[str, Any] = field(default_factory=dict)

    def for_package(self, ecosystem: str, name: str) -> tuple[Advisory, ...]:
        return self.by_package.get(package_key(ecosystem, name), ())


def queries_for(servers: Sequence[Server]) -> list[Query]:
    """One query per distinct (package, exact version or none) that a server runs."""
    from mcpaudit.rules.launch import package_ref

    seen: dict[str, Query] = {}
    for server in servers:
        ref = package_ref(server)
        if ref is None or ref.ecosystem not in ("npm", "pypi"):
            continue
        ecosystem = "npm" if ref.ecosystem == "npm" else "PyPI"
        version = ref.version.lstrip("v=") if ref.exact and ref.version else None
        q = Query(ecosystem, ref.name, version)
        seen.setdefault(q.key, q)
    return list(seen.values())


def online_stage(
    servers: Sequence[Server],
    options: Any,
    progress: Callable[[str], None] | None,
    notes: list[str],
) -> OsvLookup:
    """The scan's online stage (key "osv")."""
    env = options.env if options.env is not None else os.environ
    queries = queries_for(servers)
    report: dict[str, Any] = {"source": "osv", "packages": len(queries), "requests": 0}
    try:
        base = base_url(env)
    except OsvError as exc:
        notes.append(f"online advisory refresh failed: {exc}; using the bundled table only")
        return OsvLookup(report={**report, "status": "failed", "error": str(exc)})
    report["url"] = base
    if not queries:
        return OsvLookup(report={**report, "status": "ok"})
    cache = OsvCache.load(base)
    refresh = _Refresh(queries, cache, now())
    if refresh.stale_queries or refresh.missing_records():
        if progress:
            progress(f"online: asking OSV ({base}) about {len(queries)} package(s)")
        refresh.run(base, env)
    elif progress:
        progress(f"online: OSV answers for {len(queries)} package(s) from the cache (< 24 h old)")
    cache.save()
    found = refresh.advisories()
    report.update(refresh.summary())
    report["advisories"] = sum(len(a) for a in found.values())
    if refresh.error:
        notes.append(
            f"online advisory refresh failed: {refresh.error}; using the bundled table"
            + (" and older cached OSV answers" if refresh.used_stale else " only")
        )
    return OsvLookup(found, report)


class _Refresh:
    """One refresh: which answers the cache has, what is asked, what came back."""

    def __init__(self, queries: list[Query], cache: OsvCache, at: float) -> None:
        self.queries = queries
        self.cache = cache
        self.at = at
        self.stale_queries = [
            q for q in queries if not (q.key in cache.queries and cache.queries[q.key].fresh(at))
        ]
        self.requests = 0
        self.error: str | None = None
        self.failed_records: list[str] = []
        self.used_stale = False

    def missing_records(self) -> list[str]:
        wanted = dict.fromkeys(
            vid
            for q in self.queries
            if q.key in self.cache.queries
            for vid in self.cache.queries[q.key].value
            if isinstance(vid, str)
        )
        return [
            vid
            for vid in wanted
            if not (vid in self.cache.records and self.cache.records[vid].fresh(self.at))
        ]

    def run(self, base: str, env: Mapping[str, str]) -> None:
        import anyio

        try:
            verify = ssl_context(env) if base.startswith("https:") else True
            anyio.run(self._run, base, verify)
        except OsvError as exc:
            self.error = str(exc)
        except Exception as exc:  # a broken refresh must never cost the static findings
            self.error = f"{type(exc).__name__}: {exc}"

    async def _run(self, base: str, verify: Any) -> None:
        import anyio

        async with OsvClient(base, verify) as osv:
            try:
                with anyio.fail_after(STAGE_BUDGET):
                    await self._ask(osv)
            except TimeoutError:
                raise OsvError(f"no complete answer within {STAGE_BUDGET:g}s") from None
            finally:
                self.requests = osv.requests

    async def _ask(self, osv: OsvClient) -> None:
        import anyio

        for start in range(0, len(self.stale_queries), BATCH_SIZE):
            chunk = self.stale_queries[start : start + BATCH_SIZE]
            answers = await osv.query_batch([q.payload() for q in chunk])
            for q, ids in zip(chunk, answers, strict=True):
                self.cache.put_query(q.key, ids, self.at)
        missing = self.missing_records()
        if len(missing) > MAX_RECORDS:
            self.failed_records.extend(missing[MAX_RECORDS:])
            missing = missing[:MAX_RECORDS]
        limiter = anyio.CapacityLimiter(CONCURRENCY)

        async def fetch(vid: str) -> None:
            async with limiter:
                try:
                    self.cache.put_record(vid, await osv.vuln(vid), self.at)
                except OsvError:
                    self.failed_records.append(vid)

        async with anyio.create_task_group() as tg:
            for vid in missing:
                tg.start_soon(fetch, vid)
        if self.failed_records:
            self.error = (
                f"{len(self.failed_records)} vulnerability record(s) not fetched "
                f"(failed, or over the limit of {MAX_RECORDS} per scan)"
            )

    def advisories(self) -> dict[tuple[str, str], tuple[Advisory, ...]]:
        """Advisories per package from every answer there is (fresh, or stale after a failure)."""
        found: dict[tuple[str, str], list[Advisory]] = {}
        for q in self.queries:
            entry = self.cache.queries.get(q.key)
            if entry is None:
                continue
            if not entry.fresh(self.at):
                self.used_stale = True
            listed = frozenset({q.version}) if q.version else frozenset()
            for vid in entry.value:
                record = self.cache.records.get(vid) if isinstance(vid, str) else None
                if record is None:
                    continue
                self.used_stale = self.used_stale or not record.fresh(self.at)
                adv = to_advisory(record.value, q.ecosystem, q.name, listed)
                if adv is not None:
                    found.setdefault(package_key(q.ecosystem, q.name), []).append(adv)
        return {key: tuple(merge((), advs)) for key, advs in found.items()}

    def summary(self) -> dict[str, Any]:
        fresh = len(self.queries) - len(self.stale_queries)
        if self.error and not any(q.key in self.cache.queries for q in self.stale_queries):
            status = "failed"
        elif self.error:
            status = "partial"
        elif self.requests == 0:
            status = "cached"
        else:
            status = "ok"
        out: dict[str, Any] = {
            "status": status,
            "requests": self.requests,
            "from_cache": fresh,
        }
        if self.error:
            out["error"] = self.error
        return out
