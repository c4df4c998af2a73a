"""What headless commands say on stderr besides the report: `--quiet` and `--verbose`.

Errors are always printed (by the CLI); `note` is the usual chatter (which file was
written, live progress), `detail` only appears with --verbose (which settings file
applied, what the scan read).
"""

from __future__ import annotations

import sys

QUIET, NORMAL, VERBOSE = 0, 1, 2
_level = NORMAL


def set_level(level: int) -> None:
    global _level
    _level = level


def level() -> int:
    return _level


def note(message: str) -> None:
    if _level >= NORMAL:
        print(f"mcpaudit: {message}", file=sys.stderr, flush=True)


def detail(message: str) -> None:
    if _level >= VERBOSE:
        print(f"mcpaudit: {message}", file=sys.stderr, flush=True)
