"""The fix engine: ops -> plan -> apply -> journal (undo). Used by `mcpaudit fix` and the TUI.

Typical use::

    from mcpaudit.fix import plan_fixes, apply, undo_last

    plan = plan_fixes([f for f in result.findings if f.fix and f.fix.safe], result)
    print(plan.diff)              # unified diffs, secrets redacted
    for s in plan.skipped: ...    # fixes left out, with the reason
    applied = apply(plan)         # FixError if a file changed since the scan
    undo_last()                   # exact bytes back; FixError if changed since the fix

`propose(finding, FixContext)` / `attach_fixes` fill `Finding.fix` (the scan calls
it); `disable_fix(server, ctx)` switches any server off; `restore(id)` brings a
quarantined server back. Every failure is a `FixError` with a message for the user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import FixError

if TYPE_CHECKING:
    from .applying import Applied, apply, undo, undo_last
    from .journal import Transaction, list_transactions
    from .plan import FilePlan, Plan, Skipped, plan_fixes
    from .providers.disable import disable_fix
    from .providers.registry import FixContext, attach_fixes, propose
    from .quarantine import records as quarantined
    from .restoring import apply_restore, plan_restore, restore

__all__ = [
    "Applied",
    "FilePlan",
    "FixContext",
    "FixError",
    "Plan",
    "Skipped",
    "Transaction",
    "apply",
    "apply_restore",
    "attach_fixes",
    "disable_fix",
    "list_transactions",
    "plan_fixes",
    "plan_restore",
    "propose",
    "quarantined",
    "restore",
    "undo",
    "undo_last",
]

_WHERE = {
    "Applied": "applying",
    "apply": "applying",
    "undo": "applying",
    "undo_last": "applying",
    "Transaction": "journal",
    "list_transactions": "journal",
    "FilePlan": "plan",
    "Plan": "plan",
    "Skipped": "plan",
    "plan_fixes": "plan",
    "disable_fix": "providers.disable",
    "FixContext": "providers.registry",
    "attach_fixes": "providers.registry",
    "propose": "providers.registry",
    "restore": "restoring",
    "plan_restore": "restoring",
    "apply_restore": "restoring",
}


def __getattr__(name: str) -> Any:
    # Lazy: the scan imports only the providers, not tomlkit/ruamel editing code.
    import importlib

    if name == "quarantined":
        from .quarantine import records

        return records
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
