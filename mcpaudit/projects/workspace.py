"""`.code-workspace` files named in the editors' records: their folders, and the MCP
servers defined inside the workspace file itself."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from mcpaudit.clients.spec import FileSpec
from mcpaudit.projects.records import Found, Record, _read_json

# VS Code reads workspace-level settings from the file's "settings" object; servers may
# also sit in a top-level "mcp" object (the shape of .vscode/mcp.json's parent setting).
WORKSPACE_FILE_SPEC = FileSpec.everywhere(
    "{project}/*.code-workspace",
    "jsonc",
    scope="project",
    servers_at=(("settings", "mcp", "servers"), ("mcp", "servers")),
    dialect="vscode",
)


def workspace_folders(record: Record, os_name: str, found: Found) -> None:
    """Each folder of the workspace file `record.path` becomes a record of its own."""
    assert record.path is not None
    path = Path(record.path)
    data = _read_json(path, found)
    if not isinstance(data, dict):
        return
    folders = data.get("folders")
    cid = record.found_by.split(":", 1)[0]
    label = f"{cid}:code-workspace"
    pure = PureWindowsPath if os_name == "windows" else PurePosixPath
    for folder in folders if isinstance(folders, list) else ():
        if not isinstance(folder, dict):
            continue
        if isinstance(folder.get("uri"), str):
            found.uri(folder["uri"], label, os_name)
            continue
        rel = folder.get("path")
        if not isinstance(rel, str) or not rel:
            continue
        # Relative folders are relative to the workspace file's own folder.
        text = rel if pure(rel).is_absolute() else os.path.join(str(path.parent), rel)
        found.path(os.path.normpath(text), label)
