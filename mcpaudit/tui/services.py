"""The TUI's door to the fix engine and live inspection: the same functions the CLI calls.

Each feature is looked up when first used; a feature whose package is not part of this
build makes its key say so instead of pretending.
"""

from __future__ import annotations

import importlib.util

from mcpaudit.model import Finding, ScanResult


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class Services:
    """Fix preview/apply/undo and live inspection for one app session."""

    def __init__(self) -> None:
        self.result: ScanResult | None = None

    @property
    def can_fix(self) -> bool:
        return False

    @property
    def can_inspect(self) -> bool:
        return False

    def fix_preview(self, finding: Finding) -> str | None:
        """The fix's unified diff, or None when there is no fix or no fix engine."""
        return None
