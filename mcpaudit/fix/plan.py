"""Fixes -> a plan: per file, the new bytes, a re-parse check and a redacted unified diff.

Nothing is written here. A plan records the sha256 the scan saw for each file and
`apply` refuses to write when the file no longer has it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcpaudit.config.document import ParseError, parse_text
from mcpaudit.config.read import ReadError, read_bounded
from mcpaudit.model import ConfigFile, Edit, Finding, Fix, ScanResult
from mcpaudit.redact import redact_in
from mcpaudit.secrets import mask_secrets

from . import pointer as ptr
from .batch import Key, StoreFor, assign_names, rename_fix
from .errors import FixError
from .ops import TEXT_OPS, apply_text_edits
from .semantic import changed_pointers
from .splice import span_of
from .textio import TextFile, split_lines

if TYPE_CHECKING:
    from .secretstore import SecretStore

MAX_BYTES = 128 * 1024 * 1024  # ~/.claude.json can be this large
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


@dataclass(frozen=True)
class Skipped:
    """A fix left out of a plan, and why (shown to the user)."""

    fix: Fix
    reason: str


@dataclass(frozen=True)
class SecretMove:
    """A literal secret leaving the file: its new name, and where it was."""

    name: str
    pointer: str
    value: str = field(repr=False)
    fix_id: str = ""
    store: str | None = None  # a store the fix needs (the keychain launcher: "keyring")

    @property
    def shown(self) -> str:
        from mcpaudit.redact import redact

        return redact(self.value)


@dataclass(frozen=True)
class QuarantineMove:
    """A server entry leaving the file for mcpaudit's quarantine store."""

    client: str
    name: str
    pointer: str
    in_list: bool
    entry: Any = field(repr=False)
    # The exact text the entry took in the file and where (see `splice.span_of`), so that
    # `restore` can put back the same bytes at the same place.
    span: dict[str, Any] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class FilePlan:
    """Everything `apply` needs for one file; `diff` is safe to print (secrets redacted)."""

    path: str
    real_path: str  # symlinks resolved: the file that is written
    format: str
    fixes: tuple[Fix, ...]
    before: bytes = field(repr=False)
    after: bytes = field(repr=False)
    expected_sha256: str
    mode_before: int
    mode_after: int
    diff: str
    secrets: tuple[SecretMove, ...] = ()
    quarantine: tuple[QuarantineMove, ...] = ()

    @property
    def changes_bytes(self) -> bool:
        return self.before != self.after

    @property
    def changes_mode(self) -> bool:
        return self.mode_before != self.mode_after


@dataclass(frozen=True)
class Plan:
    """The result of `plan_fixes`: file plans to apply, and fixes left out with a reason."""

    files: tuple[FilePlan, ...]
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. a secret given a name of its own (GITHUB_TOKEN_2)

    @property
    def diff(self) -> str:
        """Every file's unified diff (and mode change), secrets redacted."""
        return "".join(f.diff for f in self.files)

    @property
    def fixes(self) -> tuple[Fix, ...]:
        return tuple(fx for f in self.files for fx in f.fixes)

    @property
    def empty(self) -> bool:
        return not self.files


def fix_order(fix: Fix) -> tuple[str, int, str, str, str]:
    """File, then fixes that remove a whole entry (quarantine) before edits inside it,
    then rule id, pointer and id: the same fixes always combine the same way."""
    first = fix.edits[0].pointer if fix.edits else ""
    removes_entry = any(e.op == "quarantine" for e in fix.edits)
    return (fix.path, 0 if removes_entry else 1, fix.rule_id, first, fix.id)


def plan_fixes(
    items: Iterable[Finding | Fix],
    result: ScanResult | None = None,
    secret_store: SecretStore | None = None,
) -> Plan:
    """Plan the fixes of `items` (findings without a fix are ignored).

    Fixes to one file are combined into one new text in a stable order (file, rule,
    pointer, id); a fix that overlaps one already taken is skipped with a reason.
    `result` gives the file formats and the sha256 each file had when scanned; without
    it the current content is taken as the reference. Moved secrets get one name per
    value across the whole plan, none taken in `secret_store` (default: the one
    `make_store()` picks) by another value (see `batch`).
    """
    fixes: dict[str, Fix] = {}
    for item in items:
        fix = item.fix if isinstance(item, Finding) else item
        if fix is not None:
            fixes.setdefault(fix.id, fix)
    by_path: dict[str, list[Fix]] = {}
    for fix in sorted(fixes.values(), key=fix_order):
        by_path.setdefault(fix.path, []).append(fix)
    known = {f.path: f for f in result.files} if result else {}
    files: list[FilePlan] = []
    skipped: list[Skipped] = []
    for path, file_fixes in by_path.items():
        try:
            plan, left_out = plan_file(path, file_fixes, known.get(path))
        except FixError as exc:
            skipped.extend(Skipped(fx, str(exc)) for fx in file_fixes)
            continue
        skipped.extend(left_out)
        if plan is not None:
            files.append(plan)
    if not any(fp.secrets for fp in files):
        return Plan(tuple(files), tuple(skipped))
    renames, notes = assign_names(files, _store_resolver(secret_store))
    for i, fp in enumerate(files):
        if fp.path not in renames:
            continue
        replanned, _ = plan_file(fp.path, fp.fixes, known.get(fp.path), renames[fp.path])
        if replanned is None or len(replanned.fixes) != len(fp.fixes):
            raise FixError(f"internal: renaming the secrets of {fp.path} changed its plan")
        files[i] = replanned
    return Plan(tuple(files), tuple(skipped), tuple(notes))


def _store_resolver(default: SecretStore | None) -> StoreFor:
    """Each move's store for naming: the one it names, else `default` (else the one
    `make_store()` picks); a store that cannot be opened counts as empty here (`apply`
    checks again before writing)."""
    from .secretstore import make_store

    opened: dict[str | None, SecretStore | None] = {}

    def store_for(move: SecretMove) -> SecretStore | None:
        key = move.store
        if key not in opened:
            if key is None and default is not None:
                opened[key] = default
            else:
                try:
                    opened[key] = make_store(key)
                except FixError:
                    opened[key] = None
        return opened[key]

    return store_for


def guess_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".jsonc": "jsonc"}.get(
        suffix, "jsonc"
    )


def plan_file(
    path: str,
    fixes: Sequence[Fix],
    cfg: ConfigFile | None,
    renames: Mapping[Key, str] | None = None,
) -> tuple[FilePlan | None, list[Skipped]]:
    fmt = cfg.format if cfg and cfg.format in ("json", "jsonc", "toml", "yaml") else None
    fmt = fmt or guess_format(path)
    real = os.path.realpath(path)
    try:
        raw = read_bounded(Path(real), MAX_BYTES)
    except ReadError as exc:
        raise FixError(f"cannot read {path}: {exc}") from None
    sha = hashlib.sha256(raw.raw).hexdigest()
    if cfg is not None and cfg.sha256 and cfg.sha256 != sha:
        raise FixError(f"{path} changed since it was scanned; scan again before fixing")
    tf = TextFile.from_bytes(raw.raw, raw.text)
    try:
        before_doc = parse_text(tf.text, fmt, Path(path))
    except ParseError as exc:
        raise FixError(f"cannot fix {path}: it does not parse ({exc})") from None
    mode_before = stat.S_IMODE(raw.mode)
    if renames:
        fixes = [rename_fix(fx, renames, before_doc.data) for fx in fixes]

    candidates: list[Fix] = []
    claims: list[tuple[str, str, str]] = []  # (pointer, op, fix id)
    left_out: list[Skipped] = []
    for fix in fixes:
        clash = _clash(fix, claims)
        if clash:
            left_out.append(Skipped(fix, f"overlaps fix {clash} on the same value; run again"))
            continue
        try:
            _side_effects(fix, before_doc.data)
        except FixError as exc:
            left_out.append(Skipped(fix, str(exc)))
            continue
        candidates.append(fix)
        claims.extend((e.pointer, e.op, fix.id) for e in fix.edits if e.op in TEXT_OPS)
    try:  # the usual case: everything applies together (one pass over a big file)
        new_text = _combined(tf, fmt, candidates)
        taken = candidates
    except FixError:
        taken = []
        for fix in candidates:  # find the fix that fails, keep the others
            try:
                apply_text_edits(tf.text, fmt, fix.edits, tf.newline)
            except FixError as exc:
                left_out.append(Skipped(fix, str(exc)))
                continue
            taken.append(fix)
        new_text = _combined(tf, fmt, taken)
    if not taken:
        return None, left_out
    edits = [e for fx in taken for e in fx.edits]
    check_result(tf.text, new_text, fmt, edits, before_doc.data, before_doc.needed_jsonc, path)
    mode_after = mode_before
    for e in edits:
        if e.op == "chmod":
            mode_after = int(e.value)
    secrets, quarantine = [], []
    for fx in taken:
        s, q = _side_effects(fx, before_doc.data)
        secrets.extend(s)
        quarantine.extend(replace(m, span=span_of(tf, fmt, m.pointer)) for m in q)
    after = tf.encode(new_text) if new_text != tf.text else raw.raw
    diff = render_diff(path, tf.text, new_text, mode_before, mode_after, secrets)
    plan = FilePlan(
        path=path,
        real_path=real,
        format=fmt,
        fixes=tuple(taken),
        before=raw.raw,
        after=after,
        expected_sha256=sha,
        mode_before=mode_before,
        mode_after=mode_after,
        diff=diff,
        secrets=tuple(secrets),
        quarantine=tuple(quarantine),
    )
    return plan, left_out


def _combined(tf: TextFile, fmt: str, fixes: Sequence[Fix]) -> str:
    return apply_text_edits(tf.text, fmt, [e for fx in fixes for e in fx.edits], tf.newline)


def _clash(fix: Fix, claims: list[tuple[str, str, str]]) -> str | None:
    for e in fix.edits:
        if e.op not in TEXT_OPS:
            continue
        for pointer, op, owner in claims:
            if e.op in ("append", "insert") and op in ("append", "insert"):
                continue
            if ptr.is_within(e.pointer, pointer) or ptr.is_within(pointer, e.pointer):
                return owner
    return None


def _side_effects(fix: Fix, data: Any) -> tuple[list[SecretMove], list[QuarantineMove]]:
    secrets: list[SecretMove] = []
    quarantine: list[QuarantineMove] = []
    for e in fix.edits:
        if e.op == "store_secret":
            text = ptr.get(data, e.pointer, None)
            if not isinstance(text, str):
                raise FixError(f"no text at {e.pointer}")
            start, end = int(e.value.get("start", 0)), int(e.value.get("end", len(text)))
            store = e.value.get("store")
            secrets.append(
                SecretMove(str(e.value["name"]), e.pointer, text[start:end], fix.id, store)
            )
        elif e.op == "quarantine":
            entry = ptr.get(data, e.pointer, None)
            if entry is None:
                raise FixError(f"no server entry at {e.pointer}")
            parent, _ = ptr.parent(e.pointer)
            in_list = isinstance(ptr.get(data, parent, None), list)
            quarantine.append(
                QuarantineMove(e.value["client"], e.value["name"], e.pointer, in_list, entry)
            )
    return secrets, quarantine


def allowed_pointers(edits: Sequence[Edit], data: Any) -> list[str]:
    """Where the semantic diff may show changes for these edits."""
    allowed = []
    for e in edits:
        if e.op not in TEXT_OPS:
            continue
        if e.op == "append":
            allowed.append(e.pointer)
            continue
        parent, _ = ptr.parent(e.pointer)
        if e.op == "insert" or isinstance(ptr.get(data, parent, None), list):
            allowed.append(parent)
        elif e.op == "rename":
            allowed += [e.pointer, ptr.child(parent, e.value)]
        else:
            allowed.append(e.pointer)
    return allowed


def check_result(
    before: str,
    after: str,
    fmt: str,
    edits: Sequence[Edit],
    before_data: Any,
    before_needed_jsonc: bool,
    path: str,
) -> Any:
    """The new text must parse, and differ from the old only where the edits point."""
    try:
        doc = parse_text(after, fmt, Path(path))
    except ParseError as exc:
        raise FixError(
            f"internal: the fixed {path} would not parse ({exc}); nothing written"
        ) from None
    if doc.needed_jsonc and not before_needed_jsonc:
        raise FixError(f"internal: the fix would add JSONC syntax to strict JSON in {path}")
    for e in edits:  # a value written must read back as itself
        if e.op == "set" and ptr.get(doc.data, e.pointer, e.value) != e.value:
            raise FixError(f"internal: {e.pointer} would not read back as written in {path}")
    allowed = allowed_pointers(edits, before_data)
    for changed in changed_pointers(before_data, doc.data):
        if not any(
            ptr.is_within(changed, a)
            or (ptr.is_within(a, changed) and not ptr.exists(before_data, changed))
            for a in allowed
        ):
            raise FixError(f"internal: the fix would also change {changed} in {path}")
    return doc.data


def render_diff(
    path: str,
    before: str,
    after: str,
    mode_before: int,
    mode_after: int,
    secrets: Sequence[SecretMove] = (),
) -> str:
    """A unified diff (only the changed region is compared: big files stay fast)."""
    out = []
    repo = git_root(path)
    if repo is not None:
        # A project file in a repository: the edit reaches everyone who clones it.
        out.append(
            f"# {path} is inside the git repository {repo}: this change affects everyone"
            " who clones it; commit it there (or keep the file out of the repository)\n"
        )
    if mode_before != mode_after:
        out.append(f"mode {path}: {mode_before:04o} -> {mode_after:04o}\n")
    if before != after:
        a, b = split_lines(before), split_lines(after)
        head = 0
        while head < min(len(a), len(b)) and a[head] == b[head]:
            head += 1
        tail = 0
        while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        start = max(0, head - 3)
        a_mid, b_mid = a[start : len(a) - max(0, tail - 3)], b[start : len(b) - max(0, tail - 3)]
        for line in difflib.unified_diff(a_mid, b_mid, f"a{path}", f"b{path}"):
            m = _HUNK.match(line)
            if m:
                line = _shift_hunk(m, start) + line[m.end() :]
            if not line.endswith("\n"):
                line += "\n\\ No newline at end of file\n"
            if not line.startswith(("+++", "---", "@@")):
                for s in secrets:
                    line = redact_in(line, s.value)
                line = mask_secrets(line)
            out.append(line)
    return "".join(out)


def git_root(path: str) -> str | None:
    """The working tree holding `path` (a `.git` folder or file above it), if any."""
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(64):
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return None


def _shift_hunk(m: re.Match[str], offset: int) -> str:
    a, b = int(m.group(1)) + offset, int(m.group(3)) + offset
    return f"@@ -{a}{m.group(2) or ''} +{b}{m.group(4) or ''} @@"
