"""Where mcpaudit keeps its own state: backups, the undo journal, quarantine, secrets.

Everything lives under platformdirs' user data dir (`~/.local/share/mcpaudit` on
Linux), in folders created 0700 with files 0600: backups hold the original config
bytes, which may contain the very secrets a fix moved out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mcpaudit.atomic import write_bytes_atomic
from mcpaudit.paths import state_dirs


def data_dir() -> Path:
    return state_dirs().data


def config_dir() -> Path:
    return state_dirs().config


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    private_dir(path.parent)
    write_bytes_atomic(path, data, mode=0o600)


def write_json(path: Path, payload: Any) -> None:
    write_private(path, (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode())


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
