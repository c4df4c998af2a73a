"""`--config PATH`: guess which client a file belongs to from its name and shape."""

from __future__ import annotations

from pathlib import Path

from mcpaudit.clients.catalog import BY_ID
from mcpaudit.clients.spec import ClientSpec, FileSpec
from mcpaudit.config.document import ParseError, load_document
from mcpaudit.config.read import ReadError

CUSTOM = ClientSpec(
    id="custom",
    name="Other (--config)",
    files=(),
    references="unknown",
    disable=None,
)

# File names that identify a client on their own.
_BY_NAME = {
    "claude_desktop_config.json": ("claude-desktop", 0),
    ".claude.json": ("claude-code", 0),
    ".mcp.json": ("claude-code", 1),
    "cline_mcp_settings.json": ("cline", 0),
    "mcp_settings.json": ("roo-code", 0),
    "mcp-config.json": ("copilot-cli", 0),
    "mcp_config.json": ("windsurf", 0),
}


def format_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return "toml"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "jsonc"


def guess_spec(path: Path) -> tuple[ClientSpec, FileSpec]:
    """The client and file spec for an arbitrary config file: where it sits among the
    catalogue's project files first, then its name, then its shape."""
    from mcpaudit.clients.project_files import match_project_file, user_twin

    placed = match_project_file(path.absolute())
    if placed:
        client, spec, relative = placed
        anchor = path.absolute().parents[len(Path(relative).parts) - 1]
        if anchor == Path.home():  # ~/.gemini/settings.json: the user's file, not a project's
            spec = user_twin(client, relative) or spec
        return client, spec
    named = _BY_NAME.get(path.name)
    if named:
        client = BY_ID[named[0]]
        return client, client.files[named[1]]
    fmt = format_for(path)
    try:
        data = load_document(path, fmt).data
    except (ReadError, ParseError):
        data = None
    if isinstance(data, dict):
        vscode_settings = _vscode_settings_spec(data)
        if vscode_settings:
            return BY_ID["vscode"], _with_format(vscode_settings, fmt, scope=vscode_settings.scope)
        for key, client_id, dialect in (
            ("context_servers", "zed", "zed"),
            ("mcp_servers", "codex", "codex"),
            ("extensions", "goose", "goose"),
            ("mcp", "opencode", "opencode"),
            ("servers", "vscode", "vscode"),
        ):
            if key in data and isinstance(data[key], dict):
                for spec in BY_ID[client_id].files:
                    if spec.dialect == dialect:
                        return BY_ID[client_id], _with_format(spec, fmt, scope=spec.scope)
        if isinstance(data.get("mcpServers"), list):
            return BY_ID["continue"], FileSpec.everywhere(str(path), fmt, dialect="continue")
    return CUSTOM, FileSpec.everywhere(str(path), fmt)


def _vscode_settings_spec(data: dict) -> FileSpec | None:
    """VS Code's settings.json keeps servers under `mcp.servers` (or the dotted key); its
    `mcp` key must not be read as opencode's flat `mcp` map."""
    nested = data.get("mcp")
    dotted = data.get("mcp.servers")
    if not (
        (isinstance(nested, dict) and isinstance(nested.get("servers"), dict))
        or isinstance(dotted, dict)
    ):
        return None
    for spec in BY_ID["vscode"].files:
        if ("mcp", "servers") in spec.servers_at:
            return spec
    return None


def _with_format(spec: FileSpec, fmt: str, scope: str) -> FileSpec:
    return FileSpec(
        spec.linux,
        spec.macos,
        spec.windows,
        fmt,
        scope,
        spec.servers_at,
        spec.dialect,
        spec.role,
        spec.max_bytes,
    )
