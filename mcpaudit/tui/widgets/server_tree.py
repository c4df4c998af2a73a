"""The left pane: clients → config files → (Claude Code projects) → servers, with badges;
then the other projects the clients' records name: Projects → project → files → servers."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from mcpaudit.model import ConfigFile, FileStatus, Finding, ScanResult, Server, Severity
from mcpaudit.sanitize import one_line
from mcpaudit.tui.styles import severity_badge
from mcpaudit.tui.view import Scope, display_path, found_files, worst

# Up to this many projects in one file are shown open; more start folded.
EXPANDED_PROJECTS = 8


@dataclass(frozen=True)
class NodeRef:
    """What a tree node stands for; selecting it narrows the table to this scope."""

    scope: Scope
    kind: str  # all | client | file | project | projects | server


class ServerTree(Tree[NodeRef]):
    DEFAULT_CSS = """
    ServerTree { width: 30; border-right: tall $panel; overflow-x: hidden; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(Text("All servers"), data=NodeRef(Scope(), "all"), **kwargs)  # type: ignore[arg-type]
        self.show_root = True
        self.guide_depth = 2
        # Enter narrows the table to the node; space (or a click on ▼/▶) folds it.
        self.auto_expand = False
        self.mono = False  # NO_COLOR: badges by attributes, not colour

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """The label, cut with an ellipsis where the pane is too narrow (whole otherwise)."""
        label = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self._indent(node)
        if room > 0 and label.cell_len > room:
            label = label.copy()
            label.truncate(room, overflow="ellipsis")
        return label

    def _label(self, name: str, severity: Severity | None, count: int | None = None) -> Text:
        return node_label(name, severity, count, self.mono)

    def _indent(self, node: TreeNode[NodeRef]) -> int:
        """Cells of tree guides left of `node`'s label (the root has none)."""
        depth = 0
        while node.parent is not None:
            depth, node = depth + 1, node.parent
        return depth * self.guide_depth

    def show_result(self, result: ScanResult, failures: dict[str, str] | None = None) -> None:
        """Rebuild the tree; `failures` maps server ids to a failed inspection's message."""
        failures = failures or {}
        self.mono = self.app.no_color
        by_file: dict[str, list[Finding]] = defaultdict(list)
        by_client: dict[str, list[Finding]] = defaultdict(list)
        by_server: dict[str, list[Finding]] = defaultdict(list)
        for f in result.findings:
            by_file[f.file or f.location.path].append(f)
            if f.client:
                by_client[f.client].append(f)
            if f.server_id:
                by_server[f.server_id].append(f)
        servers_by_file = defaultdict(list)
        for s in result.servers:
            servers_by_file[s.file].append(s)

        self.clear()
        self.root.set_label(self._label("All servers", worst(result.findings), len(result.servers)))
        files = found_files(result)
        # Files of the other known projects go under "Projects"; the scan's own project
        # stays with its clients.
        elsewhere = [f for f in files if f.project and f.project != result.project]
        for client in result.clients:
            client_files = [f for f in client.files if f in files and f not in elsewhere]
            if not client_files:
                continue
            n_servers = sum(len(servers_by_file[f.path]) for f in client_files)
            cnode = self.root.add(
                self._label(client.name, worst(by_client[client.id]), n_servers),
                data=NodeRef(Scope(client=client.id), "client"),
                expand=True,
            )
            for cfg in client_files:
                self._add_file(
                    cnode, cfg, result, servers_by_file[cfg.path], by_file, by_server, failures
                )
        if elsewhere:
            self._add_projects(result, elsewhere, servers_by_file, by_file, by_server, failures)
        self.root.expand()

    def _add_projects(
        self,
        result: ScanResult,
        files: list[ConfigFile],
        servers_by_file: dict[str, list[Server]],
        by_file: dict[str, list[Finding]],
        by_server: dict[str, list[Finding]],
        failures: dict[str, str],
    ) -> None:
        """Projects → project (how it was found) → its files (with their client) → servers."""
        per_project: dict[str, list[ConfigFile]] = defaultdict(list)
        for cfg in files:
            per_project[cfg.project or ""].append(cfg)
        found_by = {p.path: p.found_by for p in result.projects}
        names = {c.id: c.name for c in result.clients}
        all_found = [f for cfg in files for f in by_file[cfg.path]]
        n_all = sum(len(servers_by_file[cfg.path]) for cfg in files)
        top = self.root.add(
            self._label(f"Projects: {len(per_project)}", worst(all_found), n_all),
            data=NodeRef(Scope(files=frozenset(cfg.path for cfg in files)), "projects"),
            expand=True,
        )
        for project, members in per_project.items():
            found = [f for cfg in members for f in by_file[cfg.path]]
            label = self._label(
                project_label(project, result.home),
                worst(found),
                sum(len(servers_by_file[cfg.path]) for cfg in members),
            )
            how = sorted({b.split(":", 1)[0] for b in found_by.get(project, ())})
            if how:
                label.append(" · " + one_line(", ".join(how), 80), style="dim")
            pnode = top.add(
                label,
                data=NodeRef(Scope(files=frozenset(cfg.path for cfg in members)), "project"),
                expand=len(per_project) <= EXPANDED_PROJECTS,
            )
            for cfg in members:
                prefix = names.get(cfg.client, cfg.client)
                self._add_file(
                    pnode,
                    cfg,
                    result,
                    servers_by_file[cfg.path],
                    by_file,
                    by_server,
                    failures,
                    prefix=prefix,
                )

    def _add_file(
        self,
        parent: TreeNode[NodeRef],
        cfg: ConfigFile,
        result: ScanResult,
        servers: list[Server],
        by_file: dict[str, list[Finding]],
        by_server: dict[str, list[Finding]],
        failures: dict[str, str],
        prefix: str = "",
    ) -> None:
        name = file_label(cfg.path, result.home)
        if prefix:
            name = f"{prefix}: {name}"
        if cfg.status != FileStatus.OK:
            name += f" ({cfg.status})"
        if cfg.not_read:
            name += " (not read)"  # a variable moved the client's config elsewhere
        fnode = parent.add(
            self._label(name, worst(by_file[cfg.path]), len(servers)),
            data=NodeRef(Scope(client=cfg.client, file=cfg.path), "file"),
            expand=True,
        )
        projects: dict[str, list[Server]] = defaultdict(list)
        for server in servers:
            if server.project is None or server.project == cfg.project:
                self._add_server(fnode, server, by_server, failures)
            else:
                projects[server.project].append(server)
        # Claude Code's local servers, one node per project: a ~/.claude.json with
        # thousands of projects stays a list of projects, not of every server.
        for project, members in projects.items():
            ids = frozenset(s.id for s in members)
            found = [f for s in members for f in by_server[s.id]]
            pnode = fnode.add(
                self._label(project_label(project, result.home), worst(found), len(members)),
                data=NodeRef(Scope(client=cfg.client, file=cfg.path, server_ids=ids), "project"),
                expand=len(projects) <= EXPANDED_PROJECTS,
            )
            for server in members:
                self._add_server(pnode, server, by_server, failures)

    def _add_server(
        self,
        parent: TreeNode[NodeRef],
        server: Server,
        by_server: dict[str, list[Finding]],
        failures: dict[str, str],
    ) -> None:
        label = self._label(server.name, worst(by_server[server.id]))
        if server.disabled:
            label.append(" (disabled)", style="dim")
        elif server.disabled_in:
            n = len(server.disabled_in)
            label.append(f" (off in {n} project{'s' if n > 1 else ''})", style="dim")
        if server.id in failures:
            label.append(" ⚠ inspect failed", style="bold red3")
        scope = Scope(client=server.client, file=server.file, server_id=server.id)
        parent.add_leaf(label, data=NodeRef(scope, "server"))


def project_label(project: str, home: str) -> str:
    """A Claude Code project in the narrow tree: its folder name, marked as a folder."""
    shown = display_path(project, home).rstrip("/\\")
    return (shown.replace("\\", "/").rsplit("/", 1)[-1] or shown) + "/"


def file_label(path: str, home: str) -> str:
    """A short name for a config file in the narrow tree: its folder and file name."""
    shown = display_path(path, home)
    parts = shown.split("/")
    return "/".join(parts[-2:]) if len(parts) > 2 else shown


def node_name(label: str) -> str:
    """A node's name without its badge and server count: `Claude Desktop`."""
    return re.sub(r" \(\d+\)$", "", label[4:] if label[:1] == " " else label).strip()


def node_label(
    name: str, severity: Severity | None, count: int | None = None, mono: bool = False
) -> Text:
    text = severity_badge(severity, mono)
    text.append(" ")
    text.append(one_line(name, 80))
    if count is not None:
        text.append(f" ({count})", style="dim")
    return text
