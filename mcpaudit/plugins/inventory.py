"""Extensions whose servers are created at run time: listed, never guessed.

- VS Code family: an installed extension whose `package.json` contributes
  `mcpServerDefinitionProviders` registers servers from its own code when it runs.
- Zed: an installed extension whose `extension.toml` has `[context_servers.<id>]` starts
  the command its WebAssembly code returns.

Each becomes one inventory row (a server with no command): "defined by extension X; its
servers are created at run time", with the file and line that declare it.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path

from mcpaudit.clients.catalog import BY_ID
from mcpaudit.config.read import ReadError, read_bounded
from mcpaudit.model import ConfigFile, FileStatus, Server, Transport
from mcpaudit.plugins import Brought, Loader, in_skip

# Extension folders of the VS Code family, and the client whose extensions they are.
VSCODE_EXTENSIONS = (
    (".vscode/extensions", "vscode"),
    (".vscode-insiders/extensions", "vscode"),
    (".vscode-oss/extensions", "vscode"),
    (".cursor/extensions", "cursor"),
    (".windsurf/extensions", "windsurf"),
    (".kiro/extensions", "kiro"),
    (".antigravity/extensions", "antigravity"),
)
MAX_EXTENSIONS = 2_000


def read(values: dict[str, str], os_name: str, load: Loader, skip: set[str], out: Brought) -> None:
    home = Path(values["home"])
    for rel, cid in VSCODE_EXTENSIONS:
        pattern = glob.escape(str(home / rel)) + "/*/package.json"
        for path in sorted(glob.glob(pattern))[:MAX_EXTENSIONS]:
            _vscode(Path(path), cid, skip, out)
    zed = {
        "linux": Path(values["xdg_data"]) / "zed",
        "macos": home / "Library" / "Application Support" / "Zed",
        "windows": Path(values["localappdata"]) / "Zed",
    }[os_name]
    pattern = glob.escape(str(zed / "extensions" / "installed")) + "/*/extension.toml"
    for path in sorted(glob.glob(pattern))[:MAX_EXTENSIONS]:
        _zed(Path(path), skip, out)


def _vscode(path: Path, cid: str, skip: set[str], out: Brought) -> None:
    try:
        text = read_bounded(path, 4 * 1024 * 1024).text
    except ReadError:
        return
    if "mcpServerDefinitionProviders" not in text:
        return  # nearly every extension: no JSON parse
    try:
        data = json.loads(text)
    except ValueError:
        return
    providers = (data.get("contributes") or {}).get("mcpServerDefinitionProviders")
    if not isinstance(providers, list) or in_skip(path, skip):
        return
    ext = f"{data.get('publisher', '?')}.{data.get('name', path.parent.name)}"
    rows = []
    for i, p in enumerate(providers):
        if not isinstance(p, dict):
            continue
        needle = f'"{p.get("id")}"'
        rows.append((str(p.get("label") or p.get("id") or f"#{i}"), i, _line(text, needle)))
    _rows(
        path,
        cid,
        f"VS Code extension {ext}",
        "/contributes/mcpServerDefinitionProviders",
        rows,
        out,
    )


def _zed(path: Path, skip: set[str], out: Brought) -> None:
    import tomllib

    try:
        text = read_bounded(path, 1024 * 1024).text
        data = tomllib.loads(text)
    except (ReadError, ValueError):
        return
    servers = data.get("context_servers")
    if not isinstance(servers, dict) or in_skip(path, skip):
        return
    ext = str(data.get("id") or path.parent.name)
    rows = [(name, name, _line(text, f"context_servers.{name}")) for name in servers]
    _rows(path, "zed", f"Zed extension {ext}", "/context_servers", rows, out)


def _rows(
    path: Path,
    cid: str,
    origin: str,
    at: str,
    rows: list[tuple[str, object, int | None]],
    out: Brought,
) -> None:
    cfg = ConfigFile(str(path), cid, "json", "user", FileStatus.OK)
    servers = [
        Server(
            name=name,
            client=cid,
            file=str(path),
            pointer=f"{at}/{key}",
            line=line,
            transport=Transport.UNKNOWN,
            origin=f"{origin}: its servers are created at run time",
        )
        for name, key, line in rows
    ]
    if cid in BY_ID:
        out.add(cfg, servers)


def _line(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None
