"""Servers that extensions and plugins bring: Claude Desktop extensions (MCPB/DXT),
Claude Code plugins, and an inventory of VS Code and Zed extensions whose servers are
created at run time. Each reader returns config files and servers like any client file,
with `Server.origin` naming the extension or plugin. Read-only; nothing is started."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mcpaudit.model import ConfigFile, Server

Loader = Callable[..., tuple[ConfigFile, list[Server]]]


@dataclass
class Brought:
    """What the extensions and plugins on this machine bring, per client id."""

    files: dict[str, list[ConfigFile]] = field(default_factory=dict)
    servers: list[Server] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, cfg: ConfigFile, servers: list[Server]) -> None:
        self.files.setdefault(cfg.client, []).append(cfg)
        self.servers.extend(servers)


def gather(values: dict[str, str], os_name: str, load: Loader, skip: set[str]) -> Brought:
    """Every extension and plugin source, each reader on its own (one failing reader is a
    note, the others still run)."""
    from mcpaudit.plugins import claude_code, desktop, inventory

    out = Brought()
    for name, reader in (
        ("Claude Desktop extensions", desktop.read),
        ("Claude Code plugins", claude_code.read),
        ("VS Code and Zed extensions", inventory.read),
    ):
        try:
            reader(values, os_name, load, skip, out)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            out.notes.append(f"plugins: {name} not read ({type(exc).__name__}: {exc})")
    return out


def in_skip(path: Path, skip: set[str]) -> bool:
    text = str(path)
    if text in skip:
        return True
    skip.add(text)
    return False
