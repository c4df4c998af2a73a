"""Fix engine timings: plan + apply + undo of one fix in a large ~/.claude.json.

`python benchmarks/bench_fix.py [--mb 30]` prints the time to plan (read, edit,
re-parse check, diff), apply (backup, atomic write, journal) and undo, in a temp HOME.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["HOME"] = str(home)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ.pop(var, None)
        history = [{"display": "x" * 200, "pastedContents": {}} for _ in range(200)]
        projects = {}
        size, i = 0, 0
        while size < args.mb * 1_000_000:
            projects[f"/home/dev/p{i}"] = {"history": history, "mcpServers": {}}
            size += 45_000
            i += 1
        data = {
            "mcpServers": {"a": {"command": "npx", "args": ["-y", "pkg"]}},
            "projects": projects,
        }
        path = home / ".claude.json"
        path.write_text(json.dumps(data, indent=2))
        real_mb = path.stat().st_size / 1e6

        from mcpaudit.fix import apply, plan_fixes, undo_last
        from mcpaudit.model import Edit, Fix

        fix = Fix(
            "b", "BENCH", "bench", True, str(path), (Edit("set", "/mcpServers/a/disabled", True),)
        )
        t0 = time.perf_counter()
        plan = plan_fixes([fix])
        t1 = time.perf_counter()
        apply(plan)
        t2 = time.perf_counter()
        undo_last()
        t3 = time.perf_counter()
        print(
            f"file {real_mb:.1f} MB: plan {t1 - t0:.2f} s, apply {t2 - t1:.2f} s, "
            f"undo {t3 - t2:.2f} s; diff {len(plan.diff.splitlines())} lines"
        )


if __name__ == "__main__":
    main()
