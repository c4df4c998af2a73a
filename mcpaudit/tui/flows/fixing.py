"""`f`, `F` and `u`: plan with the fix engine, show the diff, apply on consent, undo.

The same `plan_fixes` / `apply` / `undo_last` as `mcpaudit fix` and `mcpaudit undo`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcpaudit.model import Finding, Fix
from mcpaudit.tui.dialogs.confirm_each import ConfirmEachDialog
from mcpaudit.tui.dialogs.confirm_fix import ConfirmFixDialog
from mcpaudit.tui.flows.notices import not_available
from mcpaudit.tui.services import FixPreview
from mcpaudit.tui.view import display_path, safe_fixes, shorten_home

if TYPE_CHECKING:
    from mcpaudit.tui.app import McpAuditApp


# Literal secrets in a config: when the client reads them from nowhere else, the only
# automatic fix is the file's mode.
LITERAL_SECRETS = frozenset({"MCP101", "MCP102", "MCP103", "MCP104", "MCP105"})


def _private(path: str | None) -> bool:
    """The file exists and only its owner may read or write it."""
    import os

    try:
        return bool(path) and os.stat(path).st_mode & 0o077 == 0  # type: ignore[arg-type]
    except OSError:
        return False


class FixFlow:
    def __init__(self, app: McpAuditApp) -> None:
        self.app = app

    @property
    def services(self):  # type: ignore[no-untyped-def]
        return self.app.services

    def fix_one(self, finding: Finding | None) -> None:
        if not self.services.can_fix:
            not_available(self.app, "Fixing", "the fix engine")
            return
        if finding is None:
            self.app.notify("No finding selected.", severity="warning")
            return
        if finding.fix is None and finding.rule_id == "MCP320":
            self._choose_folder(finding)
            return
        if finding.fix is None and finding.rule_id in LITERAL_SECRETS and _private(finding.file):
            # After the chmod: say what was done and what remains (issue 16, point 4).
            home = self.app.result.home if self.app.result else ""
            where = display_path(finding.file or "", home)
            self.app.notify(
                f"{where} is readable only by you (0600): that part is done. The secret is "
                "still in it: mcpaudit has no automatic fix that moves it for this client. "
                "`mcpaudit run` can hand the client the secret from the keychain; the detail "
                "pane says how to move it by hand.",
                title="Partly fixed already",
                severity="warning",
                markup=False,
            )
            return
        if finding.fix is None:
            self.app.notify(
                "This finding has no automatic fix; the detail pane says how to fix it by hand.",
                severity="warning",
            )
            return
        fix = finding.fix
        summary = [
            shorten_home(fix.description, self.app.result.home if self.app.result else ""),
            f"file: {display_path(fix.path, self.app.result.home if self.app.result else '')}",
        ]
        title = f"Fix {finding.rule_id}: {finding.title}"
        self._confirm_and_apply([finding], title, summary, fix.safe)

    def _choose_folder(self, finding: Finding) -> None:
        """MCP320 has no default target: ask for the folder, then show the diff."""
        import os

        from mcpaudit.fix import FixContext
        from mcpaudit.fix.providers import filesystem
        from mcpaudit.tui.dialogs.choose_folder import ChooseFolderDialog

        result = self.app.result
        if result is None:
            return
        ctx = FixContext.from_result(result)
        options = filesystem.candidates(finding, ctx, filesystem.known_projects(result))

        def chosen(folder: str | None) -> None:
            if not folder:
                return
            home = result.home
            folder = home + folder[1:] if folder == "~" or folder.startswith("~/") else folder
            narrowed = filesystem.narrow_fix(finding, result, os.path.abspath(folder))
            if isinstance(narrowed, str):
                self.app.notify(narrowed, title="Not narrowed", severity="warning", markup=False)
                return
            self.fix_one(narrowed)

        dialog = ChooseFolderDialog(
            finding.server or "?", finding.evidence or "", options, result.home
        )
        self.app.push_screen(dialog, chosen)

    def fix_all_safe(self) -> None:
        """Every safe fix, one question each (y / n / a all remaining / q stop)."""
        if not self.services.can_fix:
            not_available(self.app, "Fixing", "the fix engine")
            return
        chosen = safe_fixes(self.app.result.findings if self.app.result else ())
        fixes = list({f.fix.id: f.fix for f in chosen if f.fix}.values())
        if not fixes:
            self.app.notify("There are no safe fixes to apply.", severity="warning")
            return
        self._step(fixes, 0, [])

    def _step(self, fixes: list[Fix], i: int, accepted: list[Fix]) -> None:
        from mcpaudit.fix import FixError

        home = self.app.result.home if self.app.result else ""
        while i < len(fixes):
            try:
                preview = self.services.plan([fixes[i]])
            except (FixError, OSError):
                preview = None
            if preview is not None and not preview.empty:
                break
            i += 1  # nothing would change (or cannot): not worth a question
        if i >= len(fixes):
            self._finish(accepted)
            return
        fix = fixes[i]
        summary = [
            shorten_home(fix.description, home),
            f"{fix.rule_id} · file: {display_path(fix.path, home)}",
        ]

        def answered(answer: str | None) -> None:
            if answer == "yes":
                accepted.append(fix)
            if answer == "all":
                accepted.extend(fixes[i:])
            if answer in ("all", "quit", None):
                self._finish(accepted)
            else:
                self._step(fixes, i + 1, accepted)

        self.app.push_screen(ConfirmEachDialog(i + 1, len(fixes), summary, preview.diff), answered)

    def _finish(self, accepted: list[Fix]) -> None:
        from mcpaudit.fix import FixError

        if not accepted:
            self.app.notify("No fix applied.", markup=False)
            return
        try:
            preview = self.services.plan(accepted)
        except (FixError, OSError) as exc:
            self.app.notify(f"cannot plan the fix: {exc}", severity="error", markup=False)
            return
        self._apply(preview)

    def _confirm_and_apply(
        self, findings: list[Finding], title: str, summary: list[str], safe: bool
    ) -> None:
        from mcpaudit.fix import FixError

        try:
            preview = self.services.plan(findings)
        except (FixError, OSError) as exc:
            self.app.notify(f"cannot plan the fix: {exc}", severity="error", markup=False)
            return
        if preview.empty:
            reasons = "; ".join(preview.skipped) or "nothing would change"
            self.app.notify(f"Nothing to apply: {reasons}", severity="warning", markup=False)
            return
        summary = summary + [f"left out: {s}" for s in preview.skipped]

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._apply(preview)

        self.app.push_screen(ConfirmFixDialog(title, summary, preview.diff, safe), done)

    def _apply(self, preview: FixPreview) -> None:
        from mcpaudit.fix import FixError

        try:
            message = self.services.apply(preview)
        except (FixError, OSError) as exc:
            self.app.notify(str(exc), title="Fix not applied", severity="error", markup=False)
            return
        partial = [fx for fx in preview.plan.fixes if "-chmod-secret-" in fx.id]
        if partial:
            # The secret is still in the file: the finding stays, and saying "Fixed" would lie.
            message += (
                f"\n{len(partial)} secret(s) stay in their file (the client cannot read them "
                "from anywhere else): only other accounts are locked out, so the finding stays."
                " `mcpaudit run` can hand the client the secret from the keychain instead."
            )
        self.app.notify(message, title="Partly fixed" if partial else "Fixed", markup=False)
        self.app.start_scan()

    def undo_last(self) -> None:
        if not self.services.can_fix:
            not_available(self.app, "Undo", "the fix engine")
            return
        from mcpaudit.fix import FixError

        try:
            message = self.services.undo_last()
        except (FixError, OSError) as exc:
            self.app.notify(str(exc), title="Nothing undone", severity="warning", markup=False)
            return
        self.app.notify(message, title="Undone", markup=False)
        self.app.start_scan()
