"""`mcpaudit restore`: put a quarantined server back, as an ordinary journaled fix.

`plan_restore` makes the plan (its diff is what the user is asked about); `apply_restore`
writes it. The entry goes back as the bytes it had, at the place it had, when the file
around that place is unchanged; otherwise it is written anew and the plan says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mcpaudit.config.document import parse_text

from . import journal, quarantine
from . import pointer as ptr
from .applying import Applied, apply
from .errors import FixError
from .plan import Plan, plan_fixes
from .textio import TextFile


@dataclass(frozen=True)
class RestorePlan:
    record: quarantine.Record
    plan: Plan
    exact: bool  # the entry's own text at its own place
    note: str = ""  # why it is not exact, when it is not


def plan_restore(record_id: str) -> RestorePlan:
    record = quarantine.load(record_id)
    if record.status != "quarantined":
        raise FixError(f"{record_id} was already restored")
    note = ""
    if record.span is not None:
        plan = plan_fixes([quarantine.restore_fix(record)])
        if not plan.empty and _entry_is_back(plan, record):
            return RestorePlan(record, plan, exact=True)
        why = plan.skipped[0].reason if plan.skipped else "the entry would not read back"
        note = f"{why}; the entry is written anew (same content, the file's formatting)"
    else:
        note = "this quarantine record has no copy of the entry's text; it is written anew"
    plan = plan_fixes([quarantine.restore_fix(record, exact=False)])
    if plan.empty:
        reason = plan.skipped[0].reason if plan.skipped else "nothing to do"
        raise FixError(f"cannot restore {record_id}: {reason}")
    if not record.in_list:
        current = parse_text(TextFile.from_bytes(plan.files[0].before).text, plan.files[0].format)
        if ptr.exists(current.data, record.pointer):
            raise FixError(
                f"{record.file} already has a server at {record.pointer}; rename it first"
            )
    return RestorePlan(record, plan, exact=False, note=note)


def _entry_is_back(plan: Plan, record: quarantine.Record) -> bool:
    """The spliced file holds the quarantined entry again, unchanged."""
    fp = plan.files[0]
    data = parse_text(TextFile.from_bytes(fp.after).text, fp.format).data
    if record.in_list:
        parent, _ = ptr.parent(record.pointer)
        return record.entry in (ptr.get(data, parent, None) or [])
    return bool(ptr.get(data, record.pointer, None) == record.entry)


def apply_restore(rp: RestorePlan) -> Applied:
    applied = apply(rp.plan)
    quarantine.mark(rp.record.id, "restored")
    tx = replace(applied.transaction, restored=(rp.record.id,))
    journal.save(tx)
    return replace(applied, transaction=tx)


def restore(record_id: str) -> Applied:
    """Plan and apply without asking (the API; the CLI asks first)."""
    return apply_restore(plan_restore(record_id))
