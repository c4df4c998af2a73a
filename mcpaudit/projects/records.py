"""Each client's own record of the folders it opened or trusted, read without changing it.

One small reader per source; each yields `Record`s and never raises: a record file that
is missing is silence, one that is unreadable or malformed becomes a note. Sources and
what stays unconfirmed are in docs/clients.md ("Projects the clients know").
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcpaudit.config.read import ReadError, read_bounded
from mcpaudit.model import ConfigFile
from mcpaudit.projects.uris import uri_to_path

# A record file bigger than this is not read (a note says so).
MAX_RECORD_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Record:
    """One folder named by one record: a path, or why it is not reachable from here."""

    path: str | None
    found_by: str  # "<client id>:<source>", e.g. "vscode:workspaceStorage"
    uri: str | None = None
    unreachable: str | None = None  # a remote URI: listed, never guessed into a path
    workspace_file: bool = False  # a .code-workspace file, not a folder


@dataclass
class Found:
    records: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def uri(self, uri: Any, found_by: str, os_name: str, workspace_file: bool = False) -> None:
        if not isinstance(uri, str) or not uri:
            return
        path, why = uri_to_path(uri, os_name)
        self.records.append(Record(path, found_by, uri, why, workspace_file))

    def path(self, path: Any, found_by: str) -> None:
        if isinstance(path, str) and path:
            self.records.append(Record(path, found_by))


# --- from files the scan already parsed --------------------------------------------------


def from_loaded(files: list[ConfigFile], found: Found) -> None:
    """Claude Code's `projects` keys in ~/.claude.json (also under $CLAUDE_CONFIG_DIR) and
    Codex's `[projects."<path>"]` tables: both already parsed as config files."""
    for cfg in files:
        if not isinstance(cfg.data, dict):
            continue
        name = Path(cfg.path).name
        if cfg.client == "claude-code" and name == ".claude.json" and cfg.scope == "user":
            label = "claude-code:projects"
        elif cfg.client == "codex" and name == "config.toml" and cfg.scope == "user":
            label = "codex:projects"
        else:
            continue
        projects = cfg.data.get("projects")
        if isinstance(projects, dict):
            for key in projects:
                found.path(key, label)


# --- VS Code and its forks -----------------------------------------------------------------

# The user-data folder of each VS Code-family editor under {appdata}, and the catalogue
# client whose records it is.
VSCODE_FAMILY: tuple[tuple[str, str], ...] = (
    ("Code", "vscode"),
    ("Code - Insiders", "vscode"),
    ("VSCodium", "vscode"),
    ("Cursor", "cursor"),
    ("Windsurf", "windsurf"),
    ("Kiro", "kiro"),
    ("Antigravity", "antigravity"),
)
RECENT_KEY = "history.recentlyOpenedPathsList"


def vscode_family(values: Mapping[str, str], os_name: str, found: Found) -> None:
    appdata = Path(values["appdata"])
    dirs = [(appdata / folder, cid) for folder, cid in VSCODE_FAMILY]
    # The VS Code server (Remote-SSH/WSL target): its paths are local to this machine.
    dirs.append((Path(values["home"]) / ".vscode-server" / "data", "vscode"))
    for base, cid in dirs:
        if not os.path.isdir(base):
            continue
        _workspace_storage(base / "User" / "workspaceStorage", cid, os_name, found)
        _state_vscdb(base / "User" / "globalStorage" / "state.vscdb", cid, os_name, found)
        for storage in (base / "User" / "globalStorage" / "storage.json", base / "storage.json"):
            _storage_json(storage, cid, os_name, found)


def _workspace_storage(folder: Path, cid: str, os_name: str, found: Found) -> None:
    """`User/workspaceStorage/<hash>/workspace.json`: {"folder": uri} or {"workspace": uri}."""
    label = f"{cid}:workspaceStorage"
    for meta in sorted(glob.glob(glob.escape(str(folder)) + "/*/workspace.json")):
        data = _read_json(Path(meta), found)
        if not isinstance(data, dict):
            continue
        found.uri(data.get("folder"), label, os_name)
        found.uri(data.get("workspace"), label, os_name, workspace_file=True)


def _recent_entries(data: Any, label: str, os_name: str, found: Found) -> None:
    """`{"entries": [{"folderUri"}, {"workspace": {"configPath"}}, {"fileUri"}]}`."""
    entries = data.get("entries") if isinstance(data, dict) else None
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict):
            continue
        found.uri(entry.get("folderUri"), label, os_name)
        ws = entry.get("workspace")
        if isinstance(ws, dict):
            found.uri(ws.get("configPath"), label, os_name, workspace_file=True)


def _state_vscdb(db: Path, cid: str, os_name: str, found: Found) -> None:
    """The recently-opened list in `globalStorage/state.vscdb` (SQLite, table ItemTable).

    Never disturbs a running editor: nothing is written, and no lock the editor could
    wait on is taken. A database in WAL mode (a `-wal` file beside it) is read with
    `mode=ro` (WAL readers never block writers, and the WAL's newest pages are seen);
    otherwise with `immutable=1` (no locks at all: a reader's shared lock would make the
    editor's next commit wait)."""
    if not os.path.isfile(db):
        return
    import sqlite3

    label = f"{cid}:recently-opened"
    wal = os.path.exists(str(db) + "-wal")
    row = None
    errors: list[str] = []
    for flags in ("mode=ro", "mode=ro&immutable=1") if wal else ("mode=ro&immutable=1",):
        try:
            row = _recent_row(db, flags)
            errors = []
            if wal and "immutable" in flags:
                found.notes.append(
                    f"projects: {db} read without its -wal file (locked): folders the"
                    " editor added since its last checkpoint may be missing"
                )
            break
        except sqlite3.Error as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    if errors:
        found.notes.append(f"projects: {db} not read ({errors[-1]})")
        return
    if row is None:
        return
    size, value = row
    if size and size > MAX_RECORD_BYTES:
        found.notes.append(f"projects: {db}: the recently-opened list is {size:,} bytes; not read")
        return
    try:
        text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        found.notes.append(f"projects: {db}: {RECENT_KEY} is not JSON; not read")
        return
    _recent_entries(data, label, os_name, found)


def _recent_row(db: Path, flags: str) -> tuple[int, Any] | None:
    import sqlite3
    from urllib.parse import quote

    uri = "file:" + quote(str(db.absolute())) + "?" + flags
    con = sqlite3.connect(uri, uri=True, timeout=0.5)
    try:
        return con.execute(
            "SELECT length(value), value FROM ItemTable WHERE key = ?", (RECENT_KEY,)
        ).fetchone()
    finally:
        con.close()


def _storage_json(path: Path, cid: str, os_name: str, found: Found) -> None:
    """Older editors: `storage.json` `openedPathsList` ({entries} or workspaces3/folders2)."""
    data = _read_json(path, found)
    if not isinstance(data, dict):
        return
    label = f"{cid}:recently-opened"
    opened = data.get("openedPathsList")
    if isinstance(opened, dict):
        _recent_entries(opened, label, os_name, found)
        for key in ("folders2", "workspaces3", "folders", "workspaces"):
            items = opened.get(key)
            for item in items if isinstance(items, list) else ():
                is_ws = key.startswith("workspaces")
                if isinstance(item, dict):
                    item = item.get("configURIPath") or item.get("folderUri") or item.get("uri")
                if isinstance(item, str) and "://" not in item:
                    found.path(item, label)  # the oldest lists keep plain paths
                else:
                    found.uri(item, label, os_name, workspace_file=is_ws)
    # windowsState: the windows open at the last exit.
    state = data.get("windowsState")
    windows = []
    if isinstance(state, dict):
        windows = [state.get("lastActiveWindow"), *(state.get("openedWindows") or [])]
    for window in windows:
        if isinstance(window, dict):
            found.uri(window.get("folder"), label, os_name)


# --- Gemini CLI, JetBrains -----------------------------------------------------------------


def gemini_trusted(values: Mapping[str, str], env: Mapping[str, str], found: Found) -> None:
    """`~/.gemini/trustedFolders.json`: {"<path>": "TRUST_FOLDER" | "TRUST_PARENT" | ...}
    ($GEMINI_CLI_TRUSTED_FOLDERS_PATH moves it; $GEMINI_CLI_HOME moves ~)."""
    moved = (env.get("GEMINI_CLI_TRUSTED_FOLDERS_PATH") or "").strip()
    home = (env.get("GEMINI_CLI_HOME") or "").strip()
    base = Path(home) if home and os.path.isabs(home) else Path(values["home"])
    path = (
        Path(moved) if moved and os.path.isabs(moved) else base / ".gemini" / "trustedFolders.json"
    )
    data = _read_json(path, found, jsonc=True)
    if isinstance(data, dict):
        for key in data:
            found.path(key, "gemini-cli:trustedFolders")


def jetbrains_recent(values: Mapping[str, str], os_name: str, found: Found) -> None:
    """`JetBrains/<IDE><version>/options/recentProjects.xml` (the IDEs that host Junie and
    AI Assistant): `RecentProjectsManager` `additionalInfo` map keys, older `recentPaths`."""
    home = values["home"]
    roots = {
        "linux": [Path(values["xdg_config"]) / "JetBrains"],
        "macos": [Path(home) / "Library" / "Application Support" / "JetBrains"],
        "windows": [Path(values["appdata"]) / "JetBrains"],
    }[os_name]
    for root in roots:
        pattern = glob.escape(str(root)) + "/*/options/recentProjects.xml"
        for xml_path in sorted(glob.glob(pattern)):
            for text in _jetbrains_paths(Path(xml_path), found):
                text = text.replace("$USER_HOME$", home)
                if text.startswith("file://"):
                    found.uri(text, "junie:recentProjects", os_name)
                else:
                    found.path(text, "junie:recentProjects")


def _jetbrains_paths(path: Path, found: Found) -> Iterator[str]:
    from xml.etree import ElementTree

    try:
        raw = read_bounded(path, MAX_RECORD_BYTES)
    except ReadError as exc:
        if exc.kind != "missing":
            found.notes.append(f"projects: {path}: {exc}")
        return
    if "<!DOCTYPE" in raw.text or "<!ENTITY" in raw.text:
        found.notes.append(f"projects: {path}: declares a DOCTYPE/ENTITY; not parsed")
        return
    try:
        root = ElementTree.fromstring(raw.text)
    except ElementTree.ParseError as exc:
        found.notes.append(f"projects: {path}: malformed XML ({exc}); not read")
        return
    for component in root.iter("component"):
        if "RecentProjects" not in (component.get("name") or ""):
            continue
        for option in component.iter("option"):
            name = option.get("name")
            if name == "additionalInfo":
                for entry in option.iter("entry"):
                    if entry.get("key"):
                        yield entry.get("key", "")
            elif name in ("recentPaths", "openPaths"):
                for item in option.iter("option"):
                    if item is not option and item.get("value"):
                        yield item.get("value", "")


# --- helpers -------------------------------------------------------------------------------


def _read_json(path: Path, found: Found, jsonc: bool = True) -> Any:
    """Parsed JSON(C) of a record file (no positions needed); None when missing, a note
    when bad."""
    from mcpaudit.config.jsonpos import strip_jsonc

    try:
        raw = read_bounded(path, MAX_RECORD_BYTES)
    except ReadError as exc:
        if exc.kind != "missing":
            found.notes.append(f"projects: {path}: {exc}")
        return None
    try:
        return json.loads(raw.text)
    except ValueError:
        pass
    except RecursionError:
        found.notes.append(f"projects: {path}: nested too deep; not read")
        return None
    try:
        if not jsonc:
            raise ValueError("not strict JSON")
        return json.loads(strip_jsonc(raw.text))
    except (ValueError, RecursionError) as exc:
        found.notes.append(f"projects: {path}: malformed ({type(exc).__name__}); not read")
        return None
