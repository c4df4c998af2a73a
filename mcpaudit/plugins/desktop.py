"""Claude Desktop extensions (MCPB, formerly DXT): each installed extension's
`manifest.json` `server.mcp_config`, with `${__dirname}`, `${HOME}` ... and
`${user_config.KEY}` resolved from the extension's settings file (`userConfig`,
`isEnabled`). A value the manifest marks `sensitive` stays a reference: Claude keeps it
in the OS keychain, and a literal copy in the settings file is reported there (MCP105).
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

from mcpaudit.clients.catalog.claude_desktop import CLIENT as CLAUDE_DESKTOP
from mcpaudit.clients.spec import FileSpec
from mcpaudit.plugins import Brought, Loader, in_skip
from mcpaudit.plugins.substitute import resolve

MANIFEST = FileSpec.everywhere(
    "{appdata}/Claude/Claude Extensions/*/manifest.json", "json", servers_at=(("server",),)
)
SETTINGS = FileSpec.everywhere(
    "{appdata}/Claude/Claude Extensions Settings/*.json", "json", role="settings", servers_at=()
)


def read(values: dict[str, str], os_name: str, load: Loader, skip: set[str], out: Brought) -> None:
    base = Path(values["appdata"]) / "Claude"
    pattern = glob.escape(str(base / "Claude Extensions")) + "/*/manifest.json"
    for manifest in sorted(glob.glob(pattern)):
        ext_dir = Path(manifest).parent
        if in_skip(Path(manifest), skip):
            continue
        settings_path = base / "Claude Extensions Settings" / f"{ext_dir.name}.json"
        settings: dict[str, Any] = {}
        if settings_path.exists() and not in_skip(settings_path, skip):
            scfg, _ = load(CLAUDE_DESKTOP, SETTINGS, settings_path)
            out.add(scfg, [])
            settings = scfg.data if isinstance(scfg.data, dict) else {}
        cfg, servers = load(CLAUDE_DESKTOP, MANIFEST, Path(manifest))
        data = cfg.data if isinstance(cfg.data, dict) else {}
        name = str(data.get("name") or ext_dir.name)
        label = f"Claude Desktop extension {data.get('display_name') or name}"
        if data.get("version"):
            label += f" {data['version']}"
        lookup = _lookup(values, ext_dir, data.get("user_config"), settings.get("userConfig"))
        enabled = settings.get("isEnabled")
        kept = []
        for s in servers:
            if s.pointer != "/server/mcp_config":
                continue
            off = enabled is False
            kept.append(
                resolve(
                    s,
                    lookup,
                    name=name,
                    origin=label,
                    disabled=off,
                    disabled_by=f"isEnabled: false in {settings_path}" if off else None,
                )
            )
        out.add(cfg, kept)


def _lookup(values: dict[str, str], ext_dir: Path, schema: Any, user: Any):  # type: ignore[no-untyped-def]
    home = Path(values["home"])
    builtins = {
        "__dirname": str(ext_dir),
        "HOME": str(home),
        "DESKTOP": str(home / "Desktop"),
        "DOCUMENTS": str(home / "Documents"),
        "DOWNLOADS": str(home / "Downloads"),
        "pathSeparator": "/",
        "/": "/",
    }
    schema = schema if isinstance(schema, dict) else {}
    user = user if isinstance(user, dict) else {}

    def lookup(key: str) -> str | None:
        if key in builtins:
            return builtins[key]
        if not key.startswith("user_config."):
            return None
        field = key[len("user_config.") :]
        spec = schema.get(field) if isinstance(schema.get(field), dict) else {}
        if spec.get("sensitive"):
            return None  # in the keychain: stays a reference
        value = user.get(field, spec.get("default"))
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if value is None or isinstance(value, dict):
            return None
        text = str(value)
        for k, v in builtins.items():  # defaults may use ${HOME} and friends
            text = text.replace("${" + k + "}", v)
        return text

    return lookup
