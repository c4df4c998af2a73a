"""Tool pins: a hash of every tool, prompt and resource a server offered, to catch rug pulls.

The first inspection pins each item (trust on first use). Later inspections compare:
a changed item is reported (rule MCP506) on every scan until the user accepts the
new definition with `mcpaudit pins accept`; `mcpaudit pins reset` forgets pins.
The store is one JSON file under platformdirs' user state dir, written atomically.
The canonical text of each item is kept so a change can be shown as a diff.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mcpaudit.atomic import write_text_atomic
from mcpaudit.inspect.results import PinChange
from mcpaudit.model import Server, Tool

STORE_VERSION = 1
MAX_PINNED_TEXT = 20000


def default_pins_path() -> Path:
    from mcpaudit.paths import state_dirs

    return state_dirs().state / "pins.json"


def item_key(item: Tool) -> str:
    return f"{item.kind}:{item.name}"


def canonical_text(item: Tool) -> str:
    """What the model sees of an item, in a stable form (hashed, and diffed on change)."""
    schema = json.dumps(item.input_schema, sort_keys=True, indent=2, ensure_ascii=False)
    parts = [f"{item.kind}: {item.name}"]
    if item.title:
        parts.append(f"title: {item.title}")
    parts.append("description:")
    parts.append(item.description)
    parts.append("schema:")
    parts.append(schema)
    return "\n".join(parts)


def item_hash(item: Tool) -> str:
    return hashlib.sha256(canonical_text(item).encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PinnedServer:
    server_id: str
    name: str
    client: str
    file: str
    items: int
    pending: tuple[str, ...]  # item keys whose new definition awaits `pins accept`
    updated_at: str


class PinStore:
    """The pins file, loaded once, changed in memory, saved atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_pins_path()
        self.data: dict[str, Any] = {"version": STORE_VERSION, "servers": {}}
        self.problem: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.problem = f"cannot read {self.path}: {exc}"
            return
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("servers"), dict):
            # Keep the damaged file for the user rather than silently overwriting it.
            self.problem = f"{self.path} was damaged; kept as {self.path.name}.damaged"
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(self.path.name + ".damaged"))
            return
        self.data = data

    @property
    def servers(self) -> dict[str, Any]:
        return self.data["servers"]

    def check(self, server: Server, items: Iterable[Tool]) -> tuple[list[PinChange], int]:
        """Compare `items` with the pins; pin new ones; return (changes, newly pinned)."""
        now = _now()
        entry = self.servers.setdefault(server.id, {"items": {}})
        entry.update(name=server.name, client=server.client, file=server.file, updated_at=now)
        pinned: dict[str, Any] = entry.setdefault("items", {})
        changes: list[PinChange] = []
        new = 0
        for item in items:
            key, digest = item_key(item), item_hash(item)
            old = pinned.get(key)
            if old is None:
                pinned[key] = {"hash": digest, "text": _stored(item), "pinned_at": now}
                new += 1
            elif old.get("hash") == digest:
                old.pop("pending", None)
            else:
                old["pending"] = {"hash": digest, "text": _stored(item), "seen_at": now}
                changes.append(
                    PinChange(
                        kind=item.kind,
                        name=item.name,
                        old_text=str(old.get("text", "")),
                        new_text=_stored(item),
                        old_hash=str(old.get("hash", "")),
                        new_hash=digest,
                        pinned_at=str(old.get("pinned_at", "")),
                    )
                )
        return changes, new

    def select(self, names: Sequence[str] = ()) -> list[str]:
        """Server ids matching names or ids (all when `names` is empty)."""
        if not names:
            return list(self.servers)
        return [
            sid for sid, entry in self.servers.items() if sid in names or entry.get("name") in names
        ]

    def accept(self, names: Sequence[str] = ()) -> int:
        """Make every pending (changed) definition the pinned one; return how many."""
        count = 0
        now = _now()
        for sid in self.select(names):
            for item in self.servers[sid].get("items", {}).values():
                pending = item.pop("pending", None)
                if pending:
                    item.update(hash=pending["hash"], text=pending["text"], pinned_at=now)
                    count += 1
        return count

    def reset(self, names: Sequence[str] = ()) -> int:
        """Forget the pins of the selected servers; return how many servers."""
        chosen = self.select(names)
        for sid in chosen:
            del self.servers[sid]
        return len(chosen)

    def listing(self) -> list[PinnedServer]:
        out = []
        for sid, entry in sorted(self.servers.items(), key=lambda kv: str(kv[1].get("name"))):
            items = entry.get("items", {})
            out.append(
                PinnedServer(
                    server_id=sid,
                    name=str(entry.get("name", "")),
                    client=str(entry.get("client", "")),
                    file=str(entry.get("file", "")),
                    items=len(items),
                    pending=tuple(sorted(k for k, v in items.items() if v.get("pending"))),
                    updated_at=str(entry.get("updated_at", "")),
                )
            )
        return out

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.path, json.dumps(self.data, indent=1, ensure_ascii=False) + "\n")


def _stored(item: Tool) -> str:
    text = canonical_text(item)
    return text if len(text) <= MAX_PINNED_TEXT else text[:MAX_PINNED_TEXT] + "\n…(truncated)"
