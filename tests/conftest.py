"""Shared fixtures: every test runs with a private HOME and XDG dirs, never the developer's."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from mcpaudit.clients.catalog import RELOCATION_VARS

# The suite stays deterministic: hypothesis draws the same examples on every run.
settings.register_profile("mcpaudit", derandomize=True, deadline=None)
settings.load_profile("mcpaudit")

REPO = Path(__file__).resolve().parent.parent
HOMES = Path(__file__).resolve().parent / "homes"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty home; platformdirs and discovery both follow it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in (
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
        *RELOCATION_VARS,  # CODEX_HOME etc.: never the developer's
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # A demo opened by an earlier test must not keep this process's state in its copy.
    from mcpaudit import paths

    monkeypatch.setattr(paths, "_isolated", None)
    return home


def copy_home(name: str, dest: Path) -> Path:
    """Copy the sample home tests/homes/<name> into `dest` (merging with what is there)."""
    shutil.copytree(HOMES / name, dest, dirs_exist_ok=True, symlinks=True)
    return dest


def run_cli(
    *args: str,
    home: Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m mcpaudit` as a user would, with HOME pointing at `home`."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    full_env.update({"HOME": str(home), "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "200"})
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mcpaudit", *args],
        cwd=cwd or home,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


@pytest.fixture(autouse=True)
def nothing_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every live test, no process started during it may still run (issue 19).

    The test process is made a child subreaper (Linux), so a server's orphan that escaped
    mcpaudit comes back to it instead of init and shows up among its descendants.
    """
    if "live" not in request.node.path.name:
        yield
        return
    import psutil

    _become_subreaper()
    before = {_key(p) for p in psutil.Process().children(recursive=True)}
    yield
    deadline = time.monotonic() + 3.0
    while True:
        left = [
            p
            for p in psutil.Process().children(recursive=True)
            if _key(p) not in before and _running(p)
        ]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    described = [_describe(p) for p in left]
    for proc in left:  # clean up, so one failure does not spill into the next test
        with contextlib.suppress(psutil.Error):
            proc.kill()
    assert not described, f"left running after the test: {described}"


def _become_subreaper() -> None:
    """prctl(PR_SET_CHILD_SUBREAPER, 1) on Linux; elsewhere orphans cannot be followed."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, ctypes.c_ulong(1), 0, 0, 0)


def _key(proc: Any) -> tuple[int, float]:
    import psutil

    try:
        return proc.pid, proc.create_time()
    except psutil.Error:
        return proc.pid, 0.0


def _running(proc: Any) -> bool:
    import psutil

    try:
        return bool(proc.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def _describe(proc: Any) -> str:
    import psutil

    try:
        return f"{proc.pid}: {' '.join(proc.cmdline())[:200]}"
    except psutil.Error:
        return str(proc.pid)
