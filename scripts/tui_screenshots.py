"""Export current SVG screenshots of the TUI to screenshots/ (run from the repo root).

    PYTHONPATH=. python scripts/tui_screenshots.py

Every picture but the consent dialog is of the bundled demo home (`mcpaudit --demo`),
scanned by the real rules, so the README shows the product. A test runs this script into
a temporary folder and fails when its output differs from screenshots/.
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

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "screenshots"
# A fixed place for the demo copy: the pictures must not depend on a random temp path.
DEMO = Path(tempfile.gettempdir()) / "mcpaudit-screenshots" / "demo-home"


async def shoot(
    app: McpAuditApp,
    name: str,
    size: tuple[int, int],
    keys: Sequence[str] = (),
    pick: str | None = None,
) -> None:
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if pick is not None:
            from mcpaudit.tui.widgets.findings_table import FindingsTable

            table = app.screen.query_one(FindingsTable)
            table.move_cursor(row=[f.fix.id if f.fix else "" for f in table.findings].index(pick))
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(OUT))
    print(f"wrote screenshots/{name}.svg")


def demo(theme: str | None = None) -> McpAuditApp:
    from mcpaudit import paths
    from mcpaudit.demo import DEMO_PROJECT, STATE, materialize

    home = materialize(DEMO, reset=True)
    paths.isolate(home / STATE)
    options = ScanOptions(
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, project=home / DEMO_PROJECT
    )
    app = make_app(options, result=scan(options))
    if theme:
        app.theme = theme
    return app


def first_fix(safe: bool) -> str:
    app = demo()
    assert app.result is not None
    return next(f.fix.id for f in app.result.findings if f.fix and f.fix.safe is safe)


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
    await shoot(demo(), "main-80x24", (80, 24))
    await shoot(demo(), "main-wide", (140, 40))
    await shoot(demo(), "detail", (120, 40), ["down", "down"])
    await shoot(demo("textual-light"), "light", (120, 40))
    await shoot(demo(), "help", (100, 30), ["question_mark"])
    await shoot(sample(), "consent-modal", (100, 30), ["i"])  # the demo starts nothing
    if importlib.util.find_spec("mcpaudit.fix") is not None:
        safe, unsafe = first_fix(True), first_fix(False)
        await shoot(demo(), "detail-with-fix", (150, 50), pick=unsafe)
        await shoot(demo(), "fix-modal", (100, 30), ["f"], pick=safe)
        await shoot(demo(), "fix-modal-unsafe", (100, 30), ["f"], pick=unsafe)
    empty = DEMO.parent / "empty-home"
    empty.mkdir(parents=True, exist_ok=True)
    options = ScanOptions(env={"HOME": str(empty)}, project=empty, clients=CLIENTS[:4])
    await shoot(make_app(options, result=scan(options)), "empty", (80, 24))


if __name__ == "__main__":
    asyncio.run(main())
