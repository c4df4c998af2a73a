"""Export current SVG screenshots of the TUI to screenshots/ (run from the repo root).

    PYTHONPATH=. python scripts/tui_screenshots.py

Uses the same sample home and findings as the snapshot tests (tests/tui/sample.py).
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mcpaudit.clients.catalog import CLIENTS
from mcpaudit.scan import ScanOptions, scan
from mcpaudit.tui.app import McpAuditApp, make_app
from tests.tui.sample import options_for, sample_result

OUT = Path(__file__).resolve().parent.parent / "screenshots"


async def shoot(
    app: McpAuditApp, name: str, size: tuple[int, int], keys: Sequence[str] = ()
) -> None:
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(OUT))
    print(f"wrote screenshots/{name}.svg")


def sample(theme: str | None = None) -> McpAuditApp:
    home = Path(tempfile.mkdtemp()) / "home"
    home.mkdir()
    app = make_app(options_for(home), result=sample_result(home))
    if theme:
        app.theme = theme
    return app


async def main() -> None:
    os.environ.pop("NO_COLOR", None)
    OUT.mkdir(exist_ok=True)
    await shoot(sample(), "main-80x24", (80, 24))
    await shoot(sample(), "main-wide", (140, 40))
    await shoot(sample(), "detail", (120, 40), ["down", "down"])
    await shoot(sample("textual-light"), "light", (120, 40))
    await shoot(sample(), "help", (100, 30), ["question_mark"])
    await shoot(sample(), "consent-modal", (100, 30), ["i"])
    if importlib.util.find_spec("mcpaudit.fix") is not None:
        await shoot(sample(), "detail-with-fix", (150, 50), ["down", "down"])
        await shoot(sample(), "fix-modal", (100, 30), ["down", "down", "f"])
        await shoot(sample(), "fix-modal-unsafe", (100, 30), ["f"])
    empty = Path(tempfile.mkdtemp()) / "home"
    empty.mkdir()
    options = ScanOptions(env={"HOME": str(empty)}, project=empty, clients=CLIENTS[:4])
    await shoot(make_app(options, result=scan(options)), "empty", (80, 24))


if __name__ == "__main__":
    asyncio.run(main())
