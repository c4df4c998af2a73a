"""SVG snapshots of the screens (pytest-textual-snapshot). Update with --snapshot-update.

Deterministic: fixed terminal sizes, paths shown relative to the (temporary) home,
a fixed set of findings (tests/tui/sample.py), no clock anywhere on screen.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import pytest

from mcpaudit.scan import ScanOptions
from mcpaudit.tui.app import make_app
from tests.tui.sample import EMPTY_CLIENTS, options_for, sample_result


@pytest.fixture(autouse=True)
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour (conftest sets NO_COLOR for everything else)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


HAS_FIX = importlib.util.find_spec("mcpaudit.fix") is not None
needs_fix = pytest.mark.skipif(not HAS_FIX, reason="the fix engine draws the diffs")


def sample_app(tmp_path: Path, theme: str | None = None, fixes: bool = False):  # type: ignore[no-untyped-def]
    """The sample; without fixes unless asked, so these pictures do not depend on the
    fix engine being in the build."""
    home = tmp_path / "home"
    app = make_app(options_for(home), result=sample_result(home, fixes=fixes))
    if theme:
        app.theme = theme
    return app


def test_main_screen_80x24(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24))


def test_main_screen_wide(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(sample_app(tmp_path), terminal_size=(140, 40))


def test_detail_pane(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(sample_app(tmp_path), terminal_size=(120, 40), press=["down"])


@needs_fix
def test_detail_pane_with_fix_diff(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def move_and_wait(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()  # the result is shown after the first refresh
        await pilot.press("down", "down")
        await pilot.app.workers.wait_for_complete()  # the diff is computed in a worker
        await pilot.pause()

    app = sample_app(tmp_path, fixes=True)
    assert snap_compare(app, terminal_size=(150, 50), run_before=move_and_wait)


@needs_fix
def test_fix_modal_unsafe(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = sample_app(tmp_path, fixes=True)
    assert snap_compare(app, terminal_size=(100, 30), press=["f"])


@needs_fix
def test_fix_modal_safe(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = sample_app(tmp_path, fixes=True)
    assert snap_compare(app, terminal_size=(100, 30), press=["down", "down", "f"])


def test_light_theme(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(sample_app(tmp_path, "textual-light"), terminal_size=(120, 40))


def test_no_color(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(sample_app(tmp_path), terminal_size=(80, 24))


def test_help(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 30), press=["question_mark"])


def test_empty_state(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The empty state names the home folder, so it must be the same path on every run.
    home = Path(tempfile.gettempdir()) / "mcpaudit-snapshot-empty-home"
    home.mkdir(exist_ok=True)
    options = ScanOptions(env={"HOME": str(home)}, project=home, clients=EMPTY_CLIENTS)
    from mcpaudit.scan import scan

    app = make_app(options, result=scan(options))
    assert snap_compare(app, terminal_size=(80, 24))


def test_consent_modal(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(sample_app(tmp_path), terminal_size=(100, 30), press=["i"])
