"""How a client is described: declarative data only, no I/O.

A client lists the files it reads (per OS and scope), each file's format, where
in the file its servers live (key paths, `*` matching any key), and the dialect
of its server entries (field names differ between clients).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A key path into a parsed document; "*" matches every key of an object.
KeyPath = tuple[str, ...]


@dataclass(frozen=True)
class FileSpec:
    """One file (or glob) a client reads.

    Path templates use `{home}`, `{appdata}` (Electron/VS Code user-data base:
    ~/.config, ~/Library/Application Support, %APPDATA%), `{xdg_config}` (the XDG
    config home, ~/.config even on macOS), `{localappdata}`, `{project}`, and the
    client's own `Relocation` placeholders (e.g. `{codex_home}`).
    `None` for an OS means the client does not read this file there.
    """

    linux: str | None
    macos: str | None
    windows: str | None
    format: str
    scope: str = "user"  # user | project | local | managed
    servers_at: tuple[KeyPath, ...] = (("mcpServers",),)
    dialect: str = "standard"
    role: str = "servers"  # servers | settings (approval switches only)
    max_bytes: int | None = None

    @classmethod
    def everywhere(cls, template: str, fmt: str, **kw: object) -> FileSpec:
        return cls(template, template, template, fmt, **kw)  # type: ignore[arg-type]

    def template_for(self, os_name: str) -> str | None:
        return {"linux": self.linux, "macos": self.macos, "windows": self.windows}[os_name]


@dataclass(frozen=True)
class Relocation:
    """A path placeholder the user can move with an environment variable.

    `{name}` in a client's templates becomes the variable's value when it is set to an
    absolute path (empty and relative values are ignored, like relative XDG values).
    Otherwise it becomes `default`, a template over the usual bases and the client's
    other placeholders. With `default=None` the variable names an extra location the
    client reads only while it is set; files using the placeholder are skipped otherwise.
    A relocation with a default replaces it: the client no longer reads the default
    location, which discovery still scans (a stale file there is still on disk) and
    marks as not read by the client.
    """

    name: str
    var: str
    default: str | None


@dataclass(frozen=True)
class ClientSpec:
    id: str
    name: str
    files: tuple[FileSpec, ...]
    references: str  # how this client refers to secrets kept elsewhere
    disable: str | None  # how an entry is switched off, None when it cannot be
    logs: tuple[FileSpec, ...] = ()
    sources: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = field(default=())
    env_ref_template: str | None = None  # e.g. "${env:{name}}"; used by fixes
    relocations: tuple[Relocation, ...] = ()  # placeholders moved by environment variables
