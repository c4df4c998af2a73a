"""Hostile: starts a grandchild, then never answers (hangs on initialize). Stdlib only."""

import subprocess
import sys
import time

marker = sys.argv[1] if len(sys.argv) > 1 else "hang"
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", marker])
sys.stdin.readline()
while True:
    time.sleep(1)
