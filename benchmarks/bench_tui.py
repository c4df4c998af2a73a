"""TUI first render with 1,000 findings: from app start to the table and tree drawn.

Target (issue 6): under 1 s. Run `python benchmarks/bench_tui.py`; `benchmarks/run.py`
imports `measure()` from here. The findings come from a real scan of the busy synthetic
home, repeated on distinct pointers until there are 1,000.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from dataclasses import replace
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import homes  # noqa: E402

from mcpaudit.model import ScanResult  # noqa: E402
from mcpaudit.scan import ScanOptions, scan  # noqa: E402

FINDINGS = int(os.environ.get("BENCH_FINDINGS", "1000"))


def _result(home: Path) -> ScanResult:
    homes.busy_home(home)
    result = scan(ScanOptions(env={"HOME": str(home)}, project=home))
    base = list(result.findings)
    if not base:
        raise SystemExit("the busy home produced no findings")
    findings = []
    for i in range(FINDINGS):
        f = base[i % len(base)]
        where = replace(f.location, pointer=f"{f.location.pointer}/{i}")
        findings.append(replace(f, location=where))
    return replace(result, findings=tuple(findings))


KEY_RATE = 30  # a held arrow key repeats about 30 times a second
HELD_KEYS = 90  # three seconds of holding it


async def _render_and_scroll(result: ScanResult, options: ScanOptions) -> tuple[float, float]:
    """(seconds to the first full render, CPU seconds per key while an arrow key is held)."""
    from textual import events

    from mcpaudit.tui.app import make_app
    from mcpaudit.tui.widgets.findings_table import FindingsTable

    started = time.perf_counter()
    app = make_app(options, result=result)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query(FindingsTable) or (
            app.screen.query_one(FindingsTable).row_count < FINDINGS
        ):
            await pilot.pause(0.01)
        await pilot.pause()
        first = time.perf_counter() - started
        table = app.screen.query_one(FindingsTable)
        table.focus()
        await pilot.pause()
        # Key events arrive at the terminal's repeat rate whether or not the app is done
        # with the previous one, as they do from a real keyboard.
        driver = app._driver
        assert driver is not None
        cpu, t0 = time.process_time(), time.perf_counter()
        for i in range(HELD_KEYS):
            await asyncio.sleep(max(0.0, t0 + i / KEY_RATE - time.perf_counter()))
            key = events.Key("down", None)
            key.set_sender(app)
            driver.send_message(key)
        while table.cursor_row != HELD_KEYS:
            await asyncio.sleep(0.001)
        await pilot.pause(0.2)  # the detail pane catches up with the last finding
        cpu = time.process_time() - cpu
        shown = str(app.screen.query_one("#detail-body").render())
        if table.current is None or table.current.rule_id not in shown:
            raise SystemExit("the detail pane does not show the highlighted finding")
        return first, cpu / HELD_KEYS


@cache  # run.py asks for both figures: one app run gives them
def _run() -> tuple[float, float]:
    os.environ["NO_COLOR"] = "1"
    import mcpaudit.tui.app  # noqa: F401  (import time is not render time)

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        result = _result(home)
        return asyncio.run(_render_and_scroll(result, ScanOptions(env={"HOME": str(home)})))


def measure() -> float:
    """Wall seconds from creating the app to the first full render (scan excluded)."""
    return _run()[0]


def measure_scroll() -> float:
    """CPU seconds per key while the down arrow is held over the 1,000 findings."""
    return _run()[1]


if __name__ == "__main__":
    first, scroll = _run()
    print(f"TUI first render, {FINDINGS} findings: {first * 1000:.0f} ms (target < 1000 ms)")
    print(
        f"TUI scrolling, CPU per key held at {KEY_RATE}/s: {scroll * 1000:.1f} ms "
        f"(target < {1000 / KEY_RATE:.0f} ms, to keep up)"
    )
