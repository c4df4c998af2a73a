"""Claude Code plugins: `plugins/installed_plugins.json` under ~/.claude (or
$CLAUDE_CONFIG_DIR) names each plugin's `installPath`; its servers are in the plugin's
`.mcp.json` and in `.claude-plugin/plugin.json` `mcpServers` (inline, or the path of a
file). `${CLAUDE_PLUGIN_ROOT}` is the install path. A plugin runs only while
`enabledPlugins["<plugin>@<marketplace>"]` is true in the user settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mcpaudit.clients.catalog.claude_code import CLIENT as CLAUDE_CODE
from mcpaudit.clients.spec import FileSpec
from mcpaudit.config.read import ReadError, read_bounded
from mcpaudit.plugins import Brought, Loader, in_skip
from mcpaudit.plugins.substitute import resolve

MCP_JSON = FileSpec.everywhere("{plugin}/.mcp.json", "json")
PLUGIN_JSON = FileSpec.everywhere("{plugin}/.claude-plugin/plugin.json", "json")


def claude_dir(values: dict[str, str]) -> Path:
    moved = values.get("claude_config_dir") or ""
    return Path(moved) if moved and os.path.isabs(moved) else Path(values["home"]) / ".claude"


def read(values: dict[str, str], os_name: str, load: Loader, skip: set[str], out: Brought) -> None:
    root = claude_dir(values)
    installed = _json(root / "plugins" / "installed_plugins.json", out)
    if not isinstance(installed, dict):
        return
    settings = _json(root / "settings.json", out)
    enabled = settings.get("enabledPlugins") if isinstance(settings, dict) else None
    enabled = enabled if isinstance(enabled, dict) else {}
    plugins = installed.get("plugins")
    for plugin_id, records in (plugins if isinstance(plugins, dict) else {}).items():
        for record in records if isinstance(records, list) else [records]:
            path = record.get("installPath") if isinstance(record, dict) else None
            if not isinstance(path, str) or not os.path.isdir(path):
                continue
            version = record.get("version")
            label = f"Claude Code plugin {plugin_id}" + (f" {version}" if version else "")
            on = enabled.get(plugin_id) is True
            why = (
                None
                if on
                else f"enabledPlugins[{plugin_id}] is not true in {root / 'settings.json'}"
            )
            for spec, file in _files(Path(path)):
                if not file.is_file() or in_skip(file, skip):
                    continue
                cfg, servers = load(CLAUDE_CODE, spec, file)
                lookup = {"CLAUDE_PLUGIN_ROOT": path}.get
                out.add(
                    cfg,
                    [
                        resolve(s, lookup, origin=label, disabled=not on, disabled_by=why)
                        for s in servers
                    ],
                )


def _files(plugin: Path) -> list[tuple[FileSpec, Path]]:
    files = [(MCP_JSON, plugin / ".mcp.json")]
    manifest = plugin / ".claude-plugin" / "plugin.json"
    files.append((PLUGIN_JSON, manifest))
    try:
        data = json.loads(read_bounded(manifest).text) if manifest.is_file() else None
    except (ReadError, ValueError):
        data = None
    ref = data.get("mcpServers") if isinstance(data, dict) else None
    refs = [ref] if isinstance(ref, str) else ref if isinstance(ref, list) else []
    for item in refs:
        if isinstance(item, str):
            target = (plugin / item).resolve()
            if plugin.resolve() in target.parents:  # never outside the plugin
                files.append((MCP_JSON, target))
    return files


def _json(path: Path, out: Brought) -> Any:
    try:
        return json.loads(read_bounded(path).text)
    except ReadError as exc:
        if exc.kind != "missing":
            out.notes.append(f"plugins: {path}: {exc}")
    except ValueError:
        out.notes.append(f"plugins: {path}: not valid JSON; not read")
    return None
