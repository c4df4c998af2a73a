"""Where mcpaudit keeps its own state: the one place every state path comes from.

Normally platformdirs' user dirs (`~/.config/mcpaudit`, `~/.local/share/mcpaudit`,
`~/.local/state/mcpaudit`, `~/.cache/mcpaudit` on Linux). The demo calls `isolate` so
that its secret store, undo journal, backups, quarantine, pins and caches live inside
its own copy and never touch the user's real ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StateDirs:
    config: Path  # secrets.env
    data: Path  # backups (undo journal), quarantine
    state: Path  # tool pins
    cache: Path  # OSV answers, schema-check memo


_isolated: StateDirs | None = None


def state_dirs() -> StateDirs:
    """The folders mcpaudit writes its own files to (not yet created)."""
    if _isolated is not None:
        return _isolated
    import platformdirs

    return StateDirs(
        config=Path(platformdirs.user_config_dir("mcpaudit", appauthor=False)),
        data=Path(platformdirs.user_data_dir("mcpaudit", appauthor=False)),
        state=Path(platformdirs.user_state_dir("mcpaudit", appauthor=False)),
        cache=Path(platformdirs.user_cache_dir("mcpaudit", appauthor=False)),
    )


def isolate(root: Path | None) -> None:
    """Keep every state dir under `root` from now on (None: back to the user's own)."""
    global _isolated
    _isolated = (
        None
        if root is None
        else StateDirs(root / "config", root / "data", root / "state", root / "cache")
    )


def is_isolated() -> bool:
    return _isolated is not None
