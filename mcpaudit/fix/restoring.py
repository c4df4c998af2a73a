"""`mcpaudit restore`: put a quarantined server back, as an ordinary journaled fix."""

from __future__ import annotations

from dataclasses import replace

from . import journal, quarantine
from .applying import Applied, apply
from .errors import FixError
from .plan import plan_fixes


def restore(record_id: str) -> Applied:
    record = quarantine.load(record_id)
    if record.status != "quarantined":
        raise FixError(f"{record_id} was already restored")
    plan = plan_fixes([quarantine.restore_fix(record)])
    if plan.empty:
        reason = plan.skipped[0].reason if plan.skipped else "nothing to do"
        raise FixError(f"cannot restore {record_id}: {reason}")
    if not record.in_list:
        from mcpaudit.config.document import parse_text

        from . import pointer as ptr
        from .textio import TextFile

        current = parse_text(TextFile.from_bytes(plan.files[0].before).text, plan.files[0].format)
        if ptr.exists(current.data, record.pointer):
            raise FixError(
                f"{record.file} already has a server at {record.pointer}; rename it first"
            )
    applied = apply(plan)
    quarantine.mark(record_id, "restored")
    tx = replace(applied.transaction, restored=(record_id,))
    journal.save(tx)
    return replace(applied, transaction=tx)
