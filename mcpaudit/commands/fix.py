"""`mcpaudit fix`, `mcpaudit undo`, `mcpaudit restore` and `mcpaudit disable`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace

from mcpaudit.fix import FixError
from mcpaudit.model import Finding, ScanResult
from mcpaudit.report.text import WHOLE
from mcpaudit.sanitize import clean, one_line
from mcpaudit.scan import ScanOptions, scan

EXIT_OK, EXIT_ERROR = 0, 2


def _out(text: str = "") -> None:
    # Lines quote paths, ids, pointers and fix descriptions: the one sanitiser, always.
    sys.stdout.write(clean(text) + "\n")


def _err(text: str) -> None:
    # Errors quote paths, pointers and server names, which a config can fill with escapes.
    sys.stderr.write(f"mcpaudit: {clean(text, keep_newlines=False)}\n")


def select(
    result: ScanResult, rules: Sequence[str], servers: Sequence[str], unsafe: bool
) -> tuple[list[Finding], int]:
    """Findings whose fix is wanted, and how many unsafe fixes were left out (distinct
    fixes: two findings can share one fix, and the count must match what --unsafe adds)."""
    chosen, held_back = [], set()
    for f in result.findings:
        if f.fix is None:
            continue
        if rules and f.rule_id not in rules and f.category not in rules:
            continue
        if servers and f.server not in servers:
            continue
        if not f.fix.safe and not unsafe:
            held_back.add(f.fix.id)
            continue
        chosen.append(f)
    return chosen, len(held_back)


ANSWERS = {"y": "yes", "yes": "yes", "n": "no", "no": "no", "": "no", "a": "all", "all": "all"}
ANSWERS |= {"q": "quit", "quit": "quit"}
YES_NO = {"y": "yes", "yes": "yes", "": "no", "n": "no", "no": "no", "q": "no", "quit": "no"}


def _prompt(question: str, keys: str, hint: str, answers: dict[str, str], at_eof: str) -> str:
    """Ask until one of `answers` is typed; end of input gives `at_eof`, so a closed pipe
    never applies anything."""
    while True:
        sys.stdout.write(f"{question} {keys} ")
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            _out("")
            return at_eof
        answer = line.strip().lower()
        if answer in answers:
            return answers[answer]
        _out(hint)


def _ask(question: str) -> str:
    """yes / no / all (this and every remaining change) / quit (stop asking, write nothing
    more). End of input counts as quit."""
    return _prompt(
        question, "[y]es/[N]o/[a]ll remaining/[q]uit", "answer y, n, a or q", ANSWERS, "quit"
    )


def _header(fx) -> str:  # type: ignore[no-untyped-def]
    kind = "safe" if fx.safe else "unsafe"
    return f"# {fx.rule_id} ({kind}): {one_line(fx.description, WHOLE)}"


def _show_and_apply(  # type: ignore[no-untyped-def]
    plan, dry_run: bool, yes: bool, store, result: ScanResult | None = None
) -> int:
    from mcpaudit.fix import apply, plan_fixes

    for s in plan.skipped:
        _out(f"skipped {s.fix.id}: {one_line(s.reason, 300)}")
    for note in plan.notes:
        _out(f"note: {one_line(note, 400)}")
    if plan.empty:
        _out("nothing to change")
        return EXIT_ERROR if plan.skipped else EXIT_OK
    if dry_run or yes:
        for fp in plan.files:
            _out("")
            for fx in fp.fixes:
                _out(_header(fx))
            sys.stdout.write(clean(fp.diff))
        if dry_run:
            skipped = f", {len(plan.skipped)} skipped" if plan.skipped else ""
            _out(
                f"\n(dry run: nothing written; {len(plan.fixes)} fix(es) in "
                f"{len(plan.files)} file(s) shown{skipped})"
            )
            return EXIT_OK
        final = plan
    else:
        # One question per change, each with its own diff: quarantining one server and
        # pinning another are two decisions, even in the same file.
        wanted = list(plan.fixes)
        accepted = []
        answer = "no"
        for i, fx in enumerate(wanted, 1):
            if answer != "all":
                _out("")
                _out(f"[{i}/{len(wanted)}] " + _header(fx))
                sys.stdout.write(clean(plan_fixes([fx], result, store).diff))
                answer = _ask("Apply this change?")
                if answer == "quit":
                    break
            if answer in ("yes", "all"):
                accepted.append(fx)
        final = plan_fixes(accepted, result, store) if accepted else None
        if final is None or final.empty:
            _out("nothing written")
            return EXIT_OK
    applied = apply(final, store)
    for message in applied.messages:
        _out(one_line(message, 400))
    _out(
        f"applied {len(final.fixes)} fix(es) to {len(final.files)} file(s); backups in "
        f"{applied.transaction.folder} — `mcpaudit undo` reverts them"
    )
    for line in partly_fixed(final.fixes):
        _out(line)
    return EXIT_OK


def partly_fixed(fixes) -> list[str]:  # type: ignore[no-untyped-def]
    """What a chmod for a secret did and what it left: per file, the secret stays in it."""
    by_file: dict[str, list[str]] = {}
    for fx in fixes:
        if "-chmod-secret-" in fx.id:
            by_file.setdefault(fx.path, []).append(fx.rule_id)
    return [
        f"partly fixed: {len(rules)} secret(s) stay in their file ({one_line(path, WHOLE)}), "
        "because the client cannot read them from anywhere else. Done: the file is now 0600, "
        "so other accounts cannot read it; those findings stay. What remains: `mcpaudit fix "
        "--unsafe --rule MCP101` moves an env secret into the OS keychain and starts the "
        "server through `mcpaudit run` (needs the keyring extra); then rotate the credential."
        for path, rules in by_file.items()
    ]


def run_fix_command(
    options: ScanOptions,
    rules: Sequence[str],
    servers: Sequence[str],
    dry_run: bool,
    unsafe: bool,
    yes: bool,
    secret_store: str | None,
) -> int:
    from mcpaudit.fix import plan_fixes
    from mcpaudit.fix.secretstore import make_store

    if not dry_run and not _recover()[0]:
        return EXIT_ERROR
    result = scan(options)
    chosen, held_back = select(result, rules, servers, unsafe)
    for line in _needs_a_folder(result, rules, servers, options):
        _out(line)
    if held_back:
        _out(f"{held_back} more fix(es) may change behaviour: add --unsafe to include them")
    if not chosen:
        _out("no fixable findings" + (" matched" if rules or servers else ""))
        return EXIT_OK
    try:
        store = make_store(secret_store)  # names are checked against it while planning
        return _show_and_apply(plan_fixes(chosen, result, store), dry_run, yes, store, result)
    except FixError as exc:
        _err(str(exc))
        return EXIT_ERROR


def _needs_a_folder(
    result: ScanResult, rules: Sequence[str], servers: Sequence[str], options: ScanOptions
) -> list[str]:
    """MCP320 has no fix until the user names the folder to keep: say so, with candidates."""
    if rules and not {"MCP320", "broad_filesystem"} & set(rules):
        return []
    from mcpaudit.fix import FixContext
    from mcpaudit.fix.providers import filesystem

    ctx = FixContext.from_result(result, **options.fix_options)
    projects = filesystem.known_projects(result)
    return [
        f"MCP320 {f.server!r} ({one_line(f.evidence or '', 80)}): "
        + one_line(filesystem.explain(f, ctx, projects), 400)
        for f in result.findings
        if f.rule_id == "MCP320" and f.fix is None and (not servers or f.server in servers)
    ]


def _recover(transaction: str | None = None) -> tuple[bool, bool]:
    """Roll back an interrupted earlier fix, saying so: (ok, that was the undo asked
    for: a bare `undo`, or `undo ID` of the transaction just rolled back)."""
    from mcpaudit.fix.applying import recover

    try:
        done = recover()
    except FixError as exc:
        _err(str(exc))
        return False, False
    for message in done.messages:
        _out(one_line(message, 400))
    if transaction is None:
        return True, done.interrupted
    return True, transaction in done.transactions


def run_undo_command(transaction: str | None, list_only: bool, force: bool) -> int:
    from mcpaudit.fix import list_transactions, undo

    if list_only:
        try:
            txs = list_transactions()
        except FixError as exc:
            _err(str(exc))
            return EXIT_ERROR
        if not txs:
            _out("no fixes recorded")
        for tx in txs:
            state = f"undone {tx.undone}" if tx.undone else tx.status
            _out(f"{tx.id}  {tx.created}  {state}")
            for f in tx.files:
                _out(f"    {one_line(f.path, WHOLE)}  (backup: {tx.folder / f.backup})")
                for fx in f.fixes:  # whole: the description is what the fix did
                    what = one_line(str(fx.get("description")), WHOLE)
                    _out(f"      - {fx.get('rule_id')}: {what}")
        return EXIT_OK
    ok, done = _recover(transaction)
    if not ok:
        return EXIT_ERROR
    if done:
        return EXIT_OK  # rolling back the interrupted fix was the undo
    try:
        tx = undo(transaction, force)
    except FixError as exc:
        _err(str(exc))
        return EXIT_ERROR
    for f in tx.files:  # the file written is named, not only the path it was found at
        real = "" if f.real_path == f.path else f" (the file {one_line(f.real_path, WHOLE)})"
        _out(f"restored {one_line(f.path, WHOLE)}{real}")
    for note in tx.notes:  # what it took out of the secret store
        _out(one_line(note, 400))
    _out(f"undid {tx.id}")
    return EXIT_OK


def run_restore_command(
    record: str | None, list_only: bool, dry_run: bool = False, yes: bool = False
) -> int:
    from mcpaudit.fix import apply_restore, plan_restore, quarantined

    if list_only or record is None:
        records = [r for r in quarantined() if r.status == "quarantined"]
        if not records:
            _out("no quarantined servers")
        for r in records:
            _out(f"{r.id}  {r.client}  {one_line(r.name)}  from {one_line(r.file, WHOLE)}")
        return EXIT_OK
    if not dry_run and not _recover()[0]:
        return EXIT_ERROR
    try:
        rp = plan_restore(record)
    except FixError as exc:
        _err(str(exc))
        return EXIT_ERROR
    fp = rp.plan.files[0]
    where = "its own bytes, where it was" if rp.exact else "written anew"
    _out(
        f"# restore {record}: server {one_line(rp.record.name)!s} into "
        f"{one_line(fp.path, WHOLE)} ({where})"
    )
    if rp.note:
        _out(f"note: {one_line(rp.note, 400)}")
    sys.stdout.write(clean(fp.diff))
    if dry_run:
        _out("\n(dry run: nothing written)")
        return EXIT_OK
    if not yes and _ask_yes_no("Restore this server?") != "yes":
        _out("nothing written")
        return EXIT_OK
    try:
        applied = apply_restore(rp)
    except FixError as exc:
        _err(str(exc))
        return EXIT_ERROR
    _out(
        f"restored {record} into {one_line(applied.files[0].path, WHOLE)}; "
        "`mcpaudit undo` takes it out again"
    )
    return EXIT_OK


def _ask_yes_no(question: str) -> str:
    """One change: yes or no (end of input is no, so a closed pipe writes nothing)."""
    return _prompt(question, "[y]es/[N]o", "answer y or n", YES_NO, "no")


def run_disable_command(
    options: ScanOptions, names: Sequence[str], client: str | None, dry_run: bool, yes: bool
) -> int:
    from mcpaudit.fix import FixContext, disable_fix, plan_fixes

    result = scan(replace(options, fixes=False))
    servers = [
        s for s in result.servers if s.name in names and (client is None or s.client == client)
    ]
    missing = set(names) - {s.name for s in servers}
    if missing:
        _err(f"no server named {', '.join(sorted(missing))}" + (f" in {client}" if client else ""))
        return EXIT_ERROR
    ctx = FixContext.from_result(result)
    fixes = [disable_fix(s, ctx) for s in servers if not s.disabled]
    if not fixes:
        why = "; ".join(f"{s.name} ({s.disabled_by or 'disabled'})" for s in servers)
        _out(f"already disabled: {one_line(why)}")
        return EXIT_OK
    try:
        return _show_and_apply(plan_fixes(fixes, result), dry_run, yes, None, result)
    except FixError as exc:
        _err(str(exc))
        return EXIT_ERROR
