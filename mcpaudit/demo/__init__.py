"""The bundled demo home: realistic configs of several clients, risky and safe servers.

Files are stored with `dot_` in place of a leading dot (packaging drops hidden
files) and copied out to a writable folder, so fixes and undo work on the copy.
Everything mcpaudit itself keeps while on the demo (secret store, undo journal,
backups, quarantine, pins, caches) lives in `STATE` inside that copy: a demo action
never touches the user's own state, and `--demo --reset` starts all of it fresh.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from importlib import resources
from pathlib import Path

DEMO_PROJECT = "projects/demo-app"


def demo_root() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mcpaudit", appauthor=False)) / "demo-home"


MARKER = ".mcpaudit-demo"  # holds the digest of the packaged demo the copy came from
STATE = ".mcpaudit-state"  # mcpaudit's own state while on the demo (see mcpaudit.paths)
_SKIP = ("__init__.py", "__pycache__")


def materialize(target: Path | None = None, reset: bool = False) -> Path:
    """Copy the demo home to `target` (default: the cache folder) and return it.

    An existing copy is kept (so fixes and undo survive between runs) unless it came
    from a different packaged demo, e.g. after an upgrade added servers.
    """
    target = target or demo_root()
    source = resources.files("mcpaudit.demo").joinpath("home")
    digest = _digest(source)
    marker = target / MARKER
    if not reset and marker.is_file() and marker.read_text().strip() == digest:
        return target
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    _copy(source, staging)
    (staging / MARKER).write_text(digest + "\n")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def _digest(node) -> str:  # type: ignore[no-untyped-def]
    h = hashlib.sha256()
    for path, data in sorted(_walk(node)):
        h.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def _walk(node, prefix: str = ""):  # type: ignore[no-untyped-def]
    for child in node.iterdir():
        if child.name in _SKIP:
            continue
        if child.is_dir():
            yield from _walk(child, f"{prefix}{child.name}/")
        else:
            yield f"{prefix}{child.name}", child.read_bytes()


def _copy(node, dest: Path) -> None:  # type: ignore[no-untyped-def]
    dest.mkdir(parents=True, exist_ok=True)
    for child in node.iterdir():
        if child.name in _SKIP:  # a bytecode cache is the package's, not the demo's
            continue
        name = "." + child.name[4:] if child.name.startswith("dot_") else child.name
        if child.is_dir():
            _copy(child, dest / name)
        else:
            target = dest / name
            target.write_bytes(child.read_bytes())
            os.chmod(target, 0o644)


def demo_env(reset: bool = False) -> tuple[dict[str, str], Path]:
    """An environment whose HOME is the demo home, and the demo project directory.

    From here on this process keeps its own state inside the demo copy.
    """
    from mcpaudit import paths
    from mcpaudit.clients.catalog import RELOCATION_VARS

    home = materialize(reset=reset)
    paths.isolate(home / STATE)
    # The user's own CODEX_HOME etc. would pull their real configs into the demo.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k not in RELOCATION_VARS
    }
    env["HOME"] = str(home)
    return env, home / DEMO_PROJECT
