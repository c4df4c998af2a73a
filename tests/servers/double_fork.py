"""Hostile: escapes the process-group kill, then never answers. Stdlib only.

`double_fork.py PIDFILE MARKER`: fork; the child calls setsid() (a new session and group)
and forks again; the grandchild writes its pid to PIDFILE and sleeps with MARKER in its
argv. The middle process exits at once, so the grandchild is an orphan: on Linux it is
reparented to the nearest subreaper, or to init. The server itself hangs on initialize.
(Under --sandbox the file system is read-only: no PIDFILE, only the marker.)
"""

import os
import sys
import time

pidfile, marker = sys.argv[1], sys.argv[2]
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            with open(pidfile + ".tmp", "w") as f:
                f.write(str(os.getpid()))
            os.replace(pidfile + ".tmp", pidfile)
        except OSError:
            pass  # a read-only sandbox: the marker in argv still tells it apart
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(600)", marker])
    os._exit(0)
os.wait()
sys.stdin.readline()
while True:
    time.sleep(1)
