"""`mcpaudit scan`, `mcpaudit report` and the no-argument default."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from mcpaudit import console
from mcpaudit.gcpause import gc_paused
from mcpaudit.model import ScanResult, Severity
from mcpaudit.output import write_report
from mcpaudit.report import FILE_FORMATS, render
from mcpaudit.sanitize import one_line
from mcpaudit.scan import ScanOptions, scan

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_code(result: ScanResult, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in result.findings) else EXIT_OK


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    _write(output, lambda: write_report(output, text.encode("utf-8")))


def _write(output: Path, write: Callable[[], None]) -> None:
    try:
        write()
    except (OSError, sqlite3.Error) as exc:
        from mcpaudit.cli import UsageError

        reason = getattr(exc, "strerror", None) or exc
        raise UsageError(f"cannot write {output}: {reason}") from None
    console.note(f"wrote {output}")


def emit_file(result: ScanResult, fmt: str, output: Path | None) -> None:
    """A format written as a file of its own (SQLite): atomically, or into a stream."""
    from importlib import import_module

    from mcpaudit.output import write_report_built

    if output is None:
        from mcpaudit.cli import UsageError

        raise UsageError(f"--format {fmt} writes a file: give it with -o PATH")
    build = import_module(FILE_FORMATS[fmt]).build
    _write(output, lambda: write_report_built(output, lambda tmp: build(result, tmp)))


def scan_for_command(options: ScanOptions) -> ScanResult:
    """Run the scan; with --live or --online, report progress on stderr (and check --server
    names); a failed --online refresh is said on stderr too (text reports show no notes)."""
    if not (options.live or options.online):
        result = _said(scan(options))
        _say_failures(result)
        return result

    def progress(message: str) -> None:
        kind, _, text = message.partition(": ")
        if kind in ("live", "online"):
            console.note(text)

    result = scan(options, progress)
    for note in result.notes:
        if note.startswith(("online advisory refresh", "online stage")):
            console.note(one_line(note, 300))
    _say_failures(result, skip=("online stage",))
    wanted = options.inspect.servers if options.inspect else ()
    known = {s.name for s in result.servers} | {s.id for s in result.servers}
    missing = [name for name in wanted if name not in known]
    if missing:
        from mcpaudit.cli import UsageError

        raise UsageError(f"--server: no configured server named {', '.join(missing)}")
    return _said(result)


def _said(result: ScanResult) -> ScanResult:
    """--verbose: what the scan read and found, and its notes."""
    if console.level() >= console.VERBOSE:
        read = sum(1 for f in result.files if f.status != "missing")
        console.detail(
            f"{read} config file(s) read, {len(result.servers)} server(s), "
            f"{len(result.findings)} finding(s), {len(result.suppressed)} suppressed, "
            f"in {result.duration_s:.2f} s"
        )
        for note in result.notes:
            console.detail(note)
    return result


def _say_failures(result: ScanResult, skip: tuple[str, ...] = ()) -> None:
    """A part of the scan that crashed (a rule, a collector, a stage) is one line on stderr:
    the rest of the scan went on, and the user should know what is missing."""
    for note in result.notes:
        if " failed: " in note and not note.startswith(skip):
            console.note(one_line(note, 300))


def run_scan_command(options: ScanOptions, fmt: str, output: Path | None, fail_on: str) -> int:
    if fmt in FILE_FORMATS and output is None:
        from mcpaudit.cli import UsageError

        raise UsageError(f"--format {fmt} writes a file: give it with -o PATH")
    result = scan_for_command(options)
    if fmt in FILE_FORMATS:
        emit_file(result, fmt, output)
        return exit_code(result, fail_on)
    with gc_paused():  # a 10,000-server report is ~500k fresh dicts and strings
        text = render(result, fmt)
    emit(text, output)
    return exit_code(result, fail_on)


def run_report_command(options: ScanOptions, output: Path) -> int:
    from mcpaudit.cli import _format_for
    from mcpaudit.report import FORMATS

    result = scan_for_command(options)
    # Like `scan -o`: the suffix decides (.json, .sarif, .txt); anything else is Markdown.
    fmt = _format_for(output) if output.suffix.lower() in (".json", ".sarif", ".txt") else None
    fmt = fmt or ("markdown" if "markdown" in FORMATS else "text")
    emit(render(result, fmt), output)
    return EXIT_OK


def run_default(options: ScanOptions) -> int:
    """No command: the TUI when it is available and stdout is a terminal, else the text report."""
    if sys.stdout.isatty():
        try:
            from mcpaudit.tui.app import run_tui
        except ImportError:
            run_tui = None
        if run_tui is not None:
            return run_tui(options)
    result = scan(options)
    sys.stdout.write(render(result, "text"))
    return exit_code(result, "high")  # as `scan` would: a script can rely on it
