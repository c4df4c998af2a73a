"""`w`: search a code folder for project configs, as `scan --walk DIR` does (issue 14)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mcpaudit.model import ScanResult
from mcpaudit.tui.view import display_path, shorten_home

if TYPE_CHECKING:
    from mcpaudit.tui.app import McpAuditApp

# Folders people keep code in; offered when they exist in the audited home.
USUAL = ("code", "src", "projects", "dev", "work", "git", "repos", "workspace")


class WalkFlow:
    def __init__(self, app: McpAuditApp) -> None:
        self.app = app
        self.pending: Path | None = None  # the folder of the scan now running

    def home(self) -> str:
        if self.app.result is not None:
            return self.app.result.home
        return (self.app.options.env or {}).get("HOME", str(Path.home()))

    def ask(self) -> None:
        from mcpaudit.tui.dialogs.walk_folder import WalkFolderDialog

        home = self.home()
        walked = [display_path(str(p), home) for p in self.app.options.walk]
        candidates = [f"~/{name}" for name in USUAL if (Path(home) / name).is_dir()]
        candidates = [c for c in candidates if c not in walked]
        self.app.push_screen(WalkFolderDialog(candidates, walked), self.chosen)

    def chosen(self, typed: str | None) -> None:
        if not typed:
            return
        home = self.home()
        folder = Path(home + typed[1:] if typed == "~" or typed.startswith("~/") else typed)
        if not folder.is_absolute() and self.app.options.project is not None:
            folder = self.app.options.project / folder
        if not folder.is_dir():
            self.app.notify(
                f"{typed} is not a folder: nothing searched", severity="warning", markup=False
            )
            return
        folder = folder.resolve()
        options = self.app.options
        self.app.options = replace(options, walk=tuple(dict.fromkeys((*options.walk, folder))))
        self.pending = folder
        self.app.start_scan()

    def report(self, result: ScanResult) -> None:
        """The outcome toast of a walk: how many project folders it added."""
        if self.pending is None:
            return
        folder, self.pending = self.pending, None
        found = [
            p
            for p in result.projects
            if any(b.startswith("walk") for b in p.found_by)
            and (p.path == str(folder) or p.path.startswith(str(folder).rstrip("/") + "/"))
        ]
        where = display_path(str(folder), result.home)
        # What the walk skipped or where it stopped (its per-root count is said above).
        notes = [
            shorten_home(n, result.home)
            for n in result.notes
            if n.startswith("walk") and "project folder(s) with MCP configs" not in n
        ]
        message = (
            f"{where}: {len(found)} project folder(s) with MCP configs, now under Projects"
            if found
            else f"{where}: no project with an MCP config found"
        )
        if notes:
            message += "\n" + "\n".join(notes[:3])
        self.app.notify(message, title="Searched", markup=False)
