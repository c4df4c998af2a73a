"""The README's pictures are what `scripts/tui_screenshots.py` makes from the bundled demo
today (issue 16, point 9): a change to the TUI or the demo that alters a picture fails here
until the screenshots are regenerated (`PYTHONPATH=. python scripts/tui_screenshots.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_screenshots_are_current(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(
        [sys.executable, "scripts/tui_screenshots.py", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    made = sorted(p.name for p in tmp_path.glob("*.svg"))
    shipped = sorted(p.name for p in (REPO / "screenshots").glob("*.svg"))
    assert made == shipped
    stale = [
        n for n in made if (tmp_path / n).read_bytes() != (REPO / "screenshots" / n).read_bytes()
    ]
    assert not stale, f"regenerate with `PYTHONPATH=. python scripts/tui_screenshots.py`: {stale}"
    readme = (REPO / "README.md").read_text()
    assert all(f"screenshots/{n}" in readme for n in made)
    assert "evil" not in (REPO / "screenshots" / "main-wide.svg").read_text()
