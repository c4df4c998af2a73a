"""Write real client config files into a temp home, one generic server spec at a time.

A spec is {"command", "args", "env"} for stdio or {"url", "headers"} for remote; each
client format renders it the way that client spells it (VS Code `servers` + `type`,
Zed `context_servers`, Codex TOML, Goose YAML `cmd`/`envs`/`uri`, opencode command
arrays, Continue's YAML list). Tests then scan the home through the public `scan()`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import tomlkit
from ruamel.yaml import YAML

from mcpaudit.model import Finding, ScanResult
from mcpaudit.scan import ScanOptions, scan

Spec = dict[str, Any]

# client id -> path of its user config inside the home
PATHS = {
    "claude-desktop": ".config/Claude/claude_desktop_config.json",
    "claude-code": ".claude.json",
    "cursor": ".cursor/mcp.json",
    "cline": ".cline/data/settings/cline_mcp_settings.json",
    "vscode": ".config/Code/User/mcp.json",
    "zed": ".config/zed/settings.json",
    "gemini-cli": ".gemini/settings.json",
    "codex": ".codex/config.toml",
    "goose": ".config/goose/config.yaml",
    "opencode": ".config/opencode/opencode.json",
    "continue": ".continue/config.yaml",
}
# one client per config format / dialect
FORMATS = (
    "claude-desktop",
    "vscode",
    "zed",
    "gemini-cli",
    "codex",
    "goose",
    "opencode",
    "continue",
)


def _standard(spec: Spec) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("type", "command", "args", "env", "url", "headers"):
        if key in spec:
            out[key] = spec[key]
    return out | spec.get("extra", {})


def render(client: str, servers: dict[str, Spec], top: dict[str, Any] | None = None) -> str:
    top = dict(top or {})
    if client in ("claude-desktop", "claude-code", "cursor", "cline"):
        return json.dumps(
            top | {"mcpServers": {n: _standard(s) for n, s in servers.items()}}, indent=2
        )
    if client == "vscode":
        body = {}
        for n, s in servers.items():
            entry = _standard(s)
            entry.setdefault("type", "http" if "url" in s else "stdio")
            body[n] = entry
        return json.dumps(top | {"servers": body}, indent=2)
    if client == "zed":
        return json.dumps(
            top | {"context_servers": {n: _standard(s) for n, s in servers.items()}}, indent=2
        )
    if client == "gemini-cli":
        body = {}
        for n, s in servers.items():
            entry = _standard(s)
            if "url" in entry:
                entry["httpUrl"] = entry.pop("url")
            entry.pop("type", None)
            body[n] = entry
        return json.dumps(top | {"mcpServers": body}, indent=2)
    if client == "codex":
        doc = tomlkit.document()
        for k, v in top.items():
            doc[k] = v
        table = tomlkit.table(is_super_table=True)
        for n, s in servers.items():
            entry = tomlkit.table()
            for key in ("command", "args", "url"):
                if key in s:
                    entry[key] = s[key]
            if "headers" in s:
                entry["http_headers"] = s["headers"]
            for k, v in s.get("extra", {}).items():
                entry[k] = v
            if "env" in s:
                env = tomlkit.table()
                for k, v in s["env"].items():
                    env[k] = v
                entry["env"] = env
            table[n] = entry
        doc["mcp_servers"] = table
        return tomlkit.dumps(doc)
    if client == "goose":
        ext = {}
        for n, s in servers.items():
            entry: dict[str, Any] = {"name": n, "enabled": True}
            if "url" in s:
                entry |= {
                    "type": "streamable_http",
                    "uri": s["url"],
                    "headers": s.get("headers", {}),
                }
            else:
                entry |= {"type": "stdio", "cmd": s["command"], "args": s.get("args", [])}
                entry["envs"] = s.get("env", {})
            ext[n] = entry | s.get("extra", {})
        return _yaml(top | {"extensions": ext})
    if client == "opencode":
        body = {}
        for n, s in servers.items():
            if "url" in s:
                entry = {"type": "remote", "url": s["url"], "headers": s.get("headers", {})}
            else:
                entry = {"type": "local", "command": [s["command"], *s.get("args", [])]}
                if "env" in s:
                    entry["environment"] = s["env"]
            body[n] = entry | s.get("extra", {})
        return json.dumps(top | {"mcp": body}, indent=2)
    if client == "continue":
        items = []
        for n, s in servers.items():
            entry = {"name": n} | _standard(s)
            if "headers" in entry:
                entry["requestOptions"] = {"headers": entry.pop("headers")}
            if "url" in entry:
                entry.setdefault("type", "streamable-http")
            items.append(entry)
        return _yaml(
            top | {"name": "test", "version": "1.0.0", "schema": "v1", "mcpServers": items}
        )
    raise ValueError(client)


def _yaml(data: Any) -> str:
    yaml = YAML()
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def write(
    home: Path, client: str, servers: dict[str, Spec], top: dict[str, Any] | None = None
) -> Path:
    path = home / PATHS[client]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(client, servers, top), encoding="utf-8")
    return path


def write_raw(home: Path, relative: str, text: str) -> Path:
    path = home / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def scan_home(home: Path, project: Path | None = None) -> ScanResult:
    return scan(ScanOptions(env={"HOME": str(home)}, project=project))


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle`."""
    seen = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return n
    raise AssertionError(f"{needle!r} not in {path}")


def only(result: ScanResult, rule_id: str, server: str | None = None) -> Finding:
    found = [
        f
        for f in result.findings
        if f.rule_id == rule_id and (server is None or f.server == server)
    ]
    assert len(found) == 1, [(f.rule_id, f.server, f.message) for f in result.findings]
    return found[0]


def ids(result: ScanResult) -> set[str]:
    return {f.rule_id for f in result.findings}
