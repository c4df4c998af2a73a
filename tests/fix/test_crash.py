"""Crash safety: SIGKILL a writer mid-write, many times; the file is always old or new."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO

WRITER = """
import sys
from pathlib import Path
from mcpaudit.atomic import write_bytes_atomic
path, old, new = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
print("ready", flush=True)
i = 0
while True:
    write_bytes_atomic(path, new if i % 2 == 0 else old, mode=0o600)
    i += 1
"""


def test_sigkill_during_writes_never_leaves_a_partial_file(tmp_path: Path) -> None:
    old = b'{"mcpServers": {}}\n' + b" " * 1_500_000
    new = b'{"mcpServers": {"a": {"command": "x"}}}\n' + b"\t" * 1_500_000
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    target = tmp_path / "cfg" / "mcp.json"
    target.parent.mkdir()
    target.write_bytes(old)
    rng = random.Random(5)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    seen = set()
    for _ in range(30):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(target),
                str(tmp_path / "old"),
                str(tmp_path / "new"),
            ],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = target.read_bytes()
        assert data in (old, new), f"partial file of {len(data)} bytes after SIGKILL"
        seen.add(data == new)
    assert seen == {True, False} or len(seen) == 1  # both outcomes are fine
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "mcp.json"]
    # a killed writer may leave its temp file; never the config itself half-written
    assert all(name.startswith(".mcp.json.") and name.endswith(".tmp") for name in leftovers)
