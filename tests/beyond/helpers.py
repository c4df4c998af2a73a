"""Build fake homes for the beyond-the-config tests: configs, caches, logs as real files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from mcpaudit.collect import CollectOptions
from mcpaudit.model import ScanResult
from mcpaudit.scan import ScanOptions, scan

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Fake, obviously so: the detector's GitHub format (ghp_ + 36) with EXAMPLE inside.
FAKE_GITHUB_TOKEN = "ghp_EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o"


def claude_desktop_config(home: Path, servers: dict[str, dict]) -> Path:
    path = home / ".config" / "Claude" / "claude_desktop_config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"mcpServers": servers}, indent=2))
    return path


def install_npx(home: Path, fixture: str, package: str, slot: str = "0a1b2c3d4e5f6a7b") -> Path:
    """Put a fixture package where `npx` leaves it: ~/.npm/_npx/<hash>/node_modules/<name>."""
    target = home / ".npm" / "_npx" / slot / "node_modules" / package
    shutil.copytree(FIXTURES / fixture, target)
    return target


def run_scan(home: Path, **collect: object) -> ScanResult:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "npm_config", "UV_"))}
    env["HOME"] = str(home)
    env["PATH"] = str(home / "bin")  # nothing from the real machine's PATH
    options = ScanOptions(env=env, project=home, collect=CollectOptions(**collect))  # type: ignore[arg-type]
    return scan(options)


def line_of(path: Path, marker: str) -> int:
    """1-based line of the first line containing `marker`."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")
