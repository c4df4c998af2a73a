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


async def _first_render(result: ScanResult, options: ScanOptions) -> float:
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
        return time.perf_counter() - started


def measure() -> float:
    """Wall seconds from creating the app to the first full render (scan excluded)."""
    os.environ["NO_COLOR"] = "1"
    import mcpaudit.tui.app  # noqa: F401  (import time is not render time)

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        result = _result(home)
        return asyncio.run(_first_render(result, ScanOptions(env={"HOME": str(home)})))


if __name__ == "__main__":
    print(f"TUI first render, {FINDINGS} findings: {measure() * 1000:.0f} ms (target < 1000 ms)")
