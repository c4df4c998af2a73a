"""OSV answers remembered in the user cache dir, so repeated `--online` scans stay quiet.

One JSON file per API base URL: the vulnerability ids each query returned and the
(trimmed) record of each id, with the time they were fetched. Fresh entries (younger than
TTL) are used instead of asking again; older ones only when OSV cannot be reached. The
file is an optimisation: a missing, corrupt or unwritable cache means asking OSV again.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TTL_S = 24 * 3600
MAX_ENTRIES = 2000  # per kind (queries, records); the oldest go first
FORMAT = 1
_KEPT_FIELDS = ("id", "aliases", "summary", "withdrawn", "severity", "affected")


def query_key(ecosystem: str, name: str, version: str | None) -> str:
    return f"{ecosystem}\0{name}\0{version or ''}"


def trim(record: dict[str, Any]) -> dict[str, Any]:
    """What the rule needs of a record (the details text and references are dropped)."""
    out = {k: record[k] for k in _KEPT_FIELDS if k in record}
    if not isinstance(out.get("summary"), str) and isinstance(record.get("details"), str):
        out["summary"] = record["details"].strip().split("\n", 1)[0][:500]
    specific = record.get("database_specific")
    if isinstance(specific, dict) and "severity" in specific:
        out["database_specific"] = {"severity": specific["severity"]}
    return out


@dataclass
class Entry:
    at: float
    value: Any

    def fresh(self, now: float) -> bool:
        return 0 <= now - self.at < TTL_S


@dataclass
class OsvCache:
    path: Path | None
    queries: dict[str, Entry] = field(default_factory=dict)  # query key -> ids
    records: dict[str, Entry] = field(default_factory=dict)  # vuln id -> trimmed record
    dirty: bool = False

    @classmethod
    def load(cls, base_url: str) -> OsvCache:
        path = cache_path(base_url)
        cache = cls(path)
        try:
            data = json.loads(path.read_text("utf-8")) if path else None
        except (OSError, ValueError, RecursionError):
            return cache
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cache
        cache.queries = _entries(data.get("queries"), lambda v: isinstance(v, list))
        cache.records = _entries(data.get("records"), lambda v: isinstance(v, dict))
        return cache

    def put_query(self, key: str, ids: list[str], now: float) -> None:
        self.queries[key] = Entry(now, ids)
        self.dirty = True

    def put_record(self, vid: str, record: dict[str, Any], now: float) -> None:
        self.records[vid] = Entry(now, trim(record))
        self.dirty = True

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        from mcpaudit.atomic import write_text_atomic

        data = {
            "format": FORMAT,
            "queries": _dump(self.queries),
            "records": _dump(self.records),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(data, separators=(",", ":")))
            self.dirty = False
        except OSError:
            pass  # a read-only cache dir: ask OSV again next time


def cache_path(base_url: str) -> Path | None:
    try:
        from mcpaudit.paths import state_dirs

        root = state_dirs().cache
    except Exception:  # no usable home: no cache
        return None
    digest = hashlib.sha256(base_url.encode()).hexdigest()[:12]
    return root / f"osv-{digest}.json"


def now() -> float:
    return time.time()


def _entries(raw: Any, valid: Any) -> dict[str, Entry]:
    if not isinstance(raw, dict):
        return {}
    out: dict[str, Entry] = {}
    for key, item in raw.items():
        if (
            isinstance(item, list)
            and len(item) == 2
            and isinstance(item[0], int | float)
            and valid(item[1])
        ):
            out[key] = Entry(float(item[0]), item[1])
    return out


def _dump(entries: dict[str, Entry]) -> dict[str, list[Any]]:
    newest = sorted(entries.items(), key=lambda kv: kv[1].at)[-MAX_ENTRIES:]
    return {k: [round(e.at, 3), e.value] for k, e in newest}
