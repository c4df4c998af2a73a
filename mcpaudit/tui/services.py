"""The TUI's door to the fix engine and live inspection: the same functions the CLI calls.

Each feature is looked up when first used; a feature whose package is not part of this
build makes its key say so instead of pretending. Nothing here imports Textual.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mcpaudit.model import Finding, ScanResult, Server
from mcpaudit.scan import ScanOptions
from mcpaudit.tui.view import shorten_home


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@dataclass(frozen=True)
class FixPreview:
    """What applying some fixes would do: the plan to apply, its diff, what was left out."""

    plan: Any  # mcpaudit.fix.Plan
    diff: str
    skipped: tuple[str, ...]  # "fix description: reason", shown to the user

    @property
    def empty(self) -> bool:
        return bool(self.plan.empty)


def readable_diff(diff: str, home: str) -> str:
    """`--- ~/.cursor/mcp.json` rather than `--- a/home/me/.cursor/mcp.json`."""
    lines = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("--- a/", "+++ b/")):
            line = line[:4] + line[5:]
        header = line.startswith(("--- ", "+++ ", "mode "))
        lines.append(shorten_home(line, home) if header else line)
    return "".join(lines)


class Services:
    """Fix plan/apply/undo and live-inspection launch plans for one app session."""

    def __init__(self) -> None:
        self.result: ScanResult | None = None
        self._diffs: dict[str, str | None] = {}

    # --- fixes -----------------------------------------------------------------------------

    @property
    def can_fix(self) -> bool:
        return _has("mcpaudit.fix")

    def set_result(self, result: ScanResult) -> None:
        self.result = result
        self._diffs.clear()

    def plan(self, findings: Sequence[Finding]) -> FixPreview:
        """Plan the fixes of `findings` against the files as scanned (nothing is written)."""
        from mcpaudit.fix import plan_fixes

        plan = plan_fixes(list(findings), self.result)
        skipped = tuple(f"{s.fix.description}: {s.reason}" for s in plan.skipped)
        home = self.result.home if self.result else ""
        return FixPreview(plan, readable_diff(plan.diff, home), skipped)

    def has_preview(self, finding: Finding) -> bool:
        """True when `fix_preview` answers at once (no fix, or its diff is cached)."""
        return finding.fix is None or not self.can_fix or finding.fix.id in self._diffs

    def fix_preview(self, finding: Finding) -> str | None:
        """The unified diff of one finding's fix (cached per scan), or None.

        Reads the config file: call it from a worker unless `has_preview` says it is cached.
        """
        if finding.fix is None or not self.can_fix:
            return None
        key = finding.fix.id
        if key not in self._diffs:
            from mcpaudit.fix import FixError

            try:
                preview = self.plan([finding])
            except (FixError, OSError) as exc:
                self._diffs[key] = f"(the fix cannot be previewed: {exc})"
            else:
                reason = "; ".join(preview.skipped)
                self._diffs[key] = preview.diff or (f"(left out: {reason})" if reason else None)
        return self._diffs[key]

    def apply(self, preview: FixPreview) -> str:
        """Write the plan (FixError when a file changed since the scan); a summary line."""
        from mcpaudit.fix import apply

        applied = apply(preview.plan)
        files = len(applied.files)
        fixes = sum(len(p.fixes) for p in applied.files)
        lines = [f"applied {fixes} fix(es) to {files} file(s); u undoes it"]
        lines.extend(applied.messages)
        return "\n".join(lines)

    def undo_last(self) -> str:
        from mcpaudit.fix import undo_last

        tx = undo_last()
        lines = [f"restored {len(tx.files)} file(s) as they were before the last fix"]
        lines.extend(tx.notes)
        return "\n".join(lines)

    # --- live inspection -------------------------------------------------------------------

    @property
    def can_inspect(self) -> bool:
        return _has("mcpaudit.inspect")

    def launch_plans(
        self, servers: Sequence[Server], options: ScanOptions, named: Sequence[str] = ()
    ) -> list[Any]:
        """What inspecting each server would run or contact (for the consent dialog);
        `named` servers are not held back (the user typed their names, like --server)."""
        from dataclasses import replace

        from mcpaudit.inspect import InspectOptions, describe_launch

        inspect = options.inspect or InspectOptions(env=options.env)
        if inspect.env is None and options.env is not None:
            inspect = replace(inspect, env=options.env)
        if named:
            inspect = replace(inspect, servers=tuple(named))
        return [describe_launch(s, inspect) for s in servers]
