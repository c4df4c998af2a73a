"""`mcpaudit pins [list|accept|reset]`: the tool pins live scans keep for rug-pull detection."""

from __future__ import annotations

import json
import sys

from mcpaudit.inspect.pins import PinStore
from mcpaudit.sanitize import one_line


def run_pins_command(action: str, servers: tuple[str, ...], fmt: str) -> int:
    store = PinStore()
    if store.problem:
        print(f"mcpaudit: {one_line(store.problem)}", file=sys.stderr)
    if servers and not store.select(servers):
        print(f"mcpaudit: error: no pinned server named {', '.join(servers)}", file=sys.stderr)
        return 2
    if action == "accept":
        count = store.accept(servers)
        store.save()
        print(f"mcpaudit: accepted {count} changed definition(s) in {store.path}")
        return 0
    if action == "reset":
        count = store.reset(servers)
        store.save()
        print(f"mcpaudit: forgot the pins of {count} server(s) in {store.path}")
        return 0
    rows = store.listing()
    if fmt == "json":
        payload = {
            "path": str(store.path),
            "servers": [
                {
                    "id": r.server_id,
                    "name": one_line(r.name),
                    "client": r.client,
                    "file": r.file,
                    "items": r.items,
                    "changed": [one_line(k) for k in r.pending],
                    "updated_at": r.updated_at,
                }
                for r in rows
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not rows:
        print(f"No pins yet ({store.path}). Run `mcpaudit scan --live` to pin every tool.")
        return 0
    print(f"Tool pins in {store.path}")
    for r in rows:
        status = f"{len(r.pending)} changed" if r.pending else "unchanged"
        where = one_line(r.file)
        print(f"  {one_line(r.name, 60)} [{r.client}] {r.items} item(s), {status}  ({where})")
        for key in r.pending:
            print(f"      changed: {one_line(key, 100)}")
    return 0
