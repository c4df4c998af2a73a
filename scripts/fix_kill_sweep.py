"""The issue-20 sweep of the fix engine under SIGKILL, for the record (not in the suite).

    python scripts/fix_kill_sweep.py [RUNS] [SEED]

Copies the demo home to a temp folder, runs `mcpaudit fix --yes --unsafe` on it RUNS
times (default 150), each killed with SIGKILL after a random delay drawn over the
length of a full run, then `mcpaudit undo`. After every kill it checks that each
file is whole (old bytes or fixed bytes), and after every undo that every file has
its exact original bytes and mode, no temp file of mcpaudit's naming is left, the
secret store and the quarantine are empty. Prints one line of counts at the end.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mcpaudit.demo import DEMO_PROJECT, materialize  # noqa: E402
from tests.fix.test_kill_loop import _env, _snapshot, _temps  # noqa: E402


def main(runs: int, seed: int) -> int:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        home = materialize(Path(tmp) / "demo")
        env = _env(home)
        fix = [sys.executable, "-m", "mcpaudit", "fix", "--yes", "--unsafe"]
        fix += ["--project", str(home / DEMO_PROJECT)]
        undo = [sys.executable, "-m", "mcpaudit", "undo"]
        original = _snapshot(home)
        start = time.monotonic()
        subprocess.run(fix, env=env, capture_output=True, check=True)
        length = time.monotonic() - start
        fixed = _snapshot(home)
        changed = [rel for rel in original if fixed[rel] != original[rel]]
        subprocess.run(undo, env=env, capture_output=True, check=True)
        counts = {"runs": 0, "partial": 0, "all": 0, "none": 0, "torn": 0, "undo_failed": 0}
        for _ in range(runs):
            proc = subprocess.Popen(fix, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.0, length * 1.05))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            now = _snapshot(home)
            torn = [
                rel
                for rel, (data, _m) in now.items()
                if rel in original and data not in (original[rel][0], fixed[rel][0])
            ]
            n = sum(now.get(rel) != original[rel] for rel in changed)
            counts["runs"] += 1
            counts["torn"] += bool(torn)
            counts["all" if n == len(changed) else "partial" if n else "none"] += 1
            back = subprocess.run(undo, env=env, capture_output=True, text=True)
            ok = (
                _snapshot(home) == original
                and not _temps(home)
                and not (home / ".config/mcpaudit/secrets.env").exists()
                and "Traceback" not in back.stderr
                and not list((home / ".local/share/mcpaudit/quarantine").glob("*.json"))
            )
            if not ok:
                counts["undo_failed"] += 1
                print(f"undo failed: rc={back.returncode} {back.stderr.strip()[:300]}")
                subprocess.run([*undo, "--force"], env=env, capture_output=True)
        print(
            f"{counts['runs']} kills over a {length:.2f} s run: {counts['none']} before any "
            f"file changed, {counts['partial']} with some of {len(changed)} files changed, "
            f"{counts['all']} with all; torn files after {counts['torn']}; undo did not give "
            f"the exact bytes back after {counts['undo_failed']}"
        )
        return 1 if counts["torn"] or counts["undo_failed"] else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    raise SystemExit(main(int(args[0]) if args else 150, int(args[1]) if len(args) > 1 else 20))
